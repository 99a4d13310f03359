package jp.daicho.classifier.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

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
}
