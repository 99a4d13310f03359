package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Issue 13: the launcher watches the user's own databases; passwords come from the environment only. */
class LauncherOptionsTest {

    @Test
    void sourcesAreRepeatableWithTheirPasswordFromTheEnvironment() {
        var options = LauncherOptions.parse(new String[] {
                "--source=shop=jdbc:postgresql://db.internal:6432/shop?user=daicho_capture",
                "--source=hr-db=jdbc:postgresql://hr.internal/人事"},
                Map.of("DAICHO_SOURCE_SHOP_PASSWORD", "s3cret", "DAICHO_SOURCE_HR_DB_USER", "hr_capture"));

        assertThat(options.sources()).containsExactly(
                new LauncherOptions.SourceOption("shop", "db.internal", 6432, "shop", "daicho_capture", "s3cret"),
                new LauncherOptions.SourceOption("hr-db", "hr.internal", 5432, "人事", "hr_capture", ""));
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
                .hasMessageContaining("not a PostgreSQL JDBC URL").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("--source=shop=jdbc:mysql://db/shop?user=u"))
                .hasMessageContaining("MySQL and MariaDB sources are not supported yet");
        assertThatThrownBy(() -> parse("--source=ショップ=jdbc:postgresql://db/shop?user=u"))
                .hasMessageContaining("use letters, digits");
        assertThatThrownBy(() -> parse("--source=demo=jdbc:postgresql://db/shop?user=u"))
                .hasMessageContaining("the name 'demo' is the demo database's");
        assertThatThrownBy(() -> parse("--source=a=jdbc:postgresql://db/x?user=u", "--source=a=jdbc:postgresql://db/y?user=u"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> parse("--source=jdbc"))
                .hasMessageContaining("NAME=JDBC_URL");
    }

    static LauncherOptions parse(String... args) {
        return LauncherOptions.parse(args, Map.of());
    }
}
