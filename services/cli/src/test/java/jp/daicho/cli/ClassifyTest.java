package jp.daicho.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ClassifyTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Daicho cli = new Daicho(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    final String profile = Path.of("src/test/resources/shop-profile.json").toString();

    @Test
    void printsOneJsonObjectPerColumnWithMaskedEvidence() {
        assertThat(cli.run(new String[] {"classify", profile}, null)).isZero();

        var lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(6);
        var json = JsonMapper.builder().build();
        var email = json.readTree(lines.get(2));
        assertThat(email.get("table").asString()).isEqualTo("会員");
        assertThat(email.get("column").asString()).isEqualTo("メールアドレス");
        assertThat(email.get("item").asString()).isEqualTo("email");
        assertThat(email.get("subject").asString()).isEqualTo("customer");
        assertThat(email.get("sensitive").asBoolean()).isFalse();
        assertThat(json.readTree(lines.get(3)).get("sensitive").asBoolean()).isTrue();
        assertThat(json.readTree(lines.get(4)).get("column").asString()).isEqualTo("(unnamed 1)");
        assertThat(String.join("\n", lines)).doesNotContain("taro@", "山田", "高血圧");
    }

    @Test
    void scoresAgainstTheLabelsSkippingAmbiguousOnes() {
        assertThat(cli.run(new String[] {"classify", profile, "--score"}, null)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("shop", "samples", "n=5", "personal P=1.000 R=1.000 F1=1.000", "sensitive P=1.000 R=1.000");
    }

    @Test
    void brokenInputSaysWhereAndTheOtherFilesAreStillClassified() throws Exception {
        Path broken = Files.createTempFile("broken", ".json");
        Files.writeString(broken, "{\"tables\": [ {\"name\": \"x\",\n \"columns\": [ }");

        assertThat(cli.run(new String[] {"classify", broken.toString(), profile}, null)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(broken + ": not valid JSON at line 2");
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(6);
    }

    @Test
    void sqlDdlInBothDialectsAndABrokenStatementNamedByLine() {
        int code = cli.run(new String[] {"classify", Path.of("src/test/resources/shop.sql").toString()}, null);

        assertThat(code).as("a statement could not be parsed").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("shop.sql: line 9: cannot parse this statement");
        var lines = out.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("\"table\":\"members\",\"column\":\"氏名\",\"item\":\"name\"",
                "\"column\":\"email\",\"item\":\"email\"", "\"column\":\"phone_number\",\"item\":\"phone\"",
                "\"table\":\"employees\",\"column\":\"last_name\",\"item\":\"name\",\"subject\":\"employee\"",
                "\"column\":\"birth_date\",\"item\":\"birth_date\"");
        assertThat(lines).doesNotContain("broken");
        // Declared foreign keys point at the person: inline, table-level, and added by ALTER TABLE.
        assertThat(lines).contains("\"table\":\"visits\",\"column\":\"guest\",\"item\":\"identifier\",\"subject\":\"customer\"",
                "\"table\":\"payslips\",\"column\":\"payee\",\"item\":\"identifier\",\"subject\":\"employee\"",
                "\"table\":\"visits\",\"column\":\"host\",\"item\":\"identifier\",\"subject\":\"employee\"");
        assertThat(lines).contains("\"table\":\"visits\",\"column\":\"visit_id\",\"item\":\"none\"");
    }

    @Test
    void commentsAndBlankLinesBeforeAndInsideAStatementDoNotEndIt() throws Exception {
        Path ddl = Files.createTempFile("commented", ".sql");
        Files.writeString(ddl, """
                -- Demo source database (fictitious data).
                -- Captured like any production database.

                create table members (
                    id   bigserial primary key,

                    -- who they are
                    氏名  text not null,
                    email text
                );
                """);

        assertThat(cli.run(new String[] {"classify", ddl.toString()}, null)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"column\":\"氏名\",\"item\":\"name\"",
                "\"column\":\"email\",\"item\":\"email\"");
    }
}
