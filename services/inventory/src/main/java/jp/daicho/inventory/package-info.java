/**
 * Inventory: {@code ingest/} reads our Kafka events and maps them to domain records; {@code datasets/}
 * records observations and classifications (idempotently) and answers the dataset and field queries;
 * {@code status/} summarizes. Never stores a value from a source row: names, types and decisions only.
 */
package jp.daicho.inventory;
