package jp.daicho.classifier.ingest;

import java.util.List;

/**
 * A captured table at one schema version, as read from a change event's schema: no values.
 *
 * @param datasetId   {@code <source name>.<schema or database>.<table>}, in the table's own (e.g. Japanese) spelling
 * @param fingerprint hash of the ordered columns; changes exactly when the schema does
 */
public record DatasetSchema(String datasetId, String system, String database, String schemaName, String table,
                            String fingerprint, List<Column> columns) {

    public record Column(String name, int position, String sqlType, boolean optional, boolean primaryKey,
                         boolean binary) {
    }
}
