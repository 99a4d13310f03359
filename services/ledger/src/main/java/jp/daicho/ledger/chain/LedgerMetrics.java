package jp.daicho.ledger.chain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the ledger's operators watch besides the JVM, HTTP, connection pool and Kafka consumers' own metrics (lag
 * included): the records it holds (counted at most once a minute), the chain's head, and what the last verification found, read when scraped; dead
 * letters are counted where they are sent; whether Kafka answers is {@code ingest.KafkaHealthConfiguration}'s.
 */
@Configuration
class LedgerMetrics {

    LedgerMetrics(MeterRegistry registry, JdbcClient jdbc, VerifyChain verifications) {
        // Counting millions of records takes a while: at most once a minute, however often the gauge is scraped.
        var records = new Recent<>(java.time.Duration.ofMinutes(1),
                () -> jdbc.sql("select count(*) from ledger_record").query(Long.class).single());
        Gauge.builder("daicho.ledger.records", records::get)
                .description("statutory records held (purged ones excluded), counted at most once a minute").register(registry);
        Gauge.builder("daicho.ledger.head.seq", () -> jdbc.sql("select coalesce(max(seq), 0) from ledger_record")
                        .query(Long.class).single())
                .description("the number of the chain's last record").register(registry);
        Gauge.builder("daicho.ledger.verification.problems", () -> verifications.last().map(VerifyChain.LastVerification::problems)
                        .orElse(-1L))
                .description("problems the last verification found (-1: never verified)").register(registry);
    }

    /** A value read again only once it is older than {@code ttl}. */
    static final class Recent<T> {

        private final long ttlNanos;
        private final java.util.function.Supplier<T> read;
        private T value;
        private long readAt;

        Recent(java.time.Duration ttl, java.util.function.Supplier<T> read) {
            this.ttlNanos = ttl.toNanos();
            this.read = read;
        }

        synchronized T get() {
            long now = System.nanoTime();
            if (value == null || now - readAt >= ttlNanos) {
                value = read.get();
                readAt = now;
            }
            return value;
        }
    }
}
