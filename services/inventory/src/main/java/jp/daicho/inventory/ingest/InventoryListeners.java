package jp.daicho.inventory.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import jp.daicho.events.inventory.DatasetObserved;
import jp.daicho.events.inventory.FieldClassified;
import jp.daicho.inventory.datasets.DatasetObservation;
import jp.daicho.inventory.datasets.FieldClassification;
import jp.daicho.inventory.datasets.RecordObservations;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;

/**
 * Kafka adapter: decodes our events, maps them to domain records and hands them over. Avro stops here.
 * A record that cannot be decoded goes to {@code <topic>.dlq} (see {@link DeadLetters}).
 */
@Component
class InventoryListeners {

    private final AvroSerde<DatasetObserved> observed = AvroSerde.of(DatasetObserved.class);
    private final AvroSerde<FieldClassified> classified = AvroSerde.of(FieldClassified.class);
    private final RecordObservations record;

    InventoryListeners(RecordObservations record) {
        this.record = record;
    }

    @KafkaListener(id = "dataset-observed", idIsGroup = false, topics = Topics.DATASET_OBSERVED)
    void onDatasetObserved(ConsumerRecord<String, byte[]> message) {
        DatasetObserved e = observed.decode(message.value());
        record.on(new DatasetObservation(e.getDatasetId(), e.getSystem(), e.getDatabase(), e.getSchemaName(),
                e.getTable(), e.getSourceTopic(), e.getSchemaFingerprint(),
                e.getColumns().stream().map(c -> new DatasetObservation.Column(c.getName(), c.getPosition(),
                        c.getSqlType(), c.getOptional(), c.getPrimaryKey())).toList(),
                e.getObservedAt()));
    }

    @KafkaListener(id = "field-classified", idIsGroup = false, topics = Topics.FIELD_CLASSIFIED)
    void onFieldClassified(ConsumerRecord<String, byte[]> message) {
        FieldClassified e = classified.decode(message.value());
        record.on(new FieldClassification(e.getDatasetId(), e.getColumn(), e.getItem(), e.getSubject(),
                e.getSensitive(), e.getConfidence(), e.getEvidence(), e.getSampleCount(), e.getSchemaFingerprint(),
                e.getClassifierVersion(), e.getClassifiedAt()));
    }
}
