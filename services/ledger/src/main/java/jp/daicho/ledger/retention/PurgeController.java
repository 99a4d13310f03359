package jp.daicho.ledger.retention;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The purge on request (besides its daily schedule), what each purge removed, and what is due. */
@RestController
@RequestMapping("/api/records")
class PurgeController {

    private final PurgeExpired purge;
    private final JdbcClient jdbc;

    PurgeController(PurgeExpired purge, JdbcClient jdbc) {
        this.purge = purge;
        this.jdbc = jdbc;
    }

    /** How many records are due for removal now, and the last purges (newest first). */
    record Purges(long dueNow, List<PurgeRun> runs) {
    }

    /** One purge: when, by whom (or the schedule), how many records it removed, and its report. */
    record PurgeRun(long id, Instant runAt, String runBy, long removed, String report) {
    }

    @PostMapping("/purge")
    PurgeExpired.PurgeReport purge(Principal who) {
        return purge.purge(who.getName(), Instant.now());
    }

    @GetMapping("/purges")
    Purges purges() {
        var runs = jdbc.sql("select id, run_at, run_by, removed, report from purge_run order by id desc limit 1000")
                .query((rs, n) -> new PurgeRun(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getLong(4),
                        rs.getString(5)))
                .list();
        return new Purges(purge.due(Instant.now()), runs);
    }
}
