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

    @Bean
    DefaultErrorHandler kafkaErrorHandler() {
        var backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        var handler = new DefaultErrorHandler((record, e) -> {
            throw new IllegalStateException("retrying", e);
        }, backOff);
        handler.setRetryListeners((record, e, attempt) -> log.warn("Attempt {} to record a batch failed, will retry: {}",
                attempt, e.getClass().getSimpleName() + ": " + e.getMessage()));
        return handler;
    }
}
