package jp.daicho.ledger.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

import org.postgresql.PGConnection;

/**
 * Reads the rows of a query with PostgreSQL's {@code COPY (…) TO STDOUT} (text format). The server streams
 * rows without waiting to be asked for the next batch, so it produces rows while this side is still
 * formatting or hashing the previous ones; a cursor makes the two take turns. Memory stays flat: one row
 * at a time. A row's fields are byte ranges of the line as the server sent it, read without making strings
 * of them.
 *
 * <p>COPY takes no bind parameters: values in the query are written with {@link #literal(String)}.
 */
public final class CopyOutRows {

    /** What to do with each row; the row is reused for the next one. */
    public interface Handler {
        void row(Row row) throws IOException;
    }

    private CopyOutRows() {
    }

    /** Streams the rows of {@code query} to {@code handler}; returns how many there were. */
    public static long stream(Connection connection, String query, Handler handler) throws SQLException, IOException {
        var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + query + ") to stdout");
        var row = new Row();
        long rows = 0;
        try {
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                row.split(line);
                handler.row(row);
                rows++;
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy(); // the handler failed (a client went away): stop the server's side too
            }
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

    /**
     * One row: its fields as byte ranges of the line. In COPY's text format a field is {@code \N} for null,
     * and a backslash, tab, newline or other control character inside a value comes escaped; such a field is
     * unescaped when its bytes are asked for.
     */
    public static final class Row {

        private byte[] line;
        private int[] start = new int[32];
        private int[] end = new int[32];
        private boolean[] escaped = new boolean[32];
        private int count;

        void split(byte[] bytes) {
            line = bytes;
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
            count = 0;
            int from = 0;
            boolean backslash = false;
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b == '\\') {
                    backslash = true;
                    i++; // the escaped character is never a delimiter
                } else if (b == '\t') {
                    field(from, i, backslash);
                    from = i + 1;
                    backslash = false;
                }
            }
            field(from, length, backslash);
        }

        private void field(int from, int to, boolean backslash) {
            if (count == start.length) {
                start = Arrays.copyOf(start, count * 2);
                end = Arrays.copyOf(end, count * 2);
                escaped = Arrays.copyOf(escaped, count * 2);
            }
            start[count] = from;
            end[count] = to;
            escaped[count] = backslash;
            count++;
        }

        public int fields() {
            return count;
        }

        public boolean isNull(int i) {
            return end[i] - start[i] == 2 && line[start[i]] == '\\' && line[start[i] + 1] == 'N';
        }

        /** The field's bytes in the line, when they need no unescaping ({@link #plain}); see {@link #start}, {@link #end}. */
        public byte[] line() {
            return line;
        }

        public int start(int i) {
            return start[i];
        }

        public int end(int i) {
            return end[i];
        }

        /** True when the field's bytes in the line are its value as they are (not null, nothing escaped). */
        public boolean plain(int i) {
            return !escaped[i];
        }

        /** The value's UTF-8 bytes, unescaped; null for null. */
        public byte[] bytes(int i) {
            if (isNull(i)) {
                return null;
            }
            if (!escaped[i]) {
                return Arrays.copyOfRange(line, start[i], end[i]);
            }
            var out = new java.io.ByteArrayOutputStream(end[i] - start[i]);
            for (int at = start[i]; at < end[i]; at++) {
                byte b = line[at];
                if (b != '\\' || at + 1 == end[i]) {
                    out.write(b);
                    continue;
                }
                byte next = line[++at];
                out.write(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> 0x0b;
                    default -> next; // \\ and any other escaped character stand for themselves
                });
            }
            return out.toByteArray();
        }

        public String string(int i) {
            if (isNull(i)) {
                return null;
            }
            if (!escaped[i]) {
                return new String(line, start[i], end[i] - start[i], StandardCharsets.UTF_8);
            }
            return new String(bytes(i), StandardCharsets.UTF_8);
        }

        /** A number field (never escaped). */
        public long longValue(int i) {
            long value = 0;
            boolean negative = false;
            for (int at = start[i]; at < end[i]; at++) {
                byte b = line[at];
                if (b == '-') {
                    negative = true;
                } else {
                    value = value * 10 + (b - '0');
                }
            }
            return negative ? -value : value;
        }

        /** A boolean field: {@code t}, {@code f}, or null. */
        public Boolean bool(int i) {
            return isNull(i) ? null : line[start[i]] == 't';
        }
    }
}
