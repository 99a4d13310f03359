package jp.daicho.schemas;

/**
 * Every Kafka topic name Daichō owns, in one place. Our topics are {@code daicho.<event>.v<N>}; dead
 * letters are {@code <topic>.dlq}. Change-event topics are Debezium's ({@code <prefix>.<schema>.<table>})
 * and are not ours: see {@link #CHANGE_EVENT_DLQ}.
 */
public final class Topics {

    /** {@code DatasetObserved}, key datasetId, compacted: the latest schema of every dataset. */
    public static final String DATASET_OBSERVED = "daicho.dataset-observed.v1";

    /**
     * {@code SourceCatalogRead}, key datasetId, compacted: what each captured table's catalog says (keys,
     * foreign keys, comments). Schema metadata only, so kept like our other state topics.
     */
    public static final String SOURCE_CATALOG_READ = "daicho.source-catalog-read.v1";

    /**
     * {@code SourceStatusReported}, key the source's name, compacted: whether each source streams, and if not what is
     * wrong and how to fix it. Capture reports it on change and every 30 s.
     */
    public static final String SOURCE_STATUS_REPORTED = "daicho.source-status-reported.v1";

    /**
     * {@code SourceReadersObserved}, key the source's name, compacted: what besides capture can read each captured
     * source (replication slots, binary-log clients, roles with SELECT), for the inventory's undeclared flows.
     */
    public static final String SOURCE_READERS_OBSERVED = "daicho.source-readers-observed.v1";

    /** {@code FieldClassified}, key {@code datasetId/column}, compacted: the latest decision per field. */
    public static final String FIELD_CLASSIFIED = "daicho.field-classified.v1";

    /**
     * {@code DeadLetter} for change events the classifier could not read. One topic for all change-event
     * topics, because those are subscribed by pattern and a per-topic {@code .dlq} would match it.
     */
    public static final String CHANGE_EVENT_DLQ = "daicho.change-events.dlq";

    /**
     * {@code ClassificationReviewed}, key {@code datasetId/column}, compacted: a DPO's decision per field,
     * which the classifier honours.
     */
    public static final String CLASSIFICATION_REVIEWED = "daicho.classification-reviewed.v1";

    /** {@code PipelineRegistered}, key pipelineId, compacted: the latest registration of every pipeline. */
    public static final String PIPELINE_REGISTERED = "daicho.pipeline-registered.v1";

    /** {@code PipelineRetired}, key pipelineId, compacted: the pipelines the DPO retired, and since when. */
    public static final String PIPELINE_RETIRED = "daicho.pipeline-retired.v1";

    /** {@code ViolationRaised}, key pipelineId: policy violations found by the inventory's continuous checks. */
    public static final String VIOLATION_RAISED = "daicho.violation-raised.v1";

    /**
     * {@code ProvisionOccurred}, key pipelineId: provisions and receipts of personal data as the company's
     * pipelines report them at run time, for the Art. 29/30 ledger. An input topic: it carries the
     * identifying items of data subjects, so its retention is short (the ledger declares it).
     */
    public static final String PROVISION_OCCURRED = "daicho.provision-occurred.v1";

    /** Dead letters of the ledger: occurrences it rejected, pointing at the original (no values copied). */
    public static final String PROVISION_OCCURRED_DLQ = PROVISION_OCCURRED + ".dlq";

    /** {@code LedgerCheckpointed}, key the ledger's name: hash-chain anchors kept outside the ledger's database. */
    public static final String LEDGER_CHECKPOINTED = "daicho.ledger-checkpointed.v1";

    /**
     * {@code SubjectRequestChanged}, key requestId, compacted: the latest state of every data subject's request in the
     * inventory's register. No identifying item: the keyed pseudonym only.
     */
    public static final String SUBJECT_REQUEST_CHANGED = "daicho.subject-request-changed.v1";

    /**
     * {@code IncidentRecorded}, key incidentId, compacted: the latest state of every leak, loss or damage of personal data
     * (APPI Art. 26) with the inventory's assessment. No value from a row.
     */
    public static final String INCIDENT_RECORDED = "daicho.incident-recorded.v1";

    /** Dead letters of the inventory's consumers of our own events. */
    public static final String DATASET_OBSERVED_DLQ = DATASET_OBSERVED + ".dlq";
    public static final String FIELD_CLASSIFIED_DLQ = FIELD_CLASSIFIED + ".dlq";

    /** Header names carried by every dead letter, next to the {@code DeadLetter} value. */
    public static final String DLQ_REASON_HEADER = "daicho.dlq.reason";
    public static final String DLQ_CONSUMER_HEADER = "daicho.dlq.consumer";

    /** Separator of the FieldClassified key: {@code datasetId + "/" + column}. */
    public static String fieldKey(String datasetId, String column) {
        return datasetId + "/" + column;
    }

    private Topics() {
    }
}
