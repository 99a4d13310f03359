/**
 * The Art. 29/30 ledger. {@code recording} decides what the statute asks of each occurrence and appends the
 * records; {@code chain} hashes and verifies them; {@code subjects} keeps data subjects pseudonymous and
 * their identifying items encrypted; {@code exports} streams records to auditors and data subjects;
 * {@code retention} purges expired records; {@code ingest} is the Kafka adapter (Avro stops there).
 */
package jp.daicho.ledger;
