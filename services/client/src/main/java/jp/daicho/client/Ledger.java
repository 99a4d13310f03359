package jp.daicho.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The ledger's answers as this client reads them, named as the ledger's OpenAPI description names them. */
public final class Ledger {

    private Ledger() {
    }

    public record Overview(long records, long headSeq, String headHash, Checkpoint lastCheckpoint,
                           LastVerification lastVerification, Purge lastPurge) {
    }

    public record Checkpoint(long seq, String reason, Instant createdAt) {
    }

    public record LastVerification(Instant runAt, String runBy, long records, long problems, Long headSeq, long millis) {
    }

    public record Purge(long id, Instant runAt, String runBy, long removed) {
    }

    /** A verification of the whole chain: intact when {@code problemCount} is 0. */
    public record Report(long records, long problemCount, List<String> problems, long headSeq, String headHash,
                         long checkpointsChecked, long anchorsChecked, long purgeMarks, int segments, long millis) {

        public boolean intact() {
            return problemCount == 0;
        }
    }

    public record ExportLogEntry(long id, String exportedBy, Instant startedAt, String kind, String format, String filter,
                                 Instant completedAt, Long rows, String sha256) {
    }

    /** A record as the search and the JSON Lines export write it (no identifying items: a pseudonym and item names). */
    public record ProvisionRecord(long seq, String kind, Instant occurredAt, String legalBasis, String recordMode,
                                  Counterparty counterparty, String consentReference, String acquisition,
                                  Boolean optOutPublished, List<String> subjectItemNames, String subjectPseudonym,
                                  List<String> dataItems, String pipelineId, String eventId, LocalDate retentionDeadline,
                                  Instant recordedAt, String hash) {
    }

    public record Counterparty(String name, String address, String representative, String country) {
    }

    /** A provision or receipt a pipeline reports; {@code direction} PROVIDED or RECEIVED. */
    public record Occurrence(String eventId, String direction, String pipelineId, Instant occurredAt, String subjectKey,
                             Map<String, String> subjectItems, List<String> dataItems, String consentReference,
                             String basis, Provider provider, String acquisition, Boolean optOutPublished,
                             String recordMode) {
    }

    public record Provider(String name, String kind, String address, String representative, String country) {
    }

    public record Outcomes(List<Outcome> outcomes) {
    }

    /** {@code status}: RECORDED, EXEMPT, DUPLICATE or REJECTED (with the rule and clause). */
    public record Outcome(String eventId, String status, Long seq, String explanation, String rule, String clause) {
    }
}
