package jp.daicho.classifier.publish;

import java.nio.charset.StandardCharsets;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.daicho.schemas.AvroSerde;

/**
 * One of our compacted topics whose whole content is state every classifier instance keeps (read by
 * {@link StateTopics}): each event is applied to it. An event that cannot be read is skipped with its position and
 * the kind of failure, never its content.
 */
abstract class StateTopic<T extends SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(StateTopic.class);

    private final String topic;
    private final AvroSerde<T> serde;

    StateTopic(String topic, Class<T> type) {
        this.topic = topic;
        this.serde = AvroSerde.of(type);
    }

    final String topic() {
        return topic;
    }

    /** Applies one event to the state it keeps. */
    abstract void apply(T event);

    /** A tombstone: the state under {@code key} is gone. Ignored unless the topic gives tombstones a meaning. */
    void removed(String key) {
    }

    final void read(ConsumerRecord<byte[], byte[]> r) {
        try {
            if (r.value() == null) {
                if (r.key() != null) {
                    removed(new String(r.key(), StandardCharsets.UTF_8));
                }
                return;
            }
            apply(serde.decode(r.value()));
        } catch (RuntimeException e) {
            log.warn("Skipped an unreadable event at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                    e.getClass().getSimpleName());
        }
    }
}
