package jp.daicho.ledger.chain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoints the ledger published outside its database (on Kafka, {@code ingest/} reads them): anchors
 * that someone able to rewrite the database, the stored checkpoints included, cannot rewrite with it.
 */
public interface PublishedCheckpoints {

    /** Every published checkpoint, hashes by record number; empty when they cannot be read now. */
    Optional<Map<Long, List<String>>> read();
}
