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
        status.put("records", jdbc.sql("select count(*) from ledger_record").query(Long.class).single());
        var head = ChainHead.read(jdbc);
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
