package jp.daicho.ledger.chain;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daicho.ledger.verify.*}.
 *
 * @param parallelism stretches of the chain verified at once, each on a database connection of its own and all in
 *                    one snapshot (0: as many as the service has processors, at most 4, so that a verification
 *                    takes no more than 5 of the pool's connections)
 * @param minSegment  records a stretch must at least hold to be worth a connection of its own
 */
@ConfigurationProperties("daicho.ledger.verify")
public record VerifyProperties(@DefaultValue("0") int parallelism, @DefaultValue("50000") long minSegment) {

    int effectiveParallelism() {
        return parallelism > 0 ? parallelism : Math.min(4, Runtime.getRuntime().availableProcessors());
    }
}
