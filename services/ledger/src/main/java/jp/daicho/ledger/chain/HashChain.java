package jp.daicho.ledger.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ledger's hash chain: each record's hash is SHA-256 over the previous record's hash and every field of
 * the record, so that changing, removing, inserting or reordering a record breaks the chain from there on.
 * The first record follows {@link #GENESIS}. Timestamps count in milliseconds.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    private static final byte SEPARATOR = 0x1f;
    private static final byte NULL = 0;

    private final MessageDigest sha256;
    private final Canonical canonical = new Canonical();

    public HashChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash of {@code r} following {@code prevHash}; {@code r.hash()} is not read. */
    public String hash(String prevHash, ChainedRecord r) {
        var c = canonical.start(prevHash);
        c.number(r.seq()).text(r.kind()).text(r.eventId()).text(r.pipelineId()).text(r.legalBasis()).text(r.recordMode())
                .number(r.occurredAt().toEpochMilli()).text(r.counterpartyName()).text(r.counterpartyAddress())
                .text(r.counterpartyRepresentative()).text(r.counterpartyCountry()).text(r.dataItems())
                .text(r.consentReference()).text(r.acquisition()).bool(r.optOutPublished()).text(r.subjectItemNames())
                .text(r.subjectPseudonym()).text(r.subjectCipher()).text(r.keyId()).text(r.retentionGroup())
                .number(r.retentionYears()).number(r.recordedAt().toEpochMilli());
        return hash(c);
    }

    /**
     * The canonical bytes of a record, reused for every record of this chain: the previous hash, then each
     * field in {@link #hash(String, ChainedRecord)}'s order after a separator (0x1F) — text as UTF-8, numbers
     * and times (epoch milliseconds) in decimal, the flag as true/false, a null as one 0 byte. The verifier
     * fills it straight from the stored rows.
     */
    public Canonical canonical(String prevHash) {
        return canonical.start(prevHash);
    }

    /** SHA-256 of what {@code c} holds, in hex. */
    public String hash(Canonical c) {
        sha256.update(c.bytes, 0, c.length);
        return HexFormat.of().formatHex(sha256.digest());
    }

    public static final class Canonical {

        private byte[] bytes = new byte[1024];
        private int length;

        private Canonical start(String prevHash) {
            length = 0;
            for (int i = 0; i < prevHash.length(); i++) {
                put((byte) prevHash.charAt(i)); // hex
            }
            return this;
        }

        public Canonical text(String value) {
            if (value == null) {
                return nul();
            }
            put(SEPARATOR);
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch >= 0x80) { // not ASCII: the rest as UTF-8 in one go
                    byte[] utf8 = value.substring(i).getBytes(StandardCharsets.UTF_8);
                    put(utf8, 0, utf8.length);
                    return this;
                }
                put((byte) ch);
            }
            return this;
        }

        /** UTF-8 text given as bytes {@code from} … {@code from + n} of {@code utf8}. */
        public Canonical text(byte[] utf8, int from, int n) {
            put(SEPARATOR);
            put(utf8, from, n);
            return this;
        }

        public Canonical number(long value) {
            put(SEPARATOR);
            if (value < 0) {
                put((byte) '-');
                value = -value;
            }
            int digits = 1;
            for (long v = value; v >= 10; v /= 10) {
                digits++;
            }
            ensure(digits);
            for (int i = length + digits - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
            return this;
        }

        public Canonical bool(Boolean value) {
            return value == null ? nul() : text(value ? "true" : "false");
        }

        public Canonical nul() {
            put(SEPARATOR);
            put(NULL);
            return this;
        }

        private void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        private void put(byte[] source, int from, int n) {
            ensure(n);
            System.arraycopy(source, from, bytes, length, n);
            length += n;
        }

        private void ensure(int n) {
            if (length + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
        }
    }
}
