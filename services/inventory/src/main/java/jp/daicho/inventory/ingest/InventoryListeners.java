package jp.daicho.inventory.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import jp.daicho.events.catalog.SourceStatusReported;
import jp.daicho.events.catalog.SourceCatalogRead;
import jp.daicho.events.catalog.SourceReadersObserved;
import jp.daicho.inventory.readers.ObservedReader;
import jp.daicho.inventory.readers.ReaderRegister;
import jp.daicho.vocabulary.ReaderKind;
import jp.daicho.events.inventory.DatasetObserved;
import jp.daicho.events.inventory.FieldClassified;
import jp.daicho.events.pipelines.ViolationRaised;
import jp.daicho.inventory.datasets.DatasetObservation;
import jp.daicho.inventory.datasets.DatasetRows;
import jp.daicho.inventory.datasets.FieldClassification;
import jp.daicho.inventory.datasets.RecordObservations;
import jp.daicho.inventory.pipelines.CheckPipelines;
import jp.daicho.inventory.pipelines.PipelineRules;
import jp.daicho.inventory.status.SourceStatuses;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.vocabulary.Rule;

/**
 * Kafka adapter: decodes our events, maps them to domain records and hands them over. Avro stops here.
 * A record that cannot be decoded goes to {@code <topic>.dlq} (see {@link DeadLetters}).
 */
@Component
class InventoryListeners {

    private final AvroSerde<DatasetObserved> observed = AvroSerde.of(DatasetObserved.class);
    private final AvroSerde<FieldClassified> classified = AvroSerde.of(FieldClassified.class);
    private final AvroSerde<ViolationRaised> violations = AvroSerde.of(ViolationRaised.class);
    private final AvroSerde<SourceStatusReported> statuses = AvroSerde.of(SourceStatusReported.class);
    private final AvroSerde<SourceCatalogRead> catalogs = AvroSerde.of(SourceCatalogRead.class);
    private final AvroSerde<SourceReadersObserved> readersObserved = AvroSerde.of(SourceReadersObserved.class);
    private final RecordObservations record;
    private final CheckPipelines checks;
    private final SourceStatuses sources;
    private final DatasetRows rows;
    private final ReaderRegister readers;

    InventoryListeners(RecordObservations record, CheckPipelines checks, SourceStatuses sources, DatasetRows rows,
                       ReaderRegister readers) {
        this.record = record;
        this.checks = checks;
        this.sources = sources;
        this.rows = rows;
        this.readers = readers;
    }

    /**
     * What can read a captured source besides capture: its slots, binary-log clients and roles. A tombstone: a source
     * no longer watched, whose readers are no longer seen. A report whose key is not its source, naming tables of
     * another source, or of a kind a source cannot see (a consumer group) is refused to the dead letters.
     */
    @KafkaListener(id = "source-readers-observed", idIsGroup = false, topics = Topics.SOURCE_READERS_OBSERVED)
    void onSourceReadersObserved(ConsumerRecord<String, byte[]> message) {
        if (message.value() == null) {
            if (message.key() != null) {
                readers.observe(ReaderRegister.sourceObservation(message.key()), java.util.List.of(), false,
                        java.time.Instant.ofEpochMilli(message.timestamp()));
            }
            return;
        }
        SourceReadersObserved e = readersObserved.decode(message.value());
        if (!e.getSource().equals(message.key())) {
            throw new IllegalArgumentException("a report of the readers of source '" + e.getSource() + "' came keyed '"
                    + message.key() + "': the key must be the source's name");
        }
        var seen = new java.util.ArrayList<ObservedReader>();
        for (var r : e.getReaders()) {
            var kind = java.util.Arrays.stream(ReaderKind.values()).filter(k -> k.name().equals(r.getKind())).findFirst()
                    .filter(k -> k != ReaderKind.CONSUMER_GROUP).orElseThrow(() -> new IllegalArgumentException(
                            "source '" + e.getSource() + "' reported a reader of kind '" + r.getKind()
                                    + "': a source reports REPLICATION_SLOT, PUBLICATION, BINLOG_CLIENT or DATABASE_ROLE"));
            var foreign = r.getDatasets().stream().filter(d -> !d.startsWith(e.getSource() + ".")).toList();
            if (!foreign.isEmpty()) {
                throw new IllegalArgumentException("source '" + e.getSource() + "' reported readers of tables of other sources "
                        + foreign + ": a source reports its own tables only");
            }
            seen.add(new ObservedReader(kind, r.getName(), r.getDatasets(), r.getDetail()));
        }
        readers.observe(ReaderRegister.sourceObservation(e.getSource()), seen, false, e.getObservedAt());
    }

