package jp.daicho.inventory.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.daicho.inventory.policy.PolicyDocument;

class SafeguardFindingsTest {

    /** Seed 002 publishes seven kinds of measures: each is a finding until the register records one of its kind. */
    @Test
    void aKindOfMeasureThePolicyPublishesIsAFindingUntilOneIsRecorded() throws Exception {
        var seed002 = PolicyDocument.read(Files.readString(Path.of("../../docs/policies/002-kuookurop.yml")), "002-kuookurop.yml");
        assertThat(SafeguardController.promisedNotRecorded(seed002, List.of())).extracting(SafeguardController.Finding::subject)
                .containsExactly("BASIC_POLICY", "RULES", "ORGANIZATIONAL", "HUMAN", "PHYSICAL", "TECHNICAL", "EXTERNAL_ENVIRONMENT");
        var someRecorded = SafeguardController.promisedNotRecorded(seed002, List.of("TECHNICAL", "PHYSICAL", "HUMAN"));
        assertThat(someRecorded).extracting(SafeguardController.Finding::subject).containsExactly("BASIC_POLICY", "RULES", "ORGANIZATIONAL", "EXTERNAL_ENVIRONMENT");
        assertThat(someRecorded.getFirst().detail()).contains("basic policy (基本方針の策定)");
    }
}
