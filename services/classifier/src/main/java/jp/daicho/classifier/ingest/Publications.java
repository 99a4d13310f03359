package jp.daicho.classifier.ingest;

import jp.daicho.classification.Classification;

/** What the classifier tells the world. Implemented on Kafka by {@code publish.KafkaPublications}. */
public interface Publications {

    void datasetObserved(String sourceTopic, DatasetSchema schema);

    /** The source's catalog no longer has the table; {@code lastKnown} is the schema the inventory was last told of. */
    void datasetDropped(String sourceTopic, DatasetSchema lastKnown);

    void fieldClassified(DatasetSchema schema, String column, Classification classification);

    void rejected(String topic, int partition, long offset, byte[] value, RejectedEvent reason);

    /**
     * Returns once everything published since the last call is safe; throws if any of it was refused, and
     * the events behind it are then handled again. Nothing to wait for by default.
     */
    default void awaitAcknowledged() {
    }
}