    /** How capture is doing with each source; a tombstone: a source it no longer watches. */
    @KafkaListener(id = "source-status-reported", idIsGroup = false, topics = Topics.SOURCE_STATUS_REPORTED)
    void onSourceStatusReported(ConsumerRecord<String, byte[]> message) {
        if (message.value() == null) {
            if (message.key() != null) {
                sources.remove(message.key());
            }
            return;
        }
        SourceStatusReported e = statuses.decode(message.value());
        sources.record(new SourceStatuses.Reported(e.getSource(), e.getKind(), e.getEndpoint(), e.getState().name(),
                e.getProblem(), e.getTables(), e.getCatalogReadAt(), e.getLastChangeAt(), e.getReportedAt()));
    }

    /** Violations other services raise (the ledger's refused occurrences); our own are stored where they are found. */
    @KafkaListener(id = "violation-raised", idIsGroup = false, topics = Topics.VIOLATION_RAISED)
    void onViolationRaised(ConsumerRecord<String, byte[]> message) {
        ViolationRaised e = violations.decode(message.value());
        if (!"inventory".equals(e.getRaisedBy()) && e.getPipelineId() != null) {
            // Earlier ledgers sent 'ledger:<rule>' and some ids of their own: stored under the rule's one id.
            String rule = Rule.byId(e.getRule()).map(Rule::code).orElse(e.getRule());
            checks.onViolationRaisedElsewhere(e.getPipelineId(), new PipelineRules.Violation(rule, e.getMessage(),
                    e.getClause(), e.getDatasetId(), e.getField()), e.getRaisedBy(), e.getRaisedAt());
        }
    }

    /** A source catalog's reading of a table: its row estimate is the 台帳's number of records. A tombstone: nothing to count. */
    @KafkaListener(id = "source-catalog-read", idIsGroup = false, topics = Topics.SOURCE_CATALOG_READ)
    void onSourceCatalogRead(ConsumerRecord<String, byte[]> message) {
        if (message.value() == null) {
            return;
        }
        SourceCatalogRead e = catalogs.decode(message.value());
        rows.record(e.getDatasetId(), e.getRows(), e.getReadAt());
    }

    @KafkaListener(id = "dataset-observed", idIsGroup = false, topics = Topics.DATASET_OBSERVED)
    void onDatasetObserved(ConsumerRecord<String, byte[]> message) {
        DatasetObserved e = observed.decode(message.value());
        record.on(new DatasetObservation(e.getDatasetId(), e.getSystem(), e.getDatabase(), e.getSchemaName(),
                e.getTable(), e.getSourceTopic(), e.getSchemaFingerprint(),
                e.getColumns().stream().map(c -> new DatasetObservation.Column(c.getName(), c.getPosition(),
                        c.getSqlType(), c.getOptional(), c.getPrimaryKey())).toList(),
                e.getObservedAt(), e.getDropped()));
    }

    @KafkaListener(id = "field-classified", idIsGroup = false, topics = Topics.FIELD_CLASSIFIED)
    void onFieldClassified(ConsumerRecord<String, byte[]> message) {
        FieldClassified e = classified.decode(message.value());
        record.on(new FieldClassification(e.getDatasetId(), e.getColumn(), e.getItem(), e.getSubject(),
                e.getSensitive(), e.getConfidence(), e.getEvidence(), e.getSampleCount(), e.getSchemaFingerprint(),
                e.getClassifierVersion(), e.getClassifiedAt()));
    }
}
