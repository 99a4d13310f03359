package jp.daicho.ledger.chain;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Verification of the chain (the auditors' proof that nothing was altered) and the ledger's status. */
@RestController
@RequestMapping("/api/records")
class ChainController {

    private final VerifyChain verify;
    private final JdbcClient jdbc;

    ChainController(VerifyChain verify, JdbcClient jdbc) {
        this.verify = verify;
        this.jdbc = jdbc;
    }

    @PostMapping("/verify")
    ChainVerifier.Report verify(Principal who) {
        return verify.verify(who.getName());
    }

    @GetMapping("/status")
    Map<String, Object> status() {
        var status = new LinkedHashMap<String, Object>();
        var head = ChainHead.read(jdbc);
        // Every number up to the head is a record or lies in a purge mark: no count over millions of rows on
        // each look at the dashboard (verify checks the premise).
        status.put("records", head.seq() - jdbc.sql("select coalesce(sum(last_seq - first_seq + 1), 0) from purge_mark")
                .query(Long.class).single());
        status.put("headSeq", head.seq());
        status.put("headHash", head.hash());
        status.put("lastCheckpoint", jdbc.sql("select seq, reason, created_at from ledger_checkpoint order by id desc limit 1")
                .query().listOfRows().stream().findFirst().orElse(null));
        status.put("lastVerification", verify.last().orElse(null));
        status.put("lastPurge", jdbc.sql("select id, run_at, run_by, removed from purge_run order by id desc limit 1")
                .query().listOfRows().stream().findFirst().orElse(null));
        return status;
    }
}
