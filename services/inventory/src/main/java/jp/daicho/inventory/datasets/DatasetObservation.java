package jp.daicho.inventory.datasets;

import java.time.Instant;
import java.util.List;

/** A dataset seen with one schema version: the domain form of the {@code DatasetObserved} event. */
public record DatasetObservation(String datasetId, String system, String database, String schemaName, String table,
                                 String sourceTopic, String fingerprint, List<Column> columns, Instant observedAt) {

    public record Column(String name, int position, String sqlType, boolean optional, boolean primaryKey) {
    }
}
