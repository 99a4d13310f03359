package jp.daicho.ledger.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A batch that fails as a whole (the database or Kafka away) is retried with a backoff growing to 30 s, for
 * as long as it takes: records are never skipped and the chain keeps its order. Records that can never be
 * used are dead-lettered by the listeners themselves, one by one, so they never get here.
 */
@Configuration
class KafkaErrors {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KafkaErrors.class);

    static String kind(Throwable e) {
        var kinds = new StringBuilder(e.getClass().getSimpleName());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            kinds.append(" < ").append(cause.getClass().getSimpleName());
            if (cause instanceof java.sql.SQLException sql) {
                kinds.append(" (SQL state ").append(sql.getSQLState()).append(')');
            }
        }
        return kinds.toString();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler() {
        var backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        var handler = new DefaultErrorHandler((record, e) -> {
            throw new IllegalStateException("retrying", e);
        }, backOff);
        // The failure is named by its kind and SQL state only: a database's message may quote the row.
        handler.setRetryListeners((record, e, attempt) -> log.warn("Attempt {} to record a batch failed, will retry: {}",
                attempt, kind(e)));
        return handler;
    }
}
