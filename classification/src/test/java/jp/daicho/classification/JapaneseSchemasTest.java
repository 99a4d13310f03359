package jp.daicho.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

/**
 * Issue 12: Japanese done properly. Invented schemas (none of the corpus): kanji column names, romaji in Hepburn and
 * Kunrei spellings with the abbreviations Japanese systems use, full-width forms, and the special-care items of
 * Cabinet Order Art. 2 that the corpus never shows.
 */
class JapaneseSchemasTest {

    final FieldClassifier classifier = new FieldClassifier();

    private static ColumnProfile col(String table, String name, String type) {
        return new ColumnProfile(table, name, type, List.of());
    }

    private static ColumnProfile fk(String table, String name, String references) {
        return new ColumnProfile(table, name, "INT", references, List.of());
    }

    @Test
    void aClinicWithKanjiNames() {
        Set<String> schema = Set.of("患者", "診療記録");
        var patients = classifier.classifyTable("患者", List.of(col("患者", "患者番号", "INT"), col("患者", "氏名", "VARCHAR(40)"),
                col("患者", "フリガナ", "VARCHAR(40)"), col("患者", "生年月日", "DATE"), col("患者", "性別", "CHAR(1)"),
                col("患者", "住所", "VARCHAR(200)"), col("患者", "電話番号", "VARCHAR(20)")), Set.of("診療記録"));
        var records = classifier.classifyTable("診療記録", List.of(col("診療記録", "記録ID", "INT"),
                fk("診療記録", "患者番号", "患者.患者番号"), col("診療記録", "受診日", "DATE"), col("診療記録", "傷病名", "VARCHAR(100)"),
                col("診療記録", "処方内容", "TEXT"), col("診療記録", "所見", "TEXT")), Set.of("患者"));

        assertItems(patients, Map.of("患者番号", Item.IDENTIFIER, "氏名", Item.NAME, "フリガナ", Item.NAME_KANA,
                "生年月日", Item.BIRTH_DATE, "性別", Item.GENDER, "住所", Item.ADDRESS, "電話番号", Item.PHONE));
        assertItems(records, Map.of("記録ID", Item.NONE, "患者番号", Item.IDENTIFIER, "受診日", Item.MEDICAL,
                "傷病名", Item.MEDICAL, "処方内容", Item.MEDICAL, "所見", Item.MEDICAL));
        assertThat(records.get("傷病名").subject()).isEqualTo(Subject.CUSTOMER);
        assertThat(schema).isNotEmpty();
    }

    @Test
    void aClinicInRomajiHepburnAndKunrei() {
        var patients = classifier.classifyTable("kanja", List.of(col("kanja", "kanja_id", "INT"), col("kanja", "shimei", "VARCHAR"),
                col("kanja", "shimei_kana", "VARCHAR"), col("kanja", "seinengappi", "DATE"), col("kanja", "seibetu", "CHAR(1)"),
                col("kanja", "jyusyo", "VARCHAR"), col("kanja", "denwa_bango", "VARCHAR"), col("kanja", "yubin_bango", "CHAR(8)")),
                Set.of("shinsatsu"));
        var visits = classifier.classifyTable("shinsatsu", List.of(col("shinsatsu", "shinsatsu_id", "INT"),
                fk("shinsatsu", "kanja_id", "kanja.kanja_id"), col("shinsatsu", "byomei", "VARCHAR"),
                col("shinsatsu", "shohou", "TEXT"), col("shinsatsu", "kensa_kekka", "TEXT")), Set.of("kanja"));

        assertItems(patients, Map.of("kanja_id", Item.IDENTIFIER, "shimei", Item.NAME, "shimei_kana", Item.NAME_KANA,
                "seinengappi", Item.BIRTH_DATE, "seibetu", Item.GENDER, "jyusyo", Item.ADDRESS, "denwa_bango", Item.PHONE,
                "yubin_bango", Item.POSTAL_CODE));
        assertItems(visits, Map.of("shinsatsu_id", Item.NONE, "kanja_id", Item.IDENTIFIER, "byomei", Item.MEDICAL,
                "shohou", Item.MEDICAL, "kensa_kekka", Item.MEDICAL));
        assertThat(patients.values()).filteredOn(c -> c.item().personal())
                .allSatisfy(c -> assertThat(c.subject()).isEqualTo(Subject.CUSTOMER));
    }

