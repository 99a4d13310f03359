package jp.daicho.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class VocabularyTest {

    static final List<Class<? extends Term>> TERMS = List.of(Item.class, Subject.class, LegalBasis.class, CrossBorderBasis.class, RecordMode.class,
            ReviewState.class, Rule.class, EvidenceKind.class, MeasureKind.class);

    static Stream<Term> all() {
        return TERMS.stream().flatMap(t -> Arrays.stream(t.getEnumConstants()));
    }

    @Test
    void everyTermHasOneCodeAndTextInBothLanguages() {
        for (var type : TERMS) {
            var codes = Arrays.stream(type.getEnumConstants()).map(Term::code).toList();
            assertThat(codes).as(type.getSimpleName()).doesNotHaveDuplicates().allMatch(c -> !c.isBlank());
        }
        assertThat(all()).allSatisfy(t -> {
            assertThat(t.japanese()).as(t.code()).containsPattern("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
            assertThat(t.english()).as(t.code()).matches("[\\p{ASCII}’–]+").doesNotContainPattern("[\\p{IsHan}\\p{IsHiragana}]");
        });
    }

    @Test
    void ruleIdsAreLowerKebabAndEachCitesItsClauseInBothLanguages() {
        assertThat(Rule.values()).allSatisfy(r -> {
            assertThat(r.code()).matches("[a-z]+(-[a-z]+)*");
            assertThat(r.clause()).matches("(APPI|PPC Rules|My Number Act|The privacy policy).*");
            assertThat(r.clauses().japanese()).matches("(個人情報保護法|施行規則|番号法|プライバシーポリシー).*");
            assertThat(r.policyPromise()).isEqualTo(r.clauses().japanese().startsWith("プライバシーポリシー"));
        });
    }

    @Test
    void theIdsOfEarlierVersionsAreReadAsTheRuleTheyBecame() {
        assertThat(Rule.byId("my-number-provision")).contains(Rule.MY_NUMBER_PROVIDED);
        assertThat(Rule.byId("ledger:my-number-provision")).contains(Rule.MY_NUMBER_PROVIDED);
        assertThat(Rule.byId("batch-record-for-opt-out")).contains(Rule.OPT_OUT_RECORD_MODE);
        assertThat(Rule.byId("ledger:sensitive-by-opt-out")).contains(Rule.SENSITIVE_BY_OPT_OUT);
        assertThat(Rule.byId("no-such-rule")).isEmpty();
        assertThat(Rule.byId(null)).isEmpty();
    }

    @Test
    void codesAreTheTaxonomysAndAnUnknownCodeIsRefusedWithTheCodesThereAre() {
        assertThat(Item.MY_NUMBER.code()).isEqualTo("my_number");
        assertThat(Arrays.stream(Item.values()).filter(Item::sensitive)).extracting(Item::code).containsExactly("medical", "disability", "criminal",
                "crime_victim", "race_ethnicity", "creed", "social_status", "union_membership", "family_origin", "sex_life");
        assertThat(Item.isSensitive("medical")).isTrue();
        // 要配慮個人情報 is the statute's narrower class; union membership, family origin and sex life are special care (機微) only.
        assertThat(Arrays.stream(Item.values()).filter(Item::requiresCare)).extracting(Item::code).containsExactly("medical",
                "disability", "criminal", "crime_victim", "race_ethnicity", "creed", "social_status");
        assertThat(Item.requiresCare("union_membership")).isFalse();
        assertThat(Item.requiresCare("free_text", true)).as("a field flagged sensitive by its values").isTrue();
        assertThat(Item.requiresCare("sex_life", true)).isFalse();
        assertThat(Item.isSensitive("email")).isFalse();
        assertThat(Item.isSensitive("nonsense")).isFalse();
        assertThat(Item.japanese("my_number")).isEqualTo("個人番号");
        assertThat(Item.japanese("unknown_code")).isEqualTo("unknown_code");
        assertThat(Term.of(Subject.class, "employee")).isEqualTo(Subject.EMPLOYEE);
        assertThat(Term.of(LegalBasis.class, "OPT_OUT")).isEqualTo(LegalBasis.OPT_OUT);
        assertThatThrownBy(() -> Term.of(Subject.class, "Customer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'Customer' is not a Subject code; the codes are [customer, partner, employee, applicant, none]");
    }

    @Test
    void theReaderGetsTheirLanguageWithJapaneseTheDefault() {
        assertThat(LegalBasis.ENTRUSTMENT.text(Locale.JAPANESE)).isEqualTo("委託");
        assertThat(LegalBasis.ENTRUSTMENT.text(Locale.ROOT)).isEqualTo("委託");
        assertThat(LegalBasis.ENTRUSTMENT.text(Locale.ENGLISH)).isEqualTo("Entrustment");
        assertThat(ReviewState.OVERRIDDEN.text(Locale.JAPAN)).isEqualTo("修正済み");
        assertThat(RecordMode.CONTRACT_SUBSTITUTE.retentionYears()).isEqualTo(1);
        assertThat(RecordMode.BATCH.retentionYears()).isEqualTo(3);
    }

    @Test
    void evidenceReadsInTheReadersLanguageAndUnknownKindsAsTheyAre() {
        assertThat(EvidenceKind.describe("column-word:mail", Locale.JAPANESE)).isEqualTo("列名の語「mail」");
        assertThat(EvidenceKind.describe("column-word:mail+table-word:member", Locale.JAPANESE))
                .isEqualTo("列名の語「mail」＋テーブル名の語「member」");
        assertThat(EvidenceKind.describe("value-shape:email", Locale.ENGLISH)).isEqualTo("Shape of the values 'E-mail address'");
        assertThat(EvidenceKind.describe("future-kind:x", Locale.JAPANESE)).isEqualTo("future-kind:x");
        // Decisions named by code read as words; words of the schema stay as the schema has them.
        assertThat(EvidenceKind.describe("rules:identifier+table-subject:customer", Locale.JAPANESE))
                .isEqualTo("判定規則「識別子」＋テーブルの本人の区分「お客様」");
        assertThat(EvidenceKind.describe("table-holds:name_kana", Locale.ENGLISH)).isEqualTo("The table also holds 'Name in kana'");
        assertThat(EvidenceKind.describe("column-word:name", Locale.JAPANESE)).isEqualTo("列名の語「name」");
        assertThat(EvidenceKind.describe("plain", Locale.JAPANESE)).isEqualTo("plain");
    }
}
