package jp.daicho.ledger.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jp.daicho.vocabulary.Rule;

/** What APPI asks of each kind of occurrence (Art. 27–30, Rules 19–25). */
class StatuteTest {

    static final Counterparty RECIPIENT = new Counterparty("株式会社サンプル商事", "THIRD_PARTY", "東京都千代田区丸の内１－１－１",
            "代表取締役 佐藤一郎", "JP");

    static KnownPipeline pipeline(String basis, String mode, String country, String crossBorder, Counterparty recipient) {
        return new KnownPipeline("p", "p", basis, "LEGAL_EXCEPTION".equals(basis) ? "i" : null, mode, country, crossBorder,
                recipient, List.of("name", "email", "medical"), Instant.now());
    }

    static Occurrence provided(List<String> items, String consent) {
        return new Occurrence("e1", Occurrence.Direction.PROVIDED, "p", Instant.now(), "M-1", Map.of("氏名", "山田太郎"), items,
                consent, null, null, null, null, null);
    }

    static Decision decide(KnownPipeline p, Occurrence o) {
        return Statute.decide(o, Optional.of(p));
    }

    @Test
    void consentBasedProvisionIsRecordedWithTheFactOfConsentAndKeptThreeYears() {
        var d = (Decision.Record) decide(pipeline("CONSENT", null, "JP", null, RECIPIENT), provided(List.of("name"), "form#1"));
        assertThat(d.kind()).isEqualTo("PROVISION");
        assertThat(d.consentReference()).isEqualTo("form#1");
        assertThat(d.recordMode()).isEqualTo("EACH_TIME");
        assertThat(d.retentionYears()).isEqualTo(3);
        assertThat(d.retentionGroup()).isNull();
    }

    @Test
    void consentBasedProvisionWithoutTheFactOfConsentIsRefused() {
        var d = (Decision.Rejected) decide(pipeline("CONSENT", null, "JP", null, RECIPIENT), provided(List.of("name"), null));
        assertThat(d.rule()).isEqualTo("missing-statutory-items");
        assertThat(d.reason()).contains("consentReference").doesNotContain("山田");
    }

    @Test
    void optOutNeedsTheRecipientsAddressAndRepresentativeNeverSensitiveDataAndNoBatch() {
        var noAddress = new Counterparty("名簿屋", "THIRD_PARTY", null, null, "JP");
        assertThat(((Decision.Rejected) decide(pipeline("OPT_OUT", null, "JP", null, noAddress), provided(List.of("name"), null))).reason())
                .contains("address and representative");
        assertThat(((Decision.Rejected) decide(pipeline("OPT_OUT", null, "JP", null, RECIPIENT), provided(List.of("name", "medical"), null))).rule())
                .isEqualTo("sensitive-by-opt-out");
        assertThat(((Decision.Rejected) decide(pipeline("OPT_OUT", "BATCH", "JP", null, RECIPIENT), provided(List.of("name"), null))).rule())
                .isEqualTo("opt-out-record-mode");
        assertThat(decide(pipeline("OPT_OUT", null, "JP", null, RECIPIENT), provided(List.of("name"), null))).isInstanceOf(Decision.Record.class);
    }

    @Test
    void aRefusalNamesTheRuleByTheIdTheInventoryUsesWithThatRulesClause() {
        var payroll = new KnownPipeline("p", "p", "CONSENT", null, null, "JP", null, RECIPIENT, List.of("name", "my_number"),
                Instant.now());
        var myNumber = (Decision.Rejected) decide(payroll,
                new Occurrence("e1", Occurrence.Direction.PROVIDED, "p", Instant.now(), "M-1", Map.of("氏名", "山田太郎"),
                        List.of("my_number"), "f", null, null, null, null, null));
        assertThat(myNumber.rule()).isEqualTo(Rule.MY_NUMBER_PROVIDED.code()).isEqualTo("my-number-provided");
        assertThat(myNumber.clause()).isEqualTo("My Number Act Art. 19");
        var missing = (Decision.Rejected) decide(pipeline("CONSENT", null, "JP", null, RECIPIENT), provided(List.of("name"), null));
        assertThat(missing.clause()).isEqualTo(Rule.MISSING_STATUTORY_ITEMS.clause());
        assertThat(missing.reason()).endsWith("(PPC Rules Art. 20(1)(ii))");
    }

