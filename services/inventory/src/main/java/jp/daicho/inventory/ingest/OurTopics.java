package jp.daicho.inventory.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import jp.daicho.schemas.Topics;

/**
 * The topics this service produces, created at start if missing: state-like ones compacted (latest per key). And the
 * source catalogs it reads, compacted as capture creates them, so that subscribing first never leaves them created
 * with the broker's defaults (as the classifier does too).
 */
@Configuration
class OurTopics {

    @Bean
    KafkaAdmin.NewTopics inventoryTopics() {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.PIPELINE_REGISTERED).compact().build(),
                TopicBuilder.name(Topics.PIPELINE_RETIRED).compact().build(),
                TopicBuilder.name(Topics.CLASSIFICATION_REVIEWED).compact().build(),
                TopicBuilder.name(Topics.SUBJECT_REQUEST_CHANGED).compact().build(),
                TopicBuilder.name(Topics.INCIDENT_RECORDED).compact().build(),
                TopicBuilder.name(Topics.VIOLATION_RAISED).build(),
                TopicBuilder.name(Topics.SOURCE_CATALOG_READ).compact().build(),
                TopicBuilder.name(Topics.SOURCE_READERS_OBSERVED).compact().build());
    }
}
