package jp.daicho.inventory.datasets;

import java.time.Instant;
import java.util.List;

/**
 * A dataset seen with one schema version, or seen gone ({@code dropped}: its source's catalog no longer has the
 * table; the columns are its last known ones): the domain form of the {@code DatasetObserved} event.
 */
public record DatasetObservation(String datasetId, String system, String database, String schemaName, String table,
                                 String sourceTopic, String fingerprint, List<Column> columns, Instant observedAt,
                                 boolean dropped) {

    public DatasetObservation(String datasetId, String system, String database, String schemaName, String table,
                              String sourceTopic, String fingerprint, List<Column> columns, Instant observedAt) {
        this(datasetId, system, database, schemaName, table, sourceTopic, fingerprint, columns, observedAt, false);
    }

    public record Column(String name, int position, String sqlType, boolean optional, boolean primaryKey) {
    }
}
