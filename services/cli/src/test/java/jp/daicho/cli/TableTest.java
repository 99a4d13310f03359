package jp.daicho.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void japaneseCellsCountTwoColumnsSoColumnsLineUp() {
        String text = Table.of(List.of("FIELD", "ITEM"), List.of(
                List.of("氏名", "name"),
                List.of("email", "email"),
                List.of("ﾒｰﾙ", "email"))).toString();

        var lines = text.lines().toList();
        assertThat(lines).containsExactly(
                "FIELD  ITEM",
                "氏名   name",
                "email  email",
                "ﾒｰﾙ    email");
    }
}
