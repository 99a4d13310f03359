package jp.daicho.ledger.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class RetentionTest {

    @Test
    void aRecordIsKeptToTheEndOfItsLastDayInJapanAndNotASecondLess() {
        // 2026-04-01 05:00 in Japan, still March 31 in UTC: the day that counts is Japan's.
        Instant provided = Instant.parse("2026-03-31T20:00:00Z");

        assertThat(Retention.keptUntil(provided, 3)).isEqualTo(LocalDate.parse("2029-04-01"));
        assertThat(Retention.keptUntil(provided, 1)).isEqualTo(LocalDate.parse("2027-04-01"));
        assertThat(Retention.mayGo(provided, 3, Instant.parse("2029-04-01T14:59:59Z"))).as("23:59:59 in Japan").isFalse();
        assertThat(Retention.mayGo(provided, 3, Instant.parse("2029-04-01T15:00:00Z"))).as("midnight in Japan").isTrue();
        // A leap day: three years on there is none, and the last day is the 28th.
        assertThat(Retention.keptUntil(Instant.parse("2028-02-29T03:00:00Z"), 3)).isEqualTo(LocalDate.parse("2031-02-28"));
    }
}
