package jp.daicho.classifier.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the source catalogs say of each captured table ({@code SourceCatalogRead}: declared foreign keys, primary
 * keys and comments), so that the stream decides with the evidence {@code classify --jdbc} has. Filled by the
 * catalog listener's thread, read by the change-event loop's; a generation number tells the loop that something
 * arrived.
 */
public final class SourceCatalogs {

    /** One column as the catalog describes it. */
    public record Column(boolean primaryKey, String references, String comment) {
    }

    /** One table's catalog, numbered in the order catalogs arrived. */
    public record Table(long generation, Map<String, Column> columns) {
    }

    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public void read(String datasetId, Map<String, Column> columns) {
        Table previous = tables.get(datasetId);
        if (previous == null || !previous.columns().equals(columns)) {
            tables.put(datasetId, new Table(generation.incrementAndGet(), Map.copyOf(columns)));
        }
    }

    /** The catalog of a dataset, or null when none has been read. */
    public Table of(String datasetId) {
        return tables.get(datasetId);
    }

    /** Grows whenever a table's catalog arrives or changes. */
    public long generation() {
        return generation.get();
    }
}
