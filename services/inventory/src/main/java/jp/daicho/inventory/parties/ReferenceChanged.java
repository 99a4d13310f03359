package jp.daicho.inventory.parties;

/**
 * A party or a system was changed (its kind, country, contract reference, operator): an event inside the inventory,
 * delivered within the transaction that stored the change, so that the pipelines going there are checked again with
 * it. The reference data does not know who reacts.
 *
 * @param party true for a party ({@code id} its id), false for a system ({@code id} its name)
 */
public record ReferenceChanged(boolean party, String id) {
}
