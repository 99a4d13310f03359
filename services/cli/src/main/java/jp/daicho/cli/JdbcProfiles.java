package jp.daicho.cli;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Properties;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Profiles a live database for {@code daicho classify --jdbc URL}: the catalog (tables, columns, types,
 * declared foreign keys) from JDBC metadata, and up to {@code rows} sampled rows per table, read in a
 * read-only transaction. Values stay in memory: they are cut to a few KB, binary columns are not read,
 * and nothing of them is printed except the classifier's masked evidence.
 */
final class JdbcProfiles {

    /** At most this many characters of a sampled value are kept. */
    static final int MAX_VALUE_CHARS = 4096;

    private JdbcProfiles() {
    }

    /**
     * @param schema the schema to read ({@code null}: every schema but the database's own catalogs)
     * @param rows   rows sampled per table (0: none)
     */
    static ObjectNode profile(String url, String user, String password, String schema, int rows) throws SQLException {
        var properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        ObjectNode profile = JsonMapper.builder().build().createObjectNode();
        var tables = profile.putArray("tables");
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet t = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    String tableSchema = t.getString("TABLE_SCHEM");
                    if (schema == null && isSystemSchema(tableSchema)) {
                        continue;
                    }
                    String tableName = t.getString("TABLE_NAME");
                    var table = tables.addObject().put("name", tableName).put("schema", tableSchema);
                    var columns = table.putArray("columns");
                    try (ResultSet c = meta.getColumns(t.getString("TABLE_CAT"), tableSchema, tableName, "%")) {
                        while (c.next()) {
                            var column = columns.addObject().put("name", c.getString("COLUMN_NAME"))
                                    .put("type", c.getString("TYPE_NAME"))
                                    .put("binary", isBinary(c.getInt("DATA_TYPE")));
                            String remarks = c.getString("REMARKS"); // the column's comment: schema metadata
                            if (remarks != null && !remarks.isBlank()) {
                                column.put("comment", remarks);
                            }
                        }
                    }
                    try (ResultSet fk = meta.getImportedKeys(t.getString("TABLE_CAT"), tableSchema, tableName)) {
                        while (fk.next()) {
                            String from = fk.getString("FKCOLUMN_NAME");
                            String to = fk.getString("PKTABLE_NAME") + "." + fk.getString("PKCOLUMN_NAME");
                            columns.forEach(col -> {
                                if (col.path("name").asString().equals(from)) {
                                    ((ObjectNode) col).put("fk", to);
                                }
                            });
                        }
                    }
                    if (rows > 0) {
                        sample(connection, meta, tableSchema, tableName, table, rows);
                    }
                }
            }
            connection.rollback();
        }
        return profile;
    }

    private static void sample(Connection connection, DatabaseMetaData meta, String schema, String table,
                               ObjectNode profile, int rows) throws SQLException {
        String quote = meta.getIdentifierQuoteString().strip();
        String name = (schema == null ? "" : quote(schema, quote) + ".") + quote(table, quote);
        var columns = profile.withArray("columns");
        var select = new StringBuilder("SELECT ");
        int readable = 0;
        for (var column : columns) {
            column.withArray("samples");
            if (!column.path("binary").asBoolean()) {
                select.append(readable++ == 0 ? "" : ", ").append(quote(column.path("name").asString(), quote));
            }
        }
        if (readable == 0) {
            return;
        }
        select.append(" FROM ").append(name);
        try (var statement = connection.createStatement()) {
            statement.setMaxRows(rows);
            statement.setFetchSize(rows);
            try (ResultSet r = statement.executeQuery(select.toString())) {
                while (r.next()) {
                    int i = 0;
                    for (var column : columns) {
                        if (column.path("binary").asBoolean()) {
                            continue;
                        }
                        String value = r.getString(++i);
                        var samples = (tools.jackson.databind.node.ArrayNode) column.path("samples");
                        if (value == null) {
                            samples.addNull();
                        } else {
                            samples.add(value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            // A table we may not read (privileges) is still classified from its catalog; say so without values.
            profile.put("sampleError", e.getSQLState() + " " + e.getClass().getSimpleName());
            connection.rollback();
        }
    }

    private static String quote(String identifier, String quote) {
        return quote.isEmpty() ? identifier : quote + identifier.replace(quote, quote + quote) + quote;
    }

    private static boolean isBinary(int sqlType) {
        return sqlType == Types.BINARY || sqlType == Types.VARBINARY || sqlType == Types.LONGVARBINARY || sqlType == Types.BLOB;
    }

    private static boolean isSystemSchema(String schema) {
        return schema != null && (schema.equals("information_schema") || schema.startsWith("pg_")
                || schema.equals("mysql") || schema.equals("performance_schema") || schema.equals("sys"));
    }
}
