package jp.daicho.classifier;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import jp.daicho.web.ManagementConfiguration;

/**
 * The classifier service: reads Debezium change events by topic pattern, classifies every field per
 * dataset schema version and publishes {@code DatasetObserved} and {@code FieldClassified}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ManagementConfiguration.class)
public class ClassifierApplication {

    /**
     * This service as an application whose settings are {@code daicho-classifier.yml}, so that it can share a JVM
     * (the all-in-one launcher, the end-to-end tests) with the other services without their settings mixing.
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ClassifierApplication.class).properties("spring.config.name=daicho-classifier");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
