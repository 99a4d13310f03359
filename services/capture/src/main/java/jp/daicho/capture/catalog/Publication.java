package jp.daicho.capture.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.capture.source.DebeziumConfig;

/**
 * Keeps a PostgreSQL source's publication covering every captured table. A publication {@code FOR ALL TABLES}
 * (created when the capture user is a superuser) covers a new table from its creation on. A filtered one — the list
 * of tables Debezium found at start — is extended here with each table the catalog shows and the publication lacks,
 * which needs the capture user to own the table (or to be a superuser); a table it cannot add is reported with the
 * statement that fixes it, once.
 */
public final class Publication {

    private static final Logger log = LoggerFactory.getLogger(Publication.class);

    private final CaptureProperties.Source source;
    /** Tables this source's publication lacks and capture could not add: each is reported once. */
    private final Set<String> reported = new HashSet<>();

    Publication(CaptureProperties.Source source) {
        this.source = source;
    }

    /** Whether the capture user may create a publication {@code FOR ALL TABLES} (only superusers may). */
    public static boolean mayPublishAllTables(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    void keepUpToDate(Connection connection, List<CatalogTable> tables) throws SQLException {
        String mode = source.debezium().getOrDefault("publication.autocreate.mode", "filtered");
        if (mode.equals("disabled") || mode.equals("no_tables")) {
            return; // the operator keeps the publication
        }
        String name = DebeziumConfig.publicationName(source);
        Boolean allTables = null;
        try (var ps = connection.prepareStatement("select puballtables from pg_publication where pubname = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    allTables = rs.getBoolean(1);
                }
            }
        }
        if (allTables == null || allTables) {
            return; // not created yet (the engine creates it when it starts), or it already covers every table
        }
        Set<String> covered = new HashSet<>();
        try (var ps = connection.prepareStatement("select schemaname, tablename from pg_publication_tables where pubname = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    covered.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
        }
        for (CatalogTable table : tables) {
            String qualified = table.schema() + "." + table.table();
            if (covered.contains(qualified)) {
                continue;
            }
            String alter = "alter publication " + quote(name) + " add table " + quote(table.schema()) + "." + quote(table.table());
            try (var statement = connection.createStatement()) {
                statement.execute(alter);
                log.info("Source '{}': table {} added to publication {}; its changes are captured from now on",
                        source.name(), qualified, name);
            } catch (SQLException e) {
                if (reported.add(qualified)) {
                    log.warn("Source '{}': table {} is not captured: the capture user {} cannot add it to publication {} "
                            + "(SQL state {}). Run as its owner or a superuser: {}; or let capture create the publication "
                            + "FOR ALL TABLES by running it as a superuser (docs/operations.md).", source.name(), qualified,
                            source.user(), name, e.getSQLState(), alter);
                }
            }
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
