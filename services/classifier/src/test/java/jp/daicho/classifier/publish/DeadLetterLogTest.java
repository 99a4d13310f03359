package jp.daicho.classifier.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Issue 16's fuzzing: 100,000 bad events are 100,000 dead letters and a counter, not 100,000 log lines. */
class DeadLetterLogTest {

    @Test
    void aFloodOfDeadLettersIsLoggedOncePerTopicAndReasonAMinute() {
        var now = new AtomicLong(0);
        var limit = new KafkaPublications.LogLimit(Duration.ofMinutes(1), now::get);
        var logged = new ArrayList<Boolean>();
        for (int i = 0; i < 1000; i++) {
            logged.add(limit.allow("shop.public.members", "NOT_JSON"));
            now.addAndGet(Duration.ofMillis(10).toNanos());
        }

        assertThat(logged.stream().filter(b -> b)).as("10 s of bad events: one line").hasSize(1);
        assertThat(limit.allow("shop.public.members", "SOURCE_TOPIC_MISMATCH")).as("another reason has its own line").isTrue();
        assertThat(limit.allow("shop.public.orders", "NOT_JSON")).as("another topic too").isTrue();
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(limit.allow("shop.public.members", "NOT_JSON")).as("a minute on: a line again").isTrue();
        assertThat(limit.allow("shop.public.members", "NOT_JSON")).isFalse();
    }
}
