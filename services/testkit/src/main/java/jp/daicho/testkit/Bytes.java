package jp.daicho.testkit;

import java.nio.charset.StandardCharsets;

/** Byte-level damage for tests and fuzzing: encoded records made invalid in one precise place. */
public final class Bytes {

    /**
     * Makes a string inside encoded bytes invalid UTF-8: the first byte of the first occurrence of {@code asciiMarker}
     * becomes 0xFF, which no UTF-8 sequence contains. The bytes are changed in place and returned.
     */
    public static byte[] notUtf8At(byte[] bytes, String asciiMarker) {
        byte[] needle = asciiMarker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            bytes[i] = (byte) 0xFF;
            return bytes;
        }
        throw new IllegalArgumentException("'" + asciiMarker + "' is not in the bytes");
    }

    private Bytes() {
    }
}
