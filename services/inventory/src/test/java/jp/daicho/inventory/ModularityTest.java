package jp.daicho.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Avro and Kafka stop at the ingest adapter; the inventory's features know only domain records. */
class ModularityTest {

    final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("jp.daicho.inventory");

    @Test
    void featuresDoNotSeeKafkaOrAvro() {
        noClasses().that().resideOutsideOfPackage("..inventory.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.avro..",
                        "jp.daicho.events..", "org.springframework.kafka..")
                .check(classes);
    }

    /** Features meet through interfaces and events, never in a circle: each can be read, tested and moved alone. */
    @Test
    void featurePackagesAreFreeOfCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("jp.daicho.inventory.(*)..")
                .should().beFreeOfCycles().check(classes);
    }

    /** What is captured and classified is recorded without knowing who reacts: pipeline checks listen to its events. */
    @Test
    void theRecordOfDatasetsAnnouncesChangesInsteadOfCallingOtherFeatures() {
        noClasses().that().resideInAPackage("..inventory.datasets..")
                .should().dependOnClassesThat().resideInAnyPackage("..inventory.pipelines..", "..inventory.review..",
                        "..inventory.flows..", "..inventory.ledger..")
                .check(classes);
    }
}
