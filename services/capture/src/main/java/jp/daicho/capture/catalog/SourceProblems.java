package jp.daicho.capture.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Locale;

import jp.daicho.capture.source.CaptureProperties;

/**
 * What is wrong with a source, said so that an operator can fix it: unreachable, wrong credentials, a missing
 * database, a missing privilege; on PostgreSQL no replication right or {@code wal_level} not logical, on MySQL and
 * MariaDB a binary log that is off or not in ROW format with full row images. Never a value from the database.
 */
public final class SourceProblems {

    /** What capture needs on MySQL and MariaDB (the Debezium MySQL connector's documented privileges). */
    static final String BINLOG_GRANT = "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES";

    private SourceProblems() {
    }

    /** Explains a failure to connect to or read a source. */
    public static String explain(SQLException e, CaptureProperties.Source source) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = source.kind().displayName();
        String where = source.user() + "@" + source.host() + ":" + source.port() + "/" + source.database();
        if (state.startsWith("08")) {
            return "cannot connect to " + source.host() + ":" + source.port() + " (SQL state " + state + "): check host and "
                    + "port, that " + server + " runs and accepts connections from capture ("
                    + (source.kind().binlog() ? "bind_address, the firewall" : "listen_addresses, pg_hba.conf") + ")";
        }
        if (state.startsWith("28")) {
            return server + " refused the credentials of " + where + " (SQL state " + state + "): check the source's user "
                    + "and password (the password comes from the environment, see docs/operations.md)";
        }
        if (source.kind().binlog()) {
            return switch (e.getErrorCode()) {
                case 1049 -> missingDatabase(source, "error 1049");
                case 1044, 1142, 1227, 1370 -> "user " + source.user() + " lacks a privilege capture needs (error "
                        + e.getErrorCode() + "): GRANT " + BINLOG_GRANT + " ON *.* TO '" + source.user() + "'@'%';";
                default -> "error " + e.getErrorCode() + ", SQL state " + (state.isEmpty() ? "unknown" : state)
                        + " (" + e.getClass().getSimpleName() + ")";
            };
        }
        return switch (state) {
            case "3D000" -> missingDatabase(source, "SQL state 3D000");
            case "42501" -> "user " + source.user() + " lacks a privilege capture needs (SQL state 42501): see the "
                    + "privileges in docs/operations.md";
            default -> "SQL state " + (state.isEmpty() ? "unknown" : state) + " (" + e.getClass().getSimpleName() + ")";
        };
    }

    private static String missingDatabase(CaptureProperties.Source source, String code) {
        return "database " + source.database() + " does not exist on " + source.host() + ":" + source.port() + " (" + code
                + "): check the source's database";
    }

    /** What keeps changes from being streamed from a source capture can connect to; null when nothing does. */
    public static String streamingProblem(Connection connection, CaptureProperties.Source source) throws SQLException {
        return source.kind().binlog() ? binlogProblem(connection, source) : logicalDecodingProblem(connection, source);
    }

    /**
     * PostgreSQL: {@code wal_level} other than logical, or a user without the REPLICATION attribute.
     */
    private static String logicalDecodingProblem(Connection connection, CaptureProperties.Source source) throws SQLException {
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

    /**
     * MySQL and MariaDB: the binary log off, not in ROW format or without full row images, or a user that may not
     * read it (no REPLICATION SLAVE).
     */
    private static String binlogProblem(Connection connection, CaptureProperties.Source source) throws SQLException {
        String server = source.host() + ":" + source.port();
        var problems = new ArrayList<String>();
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery("select @@global.log_bin, @@global.binlog_format, @@global.binlog_row_image")) {
            if (rs.next()) {
                if (!rs.getBoolean(1)) {
                    return "the binary log is off on " + server + "; change data capture reads it: start the server with "
                            + "log_bin, binlog_format=ROW and binlog_row_image=FULL";
                }
                if (!"ROW".equalsIgnoreCase(rs.getString(2))) {
                    problems.add("binlog_format is '" + rs.getString(2) + "' on " + server + "; change data capture needs "
                            + "'ROW': SET GLOBAL binlog_format = 'ROW'; and binlog_format=ROW in the server's configuration");
                }
                if (!"FULL".equalsIgnoreCase(rs.getString(3))) {
                    problems.add("binlog_row_image is '" + rs.getString(3) + "' on " + server + "; change data capture needs "
                            + "'FULL': SET GLOBAL binlog_row_image = 'FULL'; and in the server's configuration");
                }
            }
        }
        if (!mayReadBinlog(connection)) {
            problems.add("user " + source.user() + " may not read the binary log: GRANT " + BINLOG_GRANT + " ON *.* TO '"
                    + source.user() + "'@'%';");
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Whether the current user holds REPLICATION SLAVE (MariaDB: also REPLICATION REPLICA) or ALL on {@code *.*}. */
    private static boolean mayReadBinlog(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery("show grants")) {
            while (rs.next()) {
                String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                if (grant.contains(" ON *.* ") && (grant.startsWith("GRANT ALL PRIVILEGES") || grant.contains("REPLICATION SLAVE")
                        || grant.contains("REPLICATION REPLICA"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
