package jp.daicho.capture.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.capture.source.DebeziumConfig;

/**
 * What, besides capture, can read a source's tables (issue 19 §1), read from its catalog with capture's own
 * credentials — names and grants, never a row:
 * <ul>
 * <li>PostgreSQL: every replication slot but capture's (a logical slot can decode any table of its database, a physical
 * one the whole cluster), every publication but capture's (what a subscriber elsewhere receives), and every login role, not a superuser nor the table's owner, with SELECT on a table or on
 * some of its columns;</li>
 * <li>MySQL, MariaDB: every client dumping the binary log but capture's user (seen only with the PROCESS privilege:
 * {@link Readers#complete()} says when the source hid them), and every account granted SELECT on the database or one
 * of its tables (as far as {@code information_schema} shows them to capture's user).</li>
 * </ul>
 */
public final class SourceReaders {

    /** One reader: its kind (REPLICATION_SLOT, BINLOG_CLIENT, DATABASE_ROLE), name, the tables it can read and why. */
    public record Reader(String kind, String name, List<CatalogTable> tables, String detail) {
    }

    /** The readers; {@code complete} false with a note when the source would not show some. */
    public record Readers(List<Reader> readers, boolean complete, String note) {
    }

    private static final String PG_SLOTS = """
            select slot_name, coalesce(plugin, ''), slot_type, active from pg_replication_slots
            where slot_name <> ? and (slot_type = 'physical' or database = current_database())
            order by slot_name
            """;

    private static final String PG_PUBLICATIONS = """
            select p.pubname, p.puballtables,
                   array(select t.schemaname || '.' || t.tablename from pg_publication_tables t where t.pubname = p.pubname)
            from pg_publication p where p.pubname <> ? order by p.pubname
            """;

    private static final String PG_ROLES = """
            select r.rolname, n.nspname, c.relname,
                   has_table_privilege(r.oid, c.oid, 'SELECT') as whole
            from pg_roles r
            cross join pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
              and r.rolcanlogin and not r.rolsuper and r.rolname <> current_user and r.rolname not like 'pg\\_%'
              and r.oid <> c.relowner and has_any_column_privilege(r.oid, c.oid, 'SELECT')
            order by r.rolname, n.nspname, c.relname
            """;

    private static final String MYSQL_BINLOG_CLIENTS = """
            select USER, HOST from information_schema.PROCESSLIST
            where COMMAND like 'Binlog Dump%' and USER <> ? order by USER, HOST
            """;

    private static final String MYSQL_GRANTS = """
            select GRANTEE, null as TABLE_NAME from information_schema.SCHEMA_PRIVILEGES
            where PRIVILEGE_TYPE = 'SELECT' and TABLE_SCHEMA = ?
            union all
            select GRANTEE, TABLE_NAME from information_schema.TABLE_PRIVILEGES
            where PRIVILEGE_TYPE = 'SELECT' and TABLE_SCHEMA = ?
            union all
            select GRANTEE, '*' from information_schema.USER_PRIVILEGES where PRIVILEGE_TYPE = 'SELECT'
            """;

    private SourceReaders() {
    }

    public static Readers read(Connection connection, CaptureProperties.Source source, List<CatalogTable> tables)
            throws SQLException {
        return source.kind().binlog() ? binlog(connection, source, tables) : postgres(connection, source, tables);
    }

