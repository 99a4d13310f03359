package jp.daicho.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Avro and Kafka stop at the ingest adapter; the ledger's features know only domain records. */
class ModularityTest {

    @Test
    void featuresDoNotSeeKafkaOrAvro() {
        noClasses().that().resideOutsideOfPackage("..ledger.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.avro..",
                        "jp.daicho.events..", "org.springframework.kafka..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("jp.daicho.ledger"));
    }
}
