package jp.daicho.classifier.publish;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import jp.daicho.schemas.Topics;

/** The topics this service produces, created at start if missing: the latest decision per key is kept (compacted). */
@Configuration
class OurTopics {

    @Bean
    KafkaAdmin.NewTopics classifierTopics() {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.DATASET_OBSERVED).compact().build(),
                TopicBuilder.name(Topics.FIELD_CLASSIFIED).compact().build(),
                TopicBuilder.name(Topics.CHANGE_EVENT_DLQ).build(),
                // Capture's, but read here from the start: it exists before either side is up.
                TopicBuilder.name(Topics.SOURCE_CATALOG_READ).compact().build());
    }
}
