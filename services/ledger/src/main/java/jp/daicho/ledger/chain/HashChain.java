package jp.daicho.ledger.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jp.daicho.ledger.store.CopyOutRows;

/**
 * The ledger's hash chain: each record's hash is SHA-256 over the previous record's hash and every field of
 * the record, so that changing, removing, inserting or reordering a record breaks the chain from there on.
 * The first record follows {@link #GENESIS}. Timestamps count in milliseconds (what PostgreSQL returns).
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    private static final char SEPARATOR = '\u001f';
    private static final String NULL = "\u0000";

    private final MessageDigest sha256;
    private final StringBuilder text = new StringBuilder(512);

    public HashChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash of {@code r} following {@code prevHash}; {@code r.hash()} is not read. */
    public String hash(String prevHash, ChainedRecord r) {
        text.setLength(0);
        text.append(prevHash);
        add(r.seq()).add(r.kind()).add(r.eventId()).add(r.pipelineId()).add(r.legalBasis()).add(r.recordMode())
                .add(r.occurredAt().toEpochMilli()).add(r.counterpartyName()).add(r.counterpartyAddress())
                .add(r.counterpartyRepresentative()).add(r.counterpartyCountry()).add(r.dataItems())
                .add(r.consentReference()).add(r.acquisition())
                .add(r.optOutPublished() == null ? null : r.optOutPublished().toString()).add(r.subjectItemNames())
                .add(r.subjectPseudonym()).add(r.subjectCipher()).add(r.keyId()).add(r.retentionGroup())
                .add(r.retentionYears()).add(r.recordedAt().toEpochMilli());
        return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The same hash from the stored form: the previous hash and every field of {@link #hash} in that order, as
     * the UTF-8 text PostgreSQL returns (times as epoch milliseconds, the flag as true/false), null for null.
     * The verifier reads records this way, without making strings of them.
     */
    public String hash(byte[] prevHash, byte[][] fields) {
        sha256.update(prevHash);
        for (byte[] field : fields) {
            sha256.update((byte) SEPARATOR);
            if (field == null) {
                sha256.update((byte) 0);
            } else {
                sha256.update(field);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The same from a row of {@code COPY … TO STDOUT}: its first {@code fields} fields in that order, read in place. */
    public String hash(byte[] prevHash, CopyOutRows.Row row, int fields) {
        sha256.update(prevHash);
        for (int i = 0; i < fields; i++) {
            sha256.update((byte) SEPARATOR);
            if (row.isNull(i)) {
                sha256.update((byte) 0);
            } else if (row.plain(i)) {
                sha256.update(row.line(), row.start(i), row.end(i) - row.start(i));
            } else {
                sha256.update(row.bytes(i));
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private HashChain add(String value) {
        text.append(SEPARATOR).append(value == null ? NULL : value);
        return this;
    }

    private HashChain add(long value) {
        text.append(SEPARATOR).append(value);
        return this;
    }
}
