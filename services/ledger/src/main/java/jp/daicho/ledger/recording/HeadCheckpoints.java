package jp.daicho.ledger.recording;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.ledger.chain.ChainHead;

/**
 * Checkpoints the head of the chain when it moved since the last checkpoint, every
 * {@code daicho.ledger.recording.checkpoint-interval}: the records after the last periodic checkpoint would
 * otherwise have no anchor outside the database until 10,000 more arrive, and a quiet ledger might wait
 * months for them.
 */
@Service
public class HeadCheckpoints {

    private final JdbcClient jdbc;
    private final LedgerEvents events;

    HeadCheckpoints(JdbcClient jdbc, LedgerEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Stores and (after commit) publishes a checkpoint of the head, if it has none yet; returns its record number. */
    @Scheduled(fixedDelayString = "${daicho.ledger.recording.checkpoint-interval:5m}",
            initialDelayString = "${daicho.ledger.recording.checkpoint-interval:5m}")
    @Transactional
    public Optional<Long> checkpointHead() {
        ChainHead.lock(jdbc);
        var head = ChainHead.read(jdbc);
        long last = jdbc.sql("select coalesce(max(seq), 0) from ledger_checkpoint").query(Long.class).single();
        if (head.seq() <= last) {
            return Optional.empty();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ChainHead.checkpoint(jdbc, head.seq(), head.hash(), "HEAD", now);
        events.checkpointedOnCommit(head.seq(), head.hash(), "HEAD", now);
        return Optional.of(head.seq());
    }
}
