package jp.daicho.ledger.recording;

import java.time.Instant;

/**
 * What the ledger tells the rest of the company, on Kafka ({@code ingest/} implements it). Calls return
 * once Kafka acknowledged, so that a failure rolls the caller's transaction back.
 */
public interface LedgerEvents {

    /** A refused occurrence, for the DPO's list of violations. Names the pipeline and rule, never the data subject. */
    void rejected(String pipelineId, Decision.Rejected rejection, Instant at);

    /** The chain's hash at {@code seq}, as an anchor outside the ledger's database. */
    void checkpointed(long seq, String hash, String reason, Instant at);
}
