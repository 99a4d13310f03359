package jp.daicho.classifier.publish;

import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerSeekAware;

import jp.daicho.schemas.AvroSerde;

/**
 * Reads one of our compacted state topics (reviews, source catalogs) from the beginning at every start, in a
 * consumer group of this instance's own (every instance needs all of it), and applies each event. An event that
 * cannot be read is skipped with its position and the kind of failure, never its content.
 */
abstract class StateTopicListener<T extends SpecificRecord> implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(StateTopicListener.class);

    private final AvroSerde<T> serde;

    StateTopicListener(Class<T> type) {
        this.serde = AvroSerde.of(type);
    }

    /** Applies one event to the state it keeps. */
    abstract void apply(T event);

    /** A tombstone: the state under {@code key} is gone. Ignored unless the topic gives tombstones a meaning. */
    void removed(String key) {
    }

    void read(List<? extends ConsumerRecord<?, byte[]>> records) {
        for (var r : records) {
            try {
                if (r.value() == null) {
                    // The service's consumers read keys as bytes (spring.kafka.consumer.key-deserializer).
                    if (r.key() instanceof byte[] key) {
                        removed(new String(key, java.nio.charset.StandardCharsets.UTF_8));
                    } else if (r.key() instanceof String key) {
                        removed(key);
                    }
                    continue;
                }
                apply(serde.decode(r.value()));
            } catch (RuntimeException e) {
                log.warn("Skipped an unreadable event at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                        e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToBeginning(assignments.keySet());
    }
}
