package jp.daicho.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class TimesTest {

    final Times times = new Times();

    @Test
    void instantsAreShownInTokyoTime() {
        assertThat(times.tokyo(Instant.parse("2026-12-02T15:39:49.244Z"))).isEqualTo("2026-12-03 00:39:49 JST");
        assertThat(times.tokyo(null)).isEmpty();
    }

    @Test
    void datesAreShownAsDates() {
        assertThat(times.date(LocalDate.of(2026, 9, 2))).isEqualTo("2026-09-02");
        assertThat(times.date(null)).isEmpty();
    }
}
