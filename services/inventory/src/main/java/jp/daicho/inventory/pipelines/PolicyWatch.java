package jp.daicho.inventory.pipelines;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.inventory.policy.PolicyLoaded;
import jp.daicho.inventory.policy.PolicyRepository;
import jp.daicho.vocabulary.Japan;

/**
 * Every active pipeline is checked again when another policy version comes into force — on its effective date (Japan's
 * day), not when it is uploaded — and once every day, for what changes with time alone (a contractor's supervision
 * falling overdue). Looked for every minute and whenever a version is loaded. The version and day last checked are kept
 * in the database, so a restart or another instance does not check twice, and what came due while the inventory was
 * down is checked when it starts.
 */
@Component
public class PolicyWatch {

    private static final Logger log = LoggerFactory.getLogger(PolicyWatch.class);

    private final JdbcClient jdbc;
    private final PolicyRepository policies;
    private final CheckPipelines checks;

    PolicyWatch(JdbcClient jdbc, PolicyRepository policies, CheckPipelines checks) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.checks = checks;
    }

    @Scheduled(fixedDelayString = "${daicho.checks.policy-interval:PT1M}", initialDelayString = "${daicho.checks.policy-interval:PT1M}")
    void everyMinute() {
        checkOn(Japan.today());
    }

    @EventListener
    void onLoaded(PolicyLoaded loaded) {
        checkOn(Japan.today());
    }

    /**
     * Checks every active pipeline against the version in force on {@code day}, as of that day, if they were last
     * checked against another version or on another day; the first time, the version and day are taken as the ones
     * they were registered under. Returns how many pipelines were checked.
     */
    @Transactional
    public int checkOn(LocalDate day) {
        var inForce = policies.inForceOn(day);
        if (inForce.isEmpty()) {
            return 0;
        }
        String version = inForce.get().policy().version();
        record Checked(String version, LocalDate day) {
        }
        var last = jdbc.sql("select version, day from policy_checked where id = 1 for update")
                .query((rs, n) -> new Checked(rs.getString(1), rs.getObject(2, LocalDate.class))).optional();
        Instant now = Instant.now();
        if (last.isEmpty()) {
            jdbc.sql("insert into policy_checked (id, version, day, checked_at) values (1, ?, ?, ?) on conflict (id) do nothing")
                    .params(version, day, Timestamp.from(now)).update();
            return 0;
        }
        if (last.get().version().equals(version) && day.equals(last.get().day())) {
            return 0;
        }
        jdbc.sql("update policy_checked set version = ?, day = ?, checked_at = ? where id = 1")
                .params(version, day, Timestamp.from(now)).update();
        boolean newVersion = !last.get().version().equals(version);
        int checked = checks.recheckAll(inForce.get().policy(), newVersion ? "policy " + version + " in force"
                : "daily check " + day, day);
        log.info("{}: {} pipelines checked again", newVersion ? "Policy " + version + " is in force from " + day
                + " (before: " + last.get().version() + ")" : "A new day, " + day, checked);
        return checked;
    }
}
