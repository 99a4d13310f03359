package jp.daicho.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

class CompanyLexiconTest {

    static final String YAML = """
            # 株式会社サンプルの社内用語
            columns:
              - item: identifier
                words: [kokyaku_cd, 顧客コード]
              - item: medical
                words: [sanitary_memo]
            tables:
              customer: [kaiin_master, 会員台帳]
              employee: [jinji_kihon]
            values:
              - item: identifier
                pattern: "EMP-\\\\d{5}"
            """;

    @Test
    void companyWordsAndPatternsClassifyWithoutCodeChanges() {
        var classifier = new FieldClassifier(CompanyLexicon.fromYaml(YAML, "lexicon.yml"));

        var members = classifier.classifyTable("kaiin_master", List.of(
                new ColumnProfile("kaiin_master", "kokyaku_cd", "CHAR(8)", List.of("K0000001")),
                new ColumnProfile("kaiin_master", "顧客コード2", "CHAR(8)", List.of("K0000002"))));
        var staff = classifier.classifyTable("jinji_kihon", List.of(
                new ColumnProfile("jinji_kihon", "code", "TEXT", List.of("EMP-00001", "EMP-00002", "EMP-00003")),
                new ColumnProfile("jinji_kihon", "sanitary_memo", "TEXT", List.of("要再検査"))));

        assertThat(members.get("kokyaku_cd").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(members.get("kokyaku_cd").subject()).isEqualTo(Subject.CUSTOMER);
        assertThat(members.get("kokyaku_cd").evidence()).contains("company-lexicon:identifier");
        assertThat(members.get("顧客コード2").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(staff.get("code").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(staff.get("code").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(staff.get("sanitary_memo").sensitive()).isTrue();
    }

    @Test
    void mistakesNameTheFileTheEntryAndTheFix() {
        assertThatThrownBy(() -> CompanyLexicon.fromYaml("columns:\n  - item: emial\n    words: [x]\n", "lexicon.yml"))
                .hasMessageContaining("lexicon.yml: columns[0].item 'emial' is not an item code")
                .hasMessageContaining("email");
        assertThatThrownBy(() -> CompanyLexicon.fromYaml("values:\n  - item: email\n    pattern: '(['\n", "lexicon.yml"))
                .hasMessageContaining("values[0].pattern is not a valid regular expression");
        assertThatThrownBy(() -> CompanyLexicon.fromYaml("tables:\n  staff: [x]\n", "lexicon.yml"))
                .hasMessageContaining("'staff' is not a subject");
        assertThatThrownBy(() -> CompanyLexicon.fromYaml("colums: []\n", "lexicon.yml"))
                .hasMessageContaining("unknown section 'colums'");
        assertThatThrownBy(() -> CompanyLexicon.fromYaml("columns: [\n", "lexicon.yml"))
                .hasMessageContaining("lexicon.yml: not valid YAML");
    }
}
