package jp.daicho.ledger.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

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

    /**
     * Rows in the binary COPY format, into a buffer: values by their Java type ({@code String} to text, {@code Long}
     * to bigint, {@code Integer} to int, {@code Boolean} to boolean, {@code Instant} to timestamptz). The header comes
     * before the first row, the trailer with {@link #end()}.
     */
    static final class Encoder {

        private byte[] bytes;
        private int length;
        private boolean started;

        Encoder(int capacity) {
            bytes = new byte[capacity];
        }

        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }

        boolean started() {
            return started;
        }

        /** Forgets the bytes made so far (they were sent). */
        void clear() {
            length = 0;
        }

        void add(Object[] row) {
            if (!started) {
                put(SIGNATURE, SIGNATURE.length);
                int32(0); // flags
                int32(0); // no header extension
                started = true;
            }
            int16(row.length);
            for (Object value : row) {
                field(value);
            }
        }

        /** The trailer that ends the data. */
        void end() {
            int16(-1);
        }

        private void field(Object value) {
            switch (value) {
                case null -> int32(-1);
                case String s -> {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    int32(utf8.length);
                    put(utf8, utf8.length);
                }
                case Long l -> {
                    int32(8);
                    int64(l);
                }
                case Integer i -> {
                    int32(4);
                    int32(i);
                }
                case Boolean b -> {
                    int32(1);
                    ensure(1);
                    bytes[length++] = (byte) (b ? 1 : 0);
                }
                case Instant t -> {
                    int32(8);
                    int64(timestamp(t));
                }
                default -> throw new IllegalArgumentException("no COPY column type for a " + value.getClass().getSimpleName());
            }
        }

        private void int16(int v) {
            ensure(2);
            bytes[length++] = (byte) (v >>> 8);
            bytes[length++] = (byte) v;
        }

        private void int32(int v) {
            ensure(4);
            bytes[length++] = (byte) (v >>> 24);
            bytes[length++] = (byte) (v >>> 16);
            bytes[length++] = (byte) (v >>> 8);
            bytes[length++] = (byte) v;
        }

        private void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        private void put(byte[] source, int n) {
            ensure(n);
            System.arraycopy(source, 0, bytes, length, n);
            length += n;
        }

        private void ensure(int n) {
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
        }
    }
}
