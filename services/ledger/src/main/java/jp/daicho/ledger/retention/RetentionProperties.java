package jp.daicho.ledger.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daicho.ledger.retention.*}: the purge of expired records.
 *
 * @param cron     when the purge runs (daily at 03:30 by default)
 * @param username the database login the purge uses (default: the service's); in production a login that
 *                 is a member of {@code role} only
 * @param password its password
 * @param role     the narrow role that may remove records ({@code SET LOCAL ROLE} for each purge)
 * @param maxPerRun at most this many records removed per run; the report says when more remain
 */
@ConfigurationProperties("daicho.ledger.retention")
public record RetentionProperties(@DefaultValue("0 30 3 * * *") String cron, String username, String password,
                                  @DefaultValue("daicho_ledger_purger") String role,
                                  @DefaultValue("1000000") int maxPerRun) {
}
