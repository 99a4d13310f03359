package jp.daicho.classifier.ingest;

import java.util.concurrent.CompletableFuture;

import jp.daicho.classification.Classification;

/** What the classifier tells the world. Implemented on Kafka by {@code publish.KafkaPublications}. */
public interface Publications {

    void datasetObserved(String sourceTopic, DatasetSchema schema);

    /** The source's catalog no longer has the table; {@code lastKnown} is the schema the inventory was last told of. */
    void datasetDropped(String sourceTopic, DatasetSchema lastKnown);

    void fieldClassified(DatasetSchema schema, String column, Classification classification);

    void rejected(String topic, int partition, long offset, byte[] value, RejectedEvent reason);

    /**
     * Everything published since the last call, as one acknowledgement: it completes when Kafka has all of it, and
     * exceptionally when Kafka refused any of it (the events behind it are then handled again). Already complete when
     * nothing was published, and by default.
     */
    default CompletableFuture<Void> published() {
        return CompletableFuture.completedFuture(null);
    }

    /** Sends at once what is held back to be sent in batches: someone is waiting for its acknowledgement. */
    default void flush() {
    }
}
