package jp.daicho.classifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The classification rules are plain Java: no Kafka, Avro, Spring or JSON library reaches them. */
class ModularityTest {

    final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("jp.daicho.classifier");

    @Test
    void classificationIsFrameworkFree() {
        noClasses().that().resideInAPackage("..classifier.classification..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.avro..",
                        "org.springframework..", "tools.jackson..", "jp.daicho.events..", "jp.daicho.classifier.ingest..",
                        "jp.daicho.classifier.publish..")
                .check(classes);
    }

    @Test
    void avroTypesStopAtThePublisher() {
        noClasses().that().resideOutsideOfPackage("..classifier.publish..")
                .should().dependOnClassesThat().resideInAPackage("jp.daicho.events..")
                .check(classes);
    }
}
