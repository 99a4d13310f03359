package jp.daicho.capture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Settings (source/) know nothing of running engines or Kafka clients (engine/). */
class ModularityTest {

    @Test
    void sourceSettingsDoNotDependOnTheEngine() {
        noClasses().that().resideInAPackage("..capture.source..")
                .should().dependOnClassesThat().resideInAnyPackage("..capture.engine..", "org.apache.kafka.clients..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("jp.daicho.capture"));
    }
}
