package jp.daicho.inventory;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The inventory service: our events into PostgreSQL, and the REST API DPOs and engineers query. */
@SpringBootApplication
@org.springframework.scheduling.annotation.EnableScheduling
public class InventoryApplication {

    /**
     * This service as an application whose settings are {@code daicho-inventory.yml}, so that it can share a JVM
     * (the all-in-one launcher, the end-to-end tests) with the other services without their settings mixing.
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(InventoryApplication.class).properties("spring.config.name=daicho-inventory");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
