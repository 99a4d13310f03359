package jp.daicho.inventory.processing;

/**
 * A dataset came to be held for a client, its terms changed, or it stopped being held: the pipelines reading it are
 * checked again. Delivered within the transaction that stored it.
 */
public record ProcessingChanged(String datasetId) {
}
