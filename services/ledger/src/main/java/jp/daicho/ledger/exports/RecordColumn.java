package jp.daicho.ledger.exports;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The stored columns an export reads, in the order it reads them: a column's position in a row is its ordinal.
 * The sealed identifying items ({@link #SUBJECT_CIPHER}, {@link #KEY_ID}) come last and are read only for a
 * disclosure to the data subject: an auditor's export has no use for them, and they are a fifth of a record's bytes.
 */
enum RecordColumn {
    SEQ, KIND, OCCURRED_AT, LEGAL_BASIS, RECORD_MODE, COUNTERPARTY_NAME, COUNTERPARTY_ADDRESS, COUNTERPARTY_REPRESENTATIVE,
    COUNTERPARTY_COUNTRY, CONSENT_REFERENCE, ACQUISITION, OPT_OUT_PUBLISHED, SUBJECT_ITEM_NAMES, SUBJECT_PSEUDONYM,
    DATA_ITEMS, PIPELINE_ID, EVENT_ID, RETENTION_GROUP, RETENTION_YEARS, RECORDED_AT, HASH, SUBJECT_CIPHER, KEY_ID;

    /** The select list: every column but the sealed items, or every column for a disclosure. */
    static String select(boolean disclose) {
        return Arrays.stream(values()).filter(c -> disclose || c.ordinal() < SUBJECT_CIPHER.ordinal())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
