package jp.daicho.classifier.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Consumer-container settings Spring Boot has no property for. */
@Configuration
class ListenerSettings {

    /**
     * Offsets are committed asynchronously after each batch: still only after the batch's outputs are
     * acknowledged (at-least-once), but without a broker round trip per poll on the hot path. A commit
     * lost in a crash only means a batch is read again, which the idempotent inventory absorbs.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asyncCommits() {
        return container -> container.getContainerProperties().setSyncCommits(false);
    }

    /**
     * Bad input never reaches here (the handler dead-letters it); what does is Kafka refusing our outputs.
     * The batch is then retried, with a backoff growing to 30 s, for as long as it takes, instead of
     * being skipped after a few tries as the default would: no change event goes unclassified.
     */
    @Bean
    DefaultErrorHandler retryUntilKafkaAcceptsOutputs() {
        var backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        var handler = new DefaultErrorHandler(backOff);
        handler.setRetryListeners((records, e, attempt) -> org.slf4j.LoggerFactory.getLogger(ListenerSettings.class)
                .warn("Attempt {} to classify a batch failed, will retry: {}", attempt, e.getClass().getSimpleName()));
        return handler;
    }
}
