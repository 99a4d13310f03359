package jp.daicho.ledger.store;

import java.time.Instant;

/** What PostgreSQL's binary COPY format fixes, for {@link CopyInRows} and {@link CopyOutRows} alike. */
final class BinaryCopy {

    /** The signature every binary COPY stream starts with. */
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 (UTC), from which timestamps count. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private BinaryCopy() {
    }

    /** A {@code timestamptz} value: microseconds since PostgreSQL's epoch. */
    static long timestamp(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000 - POSTGRES_EPOCH_MICROS;
    }

    /** Milliseconds since 1970 of a {@code timestamptz} value (rounded half up from its microseconds). */
    static long epochMillis(long timestamp) {
        return Math.floorDiv(timestamp + POSTGRES_EPOCH_MICROS + 500, 1000);
    }
}
