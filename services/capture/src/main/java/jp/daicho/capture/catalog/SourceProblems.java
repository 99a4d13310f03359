package jp.daicho.capture.catalog;

import java.sql.Connection;
import java.sql.SQLException;

import jp.daicho.capture.source.CaptureProperties;

/**
 * What is wrong with a source, said so that an operator can fix it: unreachable, wrong credentials, a missing
 * database, no replication right, {@code wal_level} not logical. Never a value from the database.
 */
public final class SourceProblems {

    private SourceProblems() {
    }

    /** Explains a failure to connect to or read a source. */
    public static String explain(SQLException e, CaptureProperties.Source source) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = source.user() + "@" + source.host() + ":" + source.port() + "/" + source.database();
        if (state.startsWith("08")) {
            return "cannot connect to " + source.host() + ":" + source.port() + " (SQL state " + state + "): check host and "
                    + "port, that PostgreSQL runs and accepts connections from capture (listen_addresses, pg_hba.conf)";
        }
        return switch (state) {
            case "28P01", "28000" -> "PostgreSQL refused the credentials of " + where + " (SQL state " + state + "): check the "
                    + "source's user and password (the password comes from the environment, see docs/operations.md)";
            case "3D000" -> "database " + source.database() + " does not exist on " + source.host() + ":" + source.port()
                    + " (SQL state 3D000): check the source's database";
            case "42501" -> "user " + source.user() + " lacks a privilege capture needs (SQL state 42501): see the "
                    + "privileges in docs/operations.md";
            default -> "SQL state " + (state.isEmpty() ? "unknown" : state) + " (" + e.getClass().getSimpleName() + ")";
        };
    }

    /**
     * What keeps logical decoding from working on a source it can connect to: {@code wal_level} other than logical,
     * or a user without the REPLICATION attribute. Null when nothing does.
     */
    public static String logicalDecodingProblem(Connection connection, CaptureProperties.Source source) throws SQLException {
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery("select current_setting('wal_level'), rolreplication or rolsuper "
                     + "from pg_roles where rolname = current_user")) {
            if (!rs.next()) {
                return null;
            }
            if (!"logical".equals(rs.getString(1))) {
                return "wal_level is '" + rs.getString(1) + "' on " + source.host() + ":" + source.port() + "; change data "
                        + "capture needs 'logical': ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL";
            }
            if (!rs.getBoolean(2)) {
                return "user " + source.user() + " may not stream changes: ALTER ROLE " + Publication.quote(source.user())
                        + " WITH REPLICATION; (and allow it a replication connection in pg_hba.conf)";
            }
            return null;
        }
    }
}
