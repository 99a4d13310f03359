package jp.daicho.ledger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The ledger service: provision and receipt occurrences in, the statutory records of APPI Art. 29 and 30
 * kept append-only and hash-chained in PostgreSQL, exports and verification for auditors.
 */
@SpringBootApplication
@EnableScheduling
public class LedgerApplication {

    /** This service with its own settings file {@code daicho-ledger.yml}, so that it can share a JVM with the others. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(LedgerApplication.class).properties("spring.config.name=daicho-ledger");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
