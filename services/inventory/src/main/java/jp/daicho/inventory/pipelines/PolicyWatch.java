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
 * Every active pipeline is checked again when another policy version comes into force: on its effective date (Japan's
 * day), looked for every minute and whenever a version is loaded — not merely when it is uploaded. The version last
 * checked against is kept in the database, so a restart or another instance does not check twice, and a version that
 * came into force while the inventory was down is checked against when it starts.
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
     * Checks every active pipeline against the version in force on {@code day} if it is not the one they were last
     * checked against; the first time, that version is taken as the one they were registered under. Returns how many
     * pipelines were checked.
     */
    @Transactional
    public int checkOn(LocalDate day) {
        var inForce = policies.inForceOn(day);
        if (inForce.isEmpty()) {
            return 0;
        }
        String version = inForce.get().policy().version();
        var last = jdbc.sql("select version from policy_checked where id = 1 for update").query(String.class).optional();
        Instant now = Instant.now();
        if (last.isEmpty()) {
            jdbc.sql("insert into policy_checked (id, version, checked_at) values (1, ?, ?) on conflict (id) do nothing")
                    .params(version, Timestamp.from(now)).update();
            return 0;
        }
        if (last.get().equals(version)) {
            return 0;
        }
        jdbc.sql("update policy_checked set version = ?, checked_at = ? where id = 1").params(version, Timestamp.from(now)).update();
        int checked = checks.recheckAll(inForce.get().policy(), "policy " + version + " in force");
        log.info("Policy {} is in force from {} (before: {}): {} pipelines checked again", version, day, last.get(), checked);
        return checked;
    }
}