    @Test
    void staffPartnersAndProductsInABusinessSchema() {
        Set<String> schema = Set.of("社員", "取引先担当者", "商品");
        var staff = classifier.classifyTable("社員", List.of(col("社員", "社員番号", "INT"), col("社員", "氏名", "VARCHAR"),
                col("社員", "所属部署", "VARCHAR"), col("社員", "役職", "VARCHAR"), col("社員", "基本給", "INT"),
                col("社員", "入社日", "DATE"), col("社員", "メールアドレス", "VARCHAR")), without(schema, "社員"));
        var contacts = classifier.classifyTable("取引先担当者", List.of(col("取引先担当者", "担当者ID", "INT"),
                col("取引先担当者", "担当者名", "VARCHAR"), col("取引先担当者", "メールアドレス", "VARCHAR"),
                col("取引先担当者", "電話番号", "VARCHAR")), without(schema, "取引先担当者"));
        var products = classifier.classifyTable("商品", List.of(col("商品", "商品コード", "VARCHAR"), col("商品", "商品名", "VARCHAR"),
                col("商品", "単価", "INT"), col("商品", "備考", "TEXT")), without(schema, "商品"));

        assertItems(staff, Map.of("社員番号", Item.IDENTIFIER, "氏名", Item.NAME, "所属部署", Item.EMPLOYMENT,
                "役職", Item.EMPLOYMENT, "基本給", Item.EMPLOYMENT, "入社日", Item.EMPLOYMENT, "メールアドレス", Item.EMAIL));
        assertThat(staff.values()).filteredOn(c -> c.item().personal())
                .allSatisfy(c -> assertThat(c.subject()).isEqualTo(Subject.EMPLOYEE));
        assertItems(contacts, Map.of("担当者名", Item.NAME, "メールアドレス", Item.EMAIL, "電話番号", Item.PHONE));
        assertThat(contacts.values()).filteredOn(c -> c.item().personal())
                .allSatisfy(c -> assertThat(c.subject()).isEqualTo(Subject.PARTNER));
        assertThat(products.values()).allSatisfy(c -> assertThat(c.item()).isEqualTo(Item.NONE));
    }

    @Test
    void fullWidthNamesReadAsTheirHalfWidthForms() {
        var result = classifier.classifyTable("ｍｅｍｂｅｒｓ", List.of(col("ｍｅｍｂｅｒｓ", "ＥＭＡＩＬ", "VARCHAR"),
                col("ｍｅｍｂｅｒｓ", "ﾌﾘｶﾞﾅ", "VARCHAR"), col("ｍｅｍｂｅｒｓ", "ＴＥＬ＿ＮＯ", "VARCHAR")));

        assertItems(result, Map.of("ＥＭＡＩＬ", Item.EMAIL, "ﾌﾘｶﾞﾅ", Item.NAME_KANA, "ＴＥＬ＿ＮＯ", Item.PHONE));
    }

    @Test
    void everySpecialCareItemOfTheCabinetOrderIsReachable() {
        var table = "従業員健康管理";
        var result = classifier.classifyTable(table, List.of(fk(table, "employee_id", "employees.id"),
                col(table, "犯罪被害の有無", "BOOLEAN"), col(table, "社会的身分", "VARCHAR"), col(table, "sexual_orientation", "VARCHAR"),
                col(table, "少年審判歴", "TEXT"), col(table, "criminal_record", "TEXT"), col(table, "遺伝子検査結果", "TEXT"),
                col(table, "ストレスチェック結果", "TEXT"), col(table, "religion", "VARCHAR"), col(table, "障害等級", "VARCHAR"),
                col(table, "労働組合", "VARCHAR"), col(table, "本籍地", "VARCHAR"), col(table, "人種", "VARCHAR")), Set.of("employees"));

        assertItems(result, Map.ofEntries(Map.entry("犯罪被害の有無", Item.CRIME_VICTIM), Map.entry("社会的身分", Item.SOCIAL_STATUS),
                Map.entry("sexual_orientation", Item.SEX_LIFE), Map.entry("少年審判歴", Item.CRIMINAL),
                Map.entry("criminal_record", Item.CRIMINAL), Map.entry("遺伝子検査結果", Item.MEDICAL),
                Map.entry("ストレスチェック結果", Item.MEDICAL), Map.entry("religion", Item.CREED), Map.entry("障害等級", Item.DISABILITY),
                Map.entry("労働組合", Item.UNION_MEMBERSHIP), Map.entry("本籍地", Item.FAMILY_ORIGIN), Map.entry("人種", Item.RACE_ETHNICITY)));
        assertThat(result.values()).filteredOn(c -> c.item() != Item.IDENTIFIER)
                .allSatisfy(c -> assertThat(c.sensitive()).isTrue());
    }

    @Test
    void heightWeightAndTheDateOfAHealthCheckUpAreHealthCheckResults() {
        var result = classifier.classifyTable("health_checkups", List.of(col("health_checkups", "id", "INT8"),
                fk("health_checkups", "employee_id", "employees.id"), col("health_checkups", "checkup_date", "DATE"),
                col("health_checkups", "height_cm", "NUMERIC"), col("health_checkups", "weight_kg", "NUMERIC")),
                Set.of("employees", "members"));

        assertItems(result, Map.of("checkup_date", Item.MEDICAL, "height_cm", Item.MEDICAL, "weight_kg", Item.MEDICAL));
        assertThat(result.values()).filteredOn(c -> c.item().personal())
                .allSatisfy(c -> assertThat(c.subject()).isEqualTo(Subject.EMPLOYEE));
    }

    private static Set<String> without(Set<String> schema, String table) {
        var others = new java.util.HashSet<>(schema);
        others.remove(table);
        return others;
    }

    private static void assertItems(Map<String, Classification> result, Map<String, Item> expected) {
        expected.forEach((column, item) -> assertThat(result.get(column).item()).as(column + " " + result.get(column).evidence())
                .isEqualTo(item));
    }
}
