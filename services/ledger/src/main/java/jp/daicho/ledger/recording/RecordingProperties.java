package jp.daicho.ledger.recording;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daicho.ledger.recording.*}.
 *
 * @param checkpointEvery    a checkpoint of the chain (stored and published on Kafka) every this many records
 * @param checkpointInterval and of the head, if it moved, this often ({@link Checkpoints#checkpointHead})
 */
@ConfigurationProperties("daicho.ledger.recording")
public record RecordingProperties(@DefaultValue("10000") int checkpointEvery,
                                  @DefaultValue("5m") java.time.Duration checkpointInterval) {
}
