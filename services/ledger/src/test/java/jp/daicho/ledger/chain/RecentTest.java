package jp.daicho.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RecentTest {

    @Test
    void aValueIsReadOnceWithinItsTimeAndAgainAfter() {
        var reads = new AtomicInteger();
        var hour = new LedgerMetrics.Recent<>(Duration.ofHours(1), reads::incrementAndGet);
        assertThat(hour.get()).isEqualTo(1);
        assertThat(hour.get()).isEqualTo(1);
        assertThat(reads).hasValue(1);
        var none = new LedgerMetrics.Recent<>(Duration.ZERO, reads::incrementAndGet);
        assertThat(none.get()).isEqualTo(2);
        assertThat(none.get()).isEqualTo(3);
    }
}
