package jp.daicho.classification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The classification core is plain Java: no Kafka, Avro, Spring, JSON library or service code reaches it. */
class ModularityTest {

    final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("jp.daicho.classification");

    @Test
    void classificationIsFrameworkFree() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.avro..",
                        "org.springframework..", "tools.jackson..", "com.fasterxml..", "jp.daicho.events..",
                        "jp.daicho.classifier..", "jp.daicho.cli..")
                .check(classes);
    }
}
