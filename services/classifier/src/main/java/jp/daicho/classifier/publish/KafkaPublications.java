package jp.daicho.classifier.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import jp.daicho.classification.Classification;
import jp.daicho.classification.FieldClassifier;
import jp.daicho.classifier.ingest.DatasetSchema;
import jp.daicho.classifier.ingest.Publications;
import jp.daicho.classifier.ingest.RejectedEvent;
import jp.daicho.events.inventory.DatasetObserved;
import jp.daicho.events.inventory.FieldClassified;
import jp.daicho.events.inventory.ObservedColumn;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.DeadLetters;
import jp.daicho.schemas.Topics;

/** Maps the classifier's results to our Avro events and sends them; Avro types stop here. */
@Component
public class KafkaPublications implements Publications {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublications.class);
    static final String CONSUMER = "classifier/change-events";

    private final KafkaTemplate<String, byte[]> kafka;
    private final AvroSerde<DatasetObserved> observed = AvroSerde.of(DatasetObserved.class);
    private final AvroSerde<FieldClassified> classified = AvroSerde.of(FieldClassified.class);
    private final List<CompletableFuture<SendResult<String, byte[]>>> pending = new ArrayList<>();
    private final MeterRegistry metrics;
    /** One counter per item and subject decided, made once (the change-event thread is the only caller). */
    private final Map<String, Counter> decisions = new HashMap<>();
    /** One dead-letter counter per topic and error type, made once. */
    private final Map<String, Counter> deadLetters = new HashMap<>();
    private final LogLimit deadLetterLog = new LogLimit(java.time.Duration.ofMinutes(1), System::nanoTime);

    KafkaPublications(KafkaTemplate<String, byte[]> kafka, MeterRegistry metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    @Override
    public void datasetObserved(String sourceTopic, DatasetSchema schema) {
        observed(sourceTopic, schema, false);
        log.info("Observed dataset {} schema {} ({} columns)", schema.datasetId(), schema.fingerprint(),
                schema.columns().size());
    }

    @Override
    public void datasetDropped(String sourceTopic, DatasetSchema lastKnown) {
        observed(sourceTopic, lastKnown, true);
        log.info("Dataset {} was dropped from its source", lastKnown.datasetId());
    }

    private void observed(String sourceTopic, DatasetSchema schema, boolean dropped) {
        var columns = schema.columns().stream().map(c -> ObservedColumn.newBuilder()
                .setName(c.name()).setPosition(c.position()).setSqlType(c.sqlType())
                .setOptional(c.optional()).setPrimaryKey(c.primaryKey()).build()).toList();
        var event = DatasetObserved.newBuilder()
                .setDatasetId(schema.datasetId()).setSourceTopic(sourceTopic).setSystem(schema.system())
                .setDatabase(schema.database()).setSchemaName(schema.schemaName()).setTable(schema.table())
                .setSchemaFingerprint(schema.fingerprint()).setColumns(columns).setObservedAt(Instant.now())
                .setDropped(dropped).build();
        send(new ProducerRecord<>(Topics.DATASET_OBSERVED, schema.datasetId(), observed.encode(event)));
    }

    @Override
    public void fieldClassified(DatasetSchema schema, String column, Classification c) {
        var event = FieldClassified.newBuilder()
                .setDatasetId(schema.datasetId()).setColumn(column).setSchemaFingerprint(schema.fingerprint())
                .setItem(c.item().code()).setSubject(c.subject().code()).setSensitive(c.sensitive())
                .setConfidence(c.confidence()).setEvidence(c.evidence()).setSampleCount(c.sampleCount())
                .setClassifierVersion(FieldClassifier.VERSION).setClassifiedAt(Instant.now())
                .build();
        send(new ProducerRecord<>(Topics.FIELD_CLASSIFIED, Topics.fieldKey(schema.datasetId(), column),
                classified.encode(event)));
        String item = c.item().code();
        String subject = c.subject().code();
        decisions.computeIfAbsent(item + "/" + subject, key -> Counter.builder("daicho.classifier.decisions")
                .description("field classifications published, by personal-information item and data subject")
                .tag("item", item).tag("subject", subject).register(metrics)).increment();
    }

    @Override
    public void rejected(String topic, int partition, long offset, byte[] value, RejectedEvent reason) {
        send(DeadLetters.of(Topics.CHANGE_EVENT_DLQ, topic + "/" + partition + "/" + offset, topic, partition, offset, value,
                CONSUMER, reason.errorType(), reason.getMessage()));
        deadLetters.computeIfAbsent(topic + "\u0000" + reason.errorType(), k -> metrics.counter("daicho.dead.letters",
                "topic", topic, "reason", reason.errorType())).increment();
        if (deadLetterLog.allow(topic, reason.errorType())) {
            log.warn("Dead-lettered {}-{}@{}: {} {}", topic, partition, offset, reason.errorType(), reason.getMessage());
        }
    }

    /**
     * At most one log line per topic and error type a minute: a flood of bad events (100,000 in issue 16's fuzzing) is
     * in the dead-letter topic and the {@code daicho.dead.letters} counter, not in as many log lines. When a window
     * ends, the next line says how many were not logged.
     */
    static final class LogLimit {

        private final long windowNanos;
        private final java.util.function.LongSupplier clock;
        private final Map<String, long[]> windows = new HashMap<>();

        LogLimit(java.time.Duration window, java.util.function.LongSupplier clock) {
            this.windowNanos = window.toNanos();
            this.clock = clock;
        }

        synchronized boolean allow(String topic, String errorType) {
            long now = clock.getAsLong();
            long[] w = windows.computeIfAbsent(topic + "\u0000" + errorType, k -> new long[] {now - windowNanos, 0});
            if (now - w[0] >= windowNanos) {
                if (w[1] > 0) {
                    log.warn("{} more change events of {} were dead-lettered as {} in the last {} s without a log line of "
                            + "their own: see {} and the daicho.dead.letters counter", w[1], topic, errorType,
                            windowNanos / 1_000_000_000L, Topics.CHANGE_EVENT_DLQ);
                }
                w[0] = now;
                w[1] = 0;
                return true;
            }
            w[1]++;
            return false;
        }
    }

    @Override
    public CompletableFuture<Void> published() {
        if (pending.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        var all = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
        pending.clear();
        return all;
    }

    @Override
    public void flush() {
        kafka.flush();
    }

    private void send(ProducerRecord<String, byte[]> record) {
        pending.add(kafka.send(record));
    }
}
