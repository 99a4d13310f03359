package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.daicho.capture.source.CaptureProperties;

/** Issue 13: the launcher watches the user's own databases; passwords come from the environment only. */
class LauncherOptionsTest {

    @Test
    void sourcesAreRepeatableWithTheirPasswordFromTheEnvironment() {
        var options = LauncherOptions.parse(new String[] {
                "--source=shop=jdbc:postgresql://db.internal:6432/shop?user=daicho_capture",
                "--source=hr-db=jdbc:postgresql://hr.internal/人事",
                "--source=ec=jdbc:mysql://ec.internal/eccube?user=ec_capture",
                "--source=welcart=jdbc:mariadb://wp.internal:3307/wordpress?user=wp_capture"},
                Map.of("DAICHO_SOURCE_SHOP_PASSWORD", "s3cret", "DAICHO_SOURCE_HR_DB_USER", "hr_capture",
                        "DAICHO_SOURCE_EC_PASSWORD", "ec-secret"));

        assertThat(options.sources()).containsExactly(
                new LauncherOptions.SourceOption("shop", CaptureProperties.Kind.POSTGRESQL, "db.internal", 6432, "shop",
                        "daicho_capture", "s3cret"),
                new LauncherOptions.SourceOption("hr-db", CaptureProperties.Kind.POSTGRESQL, "hr.internal", 5432, "人事",
                        "hr_capture", ""),
                new LauncherOptions.SourceOption("ec", CaptureProperties.Kind.MYSQL, "ec.internal", 3306, "eccube",
                        "ec_capture", "ec-secret"),
                new LauncherOptions.SourceOption("welcart", CaptureProperties.Kind.MARIADB, "wp.internal", 3307, "wordpress",
                        "wp_capture", ""));
        assertThat(options.sources()).extracting(LauncherOptions.SourceOption::whenSlotLost)
                .as("a lost replication slot stops capture unless the source allows a re-snapshot")
                .containsOnly(CaptureProperties.SlotLost.STOP);
        assertThat(LauncherOptions.parse(new String[] {
                "--source=shop=jdbc:postgresql://db.internal/shop?user=daicho_capture&when-slot-lost=resnapshot"}, Map.of())
                .sources().getFirst().whenSlotLost()).isEqualTo(CaptureProperties.SlotLost.RESNAPSHOT);
        assertThat(options.sources().get(2).toString()).isEqualTo("ec=MySQL ec_capture@ec.internal:3306/eccube (password ****)");
        assertThat(options.demo()).as("with or without the demo: default on when embedded").isTrue();
        assertThat(options.sources().getFirst().toString()).doesNotContain("s3cret").contains("password ****");
    }

    @Test
    void badSourcesSayWhatIsWrongAndNeverEchoAPassword() {
        assertThatThrownBy(() -> parse("--source=shop=jdbc:postgresql://db/shop?user=u&password=hunter2"))
                .hasMessageContaining("DAICHO_SOURCE_SHOP_PASSWORD").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("--source=shop=jdbc:postgresql://db/shop"))
                .hasMessageContaining("?user=NAME").hasMessageContaining("DAICHO_SOURCE_SHOP_USER");
        assertThatThrownBy(() -> parse("--source=shop=jdbc:oracle:thin:@db:1521/shop?password=hunter2"))
                .hasMessageContaining("is not a JDBC URL capture reads; write jdbc:postgresql://")
                .hasMessageContaining("jdbc:mysql://").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("--source=shop=jdbc:mariadb://db/shop?password=hunter2&user=u"))
                .hasMessageContaining("DAICHO_SOURCE_SHOP_PASSWORD").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("--source=shop=jdbc:mysql://db?user=u"))
                .hasMessageContaining("the URL needs a host and a database");
        assertThatThrownBy(() -> parse("--source=ショップ=jdbc:postgresql://db/shop?user=u"))
                .hasMessageContaining("use letters, digits");
        assertThatThrownBy(() -> parse("--source=demo=jdbc:postgresql://db/shop?user=u"))
                .hasMessageContaining("the name 'demo' is the demo database's");
        assertThatThrownBy(() -> parse("--source=a=jdbc:postgresql://db/x?user=u", "--source=a=jdbc:postgresql://db/y?user=u"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> parse("--source=shop=jdbc:postgresql://db/shop?user=u&when-slot-lost=always"))
                .hasMessageContaining("when-slot-lost is 'stop'").hasMessageContaining("'resnapshot'");
        assertThatThrownBy(() -> parse("--source=jdbc"))
                .hasMessageContaining("NAME=JDBC_URL");
    }

    @Test
    void aKafkaThatAuthenticatesIsConfiguredFromAClientPropertiesFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var file = dir.resolve("kafka-client.properties");
        java.nio.file.Files.writeString(file, """
                bootstrap.servers=ignored:9092
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="daicho" password="k-secret";
                ssl.truststore.location=/etc/daicho/truststore.p12
                """);
        var options = LauncherOptions.parse(new String[] {"--kafka=kafka-1:9093", "--kafka-config=" + file}, Map.of());
        assertThat(options.kafkaClient()).containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "ssl.truststore.location").containsEntry("security.protocol", "SASL_SSL");
        assertThat(LauncherOptions.parse(new String[] {"--kafka=k:9092"}, Map.of("DAICHO_KAFKA_CONFIG", file.toString()))
                .kafkaClient()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");

        assertThatThrownBy(() -> parse("--kafka=k:9092", "--kafka-config=" + dir.resolve("missing.properties")))
                .hasMessageContaining("no such file").hasMessageContaining("security.protocol=SASL_SSL");
        assertThatThrownBy(() -> parse("--kafka-config=" + file))
                .hasMessageContaining("give its servers too");
    }

    static LauncherOptions parse(String... args) {
        return LauncherOptions.parse(args, Map.of());
    }

    @Test
    void theDataIsKeptInADirectoryOfItsOwnUnlessToldToStartOver() {
        var defaults = LauncherOptions.parse(new String[0], Map.of());
        assertThat(defaults.dataDir()).isEqualTo(java.nio.file.Path.of("daicho-data"));
        assertThat(defaults.fresh()).isFalse();
        var given = LauncherOptions.parse(new String[] {"--data-dir=/var/lib/daicho", "--fresh"}, Map.of());
        assertThat(given.dataDir()).isEqualTo(java.nio.file.Path.of("/var/lib/daicho"));
        assertThat(given.fresh()).isTrue();
        // A Japanese directory name, where the JVM's file-name encoding can write it; else a message saying how to.
        if (java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding")).newEncoder().canEncode("台帳")) {
            assertThat(parse("--data-dir=/var/lib/台帳").dataDir()).isEqualTo(java.nio.file.Path.of("/var/lib/台帳"));
        } else {
            assertThatThrownBy(() -> parse("--data-dir=/var/lib/台帳")).hasMessageContaining("LANG=C.UTF-8");
        }
        assertThat(LauncherOptions.parse(new String[0], Map.of("DAICHO_DATA_DIR", "/srv/daicho")).dataDir())
                .isEqualTo(java.nio.file.Path.of("/srv/daicho"));
        assertThatThrownBy(() -> parse("--data-dir")).hasMessageContaining("--data-dir needs a directory");
        assertThat(LauncherOptions.usage()).contains("--data-dir=DIR", "--fresh");
    }
}
