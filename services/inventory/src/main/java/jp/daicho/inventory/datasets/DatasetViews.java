package jp.daicho.inventory.datasets;

import java.time.Instant;
import java.util.List;

/** The API's response bodies: read models, not tables. {@code droppedAt}: when the source dropped the table, or null. */
public final class DatasetViews {

    /**
     * @param information PERSONAL_INFORMATION, PERSONALLY_RELATED (個人関連情報: personal items none of which identifies
     *                    anyone here) or NOT_PERSONAL ({@link InformationKind})
     * @param declaredKind WEB_TAG, APP_SDK, SAAS or FILE for a declared dataset; null for a captured one
     */
    public record DatasetSummary(String id, String system, String database, String schema, String table,
                                 int schemaVersion, int fieldCount, int personalFieldCount, int sensitiveFieldCount,
                                 Instant firstSeenAt, Instant lastSeenAt, Instant droppedAt, String information,
                                 String declaredKind) {
    }

    /** {@code information} with why ({@code informationReason}, in Japanese and English); {@code linkedTo} a declared link. */
    public record DatasetDetail(String id, String system, String database, String schema, String table,
                                String sourceTopic, int schemaVersion, Instant firstSeenAt, Instant lastSeenAt,
                                List<SchemaVersion> versions, List<Field> fields, Instant droppedAt, String information,
                                String informationReason, String informationReasonEnglish, String declaredKind,
                                String linkedTo) {
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
