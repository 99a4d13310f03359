package jp.daicho.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.daicho.vocabulary.Item;

/** Issue 12, bad input: odd names, huge tables, cycles and absurd lengths are classified, never a crash or a stall. */
class BadInputTest {

    final FieldClassifier classifier = new FieldClassifier();

    @Test
    void columnsWithoutANameOrWithSymbolsOnlyAreClassifiedAsNothingPersonal() {
        var result = classifier.classifyTable("t", List.of(new ColumnProfile("t", "", "TEXT", List.of()),
                new ColumnProfile("t", "!!!", "INT", List.of("1")), new ColumnProfile("t", "＠＃％", "VARCHAR", List.of("x")),
                new ColumnProfile("t", "_", "", List.of())));

        assertThat(result).hasSize(4);
        assertThat(result.values()).allSatisfy(c -> {
            assertThat(c.item()).isEqualTo(Item.NONE);
            assertThat(c.confidence()).isBetween(0.0, 1.0);
        });
    }

    /** Names without words in tables whose context rules read a column's words, some with a comment that gives an item. */
    @Test
    void columnsWithoutWordsAreClassifiedInEveryKindOfTable() {
        for (String table : List.of("payslips", "diagnoses", "employees", "staff_sessions", "companies", "club_members")) {
            var result = classifier.classifyTable(table, List.of(
                    new ColumnProfile(table, "employee_id", "INT8", null, List.of(), null, false),
                    new ColumnProfile(table, "!!!", "TIMESTAMP", null, List.of(), "給与", false),
                    new ColumnProfile(table, "＠＃", "INT4", null, List.of(), "氏名", false),
                    new ColumnProfile(table, "_", "DATE", null, List.of(), "役職", false),
                    new ColumnProfile(table, "", "VARCHAR", null, List.of(), null, false)));
            assertThat(result).as(table).hasSize(5);
            assertThat(result.values()).allSatisfy(c -> assertThat(c.confidence()).isBetween(0.0, 1.0));
        }
    }

    @Test
    void aThousandColumnTableIsClassifiedWhole() {
        var columns = new ArrayList<ColumnProfile>();
        for (int i = 0; i < 1000; i++) {
            columns.add(new ColumnProfile("wide", (i % 3 == 0 ? "email_" : i % 3 == 1 ? "attr_" : "氏名") + i, "VARCHAR(80)",
                    List.of(i % 3 == 0 ? "a" + i + "@example.jp" : "v" + i)));
        }

        var result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> classifier.classifyTable("wide", columns, Set.of("members")));

        assertThat(result).hasSize(1000);
        assertThat(result.get("email_3").item()).isEqualTo(Item.EMAIL);
        assertThat(result.get("氏名2").item()).isEqualTo(Item.NAME);
    }

    @Test
    void foreignKeyCyclesAndSelfReferencesAreJustReferences() {
        var a = classifier.classifyTable("a", List.of(new ColumnProfile("a", "id", "INT", List.of()),
                new ColumnProfile("a", "b_id", "INT", "b.id", List.of()), new ColumnProfile("a", "parent_id", "INT", "a.id", List.of())),
                Set.of("b"));
        var b = classifier.classifyTable("b", List.of(new ColumnProfile("b", "id", "INT", List.of()),
                new ColumnProfile("b", "a_id", "INT", "a.id", List.of())), Set.of("a"));

        assertThat(a).hasSize(3);
        assertThat(b).hasSize(2);
        assertThat(a.get("b_id").item()).isEqualTo(Item.NONE);
    }

    @Test
    void absurdlyLongNamesAndValuesCostNoMoreThanTheirFirstWords() {
        String longName = "customer_email_".repeat(20_000);
        String longTable = "会員".repeat(50_000);
        String longValue = "x".repeat(1_000_000);

        var result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> classifier.classifyTable(longTable,
                List.of(new ColumnProfile(longTable, longName, "VARCHAR(" + "9".repeat(40) + ")", List.of(longValue)))));

        assertThat(result).hasSize(1);
        assertThat(String.join(" ", result.get(longName).evidence())).doesNotContain("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    }

    @Test
    void unknownTypesAndNullSamplesAreTolerated() {
        var samples = new ArrayList<String>();
        samples.add(null);
        samples.add("");
        var result = classifier.classifyTable("members", List.of(new ColumnProfile("members", "geom", "GEOMETRY(POINT,4326)", samples),
                new ColumnProfile("members", "email", null, List.of("taro@example.jp"))));

        assertThat(result.get("email").item()).isEqualTo(Item.EMAIL);
        assertThat(result.get("geom").sampleCount()).isZero();
    }
}
