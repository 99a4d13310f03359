package jp.daicho.capture.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;

/**
 * Hands each batch of change events from the engine to Kafka and marks it processed only once Kafka
 * has acknowledged every record of it, so the offsets Debezium commits never run ahead of what Kafka
 * holds: at-least-once across a crash. Records are written as Kafka Connect's JSON converter writes them
 * ({@link ChangeEventJson}).
 */
final class ChangeEventPublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<SourceRecord, SourceRecord>> {

    private final Producer<byte[], byte[]> producer;
    private final ChangeTopics topics;
    /** Set before each start of the engine, from its configuration. */
    private volatile ChangeEventJson json;
    /** When Kafka last acknowledged a change event of this source (epoch millis), 0 before the first. */
    private volatile long lastAcknowledgedAt;
    /** Change events Kafka acknowledged. */
    private volatile long published;
    /**
     * How far behind its source the last acknowledged event was: from the source's commit (the event's
     * {@code source.ts_ms}) to Kafka's acknowledgement, in milliseconds; -1 before the first event that says.
     */
    private volatile long lagMillis = -1;

    ChangeEventPublisher(Producer<byte[], byte[]> producer, ChangeTopics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /** How records are written from now on: the converter settings of the engine about to start. */
    void writeWith(ChangeEventJson json) {
        this.json = json;
    }

    @Override
    public void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        var json = this.json;
        for (var event : records) {
            SourceRecord record = event.value(); // Debezium's Connect format: the record is the value, the key null
            topics.ensure(record.topic());
            sent.add(producer.send(new ProducerRecord<>(record.topic(), json.key(record), json.value(record))));
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                // The engine stops on this; the supervisor restarts it from the last committed offset.
                throw new IllegalStateException("Kafka did not accept a change event for topic "
                        + records.get(i).value().topic() + ": " + e.getCause().getClass().getSimpleName(), e.getCause());
            }
            committer.markProcessed(records.get(i));
        }
        committer.markBatchFinished();
        if (!records.isEmpty()) {
            long now = System.currentTimeMillis();
            lastAcknowledgedAt = now;
            published += records.size();
            long committedAt = sourceTime(records.getLast().value());
            if (committedAt > 0) {
                lagMillis = Math.max(0, now - committedAt);
            }
        }
    }

    /** When the source committed the change (Debezium's {@code source.ts_ms}), 0 if the record does not say. */
    static long sourceTime(SourceRecord record) {
        if (record.value() instanceof Struct value && value.schema().field("source") != null
                && value.get("source") instanceof Struct source && source.schema().field("ts_ms") != null
                && source.get("ts_ms") instanceof Long millis) {
            return millis;
        }
        return 0;
    }

    long published() {
        return published;
    }

    /** Milliseconds the last acknowledged change event was behind its source's commit; -1 before the first. */
    long lagMillis() {
        return lagMillis;
    }

    /** When Kafka last acknowledged a change event of this source (epoch millis), 0 before the first. */
    long lastAcknowledgedAt() {
        return lastAcknowledgedAt;
    }
}
