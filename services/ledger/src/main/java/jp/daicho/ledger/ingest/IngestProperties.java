package jp.daicho.ledger.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daicho.ledger.ingest.*}.
 *
 * @param outboxTopicPattern  the Debezium change-event topics of the pipelines' outbox tables
 * @param occurrenceRetention how long the occurrence topic keeps events: they carry data subjects'
 *                            identifying items, so only as long as a consumer may lag
 */
@ConfigurationProperties("daicho.ledger.ingest")
public record IngestProperties(@DefaultValue(".*\\.daicho_provision_outbox") String outboxTopicPattern,
                               @DefaultValue("1d") Duration occurrenceRetention) {
}
