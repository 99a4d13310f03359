package jp.daicho.ledger.recording;

import java.time.Instant;

import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the ledger tells the rest of the company, on Kafka ({@code ingest/} implements it). Calls return
 * once Kafka acknowledged, so that a failure rolls the caller's transaction back.
 */
public interface LedgerEvents {

    /** A refused occurrence, for the DPO's list of violations. Names the pipeline and rule, never the data subject. */
    void rejected(String pipelineId, Decision.Rejected rejection, Instant at);

    /** The chain's hash at {@code seq}, as an anchor outside the ledger's database. */
    void checkpointed(long seq, String hash, String reason, Instant at);

    /**
     * {@link #checkpointed} once the caller's transaction has committed, never before: an anchor of records
     * that were then rolled back would later look like a rewritten chain. If Kafka refuses it then, the
     * checkpoint stays stored in the database only (logged): one anchor fewer, never a false one.
     */
    default void checkpointedOnCommit(long seq, String hash, String reason, Instant at) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            checkpointed(seq, hash, reason, at);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    checkpointed(seq, hash, reason, at);
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(LedgerEvents.class).warn(
                            "Checkpoint at record {} is stored but could not be published: {}", seq, e.getClass().getSimpleName());
                }
            }
        });
    }
}
