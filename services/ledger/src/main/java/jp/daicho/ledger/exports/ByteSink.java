package jp.daicho.ledger.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An unsynchronised byte buffer in front of a stream: an export writes each record as dozens of small
 * pieces, which a {@code BufferedOutputStream} would lock for one by one.
 */
final class ByteSink {

    private final OutputStream out;
    private final byte[] buffer;
    private int length;

    ByteSink(OutputStream out, int size) {
        this.out = out;
        this.buffer = new byte[size];
    }

    void write(int b) throws IOException {
        if (length == buffer.length) {
            flush();
        }
        buffer[length++] = (byte) b;
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int from, int n) throws IOException {
        if (n > buffer.length - length) {
            flush();
            if (n > buffer.length) {
                out.write(bytes, from, n);
                return;
            }
        }
        System.arraycopy(bytes, from, buffer, length, n);
        length += n;
    }

    /** Text that is ASCII (names, numbers). */
    void ascii(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            write(text.charAt(i));
        }
    }

    void utf8(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    void number(long value) throws IOException {
        ascii(Long.toString(value));
    }

    /** Hands what is buffered to the stream (which may buffer it further). */
    void flush() throws IOException {
        out.write(buffer, 0, length);
        length = 0;
    }
}
