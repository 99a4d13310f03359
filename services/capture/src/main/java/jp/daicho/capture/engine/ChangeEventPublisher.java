package jp.daicho.capture.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;

/**
 * Hands each batch of change events from the engine to Kafka and marks it processed only once Kafka
 * has acknowledged every record of it, so the offsets Debezium commits never run ahead of what Kafka
 * holds: at-least-once across a crash.
 */
final class ChangeEventPublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private final Producer<String, String> producer;
    private final ChangeTopics topics;
    /** When Kafka last acknowledged a change event of this source (epoch millis), 0 before the first. */
    private volatile long lastAcknowledgedAt;

    ChangeEventPublisher(Producer<String, String> producer, ChangeTopics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (var event : records) {
            topics.ensure(event.destination());
            sent.add(producer.send(new ProducerRecord<>(event.destination(), event.key(), event.value())));
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                // The engine stops on this; the supervisor restarts it from the last committed offset.
                throw new IllegalStateException("Kafka did not accept a change event for topic "
                        + records.get(i).destination() + ": " + e.getCause().getClass().getSimpleName(), e.getCause());
            }
            committer.markProcessed(records.get(i));
        }
        committer.markBatchFinished();
        if (!records.isEmpty()) {
            lastAcknowledgedAt = System.currentTimeMillis();
        }
    }

    /** When Kafka last acknowledged a change event of this source (epoch millis), 0 before the first. */
    long lastAcknowledgedAt() {
        return lastAcknowledgedAt;
    }
}
