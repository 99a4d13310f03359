package jp.daicho.inventory.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;

import jp.daicho.inventory.yaml.YamlDocument;

class PolicyDocumentTest {

    @Test
    void theDefaultPolicyNamesTheFourCategoriesAndForbidsProvidingSensitiveData() throws Exception {
        var policy = PolicyDocument.read(new ClassPathResource(PolicyRepository.DEFAULT).getContentAsString(StandardCharsets.UTF_8),
                "default-policy.yml");

        assertThat(policy.categories()).containsOnlyKeys("customer", "partner", "employee", "applicant");
        assertThat(policy.categories().get("employee").label()).isEqualTo("社員情報");
        assertThat(policy.purpose("employee", "health")).isPresent();
        assertThat(policy.purpose("applicant", "recruitment").orElseThrow().text()).contains("採用");
        assertThat(policy.sensitive().thirdPartyProvision()).isFalse();
        assertThat(policy.sensitive().jointUse()).isFalse();
        assertThat(policy.provision().optOut()).isFalse();
        assertThat(policy.entrustment()).isTrue();
    }

    static Stream<Path> examples() throws Exception {
        return Files.list(Path.of("../../docs/policies")).filter(p -> p.toString().endsWith(".yml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theExamplePoliciesFromTheOtherSeedsLoad(Path file) throws Exception {
        var policy = PolicyDocument.read(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());

        assertThat(policy.categories()).containsKey("customer");
        assertThat(policy.categories().get("customer").purposes()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(policy.company().name()).isNotBlank();
        assertThat(policy.requests()).as("what the seed publishes about requests").isNotEqualTo(Policy.Requests.UNSTATED);
        assertThat(policy.requests().desk()).isNotBlank();
        assertThat(policy.requests().channels()).isNotEmpty().isSubsetOf(Policy.Requests.CHANNELS);
        assertThat(policy.requests().targetDays()).isPositive();
    }

    /** Each seed's policy as the seed states it: its purposes, the company's address and representative, its measures. */
    @Test
    void everySeedsPurposesAddressRepresentativeAndMeasuresAreThere() throws Exception {
        record Expected(String file, int purposes, String address, String representative, List<String> measures) {
        }
        var seeds = List.of(
                new Expected("001-kusavee.yml", 10, "", "", List.of("TECHNICAL", "ORGANIZATIONAL")),
                new Expected("002-kuookurop.yml", 11, "東京都千代田区九段南 1-5-6", "北垣卓", List.of("BASIC_POLICY", "RULES",
                        "ORGANIZATIONAL", "HUMAN", "PHYSICAL", "TECHNICAL", "EXTERNAL_ENVIRONMENT")),
                new Expected("003-member-service.yml", 11, "", "", List.of("HUMAN", "TECHNICAL")),
                new Expected("004-nico.yml", 6, "山口県下関市豊北町神田3489−2", "", List.of("BASIC_POLICY", "HUMAN",
                        "ORGANIZATIONAL", "RULES", "PHYSICAL", "TECHNICAL", "EXTERNAL_ENVIRONMENT")));
        for (var seed : seeds) {
            var policy = PolicyDocument.read(Files.readString(Path.of("../../docs/policies/" + seed.file()), StandardCharsets.UTF_8),
                    seed.file());
            assertThat(policy.categories().get("customer").purposes()).as(seed.file()).hasSize(seed.purposes());
            assertThat(policy.company().address()).as(seed.file()).contains(seed.address());
            assertThat(policy.company().representative()).as(seed.file()).contains(seed.representative());
            assertThat(policy.securityMeasures()).as(seed.file()).extracting(m -> m.kind().name())
                    .containsExactlyElementsOf(seed.measures());
            assertThat(policy.securityMeasures()).allSatisfy(m -> assertThat(m.text()).isNotBlank());
        }
        // Seed 000 is the default policy: its manager and security measures, and its representative.
        var seed000 = PolicyDocument.read(new ClassPathResource(PolicyRepository.DEFAULT).getContentAsString(StandardCharsets.UTF_8),
                "default-policy.yml");
        assertThat(seed000.company().representative()).isEqualTo("代表取締役社長 具志林太郎");
        assertThat(seed000.securityMeasures()).extracting(m -> m.kind().name()).containsExactly("ORGANIZATIONAL", "TECHNICAL");
        assertThat(seed000.categories().values().stream().mapToInt(c -> c.purposes().size()).sum()).isEqualTo(15);
    }

    @Test
    void theRequestsSectionCarriesTheDeskChannelsIdentityCheckFeeAndTarget() throws Exception {
        var seed002 = PolicyDocument.read(Files.readString(Path.of("../../docs/policies/002-kuookurop.yml"),
                StandardCharsets.UTF_8), "002-kuookurop.yml");
        assertThat(seed002.requests().identityDocuments()).containsExactly("運転免許証", "マイナンバーカード");
        assertThat(seed002.requests().contact()).contains("03-5468-7972");
        assertThat(seed002.requests().channels()).containsExactly("post", "phone", "email");
        assertThat(seed002.requests().clause()).isEqualTo("第7条（開示等の手続）");

        var defaults = PolicyDocument.read(new ClassPathResource(PolicyRepository.DEFAULT).getContentAsString(StandardCharsets.UTF_8),
                "default-policy.yml");
        assertThat(defaults.requests().targetDays()).isEqualTo(14);
        assertThat(defaults.requests().feeYen()).isNull();

        String wrong = """
                version: "x"
                effective_from: 2026-01-01
                company: {name: 例}
                categories:
                  customer:
                    purposes: [{id: a, text: 目的}]
                requests:
                  channels: [fax]
                  fee_yen: 千円
                  target_days: 0
                """;
        assertThatThrownBy(() -> PolicyDocument.read(wrong, "policy.yml")).isInstanceOf(YamlDocument.Invalid.class)
                .satisfies(e -> assertThat(((YamlDocument.Invalid) e).problems()).extracting(jp.daicho.vocabulary.Words::english)
                        .anySatisfy(p -> assertThat(p).contains("'fax' is not one of the channels"))
                        .anySatisfy(p -> assertThat(p).contains("'千円' is not the fee in yen"))
                        .anySatisfy(p -> assertThat(p).contains("requests.target_days: must be at least 1 day")));
    }

    @Test
    void errorsNameTheLineAndEveryProblemAtOnce() {
        String yaml = """
                version: "x"
                effective_from: 2026-13-01
                company: {name: 例}
                categories:
                  customer:
                    purposes:
                      - {id: a, text: 目的}
                      - {id: a, text: 重複}
                  Visitors:
                    purposes: []
                retention:
                  - {category: customer, period: one year}
                provison: {}
                """;

        assertThatThrownBy(() -> PolicyDocument.read(yaml, "policy.yml")).isInstanceOf(YamlDocument.Invalid.class)
                .satisfies(e -> assertThat(((YamlDocument.Invalid) e).problems()).extracting(jp.daicho.vocabulary.Words::japanese)
                        .anySatisfy(p -> assertThat(p).startsWith("policy.yml:2: effective_from: '2026-13-01' は日付ではありません")))
                .satisfies(e -> assertThat(((YamlDocument.Invalid) e).problems()).extracting(jp.daicho.vocabulary.Words::english)
                        .anySatisfy(p -> assertThat(p).startsWith("policy.yml:2: effective_from: '2026-13-01' is not a date"))
                        .anySatisfy(p -> assertThat(p).startsWith("policy.yml:8: categories.customer.purposes[1].id: purpose id 'a' is declared twice"))
                        .anySatisfy(p -> assertThat(p).contains("policy.yml:10: categories.Visitors: a category's code is lower-case"))
                        .anySatisfy(p -> assertThat(p).contains("categories.Visitors.purposes: a category needs at least one purpose"))
                        .anySatisfy(p -> assertThat(p).contains("policy.yml:12:").contains("'one year' is not an ISO-8601 period"))
                        .anySatisfy(p -> assertThat(p).contains("policy.yml:13: provison: unknown key")));
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThatThrownBy(() -> PolicyDocument.read("version: [\n", "policy.yml"))
                .hasMessageStartingWith("policy.yml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> PolicyDocument.read("", "policy.yml")).hasMessage("policy.yml: the document is empty");
    }
}
