package jp.daicho.ledger.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

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
public final class CopyInRows {


    private CopyInRows() {
    }

    public static void copy(DataSource dataSource, String table, String columns, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            stream(dataSource, table, columns, copy -> rows.forEach(copy::add));
        }
    }

    /**
     * A COPY that takes rows as {@code body} makes them: PostgreSQL stores the first rows while the caller is
     * still making the next (for the chain: hashing them), instead of waiting for the whole batch. If
     * {@code body} fails, the COPY is cancelled and nothing of it stays.
     */
    public static void stream(DataSource dataSource, String table, String columns, Consumer<Stream> body) {
        try (var copy = new Stream(dataSource, table, columns)) {
            try {
                body.accept(copy);
            } catch (RuntimeException e) {
                copy.failed = true;
                throw e;
            }
        }
    }

    public static final class Stream implements AutoCloseable {

        private static final int FLUSH_AT = 128 * 1024;

        private final DataSource dataSource;
        private final String table;
        private final String sql;
        private final BinaryCopy.Encoder encoder = new BinaryCopy.Encoder(FLUSH_AT + 8192);
        private Connection connection;
        private CopyIn copy;
        private boolean failed;

        private Stream(DataSource dataSource, String table, String columns) {
            this.dataSource = dataSource;
            this.table = table;
            this.sql = "copy " + table + " (" + columns + ") from stdin (format binary)";
        }

        public void add(Object[] row) {
            encoder.add(row);
            if (encoder.length() >= FLUSH_AT) {
                send();
            }
        }

        private void send() {
            try {
                if (copy == null) {
                    connection = DataSourceUtils.getConnection(dataSource); // the transaction's own
                    copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
                }
                copy.writeToCopy(encoder.bytes(), 0, encoder.length());
                encoder.clear();
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        /** Ends the COPY (or cancels it after a failure): its rows are in the table, within the caller's transaction. */
        @Override
        public void close() {
            try {
                if (!failed && encoder.started()) {
                    encoder.end();
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

        private RuntimeException failure(SQLException e) {
            failed = true;
            return new org.springframework.dao.DataIntegrityViolationException("COPY into " + table + " failed: "
                    + e.getSQLState(), e);
        }
    }
}
