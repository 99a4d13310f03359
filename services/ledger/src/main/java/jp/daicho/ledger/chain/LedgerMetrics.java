package jp.daicho.ledger.chain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the ledger's operators watch besides the JVM, HTTP, connection pool and Kafka consumers' own metrics (lag
 * included): the records it holds, the chain's head, and what the last verification found, read when scraped; dead
 * letters are counted where they are sent; whether Kafka answers is {@code ingest.KafkaHealthConfiguration}'s.
 */
@Configuration
class LedgerMetrics {

    LedgerMetrics(MeterRegistry registry, JdbcClient jdbc, VerifyChain verifications) {
        Gauge.builder("daicho.ledger.records", () -> jdbc.sql("select count(*) from ledger_record").query(Long.class).single())
                .description("statutory records held (purged ones excluded)").register(registry);
        Gauge.builder("daicho.ledger.head.seq", () -> jdbc.sql("select coalesce(max(seq), 0) from ledger_record")
                        .query(Long.class).single())
                .description("the number of the chain's last record").register(registry);
        Gauge.builder("daicho.ledger.verification.problems", () -> verifications.last().map(VerifyChain.LastVerification::problems)
                        .orElse(-1L))
                .description("problems the last verification found (-1: never verified)").register(registry);
    }
}
