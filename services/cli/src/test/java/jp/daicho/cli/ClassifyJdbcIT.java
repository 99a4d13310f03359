package jp.daicho.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.daicho.embedded.EmbeddedPostgres;

/** {@code daicho classify --jdbc URL} against a real PostgreSQL. */
class ClassifyJdbcIT {

    static EmbeddedPostgres postgres;
    static String url;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Daicho cli = new Daicho(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.start();
        postgres.createDatabase("shop");
        url = postgres.jdbcUrl("shop");
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, "")) {
            c.createStatement().execute("""
                    CREATE TABLE "会員" ("会員ID" bigserial PRIMARY KEY, "氏名" text, "メールアドレス" text, "電話番号" text,
                                       memo text, photo bytea, unused text);
                    CREATE TABLE orders (order_id bigserial PRIMARY KEY, buyer bigint REFERENCES "会員" ("会員ID"), total int);
                    INSERT INTO "会員" ("氏名", "メールアドレス", "電話番号", memo, photo)
                      SELECT '山田 太郎' || i, 'taro' || i || '@example.jp', '090-1234-' || (1000 + i), repeat('長い備考', 5000),
                             '\\x0102'::bytea FROM generate_series(1, 30) i;
                    INSERT INTO orders (buyer, total) SELECT i, 100 * i FROM generate_series(1, 30) i;
                    CREATE TABLE kbn_records (id bigserial PRIMARY KEY, col_a text, col_b int);
                    COMMENT ON COLUMN kbn_records.col_a IS '申込者の携帯電話番号';
                    COMMENT ON COLUMN kbn_records.col_b IS '並び順';
                    """);
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void classifiesALiveDatabaseFromItsCatalogForeignKeysAndSampledRows() {
        int code = cli.run(new String[] {"classify", "--jdbc", url, "--user=postgres"}, null);

        String lines = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(lines).contains("\"table\":\"会員\",\"column\":\"氏名\",\"item\":\"name\",\"subject\":\"customer\"",
                "\"column\":\"メールアドレス\",\"item\":\"email\"", "\"column\":\"電話番号\",\"item\":\"phone\"",
                "\"table\":\"orders\",\"column\":\"buyer\",\"item\":\"identifier\",\"subject\":\"customer\"",
                "\"column\":\"photo\"", "\"column\":\"unused\",\"item\":\"none\"");
        assertThat(lines).contains("value-shape:email", "foreign-key:customer");
        // Issue 12: a column whose name says nothing is read by its comment in the catalog.
        assertThat(lines).contains("\"table\":\"kbn_records\",\"column\":\"col_a\",\"item\":\"phone\"",
                "\"column\":\"col_b\",\"item\":\"none\"", "column-comment:phone");
        // Evidence is masked: no sampled value is printed.
        assertThat(lines).doesNotContain("taro1@", "山田 太郎", "1234-1001", "長い備考長い");
    }

    @Test
    void withoutSamplesOnlyTheCatalogIsRead() {
        int code = cli.run(new String[] {"classify", "--jdbc=" + url, "--user", "postgres", "--no-samples"}, null);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("sample:").contains("\"column\":\"氏名\",\"item\":\"name\"");
    }

    @Test
    void anUnreachableDatabaseSaysWhatToCheck() {
        int code = cli.run(new String[] {"classify", "--jdbc", "jdbc:postgresql://localhost:1/none", "--user=x"}, null);

        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read jdbc:postgresql://localhost:1/none",
                "check the URL, --user and $DAICHO_JDBC_PASSWORD");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aUrlThatIsNotJdbcIsAUsageError() {
        assertThat(cli.run(new String[] {"classify", "--jdbc", "postgres://x"}, null)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--jdbc needs a JDBC URL");
    }
}
