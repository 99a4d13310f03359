package jp.daicho.ledger.exports;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the bytes an export must escape, eight at a time: almost no value has any, so most of a record is
 * looked at as a few longs instead of byte by byte (the export's hottest loop before).
 */
final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;

    private ByteScan() {
    }

    /** The index of the first {@code "} in {@code from} … {@code to}, or -1. */
    static int quote(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            if (zeroByte((long) LONGS.get(b, i) ^ QUOTES) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            if (b[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first {@code "}, backslash or control character (below 0x20) in {@code from} … {@code to}, or -1. */
    static int jsonSpecial(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONGS.get(b, i);
            // bytes below 0x20: subtracting borrows into their high bit, which a byte of 0x80 or more has set already
            long control = (v - SPACES) & ~v & HIGHS;
            if ((zeroByte(v ^ QUOTES) | zeroByte(v ^ BACKSLASHES) | control) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                return i;
            }
        }
        return -1;
    }

    /** Non-zero when some byte of {@code v} is zero. */
    private static long zeroByte(long v) {
        return (v - ONES) & ~v & HIGHS;
    }
}
