package jp.daicho.classifier.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields a DPO has confirmed or overridden ({@code ClassificationReviewed}): the classifier publishes no
 * decision of its own for them, so automation never undoes a person's decision.
 */
public final class ReviewedFields {

    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    public void reviewed(String datasetId, String column) {
        keys.add(datasetId + "/" + column);
    }

    public boolean contains(String datasetId, String column) {
        return keys.contains(datasetId + "/" + column);
    }

    public int size() {
        return keys.size();
    }
}
