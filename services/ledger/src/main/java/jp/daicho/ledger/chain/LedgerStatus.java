package jp.daicho.ledger.chain;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger at a glance: how many records it holds, its chain's head, and its last checkpoint, verification and purge. */
@Repository
public class LedgerStatus {

    public record Overview(long records, long headSeq, String headHash, Checkpoint lastCheckpoint,
                         VerifyChain.LastVerification lastVerification, Purge lastPurge) {
    }

    public record Checkpoint(long seq, String reason, Instant createdAt) {
    }

    public record Purge(long id, Instant runAt, String runBy, long removed) {
    }

    private final JdbcClient jdbc;
    private final VerifyChain verify;

    LedgerStatus(JdbcClient jdbc, VerifyChain verify) {
        this.jdbc = jdbc;
        this.verify = verify;
    }

    public Overview now() {
        var head = ChainHead.read(jdbc);
        // Every number up to the head is a record or lies in a purge mark: no count over millions of rows on
        // each look at the dashboard (verify checks the premise).
        long purged = jdbc.sql("select coalesce(sum(last_seq - first_seq + 1), 0) from purge_mark").query(Long.class).single();
        var checkpoint = jdbc.sql("select seq, reason, created_at from ledger_checkpoint order by id desc limit 1")
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant())).optional();
        var purge = jdbc.sql("select id, run_at, run_by, removed from purge_run order by id desc limit 1")
                .query((rs, n) -> new Purge(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getLong(4)))
                .optional();
        return new Overview(head.seq() - purged, head.seq(), head.hash(), checkpoint.orElse(null),
                verify.last().orElse(null), purge.orElse(null));
    }
}
