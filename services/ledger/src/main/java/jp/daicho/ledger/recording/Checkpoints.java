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
 * The chain's checkpoints: stored in the database and published on Kafka as anchors outside it — every
 * 10,000 records (the recording), after each purge, and for the head every
 * {@code daicho.ledger.recording.checkpoint-interval} when it moved, so that the latest records of a quiet
 * ledger do not wait months for an anchor.
 */
@Service
public class Checkpoints {

    private final JdbcClient jdbc;
    private final LedgerEvents events;

    Checkpoints(JdbcClient jdbc, LedgerEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Stores a checkpoint in the caller's transaction, with its event: published once that transaction has committed
     * (the outbox), never before, since an anchor of records then rolled back would later look like a rewritten
     * chain; and not lost if Kafka is away at the commit.
     */
    public void store(long seq, String hash, String reason, Instant at) {
        ChainHead.checkpoint(jdbc, seq, hash, reason, at);
        events.checkpointed(seq, hash, reason, at);
    }

    /** Checkpoints the head, if it has no checkpoint yet; returns its record number. */
    @Scheduled(fixedDelayString = "${daicho.ledger.recording.checkpoint-interval:5m}",
            initialDelayString = "${daicho.ledger.recording.checkpoint-interval:5m}")
    @Transactional
    public Optional<Long> checkpointHead() {
        ChainHead.lock(jdbc);
        var head = ChainHead.read(jdbc);
        // Checkpoints only move forward: the newest is the highest.
        long last = jdbc.sql("select seq from ledger_checkpoint order by id desc limit 1").query(Long.class).optional().orElse(0L);
        if (head.seq() <= last) {
            return Optional.empty();
        }
        store(head.seq(), head.hash(), "HEAD", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return Optional.of(head.seq());
    }
}
