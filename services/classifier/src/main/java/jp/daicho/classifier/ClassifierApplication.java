package jp.daicho.classifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The classifier service: reads Debezium change events by topic pattern, classifies every field per
 * dataset schema version and publishes {@code DatasetObserved} and {@code FieldClassified}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ClassifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClassifierApplication.class, args);
    }
}
