package jp.daicho.ledger.chain;

import java.time.Instant;

/**
 * One statutory record as stored: every column the hash covers. The data subject appears only as a keyed
 * pseudonym, the names of the identifying items, and those items encrypted.
 */
public record ChainedRecord(long seq, String kind, String eventId, String pipelineId, String legalBasis, String recordMode,
                            Instant occurredAt, String counterpartyName, String counterpartyAddress,
                            String counterpartyRepresentative, String counterpartyCountry, String dataItems,
                            String consentReference, String acquisition, Boolean optOutPublished, String subjectItemNames,
                            String subjectPseudonym, String subjectCipher, String keyId, String retentionGroup,
                            int retentionYears, Instant recordedAt, String prevHash, String hash) {
}