    @Test
    void entrustmentJointUseSuccessionLegalExceptionsAndPublicBodiesOweNoRecord() {
        for (String basis : List.of("ENTRUSTMENT", "JOINT_USE", "BUSINESS_SUCCESSION", "LEGAL_EXCEPTION", "INTERNAL")) {
            assertThat(decide(pipeline(basis, null, "JP", null, RECIPIENT), provided(List.of("name"), null)))
                    .as(basis).isInstanceOf(Decision.Exempt.class);
        }
        var city = new Counterparty("千代田区役所", "PUBLIC_BODY", "東京都千代田区", "区長", "JP");
        assertThat(((Decision.Exempt) decide(pipeline("CONSENT", null, "JP", null, city), provided(List.of("name"), "f"))).explanation())
                .contains("Art. 16(2)");
    }

    @Test
    void entrustmentAbroadOnArt28ConsentLosesTheExemptionAndIsRecordedAsConsentBased() {
        var d = decide(pipeline("ENTRUSTMENT", null, "US", "CONSENT", RECIPIENT), provided(List.of("email"), "cross-border#9"));
        assertThat(d).isInstanceOf(Decision.Record.class);
        assertThat(((Decision.Record) d).legalBasis()).isEqualTo("CONSENT");
        // With adequacy or equivalent measures, entrustment abroad stays exempt.
        assertThat(decide(pipeline("ENTRUSTMENT", null, "DE", "ADEQUACY", RECIPIENT), provided(List.of("email"), null)))
                .isInstanceOf(Decision.Exempt.class);
    }

    @Test
    void contractSubstituteIsKeptOneYearAndBatchThreeAfterTheLastProvisionOfTheirGroup() {
        var contract = (Decision.Record) decide(pipeline("CONSENT", "CONTRACT_SUBSTITUTE", "JP", null, RECIPIENT), provided(List.of("name"), "c"));
        assertThat(contract.retentionYears()).isEqualTo(1);
        assertThat(contract.retentionGroup()).isEqualTo("CONTRACT_SUBSTITUTE|p|株式会社サンプル商事");
        var batch = (Decision.Record) decide(pipeline("CONSENT", "BATCH", "JP", null, RECIPIENT), provided(List.of("name"), "c"));
        assertThat(batch.retentionYears()).isEqualTo(3);
        assertThat(batch.retentionGroup()).startsWith("BATCH|p|");
    }

    @Test
    void unknownPipelinesClaimedBasesAndItemsOutsideThePipelineAreRefused() {
        assertThat(((Decision.Rejected) Statute.decide(provided(List.of("name"), "c"), Optional.empty())).rule()).isEqualTo("unknown-pipeline");
        var claimed = new Occurrence("e1", Occurrence.Direction.PROVIDED, "p", Instant.now(), "M-1", Map.of("氏名", "x"), List.of("name"),
                "c", "OPT_OUT", null, null, null, null);
        assertThat(((Decision.Rejected) decide(pipeline("CONSENT", null, "JP", null, RECIPIENT), claimed)).rule()).isEqualTo("basis-not-allowed");
        assertThat(((Decision.Rejected) decide(pipeline("CONSENT", null, "JP", null, RECIPIENT), provided(List.of("phone"), "c"))).rule())
                .isEqualTo("items-outside-pipeline");
    }

