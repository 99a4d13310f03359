package jp.daicho.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The console: server-rendered pages (Thymeleaf, htmx, Cytoscape.js) over the inventory's and the ledger's
 * REST APIs, called as the signed-in user so that the APIs' roles decide what each person may see and do.
 */
@SpringBootApplication
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleApplication {

    /** This service with its own settings file {@code daicho-console.yml}, so that it can share a JVM with the others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ConsoleApplication.class).properties("spring.config.name=daicho-console");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
