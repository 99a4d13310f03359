package jp.daicho.classifier.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the classifier instances have told the inventory of each dataset ({@code DatasetObserved}, read back from its
 * compacted topic by every instance): the schema version it is at, and whether its table was dropped.
 *
 * <p>The instances of a consumer group each hold some partitions of a table's topic and some of a schema's tables.
 * Through this they agree: on a dataset's schema version (a version another instance confirmed is not held again here;
 * a stray one is held here too, though this instance never saw the table before), and on a table's neighbours (a
 * table another instance observed is a neighbour here as well). Filled by the state topics' thread, read by the
 * change-event loop's, which {@link #drainChanges() drains} what changed.
 */
public final class ObservedDatasets {

    /**
     * One dataset as last published.
     *
     * @param namespace   {@code system|schema} (or {@code system|database}): the tables that are each other's neighbours
     * @param fingerprint its current schema version
     */
    public record Dataset(String datasetId, String namespace, String table, String fingerprint, boolean dropped) {
    }

    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
    private final Queue<Dataset> changes = new ConcurrentLinkedQueue<>();

    /** A {@code DatasetObserved} event. */
    public void observed(String datasetId, String system, String database, String schemaName, String table,
                         String fingerprint, boolean dropped) {
        var dataset = new Dataset(datasetId, namespace(system, database, schemaName), table, fingerprint, dropped);
        if (!dataset.equals(datasets.put(datasetId, dataset))) {
            changes.add(dataset);
        }
    }

    /** The tables that see each other as neighbours: those of one schema (or, without schemas, one database). */
    static String namespace(String system, String database, String schemaName) {
        return system + "|" + (schemaName == null ? database : schemaName);
    }

    static String namespace(DatasetSchema schema) {
        return namespace(schema.system(), schema.database(), schema.schemaName());
    }

    /** The dataset as last published by any instance, or null. */
    public Dataset of(String datasetId) {
        return datasets.get(datasetId);
    }

    public int size() {
        return datasets.size();
    }

    /** What was published since the last call, in order (the latest of a dataset last). */
    public List<Dataset> drainChanges() {
        if (changes.isEmpty()) {
            return List.of();
        }
        var drained = new ArrayList<Dataset>();
        for (Dataset d; (d = changes.poll()) != null; ) {
            drained.add(d);
        }
        return drained;
    }
}
