package jp.daicho.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.avro.Schema;

/**
 * The committed versions of our event schemas ({@code jp/daicho/schemas/history/<Name>.v<N>.avsc}).
 * They are the baseline of the backward-compatibility test and let {@link AvroSerde} read records written
 * with any earlier version. When a schema changes, add its new version here as a new file; never edit one.
 */
public final class SchemaHistory {

    private static final List<String> FILES = List.of(
            "DatasetObserved.v1.avsc",
            "FieldClassified.v1.avsc",
            "DeadLetter.v1.avsc", "DeadLetter.v2.avsc",
            "PipelineRegistered.v1.avsc",
            "ViolationRaised.v1.avsc",
            "ClassificationReviewed.v1.avsc",
            "PipelineRegistered.v2.avsc",
            "ViolationRaised.v2.avsc",
            "ProvisionOccurred.v1.avsc",
            "LedgerCheckpointed.v1.avsc",
            "SourceCatalogRead.v1.avsc",
            "DatasetObserved.v2.avsc",
            "SourceCatalogRead.v2.avsc",
            "SourceStatusReported.v1.avsc",
            "SubjectRequestChanged.v1.avsc",
            "PipelineRetired.v1.avsc",
            "IncidentRecorded.v1.avsc",
            "ViolationRaised.v3.avsc",
            "SourceReadersObserved.v1.avsc",
            "SourceCatalogRead.v3.avsc");

    public static List<String> files() {
        return FILES;
    }

    public static Schema load(String file) {
        try (InputStream in = SchemaHistory.class.getResourceAsStream("history/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Missing committed schema history/" + file);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parsed once: every serde of every service asks for them at construction. */
    private static final List<Schema> ALL = FILES.stream().map(SchemaHistory::load).toList();

    public static List<Schema> versionsOf(String fullName) {
        return ALL.stream().filter(s -> s.getFullName().equals(fullName)).toList();
    }

    private SchemaHistory() {
    }
}
