package jp.daicho.capture;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The capture service: one Debezium embedded engine per configured source database, publishing the
 * standard Debezium change events (JSON with schemas) to Kafka.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CaptureApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaptureApplication.class, args);
    }
}
