package jp.daicho.ledger.recording;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Appends rows with PostgreSQL's {@code COPY … FROM STDIN} in its binary format, in the caller's
 * transaction: the fastest way in, and in the binary format the server neither looks for line ends and
 * escapes nor parses numbers and times (which was a third of its work for the ledger's wide rows). Values
 * map to columns by their Java type: {@code String} to text, {@code Long} to bigint, {@code Integer} to
 * int, {@code Boolean} to boolean, {@code Instant} to timestamptz.
 */
final class CopyRows {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, // flags
            0, 0, 0, 0}; // no header extension
    /** Seconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 (UTC). */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private CopyRows() {
    }

    static void copy(DataSource dataSource, String table, String columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (var copy = open(dataSource, table, columns)) {
            rows.forEach(copy::add);
        }
    }

    /**
     * A COPY that takes rows as they are made: PostgreSQL stores the first rows while the caller is still
     * making the next (for the chain: hashing them), instead of waiting for the whole batch.
     */
    static Stream open(DataSource dataSource, String table, String columns) {
        return new Stream(dataSource, table, columns);
    }

    static final class Stream implements AutoCloseable {

        private static final int FLUSH_AT = 128 * 1024;

        private final DataSource dataSource;
        private final String table;
        private final String sql;
        private byte[] bytes = new byte[FLUSH_AT + 8192];
        private int length;
        private boolean started;
        private Connection connection;
        private CopyIn copy;
        private boolean failed;

        private Stream(DataSource dataSource, String table, String columns) {
            this.dataSource = dataSource;
            this.table = table;
            this.sql = "copy " + table + " (" + columns + ") from stdin (format binary)";
        }

        void add(Object[] row) {
            if (!started) {
                put(HEADER, HEADER.length);
                started = true;
            }
            int16(row.length);
            for (Object value : row) {
                field(value);
            }
            if (length >= FLUSH_AT) {
                send();
            }
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
                    int64((t.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + t.getNano() / 1_000);
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

        private void send() {
            try {
                if (copy == null) {
                    connection = DataSourceUtils.getConnection(dataSource); // the transaction's own
                    copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
                }
                copy.writeToCopy(bytes, 0, length);
                length = 0;
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        /** Ends the COPY: its rows are in the table (within the caller's transaction) once this returns. */
        @Override
        public void close() {
            try {
                if (!failed && started) {
                    int16(-1); // the trailer
                    send();
                }
                if (copy != null && copy.isActive()) {
                    if (failed) {
                        copy.cancelCopy();
                    } else {
                        copy.endCopy();
                    }
                }
            } catch (SQLException e) {
                throw failure(e);
            } finally {
                if (connection != null) {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                    connection = null;
                }
            }
        }

        /** Makes {@link #close} cancel the COPY: for a caller that failed half way through its rows. */
        void abandon() {
            failed = true;
        }

        private RuntimeException failure(SQLException e) {
            failed = true;
            return new org.springframework.dao.DataIntegrityViolationException("COPY into " + table + " failed: "
                    + e.getSQLState(), e);
        }
    }
}
