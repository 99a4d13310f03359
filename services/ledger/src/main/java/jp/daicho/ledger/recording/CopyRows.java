package jp.daicho.ledger.recording;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Appends rows with PostgreSQL's {@code COPY … FROM STDIN} (text format) in the caller's transaction: the
 * fastest way in, several times a multi-row INSERT's rate for the ledger's wide rows.
 */
final class CopyRows {

    private CopyRows() {
    }

    static void copy(DataSource dataSource, String table, String columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var text = new StringBuilder(rows.size() * 512);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(text, row[i]);
            }
            text.append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource); // the transaction's own
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + table + " (" + columns + ") from stdin", new StringReader(text.toString()));
        } catch (SQLException | java.io.IOException e) {
            throw new org.springframework.dao.DataIntegrityViolationException("COPY into " + table + " failed: "
                    + (e instanceof SQLException s ? s.getSQLState() : e.getClass().getSimpleName()), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void append(StringBuilder text, Object value) {
        switch (value) {
            case null -> text.append("\\N");
            case Boolean b -> text.append(b ? 't' : 'f');
            case Instant instant -> text.append(instant);
            case Number n -> text.append(n);
            default -> {
                String s = value.toString();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    switch (c) {
                        case '\\' -> text.append("\\\\");
                        case '\n' -> text.append("\\n");
                        case '\r' -> text.append("\\r");
                        case '\t' -> text.append("\\t");
                        default -> text.append(c);
                    }
                }
            }
        }
    }
}
