package jp.daicho.classifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Avro types stay in the publisher (the classification core is a module of its own: classification/). */
class ModularityTest {

    final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("jp.daicho.classifier");

    @Test
    void avroTypesStopAtThePublisher() {
        noClasses().that().resideOutsideOfPackage("..classifier.publish..")
                .should().dependOnClassesThat().resideInAPackage("jp.daicho.events..")
                .check(classes);
    }
}
