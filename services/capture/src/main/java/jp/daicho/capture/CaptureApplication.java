package jp.daicho.capture;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import jp.daicho.web.ManagementConfiguration;

/**
 * The capture service: one Debezium embedded engine per configured source database, publishing the
 * standard Debezium change events (JSON with schemas) to Kafka.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ManagementConfiguration.class)
public class CaptureApplication {

    /**
     * This service as an application whose settings are {@code daicho-capture.yml}, so that it can share a JVM
     * (the all-in-one launcher, the end-to-end tests) with the other services without their settings mixing.
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CaptureApplication.class).properties("spring.config.name=daicho-capture");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
