package jp.daicho.capture.source;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * MySQL's JDBC driver under the URL scheme {@code jdbc:daicho-mariadb:}, with one statement translated: Debezium's
 * MySQL connector asks a server for its binary log position with {@code SHOW BINARY LOG STATUS} (MySQL 8.4), and
 * when that fails and the server's version number is 8.4 or higher — as MariaDB's 10.x and 11.x are — it gives up.
 * MariaDB answers the same question to {@code SHOW MASTER STATUS}. Everything else goes to the MySQL driver
 * untouched; the binary log itself is read by Debezium's binlog client, which understands MariaDB's events.
 *
 * <p>Debezium's own MariaDB connector does this properly; it is not served in the Debezium version this build
 * uses (3.6.1.Final). Replace this adapter with it when it is.
 */
public final class MariaDbCompatibleDriver implements Driver {

    public static final String PROTOCOL = "jdbc:daicho-mariadb";
    private static final String PREFIX = PROTOCOL + ":";
    private static final String MYSQL_PREFIX = "jdbc:mysql:";

    static {
        try {
            DriverManager.registerDriver(new MariaDbCompatibleDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Driver mysql;

    public MariaDbCompatibleDriver() throws SQLException {
        this.mysql = new com.mysql.cj.jdbc.Driver();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection connection = mysql.connect(MYSQL_PREFIX + url.substring(PREFIX.length()), info);
        return connection == null ? null : translating(connection, Connection.class);
    }

    /** MySQL 8.4's statement in MariaDB's words; any other statement as it is. */
    static String translate(String sql) {
        return sql.strip().toUpperCase(Locale.ROOT).equals("SHOW BINARY LOG STATUS") ? "SHOW MASTER STATUS" : sql;
    }

    /** A proxy of the connection or statement that translates the SQL it is given and proxies the statements it makes. */
    private static <T> T translating(T target, Class<T> type) {
        return type.cast(Proxy.newProxyInstance(MariaDbCompatibleDriver.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String sql) {
                        args[0] = translate(sql);
                    }
                    try {
                        Object result = method.invoke(target, args);
                        return result instanceof Statement && Statement.class.isAssignableFrom(method.getReturnType())
                                ? translating(result, uncheckedType(method.getReturnType())) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> uncheckedType(Class<?> type) {
        return (Class<Object>) type;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return mysql.getPropertyInfo(MYSQL_PREFIX + url.substring(PREFIX.length()), info);
    }

    @Override
    public int getMajorVersion() {
        return mysql.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return mysql.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return mysql.getParentLogger();
    }
}
