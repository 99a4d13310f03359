package jp.daicho.ledger.ingest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import jp.daicho.schemas.Topics;

/** The ledger's topics, created at start if missing. */
@Configuration
@EnableConfigurationProperties(IngestProperties.class)
class OurTopics {

    @Bean
    KafkaAdmin.NewTopics ledgerTopics(IngestProperties properties) {
        return new KafkaAdmin.NewTopics(
                // Carries identifying items of data subjects: kept only as long as a consumer may lag.
                TopicBuilder.name(Topics.PROVISION_OCCURRED).partitions(1)
                        .config("retention.ms", Long.toString(properties.occurrenceRetention().toMillis())).build(),
                TopicBuilder.name(Topics.PROVISION_OCCURRED_DLQ).build(),
                // Anchors of the chain: every one kept.
                TopicBuilder.name(Topics.LEDGER_CHECKPOINTED).config("retention.ms", "-1").build(),
                TopicBuilder.name(Topics.VIOLATION_RAISED).build(),
                // The inventory's, read here from the start: it exists before either side is up.
                TopicBuilder.name(Topics.SUBJECT_REQUEST_CHANGED).compact().build(),
                TopicBuilder.name(Topics.PIPELINE_RETIRED).compact().build());
    }
}
