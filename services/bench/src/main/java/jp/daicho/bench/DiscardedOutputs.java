package jp.daicho.bench;

import jp.daicho.classification.Classification;
import jp.daicho.classifier.ingest.DatasetSchema;
import jp.daicho.classifier.ingest.Publications;
import jp.daicho.classifier.ingest.RejectedEvent;

/** The classifier's outputs thrown away: for measuring its handler alone. */
public final class DiscardedOutputs implements Publications {

    @Override
    public void datasetObserved(String sourceTopic, DatasetSchema schema) {
    }

    @Override
    public void datasetDropped(String sourceTopic, DatasetSchema lastKnown) {
    }

    @Override
    public void fieldClassified(DatasetSchema schema, String column, Classification decision) {
    }

    @Override
    public void rejected(String topic, int partition, long offset, byte[] value, RejectedEvent reason) {
    }
}
