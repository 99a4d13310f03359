package jp.daicho.ledger.retention;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    @PostMapping("/purge")
    Map<String, Object> purge(Principal who) {
        return PurgeExpired.asMap(purge.purge(who.getName(), Instant.now()));
    }

    @GetMapping("/purges")
    Map<String, Object> purges() {
        List<Map<String, Object>> runs = jdbc.sql("select id, run_at, run_by, removed, report from purge_run order by id desc limit 1000")
                .query().listOfRows();
        return Map.of("dueNow", purge.due(Instant.now()), "runs", runs);
    }
}
