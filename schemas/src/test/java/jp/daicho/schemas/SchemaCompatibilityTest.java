package jp.daicho.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import jp.daicho.events.deadletter.DeadLetter;
import jp.daicho.events.inventory.DatasetObserved;
import jp.daicho.events.inventory.FieldClassified;

/**
 * Offline check that every current schema can read data written with every committed version
 * (backward compatibility), so consumers can be upgraded before producers.
 */
class SchemaCompatibilityTest {

    static final Map<String, Schema> CURRENT = List.of(DatasetObserved.class, FieldClassified.class, DeadLetter.class,
                    jp.daicho.events.pipelines.PipelineRegistered.class, jp.daicho.events.pipelines.ViolationRaised.class,
                    jp.daicho.events.inventory.ClassificationReviewed.class,
                    jp.daicho.events.ledger.ProvisionOccurred.class, jp.daicho.events.ledger.LedgerCheckpointed.class,
                    jp.daicho.events.catalog.SourceCatalogRead.class, jp.daicho.events.catalog.SourceStatusReported.class,
                    jp.daicho.events.requests.SubjectRequestChanged.class, jp.daicho.events.pipelines.PipelineRetired.class,
                    jp.daicho.events.incidents.IncidentRecorded.class, jp.daicho.events.catalog.SourceReadersObserved.class)
            .stream()
            .map(type -> SpecificData.get().getSchema(type))
            .collect(Collectors.toMap(Schema::getFullName, Function.identity()));

    static List<String> committedVersions() {
        return SchemaHistory.files();
    }

    @ParameterizedTest
    @MethodSource("committedVersions")
    void currentSchemaReadsEveryCommittedVersion(String file) {
        Schema committed = SchemaHistory.load(file);
        Schema current = CURRENT.get(committed.getFullName());
        assertThat(current).as("schema %s was removed or renamed; committed in %s", committed.getFullName(), file)
                .isNotNull();

        var result = SchemaCompatibility.checkReaderWriterCompatibility(current, committed).getResult();

        assertThat(result.getCompatibility())
                .as("%s is not backward compatible with %s: %s", current.getFullName(), file, result.getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void everyCurrentSchemaHasACommittedVersion() {
        var committedNames = SchemaHistory.files().stream().map(f -> SchemaHistory.load(f).getFullName()).toList();
        assertThat(committedNames).containsAll(CURRENT.keySet());
    }

    @Test
    void theCheckRejectsAFieldAddedWithoutDefault() {
        Schema committed = SchemaHistory.load("FieldClassified.v1.avsc");
        String broken = committed.toString().replace(
                "{\"name\":\"column\",\"type\":\"string\"}",
                "{\"name\":\"column\",\"type\":\"string\"},{\"name\":\"owner\",\"type\":\"string\"}");
        assertThat(broken).contains("\"owner\"");

        var result = SchemaCompatibility.checkReaderWriterCompatibility(new Schema.Parser().parse(broken), committed);

        assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }
}
