package jp.daicho.inventory.pipelines;

import java.time.Instant;
import java.util.List;

/** The pipeline API's response bodies: read models in the API's one naming style, not database rows. */
public final class PipelineViews {

    /** One registered pipeline in the list, with how many of its violations are open. */
    public record PipelineSummary(String id, String name, String owner, String destinationSystem, String destinationParty,
                                  String legalBasis, String country, String recordMode, Instant registeredAt,
                                  String registeredBy, long openViolations, Retirement retired) {
    }

    /** A retired pipeline: when, by whom, why, and for which data subject's request (null: none). */
    public record Retirement(Instant at, String by, String reason, String request) {
    }

    /** {@code POST /api/pipelines/{id}/retire}. */
    public record Retire(String reason, String request) {
    }

    /** One step of a pipeline's life: REGISTERED or RETIRED. */
    public record Step(Instant at, String by, String action, String detail) {
    }

    /** A registered pipeline with what it reads, for which purposes, and every violation it has had. */
    public record PipelineDetail(String id, String name, String owner, String destinationSystem, String destinationParty,
                                 String legalBasis, String legalExceptionItem, String jointUse, String country,
                                 String crossBorderBasis, String recordMode, Instant registeredAt, String registeredBy,
                                 String manifest, List<FieldRead> fields, List<DeclaredPurpose> purposes,
                                 List<StoredViolation> violations, Retirement retired, List<Step> history) {
    }

    /** A field a pipeline reads ({@code *}: every field of the dataset). */
    public record FieldRead(String datasetId, String field) {
    }

    public record DeclaredPurpose(String category, String purpose) {
    }

    /**
     * A violation as stored: {@code rule} is a {@code jp.daicho.vocabulary.Rule} id; {@code raisedBy} the service that
     * found it ({@code inventory}, {@code ledger}); {@code occurrences} how often the ledger refused the same.
     */
    /** A violation of a pipeline, or ({@code unregistered-flow}) of a reader no pipeline names: {@code reader} instead. */
    public record StoredViolation(long id, String pipelineId, String datasetId, String field, String rule, String message,
                                  String clause, Instant raisedAt, String raisedBy, long occurrences, Instant resolvedAt,
                                  String resolvedBy, String reader) {
    }

    public record Resolution(long id, String resolvedBy) {
    }

    private PipelineViews() {
    }

    /** A version of a pipeline's terms and the period it stood ({@code validTo} null: still). */
    public record Version(int version, Instant validFrom, Instant validTo, String changedBy, String destinationSystem,
                         String destinationParty, String legalBasis, String crossBorderBasis, List<FieldRead> fields,
                         List<DeclaredPurpose> purposes) {
    }
}
