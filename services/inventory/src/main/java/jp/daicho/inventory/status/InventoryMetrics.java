package jp.daicho.inventory.status;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.daicho.inventory.review.Reviews;

/**
 * What the inventory's operators watch besides the JVM, HTTP, connection pool and Kafka consumers' own metrics (lag
 * included): the datasets and personal fields it holds, the review queue and the open violations, read when scraped;
 * whether Kafka answers is {@code ingest.KafkaHealthConfiguration}'s, for readiness.
 */
@Configuration
class InventoryMetrics {

    InventoryMetrics(MeterRegistry registry, JdbcClient jdbc, Reviews reviews) {
        gauge(registry, "daicho.datasets", "datasets in the inventory, dropped ones excluded",
                () -> count(jdbc, "select count(*) from dataset where dropped_at is null"));
        gauge(registry, "daicho.fields.personal", "present fields classified as personal data",
                () -> count(jdbc, "select count(*) from field_classification c join field f on f.dataset_id = c.dataset_id "
                        + "and f.name = c.field_name where f.present and c.item <> 'none'"));
        gauge(registry, "daicho.review.queue", "fields waiting for a person's review", () -> reviews.waiting(Reviews.UNSURE));
        gauge(registry, "daicho.violations.open", "pipeline violations not resolved",
                () -> count(jdbc, "select count(*) from violation where resolved_at is null"));
    }

    private static void gauge(MeterRegistry registry, String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