    @Test
    void receiptsNeedTheProviderHowItAcquiredTheDataAndForOptOutThePublication() {
        var provider = new Counterparty("名簿業者株式会社", null, "大阪府大阪市北区１－２", "代表取締役 田中", "JP");
        var optOut = new Occurrence("r1", Occurrence.Direction.RECEIVED, null, Instant.now(), "M-2", Map.of("氏名", "x"),
                List.of("name"), null, "OPT_OUT", provider, "公開情報から収集", true, null);
        var d = (Decision.Record) Statute.decide(optOut, Optional.empty());
        assertThat(d.kind()).isEqualTo("RECEIPT");
        assertThat(d.optOutPublished()).isTrue();
        var unpublished = new Occurrence("r1", Occurrence.Direction.RECEIVED, null, Instant.now(), "M-2", Map.of("氏名", "x"),
                List.of("name"), null, "OPT_OUT", provider, null, false, null);
        assertThat(((Decision.Rejected) Statute.decide(unpublished, Optional.empty())).reason())
                .contains("取得の経緯", "optOutPublished");
        var entrusted = new Occurrence("r1", Occurrence.Direction.RECEIVED, null, Instant.now(), "M-2", Map.of(), List.of("name"),
                null, "ENTRUSTMENT", provider, null, null, null);
        assertThat(Statute.decide(entrusted, Optional.empty())).isInstanceOf(Decision.Exempt.class);
    }

    /**
     * Issue 19 §2: personally-related information to a third party that links it (Art. 31): the record of the
     * confirmation (Rule 28) — the recipient's name, address and representative, how the recipient's consent was
     * confirmed — kept as Art. 29 records are; and on our side, receiving such data as personal data is an Art. 30
     * confirmation with the person's consent to it, without an acquisition history.
     */
    @Test
    void personallyRelatedInformationIsRecordedAsTheConfirmationOfArt31AndItsReceiptAsArt30() {
        var adNetwork = new Counterparty("アドネットワーク株式会社", "THIRD_PARTY", "東京都渋谷区道玄坂１－１", "代表取締役 中村 誠", "JP");
        var art31 = new KnownPipeline("ads", "ads", "ART31", null, "BATCH", "JP", null, adNetwork,
                List.of("device_id", "behavior"), Instant.now(), null);
        var occurrence = new Occurrence("a1", Occurrence.Direction.PROVIDED, "ads", Instant.now(), "ck-1", Map.of("Cookie ID", "ck-1"),
                List.of("device_id"), "受領者の申告（同意取得の表明書）", null, null, null, null, null);
        var recorded = Statute.decide(occurrence, Optional.of(art31));
        assertThat(recorded).isInstanceOfSatisfying(Decision.Record.class, r -> {
            assertThat(r.kind()).isEqualTo("CONFIRMATION");
            assertThat(r.legalBasis()).isEqualTo("ART31");
            assertThat(r.consentReference()).contains("受領者の申告");
            assertThat(r.retentionYears()).as("batch: 3 years (Rule 29)").isEqualTo(3);
        });
        var unconfirmed = new Occurrence("a2", Occurrence.Direction.PROVIDED, "ads", Instant.now(), "ck-1", Map.of("Cookie ID", "ck-1"),
                List.of("device_id"), null, null, null, null, null, null);
        assertThat(Statute.decide(unconfirmed, Optional.of(art31))).isInstanceOfSatisfying(Decision.Rejected.class, r ->
                assertThat(r.reason()).contains("how it was confirmed that the recipient obtained the person's consent",
                        "PPC Rules Art. 28(1)"));
        var noAddress = new KnownPipeline("ads", "ads", "ART31", null, "BATCH", "JP", null,
                new Counterparty("アドネットワーク株式会社", "THIRD_PARTY", null, null, "JP"), List.of("device_id"), Instant.now(), null);
        assertThat(Statute.decide(occurrence, Optional.of(noAddress))).isInstanceOfSatisfying(Decision.Rejected.class, r ->
                assertThat(r.reason()).contains("the recipient's name, address and representative"));

        var received = new Occurrence("r31", Occurrence.Direction.RECEIVED, null, Instant.now(), "M-1", Map.of("氏名", "山田太郎"),
                List.of("behavior"), "会員規約 第8条 提携先の閲覧履歴の取得への同意", "ART31",
                new Counterparty("提携メディア株式会社", "THIRD_PARTY", "東京都港区１－１", "代表取締役 佐藤 一", "JP"), null, null, null);
        assertThat(Statute.decide(received, Optional.empty())).isInstanceOfSatisfying(Decision.Record.class, r -> {
            assertThat(r.kind()).isEqualTo("RECEIPT");
            assertThat(r.legalBasis()).isEqualTo("ART31");
        });
    }
}
