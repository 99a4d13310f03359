package jp.daicho.inventory.policy;

/**
 * A policy version was loaded (it may be in force at once, or from a later day): an event inside the inventory, after
 * it is stored, so that the pipelines are checked against it once it is in force. The policy does not know who reacts.
 */
public record PolicyLoaded(String version) {
}
