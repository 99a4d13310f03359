package jp.daicho.ledger.recording;

/** The recipient of a provision or the provider of a receipt, as the record names them. Kind as the inventory's parties. */
public record Counterparty(String name, String kind, String address, String representative, String country) {
}
