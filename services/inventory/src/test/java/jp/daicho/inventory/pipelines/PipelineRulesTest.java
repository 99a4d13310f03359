package jp.daicho.inventory.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import jp.daicho.inventory.pipelines.PipelineRules.Destination;
import jp.daicho.inventory.pipelines.PipelineRules.FieldFact;
import jp.daicho.inventory.pipelines.PipelineRules.Violation;
import jp.daicho.inventory.policy.Policy;
import jp.daicho.inventory.policy.PolicyDocument;
import jp.daicho.inventory.yaml.YamlDocument;

class PipelineRulesTest {

    final Policy policy = PolicyDocument.read(read("policy/default-policy.yml"), "default-policy.yml");

    static String read(String resource) {
        try {
            return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static PipelineManifest manifest(String basis, String extra) {
        return PipelineManifest.read("""
                id: p1
                owner: eng@example.jp
                source:
                  - dataset: shop.public.members
                    fields: [email, notes]
                destination: {party: recipient}
                purposes: {customer: [contact]}
                legal_basis: %s
                %s
                """.formatted(basis, extra), "p1.yml");
    }

    static final FieldFact EMAIL = new FieldFact("shop.public.members", "email", "email", "customer", false);
    static final FieldFact DIAGNOSIS = new FieldFact("shop.public.members", "notes", "medical", "customer", true);
    static final Destination THIRD_PARTY = new Destination("recipient", false, "THIRD_PARTY", "JP", null);

    static List<String> rules(List<Violation> violations) {
        return violations.stream().map(Violation::rule).toList();
    }

    @Test
    void sensitiveDataIsNeverProvidedByOptOutNorToThirdPartiesWhenThePolicyForbidsIt() {
        var violations = PipelineRules.check(manifest("OPT_OUT", "record_mode: EACH_TIME"), policy, List.of(EMAIL, DIAGNOSIS), THIRD_PARTY);

        assertThat(rules(violations)).contains("sensitive-by-opt-out", "sensitive-to-third-party", "opt-out-not-declared");
        assertThat(violations).filteredOn(v -> v.rule().equals("sensitive-by-opt-out")).singleElement()
                .satisfies(v -> {
                    assertThat(v.clause()).isEqualTo("APPI Art. 27(2) proviso");
                    assertThat(v.field()).isEqualTo("notes");
                    assertThat(v.message()).contains("shop.public.members.notes is sensitive");
                });
        assertThat(violations).filteredOn(v -> v.rule().equals("sensitive-to-third-party"))
                .allSatisfy(v -> assertThat(v.clause()).isEqualTo("要配慮個人情報の取得"));
    }

    @Test
    void aValidConsentProvisionPasses() {
        assertThat(PipelineRules.check(manifest("CONSENT", "record_mode: EACH_TIME"), policy, List.of(EMAIL), THIRD_PARTY)).isEmpty();
    }

    @Test
    void purposesMustBeThePolicysForEveryCategoryInvolved() {
        var m = PipelineManifest.read("""
                id: p2
                owner: eng@example.jp
                source: [{dataset: hr.public.staff, fields: [email]}]
                destination: {system: analytics}
                purposes: {customer: [contact, resale], visitors: [x]}
                legal_basis: INTERNAL
                """, "p2.yml");
        var staffEmail = new FieldFact("hr.public.staff", "email", "email", "employee", false);

        var violations = PipelineRules.check(m, policy, List.of(staffEmail), new Destination("analytics", true, "US", "JP", null));

        assertThat(rules(violations)).containsExactlyInAnyOrder("purpose-not-declared", "unknown-category", "no-purpose-for-category");
        assertThat(violations).filteredOn(v -> v.rule().equals("purpose-not-declared")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("line 5").contains("'resale'").contains("[service, billing"));
    }

    @Test
    void myNumbersAreNotProvidedAtAll() {
        var myNumber = new FieldFact("hr.public.staff", "kojin_bango", "my_number", "customer", false);

        assertThat(rules(PipelineRules.check(manifest("CONSENT", "record_mode: EACH_TIME"), policy, List.of(myNumber), THIRD_PARTY)))
                .contains("my-number-provided");
        assertThat(rules(PipelineRules.check(manifest("ENTRUSTMENT", ""), policy, List.of(myNumber),
                new Destination("payroll-co", false, "CONTRACTOR", "JP", "契約-2024-001")))).doesNotContain("my-number-provided");
    }

    @Test
    void myNumbersAreUsedOnlyForTheTasksThePolicyListsAndPassOnlyAsTheActAllows() {
        var handled = PolicyDocument.read(read("policy/default-policy.yml").replace("my_number: false", """
                my_number:
                  purposes: [employee:hr]
                  clause: 個人番号の利用目的"""), "with-my-number.yml");
        var myNumber = new FieldFact("hr.public.staff", "kojin_bango", "my_number", "employee", false);
        var payroll = new Destination("payroll", true, "US", "JP", null);
        java.util.function.Function<String, PipelineManifest> internal = purposes -> PipelineManifest.read("""
                id: p2
                owner: hr@example.jp
                source: [{dataset: hr.public.staff, fields: [kojin_bango]}]
                destination: {system: payroll}
                purposes: {employee: [%s]}
                legal_basis: INTERNAL
                """.formatted(purposes), "p2.yml");

        // Within the listed task: passes. Beside another purpose (work management, as for a marketing list): refused.
        assertThat(rules(PipelineRules.check(internal.apply("hr"), handled, List.of(myNumber), payroll)))
                .doesNotContain("my-number-use-limit");
        var outside = PipelineRules.check(internal.apply("hr, work-management"), handled, List.of(myNumber), payroll);
        assertThat(outside).filteredOn(v -> v.rule().equals("my-number-use-limit")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("[employee:work-management]", "[employee:hr]"))
                .satisfies(v -> assertThat(v.clause()).contains("My Number Act Art. 9", "個人番号の利用目的"));
        // A policy that does not handle My Numbers: any pipeline carrying them is refused.
        assertThat(rules(PipelineRules.check(internal.apply("hr"), policy, List.of(myNumber), payroll))).contains("my-number-use-limit");
        // A business succeeded to may carry them (番号法 Art. 19); consent never makes it lawful.
        assertThat(jp.daicho.vocabulary.LegalBasis.BUSINESS_SUCCESSION.allowsMyNumber()).isTrue();
        assertThat(jp.daicho.vocabulary.LegalBasis.CONSENT.allowsMyNumber()).isFalse();
        assertThat(jp.daicho.vocabulary.LegalBasis.JOINT_USE.allowsMyNumber()).isFalse();
    }

    @Test
    void aPolicyListsTheTasksForMyNumbersOrIsRefusedSayingSo() {
        var unlisted = org.assertj.core.api.Assertions.catchThrowable(() -> PolicyDocument.read(
                read("policy/default-policy.yml").replace("my_number: false", "my_number: true"), "p.yml"));
        assertThat(unlisted).hasMessageContaining("my_number");
        var unknown = org.assertj.core.api.Assertions.catchThrowable(() -> PolicyDocument.read(
                read("policy/default-policy.yml").replace("my_number: false", "my_number: {purposes: [employee:marketing]}"),
                "p.yml"));
        assertThat(unknown).hasMessageContaining("'employee:marketing' is not a category:purpose this policy declares");
    }

    @Test
    void specialCareIsNotRequiresCareAndAPolicyHandlingItProvidesItOnlyByLawOrConsent() {
        var union = new FieldFact("hr.public.staff", "kumiai", "union_membership", "customer", true);
        var medical = new FieldFact("hr.public.staff", "byoreki", "medical", "customer", true);
        // The statute: only 要配慮 is barred from opt-out; union membership is special care (機微), not 要配慮.
        var optOut = rules(PipelineRules.check(manifest("OPT_OUT", "record_mode: EACH_TIME"), policy, List.of(union, medical),
                THIRD_PARTY));
        assertThat(optOut).contains("sensitive-by-opt-out").doesNotContain("special-care-provided");
        assertThat(PipelineRules.check(manifest("OPT_OUT", "record_mode: EACH_TIME"), policy, List.of(union), THIRD_PARTY))
                .extracting(PipelineRules.Violation::rule).doesNotContain("sensitive-by-opt-out");
        // Seed 001 handles 機微 as the financial-sector guidelines ask: never by opt-out or joint use; with consent, yes.
        var seed001 = PolicyDocument.read(readFile("../../docs/policies/001-kusavee.yml"), "001-kusavee.yml");
        assertThat(seed001.sensitive().specialCare()).isTrue();
        assertThat(PipelineRules.check(manifest("OPT_OUT", "record_mode: EACH_TIME"), seed001, List.of(union), THIRD_PARTY))
                .filteredOn(v -> v.rule().equals("special-care-provided")).singleElement()
                .satisfies(v -> assertThat(v.clause()).contains("3. 機微(センシティブ)情報の取り扱い"));
        assertThat(rules(PipelineRules.check(manifest("CONSENT", "record_mode: EACH_TIME"), seed001, List.of(union), THIRD_PARTY)))
                .doesNotContain("special-care-provided");
    }

    @Test
    void dataHeldForAClientIsNeitherCombinedWithOursNorProvidedOnwardButMayGoBack() {
        var clientEmail = new FieldFact("shop.public.members", "email", "email", "customer", false, "client-co");
        var ourEmail = new FieldFact("shop.public.orders", "mail", "email", "customer", false);
        var toClient = new Destination("client-co", false, "THIRD_PARTY", "JP", null);

        assertThat(rules(PipelineRules.check(manifest("CONSENT", "record_mode: EACH_TIME"), policy, List.of(clientEmail, ourEmail),
                THIRD_PARTY))).contains("processor-data-combined", "processor-data-provided");
        // Back to the client it came from: returned, not provided onwards.
        assertThat(rules(PipelineRules.check(manifest("CONSENT", "record_mode: EACH_TIME"), policy, List.of(clientEmail), toClient)))
                .doesNotContain("processor-data-provided", "processor-data-combined");
        // Within the entrusted work: to a subcontractor, or within the company.
        assertThat(rules(PipelineRules.check(manifest("ENTRUSTMENT", ""), policy, List.of(clientEmail),
                new Destination("sub-co", false, "CONTRACTOR", "JP", "契約-1")))).doesNotContain("processor-data-provided");
        // Two clients' data in one pipeline is combining too.
        var otherClient = new FieldFact("crm.public.contacts", "mail", "email", "customer", false, "other-client");
        assertThat(PipelineRules.check(manifest("ENTRUSTMENT", ""), policy, List.of(clientEmail, otherClient),
                new Destination("sub-co", false, "CONTRACTOR", "JP", "契約-1"))).filteredOn(v -> v.rule().equals("processor-data-combined"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("[client-co, other-client]", "another client's data"));
    }

    static String readFile(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void entrustmentNeedsAContractorWithAContract() {
        var noContract = new Destination("mailer", false, "CONTRACTOR", "JP", null);

        assertThat(rules(PipelineRules.check(manifest("ENTRUSTMENT", ""), policy, List.of(EMAIL), noContract)))
                .containsExactly("entrustment-without-contract");
        assertThat(rules(PipelineRules.check(manifest("ENTRUSTMENT", ""), policy, List.of(EMAIL), THIRD_PARTY)))
                .contains("entrustment-to-non-contractor");
    }

    @Test
    void aContractorSupervisedLongAgoIsOverdue() {
        var overdue = new Destination("mailer", false, "CONTRACTOR", "JP", "契約-1", true);
        assertThat(rules(PipelineRules.check(manifest("ENTRUSTMENT", ""), policy, List.of(EMAIL), overdue)))
                .containsExactly("supervision-overdue");
        assertThat(rules(PipelineRules.check(manifest("ENTRUSTMENT", ""), policy, List.of(EMAIL),
                new Destination("mailer", false, "CONTRACTOR", "JP", "契約-1", false)))).isEmpty();
    }

    @Test
    void crossBorderNeedsABasisAndAdequacyOnlyForTheEeaAndTheUk() {
        var us = new Destination("mailer", false, "CONTRACTOR", "US", "契約-1");
        var de = new Destination("mailer", false, "CONTRACTOR", "DE", "契約-1");

        assertThat(rules(PipelineRules.check(manifest("ENTRUSTMENT", ""), policy, List.of(EMAIL), us)))
                .contains("cross-border-without-basis", "country-not-in-policy");
        assertThat(rules(PipelineRules.check(manifest("ENTRUSTMENT", "cross_border: {basis: ADEQUACY}"), policy, List.of(EMAIL), us)))
                .contains("cross-border-not-adequate");
        assertThat(rules(PipelineRules.check(manifest("ENTRUSTMENT", "cross_border: {basis: ADEQUACY}"), policy, List.of(EMAIL), de)))
                .doesNotContain("cross-border-not-adequate", "cross-border-without-basis");
    }

    @Test
    void jointUseMustPublishAllFiveItemsAndLegalExceptionsTheirItem() throws Exception {
        var seed001 = PolicyDocument.read(java.nio.file.Files.readString(java.nio.file.Path.of("../../docs/policies/001-kusavee.yml")),
                "001-kusavee.yml");
        var jointUser = new Destination("partner-co", false, "JOINT_USER", "JP", null);

        var violations = PipelineRules.check(manifest("JOINT_USE", "joint_use: partners"), seed001, List.of(EMAIL), jointUser);

        assertThat(violations).filteredOn(v -> v.rule().equals("joint-use-incomplete")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("address", "representative"));
        assertThat(rules(PipelineRules.check(manifest("LEGAL_EXCEPTION", ""), policy, List.of(EMAIL), THIRD_PARTY)))
                .containsExactly("legal-exception-without-item");
        assertThat(rules(PipelineRules.check(manifest("LEGAL_EXCEPTION", "legal_exception_item: 1"), policy, List.of(EMAIL), THIRD_PARTY)))
                .isEmpty();
    }

    @Test
    void batchRecordsAreNotAllowedForOptOut() {
        assertThat(rules(PipelineRules.check(manifest("OPT_OUT", "record_mode: BATCH"), policy, List.of(EMAIL), THIRD_PARTY)))
                .contains("opt-out-record-mode");
        assertThat(rules(PipelineRules.check(manifest("CONSENT", ""), policy, List.of(EMAIL), THIRD_PARTY)))
                .containsExactly("record-mode-missing");
    }

    @Test
    void aBrokenManifestNamesItsLines() {
        assertThatThrownBy(() -> PipelineManifest.read("""
                id: "bad id!"
                source: []
                destination: {system: a, party: b}
                legal_basis: MAYBE
                """, "m.yml")).isInstanceOf(YamlDocument.Invalid.class)
                .satisfies(e -> assertThat(((YamlDocument.Invalid) e).problems()).extracting(jp.daicho.vocabulary.Words::japanese)
                        .anySatisfy(p -> assertThat(p).startsWith("m.yml:1: id: 'bad id!' はパイプラインの id になりません")))
                .satisfies(e -> assertThat(((YamlDocument.Invalid) e).problems()).extracting(jp.daicho.vocabulary.Words::english)
                        .anySatisfy(p -> assertThat(p).startsWith("m.yml:1: id: 'bad id!' is not a pipeline id"))
                        .anySatisfy(p -> assertThat(p).startsWith("m.yml:3: destination: name exactly one"))
                        .anySatisfy(p -> assertThat(p).startsWith("m.yml:4: legal_basis: 'MAYBE' is not one of"))
                        .anySatisfy(p -> assertThat(p).contains("owner: is missing")));
    }

    /** The declared ad tag's fields: none identifies anyone, and the dataset is linked to nothing. */
    static List<FieldFact> adPixel(String... fields) {
        var items = java.util.Map.of("cookie_id", "device_id", "viewed_pages", "behavior", "device", "device_id", "age_band", "age",
                "gender", "gender");
        return java.util.Arrays.stream(fields).map(f -> new FieldFact("website.tags.ad-pixel", f, items.get(f), "customer", false,
                null, false)).toList();
    }

    static Policy seed(String file) throws Exception {
        return PolicyDocument.read(java.nio.file.Files.readString(java.nio.file.Path.of("../../docs/policies/" + file)), file);
    }

    static PipelineManifest example(String file) throws Exception {
        return PipelineManifest.read(java.nio.file.Files.readString(java.nio.file.Path.of("../../docs/examples/" + file)), file);
    }

    /** Issue 19 §2: seeds 001 and 002 provide behaviour history and device data to ad companies, and their flows validate. */
    @Test
    void theSeedsAdFlowsOfPersonallyRelatedInformationValidateUnderArt31() throws Exception {
        var adNetwork = new Destination("ad-network", false, "THIRD_PARTY", "JP", null);
        assertThat(PipelineRules.check(example("seed-001-ad-delivery.yml"), seed("001-kusavee.yml"),
                adPixel("cookie_id", "viewed_pages", "device"), adNetwork)).isEmpty();
        assertThat(PipelineRules.check(example("seed-002-advertisers.yml"), seed("002-kuookurop.yml"),
                adPixel("cookie_id", "viewed_pages", "device", "age_band", "gender"),
                new Destination("advertiser-co", false, "THIRD_PARTY", "JP", null))).isEmpty();
        assertThat(seed("001-kusavee.yml").personallyRelated().clause()).isEqualTo("11. 行動ターゲティング広告");
    }

    @Test
    void art31RefusesIdentifyingDataDataLinkedToMembersOurOwnSystemsAPolicySilentOnItAndAMissingRecord() throws Exception {
        var m = example("seed-001-ad-delivery.yml");
        var policy = seed("001-kusavee.yml");
        var adNetwork = new Destination("ad-network", false, "THIRD_PARTY", "JP", null);
        // An e-mail address identifies the person: that is personal data, under Art. 27.
        var withEmail = new java.util.ArrayList<>(adPixel("cookie_id"));
        withEmail.add(new FieldFact("website.tags.ad-pixel", "mail", "email", "customer", false, null, true));
        assertThat(rules(PipelineRules.check(m, policy, withEmail, adNetwork))).contains("related-info-is-personal-data");
        // The same cookie ids, in a dataset the company links to its members: personal data too (the provider's standard).
        var linked = List.of(new FieldFact("website.tags.ad-pixel", "cookie_id", "device_id", "customer", false, null, true));
        assertThat(PipelineRules.check(m, policy, linked, adNetwork)).extracting(Violation::rule)
                .containsExactly("related-info-is-personal-data");
        assertThat(rules(PipelineRules.check(m, policy, adPixel("cookie_id"), new Destination("dwh", true, "US", "JP", null))))
                .contains("related-info-not-a-provision");
        assertThat(rules(PipelineRules.check(m, seed("003-member-service.yml"), adPixel("cookie_id"), adNetwork)))
                .contains("related-info-not-in-policy");
        var noRecord = PipelineManifest.read(java.nio.file.Files.readString(java.nio.file.Path.of("../../docs/examples/"
                + "seed-001-ad-delivery.yml")).replace("record_mode: BATCH\n", ""), "x.yml");
        assertThat(rules(PipelineRules.check(noRecord, policy, adPixel("cookie_id"), adNetwork))).contains("record-mode-missing");
    }
}