    private static Readers postgres(Connection connection, CaptureProperties.Source source, List<CatalogTable> tables)
            throws SQLException {
        var readers = new ArrayList<Reader>();
        try (var s = connection.prepareStatement(PG_SLOTS)) {
            s.setString(1, DebeziumConfig.slotName(source));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    readers.add(new Reader("REPLICATION_SLOT", rs.getString(1), tables, rs.getString(3) + " slot"
                            + (rs.getString(2).isEmpty() ? "" : ", plugin " + rs.getString(2)) + (rs.getBoolean(4) ? ", active" : ", inactive")));
                }
            }
        }
        Map<String, CatalogTable> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.schema() + "." + t.table(), t));
        // A publication is what a subscriber elsewhere receives: its tables, or all of them.
        try (var s = connection.prepareStatement(PG_PUBLICATIONS)) {
            s.setString(1, DebeziumConfig.publicationName(source));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    boolean all = rs.getBoolean(2);
                    var published = all ? tables : java.util.Arrays.stream((String[]) rs.getArray(3).getArray())
                            .map(byName::get).filter(java.util.Objects::nonNull).toList();
                    if (!published.isEmpty()) {
                        readers.add(new Reader("PUBLICATION", rs.getString(1), published,
                                all ? "FOR ALL TABLES" : "publishes " + published.size() + " table(s)"));
                    }
                }
            }
        }
        Map<String, List<CatalogTable>> granted = new LinkedHashMap<>();
        Map<String, Set<String>> partly = new LinkedHashMap<>();
        try (var s = connection.createStatement(); var rs = s.executeQuery(PG_ROLES)) {
            while (rs.next()) {
                CatalogTable t = byName.get(rs.getString(2) + "." + rs.getString(3));
                if (t != null) {
                    granted.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(t);
                    if (!rs.getBoolean(4)) {
                        partly.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(t.table());
                    }
                }
            }
        }
        granted.forEach((role, on) -> readers.add(new Reader("DATABASE_ROLE", role, on, "SELECT on " + on.size() + " table(s)"
                + (partly.containsKey(role) ? ", some columns only of " + String.join(", ", partly.get(role)) : ""))));
        return new Readers(readers, true, null);
    }

    private static Readers binlog(Connection connection, CaptureProperties.Source source, List<CatalogTable> tables)
            throws SQLException {
        var readers = new ArrayList<Reader>();
        try (var s = connection.prepareStatement(MYSQL_BINLOG_CLIENTS)) {
            s.setString(1, source.user());
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    String host = rs.getString(2) == null ? "" : rs.getString(2).replaceAll(":\\d+$", "");
                    readers.add(new Reader("BINLOG_CLIENT", rs.getString(1) + "@" + host, tables, "dumping the binary log"));
                }
            }
        }
        boolean process = false;
        try (var s = connection.createStatement();
             var rs = s.executeQuery("select 1 from information_schema.USER_PRIVILEGES where PRIVILEGE_TYPE in ('PROCESS', 'SUPER') "
                     + "and GRANTEE = concat('''', substring_index(current_user(), '@', 1), '''@''', substring_index(current_user(), '@', -1), '''')")) {
            process = rs.next();
        }
        Map<String, CatalogTable> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.table(), t));
        Map<String, Set<CatalogTable>> granted = new LinkedHashMap<>();
        String self = "'" + source.user() + "'@";
        try (var s = connection.prepareStatement(MYSQL_GRANTS)) {
            s.setString(1, source.database());
            s.setString(2, source.database());
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    String grantee = rs.getString(1);
                    if (grantee.startsWith(self) || grantee.startsWith("'root'@") || grantee.startsWith("'mysql.")
                            || grantee.startsWith("'mariadb.")) {
                        continue;
                    }
                    String table = rs.getString(2);
                    var on = granted.computeIfAbsent(grantee.replace("'", ""), k -> new java.util.LinkedHashSet<>());
                    if (table == null || table.equals("*")) {
                        on.addAll(tables);
                    } else if (byName.containsKey(table)) {
                        on.add(byName.get(table));
                    }
                }
            }
        }
        granted.forEach((user, on) -> {
            if (!on.isEmpty()) {
                readers.add(new Reader("DATABASE_ROLE", user, List.copyOf(on), "SELECT on " + on.size() + " table(s)"));
            }
        });
        return new Readers(readers, process, process ? null : "the binary-log clients of other users are hidden without "
                + "the PROCESS privilege: GRANT PROCESS ON *.* TO '" + source.user() + "'@'%' to see them");
    }
}
