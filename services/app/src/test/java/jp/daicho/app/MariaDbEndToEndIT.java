package jp.daicho.app;

import static jp.daicho.app.EndToEndIT.dataset;
import static jp.daicho.app.EndToEndIT.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.embedded.EmbeddedMariaDb;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.SharedMariaDb;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, part 2 end to end: an EC-CUBE-shaped MariaDB database (the software many Japanese shops run) → binary
 * log → capture → Kafka → classifier → inventory, on a real MariaDB server; a table created while everything runs
 * is in the inventory before its first row, and its first row does not make a second schema version (the catalog
 * and the change events spell its columns alike).
 */
@UsesRealInfrastructure
class MariaDbEndToEndIT {

    static final String SHOP = "e2e_eccube";
    static Services services;

    @BeforeAll
    static void start() throws Exception {
        var infra = Infrastructure.shared();
        infra.createDatabase("e2e_mariadb_daicho");
        EmbeddedMariaDb mariadb = SharedMariaDb.server();
        mariadb.createDatabase(SHOP);
        try (var c = SharedMariaDb.connect(SHOP); var s = c.createStatement()) {
            s.execute("""
                    create table dtb_customer (id int unsigned auto_increment primary key, name01 varchar(255) comment '姓',
                      name02 varchar(255) comment '名', kana01 varchar(255), kana02 varchar(255), email varchar(255),
                      phone_number varchar(14), postal_code varchar(8), addr01 varchar(255), birth datetime,
                      create_date datetime not null) comment '会員'""");
            s.execute("""
                    insert into dtb_customer (name01, name02, kana01, kana02, email, phone_number, postal_code, addr01, birth, create_date)
                    values ('山田', '太郎', 'ヤマダ', 'タロウ', 'taro.yamada@example.jp', '09012345678', '1000001', '千代田区千代田1-1',
                            '1985-04-01', now())""");
        }
        services = new Services(new Services.Settings(infra.kafkaBootstrapServers(), infra.jdbcUrl("e2e_mariadb_daicho"),
                infra.postgresUser(), infra.postgresPassword(),
                List.of(new Services.Source("ecit", mariadb.host(), mariadb.port(), SHOP, EmbeddedMariaDb.ADMIN,
                                EmbeddedMariaDb.ADMIN_PASSWORD, java.util.Map.of(), CaptureProperties.Kind.MARIADB),
                        // Bad input: a source with a wrong password, beside the good one.
                        new Services.Source("ecbroken", mariadb.host(), mariadb.port(), SHOP, EmbeddedMariaDb.ADMIN,
                                "not-the-password", java.util.Map.of(), CaptureProperties.Kind.MARIADB)),
                Files.createTempDirectory("e2e-mariadb-offsets"), 0, "e2e-mariadb-", "ecit\\..*")).startAll();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    /** Readiness per source: the good one streams, the broken one says what is wrong and how to fix it. */
    @Test
    void theStatusSaysWhichSourceStreamsAndWhatIsWrongWithTheOther() throws Exception {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            // The status topic is shared with the other tests of this JVM: only this test's sources are looked at.
            var sources = new java.util.ArrayList<JsonNode>();
            EndToEndIT.get(services, "/api/status").get("sources").forEach(s -> {
                if (s.get("name").asString().startsWith("ec")) {
                    sources.add(s);
                }
            });
            assertThat(sources).extracting(s -> s.get("name").asString()).containsExactly("ecbroken", "ecit");
            JsonNode good = sources.get(1);
            assertThat(good.get("state").asString()).isEqualTo("STREAMING");
            assertThat(good.get("ready").asBoolean()).isTrue();
            assertThat(good.get("kind").asString()).isEqualTo("mariadb");
            assertThat(good.get("tables").asInt()).isPositive();
            assertThat(good.get("problem").isNull()).isTrue();
            JsonNode broken = sources.get(0);
            assertThat(broken.get("state").asString()).isEqualTo("FAILING");
            assertThat(broken.get("ready").asBoolean()).isFalse();
            assertThat(broken.get("problem").asString()).startsWith("MariaDB refused the credentials of daicho@127.0.0.1:")
                    .contains("check the source's user and password").doesNotContain("not-the-password");
        });
        assertThat(EndToEndIT.cli(services, "status"))
                .containsPattern("ecit +mariadb +STREAMING +yes")
                .containsPattern("ecbroken +mariadb +FAILING +no .*MariaDB refused the credentials");
    }

    @Test
    void aMariaDbShopIsClassifiedInTheInventoryAndANewTableAppearsBeforeItsFirstRow() throws Exception {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode customers = dataset(services, "ecit.e2e_eccube.dtb_customer");
            assertThat(item(customers, "email")).isEqualTo("email");
            assertThat(item(customers, "phone_number")).isEqualTo("phone");
            assertThat(item(customers, "create_date")).isEqualTo("none");
            assertThat(customers.get("schemaVersion").asInt()).isEqualTo(1);
        });

        try (var c = SharedMariaDb.connect(SHOP); var s = c.createStatement()) {
            s.execute("create table dtb_newcomer (id int auto_increment primary key, 氏名 varchar(40), email varchar(120),"
                    + " 電話番号 varchar(20))");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode newcomers = dataset(services, "ecit.e2e_eccube.dtb_newcomer");
            assertThat(newcomers).as("in the inventory before its first row").isNotNull();
            assertThat(item(newcomers, "email")).isEqualTo("email");
            assertThat(item(newcomers, "電話番号")).isEqualTo("phone");
        });
        try (var c = SharedMariaDb.connect(SHOP); var s = c.createStatement()) {
            s.execute("insert into dtb_newcomer (氏名, email, 電話番号) values ('新井花子', 'hanako.arai@example.jp', '090-1111-2222')");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode newcomers = dataset(services, "ecit.e2e_eccube.dtb_newcomer");
            assertThat(newcomers.get("fields")).allSatisfy(f -> assertThat(f.at("/classification/sampleCount").asInt(0))
                    .as("classified again from the row's samples").isPositive());
            assertThat(newcomers.get("schemaVersion").asInt()).as("the row's columns are the catalog's: one version").isEqualTo(1);
        });
    }
}
