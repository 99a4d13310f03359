package jp.daicho.classifier.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FieldClassifierTest {

    final FieldClassifier classifier = new FieldClassifier();

    @Test
    void recognisesJapaneseContactColumnsOfAMemberTable() {
        var result = classifier.classifyTable("会員", List.of(
                new ColumnProfile("会員", "会員ID", "BIGINT", List.of("1", "2")),
                new ColumnProfile("会員", "氏名", "VARCHAR", List.of("山田 太郎", "佐藤花子")),
                new ColumnProfile("会員", "フリガナ", "VARCHAR", List.of("ヤマダ タロウ", "サトウ ハナコ")),
                new ColumnProfile("会員", "ﾒｰﾙｱﾄﾞﾚｽ", "VARCHAR", List.of("taro@example.jp", "hanako@example.co.jp")),
                new ColumnProfile("会員", "電話番号", "VARCHAR", List.of("090-1234-5678", "０３１２３４５６７８"))));

        assertThat(result.get("氏名").item()).isEqualTo(Item.NAME);
        assertThat(result.get("フリガナ").item()).isEqualTo(Item.NAME_KANA);
        assertThat(result.get("ﾒｰﾙｱﾄﾞﾚｽ").item()).isEqualTo(Item.EMAIL);
        assertThat(result.get("電話番号").item()).isEqualTo(Item.PHONE);
        assertThat(result.values()).filteredOn(c -> c.item().personal())
                .allSatisfy(c -> assertThat(c.subject()).isEqualTo(Subject.CUSTOMER));
        assertThat(result.get("電話番号").confidence()).isGreaterThan(0.9);
    }

    @Test
    void valuesDecideWhenTheNameSaysNothing() {
        var result = classifier.classifyTable("staff", List.of(
                new ColumnProfile("staff", "c1", "TEXT", List.of("a@example.jp", "b@example.jp", "c@example.jp")),
                new ColumnProfile("staff", "c2", "TEXT", List.of("+81 90 1234 5678", "09012345678", "03-1234-5678"))));

        assertThat(result.get("c1").item()).isEqualTo(Item.EMAIL);
        assertThat(result.get("c2").item()).isEqualTo(Item.PHONE);
        assertThat(result.get("c1").subject()).isEqualTo(Subject.EMPLOYEE);
    }

    @Test
    void aProductNameIsNotPersonalButAMemberNameIs() {
        var products = classifier.classifyTable("products", List.of(
                new ColumnProfile("products", "name", "VARCHAR", List.of("りんご", "みかん")),
                new ColumnProfile("products", "price", "INT", List.of("100"))));
        var members = classifier.classifyTable("members", List.of(
                new ColumnProfile("members", "name", "VARCHAR", List.of("山田太郎"))));

        assertThat(products.get("name").item()).isEqualTo(Item.NONE);
        assertThat(products.get("name").subject()).isEqualTo(Subject.NONE);
        assertThat(members.get("name").item()).isEqualTo(Item.NAME);
    }

    @Test
    void medicalColumnsAreSensitive() {
        var result = classifier.classifyTable("health_checks", List.of(
                new ColumnProfile("health_checks", "病歴", "TEXT", List.of("高血圧症"))));

        assertThat(result.get("病歴").item()).isEqualTo(Item.MEDICAL);
        assertThat(result.get("病歴").sensitive()).isTrue();
    }

    @Test
    void aColumnPointingAtEmployeesMakesTheTableEmployeeData() {
        var result = classifier.classifyTable("health_checkups", List.of(
                new ColumnProfile("health_checkups", "id", "INT8", List.of("1")),
                new ColumnProfile("health_checkups", "employee_id", "INT4", List.of("3")),
                new ColumnProfile("health_checkups", "diagnosis", "TEXT", List.of("高血圧症"))));

        assertThat(result.get("diagnosis").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(result.get("employee_id").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(result.get("employee_id").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(result.get("id").item()).as("a check-up's own id is not a person's").isEqualTo(Item.NONE);
    }

    @Test
    void auditColumnsIdentifyStaffAndCommonWordsNeedAPersonTable() {
        var patients = classifier.classifyTable("patient", List.of(
                new ColumnProfile("patient", "changed_by", "INT", List.of("17")),
                new ColumnProfile("patient", "note", "TEXT", List.of("要経過観察"))));
        var products = classifier.classifyTable("products", List.of(
                new ColumnProfile("products", "condition", "VARCHAR", List.of("new", "used")),
                new ColumnProfile("products", "note", "TEXT", List.of("限定品"))));

        assertThat(patients.get("changed_by").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(patients.get("changed_by").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(patients.get("note").item()).isEqualTo(Item.FREE_TEXT);
        assertThat(products.get("condition").item()).as("a product's condition is not a medical one").isEqualTo(Item.NONE);
        assertThat(products.get("note").item()).isEqualTo(Item.NONE);
    }

    @Test
    void gluedWordsAreReadButABareGluedNameIsNot() {
        var details = classifier.classifyTable("main_emppersonaldetails", List.of(
                new ColumnProfile("main_emppersonaldetails", "id", "BIGINT", List.of()),
                new ColumnProfile("main_emppersonaldetails", "perm_streetaddress", "VARCHAR", List.of()),
                new ColumnProfile("main_emppersonaldetails", "userfullname", "VARCHAR", List.of()),
                new ColumnProfile("main_emppersonaldetails", "agencyname", "VARCHAR", List.of())));

        assertThat(details.get("perm_streetaddress").item()).isEqualTo(Item.ADDRESS);
        assertThat(details.get("perm_streetaddress").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(details.get("userfullname").item()).isEqualTo(Item.NAME);
        assertThat(details.get("agencyname").item()).isEqualTo(Item.NONE);
        assertThat(details.get("id").item()).as("a details row's own id").isEqualTo(Item.NONE);
    }

    @Test
    void sensitiveEvidenceShowsNotEvenAFirstCharacter() {
        var result = classifier.classifyTable("health_checkups", List.of(
                new ColumnProfile("health_checkups", "diagnosis", "TEXT", List.of("高血圧症"))));

        assertThat(result.get("diagnosis").evidence()).contains("sample:(4 chars, masked)")
                .noneMatch(e -> e.contains("高"));
    }

    @Test
    void evidenceShowsMaskedShapesNeverValues() {
        var result = classifier.classifyTable("members", List.of(
                new ColumnProfile("members", "email", "VARCHAR", List.of("yamada.taro@example.jp")),
                new ColumnProfile("members", "tel", "VARCHAR", List.of("090-1234-5678")),
                new ColumnProfile("members", "氏名", "VARCHAR", List.of("山田太郎"))));

        var evidence = result.values().stream().flatMap(c -> c.evidence().stream()).toList();
        assertThat(evidence).contains("sample:***@example.jp", "sample:999-9999-9999", "sample:山***");
        assertThat(String.join(" ", evidence)).doesNotContain("yamada", "1234", "太郎");
    }
}
