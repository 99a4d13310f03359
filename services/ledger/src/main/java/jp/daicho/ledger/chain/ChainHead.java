package jp.daicho.ledger.chain;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The end of the chain, and the lock that lets one writer at a time extend it. */
public record ChainHead(long seq, String hash) {

    /** Serialises every writer of the chain (recording, purging) until its transaction ends. */
    public static void lock(JdbcClient jdbc) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('daicho-ledger-chain'))").query().listOfRows();
    }

    /** The last record, or the last purged one if a purge removed the end; {@link HashChain#GENESIS} when empty. */
    public static ChainHead read(JdbcClient jdbc) {
        var record = jdbc.sql("select seq, hash from ledger_record order by seq desc limit 1")
                .query((rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2))).optional();
        var purged = jdbc.sql("select last_seq, last_hash from purge_mark order by last_seq desc limit 1")
                .query((rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2))).optional();
        ChainHead head = new ChainHead(0, HashChain.GENESIS);
        if (record.isPresent()) {
            head = record.get();
        }
        if (purged.isPresent() && purged.get().seq() > head.seq()) {
            head = purged.get();
        }
        return head;
    }

    public static void checkpoint(JdbcClient jdbc, long seq, String hash, String reason, Instant at) {
        jdbc.sql("insert into ledger_checkpoint (seq, hash, reason, created_at) values (?, ?, ?, ?)")
                .params(seq, hash, reason, Timestamp.from(at)).update();
    }
}
