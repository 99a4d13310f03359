package jp.daicho.inventory.datasets;

import java.time.Instant;
import java.util.List;

/** The API's response bodies: read models, not tables. {@code droppedAt}: when the source dropped the table, or null. */
public final class DatasetViews {

    public record DatasetSummary(String id, String system, String database, String schema, String table,
                                 int schemaVersion, int fieldCount, int personalFieldCount, int sensitiveFieldCount,
                                 Instant firstSeenAt, Instant lastSeenAt, Instant droppedAt) {
    }

    public record DatasetDetail(String id, String system, String database, String schema, String table,
                                String sourceTopic, int schemaVersion, Instant firstSeenAt, Instant lastSeenAt,
                                List<SchemaVersion> versions, List<Field> fields, Instant droppedAt) {
    }

    public record SchemaVersion(int version, String fingerprint, int columnCount, Instant observedAt) {
    }

    public record Field(String name, int position, String sqlType, boolean optional, boolean primaryKey,
                        int sinceVersion, boolean present, Classification classification) {
    }

    /** {@code review}: who decided, when and why, once a person has (review state other than AUTO); else null. */
    public record Classification(String item, String subject, boolean sensitive, double confidence,
                                 List<String> evidence, int sampleCount, String reviewState, String classifierVersion,
                                 Instant classifiedAt, Review review) {
    }

    public record Review(String by, Instant at, String reason) {
    }

    public record FieldMatch(String datasetId, String system, String table, String field, String item, String subject,
                             boolean sensitive, double confidence, String reviewState) {
    }

    private DatasetViews() {
    }
}
