package jp.daicho.capture.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import jp.daicho.capture.source.CaptureProperties;

/**
 * Reads a PostgreSQL source's catalog through JDBC metadata: every table of every schema but the database's own
 * (or those matching the source's {@code tables} include list), with column types, primary keys, declared foreign
 * keys and comments. The capture user needs no privilege beyond connecting: the catalog is readable by all.
 */
public final class CatalogReader {

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "pg_toast");

    private CatalogReader() {
    }

    public static List<CatalogTable> read(CaptureProperties.Source source) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", source.user());
        properties.setProperty("password", source.password());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "daicho-capture-catalog");
        String url = "jdbc:postgresql://" + source.host() + ":" + source.port() + "/" + source.database();
        List<Pattern> include = source.tables().isBlank() ? List.of()
                : java.util.Arrays.stream(source.tables().split(",")).map(String::strip).map(Pattern::compile).toList();
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.setReadOnly(true);
            return read(connection.getMetaData(), include);
        }
    }

    static List<CatalogTable> read(DatabaseMetaData meta, List<Pattern> include) throws SQLException {
        var tables = new ArrayList<CatalogTable>();
        try (ResultSet t = meta.getTables(null, null, "%", new String[] {"TABLE", "PARTITIONED TABLE"})) {
            while (t.next()) {
                String schema = t.getString("TABLE_SCHEM");
                String table = t.getString("TABLE_NAME");
                if (SYSTEM_SCHEMAS.contains(schema) || schema.startsWith("pg_temp")
                        || !include.isEmpty() && include.stream().noneMatch(p -> p.matcher(schema + "." + table).matches())) {
                    continue;
                }
                tables.add(table(meta, t.getString("TABLE_CAT"), schema, table, t.getString("REMARKS")));
            }
        }
        return tables;
    }

    private static CatalogTable table(DatabaseMetaData meta, String catalog, String schema, String table, String comment)
            throws SQLException {
        Set<String> keys = new HashSet<>();
        try (ResultSet pk = meta.getPrimaryKeys(catalog, schema, table)) {
            while (pk.next()) {
                keys.add(pk.getString("COLUMN_NAME"));
            }
        }
        Map<String, String> references = new HashMap<>();
        try (ResultSet fk = meta.getImportedKeys(catalog, schema, table)) {
            while (fk.next()) {
                references.put(fk.getString("FKCOLUMN_NAME"), fk.getString("PKTABLE_NAME") + "." + fk.getString("PKCOLUMN_NAME"));
            }
        }
        var columns = new ArrayList<CatalogTable.Column>();
        try (ResultSet c = meta.getColumns(catalog, schema, table, "%")) {
            while (c.next()) {
                String name = c.getString("COLUMN_NAME");
                columns.add(new CatalogTable.Column(name, c.getString("TYPE_NAME"), keys.contains(name),
                        references.get(name), blankToNull(c.getString("REMARKS"))));
            }
        }
        return new CatalogTable(schema, table, blankToNull(comment), columns);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
