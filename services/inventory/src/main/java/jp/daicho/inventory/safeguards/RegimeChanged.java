package jp.daicho.inventory.safeguards;

/**
 * A country's personal-information regime was recorded or changed: the pipelines going to that country are checked
 * again. Delivered within the transaction that stored it; the safeguards do not know who reacts.
 */
public record RegimeChanged(String country) {
}
