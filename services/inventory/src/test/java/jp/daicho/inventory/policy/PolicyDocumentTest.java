package jp.daicho.inventory.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void theRequestsSectionCarriesTheDeskChannelsIdentityCheckFeeAndTarget() throws Exception {
        var seed002 = PolicyDocument.read(Files.readString(Path.of("../../docs/policies/002-kuookurop.yml"),
                StandardCharsets.UTF_8), "002-kuookurop.yml");
        assertThat(seed002.requests().identityDocuments()).containsExactly("運転免許証", "マイナンバーカード");
        assertThat(seed002.requests().contact()).contains("03-5468-7972");
        assertThat(seed002.requests().channels()).containsExactly("post", "phone");
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
                  visitors:
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
                        .anySatisfy(p -> assertThat(p).contains("policy.yml:9: categories.visitors: unknown key"))
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
