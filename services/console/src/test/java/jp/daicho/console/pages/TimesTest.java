package jp.daicho.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimesTest {

    final Times times = new Times();

    @Test
    void instantsAreShownInTokyoTimeHoweverTheApiWroteThem() {
        assertThat(times.tokyo("2026-12-02T15:39:49.244Z")).isEqualTo("2026-12-03 00:39:49 JST");
        assertThat(times.tokyo("2026-12-02T15:39:49+00:00")).isEqualTo("2026-12-03 00:39:49 JST");
        assertThat(times.tokyo("2026-12-03T00:39:49+09:00")).isEqualTo("2026-12-03 00:39:49 JST");
        assertThat(times.tokyo(1_796_225_989_000L)).isEqualTo("2026-12-03 00:39:49 JST");
        assertThat(times.tokyo(null)).isEmpty();
        assertThat(times.tokyo("不明")).isEqualTo("不明");
    }

    @Test
    void datesAreShownAsDatesNotAsTheInstantOfTheirMidnight() {
        assertThat(times.date("2026-09-02")).isEqualTo("2026-09-02");
        assertThat(times.date("2026-09-02T00:00:00.000Z")).isEqualTo("2026-09-02");
        assertThat(times.date("2026-09-01T15:00:00Z")).isEqualTo("2026-09-02"); // midnight in Tokyo
        assertThat(times.date(null)).isEmpty();
        assertThat(times.date("未定")).isEqualTo("未定");
    }
}
