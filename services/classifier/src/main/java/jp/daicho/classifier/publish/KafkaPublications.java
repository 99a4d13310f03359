package jp.daicho.classifier.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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
        metrics.counter("daicho.dead.letters", "topic", topic, "reason", reason.errorType()).increment();
        log.warn("Dead-lettered {}-{}@{}: {} {}", topic, partition, offset, reason.errorType(), reason.getMessage());
    }

    /** Blocks until every record sent since the last call is acknowledged; a failure fails the batch. */
    @Override
    public void awaitAcknowledged() {
        try {
            for (var future : pending) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka acknowledgements", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge a classifier output: "
                    + e.getCause().getClass().getSimpleName(), e.getCause());
        } finally {
            pending.clear();
        }
    }

    private void send(ProducerRecord<String, byte[]> record) {
        pending.add(kafka.send(record));
    }
}
