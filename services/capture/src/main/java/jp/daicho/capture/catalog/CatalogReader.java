package jp.daicho.capture.catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import jp.daicho.capture.source.CaptureProperties;

/**
 * Reads a source's catalog in one query: every table of every schema but the database's own (PostgreSQL) or of the
 * source's database (MySQL, MariaDB), or those matching the source's {@code tables} include list, with its columns
 * in order, their types as the catalog names them, nullability, whether the database computes them, primary keys,
 * declared foreign keys and comments, and
 * the statistics' estimate of its rows (PostgreSQL: {@code pg_stat_user_tables.n_live_tup}, else
 * {@code pg_class.reltuples}; MySQL, MariaDB: {@code TABLE_ROWS}).
 * The capture user needs no privilege beyond connecting (and, on MySQL, seeing the tables it captures). Cheap enough
 * to run every few seconds.
 */
public final class CatalogReader {

    /** One row per column of every user table, in schema, table and column order. */
    private static final String COLUMNS = """
            select n.nspname, c.relname, obj_description(c.oid, 'pg_class'), a.attname, t.typname, not a.attnotnull,
                   exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary and a.attnum = any (i.indkey)),
                   (select fc.relname || '.' || fa.attname
                      from pg_constraint k
                      join pg_class fc on fc.oid = k.confrelid
                      join pg_attribute fa on fa.attrelid = k.confrelid and fa.attnum = k.confkey[array_position(k.conkey, a.attnum)]
                     where k.conrelid = c.oid and k.contype = 'f' and a.attnum = any (k.conkey)
                     order by k.conname limit 1),
                   col_description(c.oid, a.attnum),
                   case when s.n_live_tup > 0 or c.reltuples < 0 then s.n_live_tup else c.reltuples::bigint end,
                   a.attgenerated <> ''
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
              left join pg_stat_user_tables s on s.relid = c.oid
              join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
              join pg_type t on t.oid = a.atttypid
             where c.relkind in ('r', 'p')
               and n.nspname not in ('pg_catalog', 'information_schema')
               and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
             order by n.nspname, c.relname, a.attnum
            """;

    /**
     * The same, from MySQL's and MariaDB's {@code information_schema}, for the source's one database; types spelled
     * as Debezium's MySQL connector spells them ({@code INT}, {@code BIGINT UNSIGNED}).
     */
    private static final String MYSQL_COLUMNS = """
            select c.table_schema, c.table_name, t.table_comment, c.column_name,
                   concat(upper(c.data_type), if(c.column_type like '% unsigned%', ' UNSIGNED', '')), c.is_nullable = 'YES',
                   c.column_key = 'PRI', k.ref, c.column_comment, t.table_rows,
                   coalesce(c.generation_expression, '') <> ''
              from information_schema.columns c
              join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
              left join (select table_name, column_name, min(concat(referenced_table_name, '.', referenced_column_name)) ref
                           from information_schema.key_column_usage
                          where table_schema = ? and referenced_table_name is not null
                          group by table_name, column_name) k
                     on k.table_name = c.table_name and k.column_name = c.column_name
             where c.table_schema = ? and t.table_type = 'BASE TABLE'
             order by c.table_name, c.ordinal_position
            """;

    private CatalogReader() {
    }

    /** Opens a connection to the source with its own credentials, for reading its catalog. */
    public static Connection connect(CaptureProperties.Source source) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", source.user());
        properties.setProperty("password", source.password());
        String url;
        if (source.kind().binlog()) {
            properties.setProperty("connectTimeout", "10000");
            properties.setProperty("connectionAttributes", "program_name:daicho-capture-catalog");
            url = "jdbc:mysql://" + source.host() + ":" + source.port() + "/" + source.database();
        } else {
            properties.setProperty("connectTimeout", "10");
            properties.setProperty("ApplicationName", "daicho-capture-catalog");
            url = "jdbc:postgresql://" + source.host() + ":" + source.port() + "/" + source.database();
        }
        return DriverManager.getConnection(url, properties);
    }

    /** The source's {@code tables} include list as patterns over {@code schema.table}; empty includes all. */
    static List<Pattern> includes(CaptureProperties.Source source) {
        return source.tables().isBlank() ? List.of()
                : java.util.Arrays.stream(source.tables().split(",")).map(String::strip).map(Pattern::compile).toList();
    }

    /** The source's tables; on MySQL and MariaDB their schema is the source's database. */
    static List<CatalogTable> read(Connection connection, CaptureProperties.Source source) throws SQLException {
        if (!source.kind().binlog()) {
            try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery(COLUMNS)) {
                return tables(rs, includes(source));
            }
        }
        try (var statement = connection.prepareStatement(MYSQL_COLUMNS)) {
            statement.setString(1, source.database());
            statement.setString(2, source.database());
            try (ResultSet rs = statement.executeQuery()) {
                return tables(rs, includes(source));
            }
        }
    }

    /**
     * Tables from rows of (schema, table, table comment, column, type, optional, primary key, reference, comment, row
     * estimate, generated).
     */
    private static List<CatalogTable> tables(ResultSet rs, List<Pattern> include) throws SQLException {
        record Key(String schema, String table) {
        }
        Map<Key, List<CatalogTable.Column>> columns = new LinkedHashMap<>();
        Map<Key, String> comments = new LinkedHashMap<>();
        Map<Key, Long> rows = new java.util.HashMap<>();
        while (rs.next()) {
            var key = new Key(rs.getString(1), rs.getString(2));
            if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(key.schema() + "." + key.table()).matches())) {
                continue;
            }
            comments.putIfAbsent(key, blankToNull(rs.getString(3)));
            long estimate = rs.getLong(10);
            rows.putIfAbsent(key, rs.wasNull() ? null : estimate);
            columns.computeIfAbsent(key, k -> new ArrayList<>()).add(new CatalogTable.Column(rs.getString(4),
                    rs.getString(5), rs.getBoolean(7), rs.getString(8), blankToNull(rs.getString(9)), rs.getBoolean(6),
                    rs.getBoolean(11)));
        }
        var tables = new ArrayList<CatalogTable>(columns.size());
        columns.forEach((key, list) -> tables.add(new CatalogTable(key.schema(), key.table(), comments.get(key), list,
                CatalogTable.rounded(rows.get(key)))));
        return tables;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
