package jp.daicho.inventory.datasets;

/**
 * A field's classification changed (the classifier decided anew, or a DPO reviewed it): an event inside the inventory,
 * delivered to its listeners within the transaction that stored the change, so that what they do with it (the
 * pipeline checks) commits or rolls back with it. The feature that changes a classification does not know who reacts.
 */
public record ClassificationChanged(String datasetId, String field) {
}
