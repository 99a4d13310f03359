package jp.daicho.ledger.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

import org.postgresql.PGConnection;

/**
 * Reads the rows of a query with PostgreSQL's {@code COPY (…) TO STDOUT (FORMAT binary)}. The server
 * streams rows without waiting to be asked for the next batch, so it produces rows while this side is
 * still formatting or hashing the previous ones (a cursor makes the two take turns), and in the binary
 * format it neither formats numbers and times as text nor escapes anything. Memory stays flat: one row at
 * a time. A row's fields are byte ranges of a buffer, read in place.
 *
 * <p>COPY takes no bind parameters: values in the query are written with {@link #literal(String)}.
 */
public final class CopyOutRows {

    /** What to do with each row; the row and its buffer are reused for the next one. */
    public interface Handler {
        void row(Row row) throws IOException;
    }


    private CopyOutRows() {
    }

    /** Where the COPY data comes from: its messages in order, null after the last. */
    public interface Source {
        byte[] next() throws SQLException;
    }

    /** Streams the rows of {@code query} to {@code handler}; returns how many there were. */
    public static long stream(Connection connection, String query, Handler handler) throws SQLException, IOException {
        var copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("copy (" + query + ") to stdout (format binary)");
        try {
            return read(copy::readFromCopy, handler);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy(); // the handler failed (a client went away): stop the server's side too
            }
        }
    }

    /** Reads binary COPY data from {@code source} (to its end) to {@code handler}; returns how many rows there were. */
    public static long read(Source source, Handler handler) throws SQLException, IOException {
        var in = new Input(source);
        var row = new Row(in);
        long rows = 0;
        in.header();
        while (row.next()) {
            handler.row(row);
            rows++;
        }
        return rows;
    }

    /**
     * A string as an SQL literal that means exactly it whatever {@code standard_conforming_strings} says
     * ({@code E'…'} with backslashes and quotes escaped). A NUL character cannot be in PostgreSQL text at all.
     */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be part of a filter value");
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** An instant as a {@code timestamptz} literal. */
    public static String literal(Instant instant) {
        return "'" + instant + "'::timestamptz";
    }

    /** The COPY data as one byte stream, whatever the server's message boundaries. */
    private static final class Input {

        private final Source copy;
        private byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;

        Input(Source copy) {
            this.copy = copy;
        }

        void header() throws SQLException {
            byte[] signature = BinaryCopy.SIGNATURE;
            require(signature.length + 8);
            if (!Arrays.equals(buffer, position, position + signature.length, signature, 0, signature.length)) {
                throw new IllegalStateException("not PostgreSQL's binary COPY format");
            }
            position += signature.length + 4; // flags
            int extension = int32();
            require(extension);
            position += extension;
        }

        /** Makes sure {@code n} more bytes are in the buffer from {@link #position}; false at the end of the data. */
        boolean available(int n) throws SQLException {
            while (limit - position < n) {
                byte[] message = copy.next();
                if (message == null) {
                    return false;
                }
                if (position > 0) { // keep only what is not read yet, at the start
                    System.arraycopy(buffer, position, buffer, 0, limit - position);
                    limit -= position;
                    position = 0;
                }
                if (limit + message.length > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, limit + message.length));
                }
                System.arraycopy(message, 0, buffer, limit, message.length);
                limit += message.length;
            }
            return true;
        }

        /** Reads to the end of the COPY after its trailer, so that the connection is ready for the next statement. */
        void finish() throws SQLException {
            while (copy.next() != null) {
                // nothing follows the trailer but the end of the data
            }
        }

        void require(int n) throws SQLException {
            if (!available(n)) {
                throw new IllegalStateException("the COPY data ended in the middle of a row");
            }
        }

        short int16() {
            short value = (short) (((buffer[position] & 0xff) << 8) | (buffer[position + 1] & 0xff));
            position += 2;
            return value;
        }

        int int32() {
            int value = int32At(buffer, position);
            position += 4;
            return value;
        }
    }

    private static int int32At(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static long int64At(byte[] b, int at) {
        return ((long) int32At(b, at) << 32) | (int32At(b, at + 4) & 0xffffffffL);
    }

    /** One row: each field a byte range of {@link #buffer()} (length -1 for null), valid until the next row. */
    public static final class Row {

        private final Input in;
        private int[] start = new int[32];
        private int[] length = new int[32];
        private int count;

        private Row(Input in) {
            this.in = in;
        }

        /** Reads the next row whole into the buffer; false after the last. */
        private boolean next() throws SQLException {
            if (!in.available(2)) {
                return false; // the trailer is optional to read: the data ended
            }
            int fields = in.int16();
            if (fields == -1) {
                in.finish();
                return false;
            }
            if (fields > start.length) {
                start = new int[fields];
                length = new int[fields];
            }
            // Offsets relative to the row's start, which stays at the read position until the row is whole: the
            // buffer may be compacted while more is read, relative offsets stay right.
            int at = 0;
            for (int i = 0; i < fields; i++) {
                in.require(at + 4);
                int n = int32At(in.buffer, in.position + at);
                at += 4;
                start[i] = at;
                length[i] = n;
                if (n > 0) {
                    in.require(at + n);
                    at += n;
                }
            }
            for (int i = 0; i < fields; i++) {
                start[i] += in.position;
            }
            in.position += at;
            count = fields;
            return true;
        }

        public int fields() {
            return count;
        }

        public byte[] buffer() {
            return in.buffer;
        }

        public boolean isNull(int i) {
            return length[i] < 0;
        }

        public int start(int i) {
            return start[i];
        }

        public int length(int i) {
            return length[i];
        }

        /** A text field as it is stored (UTF-8); null for null. */
        public String string(int i) {
            return isNull(i) ? null : new String(in.buffer, start[i], length[i], StandardCharsets.UTF_8);
        }

        /** A {@code bigint} field. */
        public long int8(int i) {
            return int64At(in.buffer, start[i]);
        }

        /** An {@code int} field. */
        public int int4(int i) {
            return int32At(in.buffer, start[i]);
        }

        /** A {@code boolean} field, or null. */
        public Boolean bool(int i) {
            return isNull(i) ? null : in.buffer[start[i]] != 0;
        }

        /** A {@code timestamptz} field as milliseconds since 1970 (rounded half up from its microseconds). */
        public long epochMillis(int i) {
            return BinaryCopy.epochMillis(int64At(in.buffer, start[i]));
        }
    }
}
