package jp.daicho.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16 §4: after a chaos run, every {@code daicho.*} topic and every table of Daichō's database is read for the
 * values the run wrote as personal data (it wrote them, so it knows them): a name, a reading, an address, a diagnosis
 * by equality, e-mail addresses and phone numbers by their shape. Counts the records or rows that hold one, by topic
 * or table; none is the only good answer. Topics that carry rows by nature (change events, provision occurrences)
 * are left out by the caller.
 */
final class RawValueScan {

    private final Set<String> values;
    private final Pattern shapes;

    /**
     * @param values exact values to look for (written by the run; short ones, such as a two-character family name
     *               alone, are the caller's to leave out)
     * @param shapes values the run wrote by a pattern (each row's own e-mail address or phone number)
     */
    RawValueScan(Set<String> values, Pattern shapes) {
        this.values = Set.copyOf(values);
        this.shapes = shapes;
    }

    boolean leaks(String text) {
        if (shapes != null && shapes.matcher(text).find()) {
            return true;
        }
        for (String v : values) {
            if (text.contains(v)) {
                return true;
            }
        }
        return false;
    }

    /** Records holding a value, by topic, over every topic whose name {@code scanned} accepts. */
    Map<String, Long> topics(String bootstrap, Predicate<String> scanned) throws Exception {
        List<String> topics;
        try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            topics = admin.listTopics().names().get().stream().filter(scanned).sorted().toList();
        }
        var found = new TreeMap<String, Long>();
        for (String topic : topics) {
            long[] n = {0};
            ChangeEventFuzz.readAll(bootstrap, topic, record -> {
                boolean leak = record.value() != null && leaks(new String(record.value(), StandardCharsets.UTF_8))
                        || record.key() != null && leaks(record.key());
                n[0] += leak ? 1 : 0;
            });
            found.put(topic, n[0]);
        }
        return found;
    }

    /** Rows holding a value, by table, over every table of every schema of the database (each row as text). */
    Map<String, Long> tables(JdbcClient jdbc) {
        var found = new TreeMap<String, Long>();
        for (String table : jdbc.sql("select quote_ident(table_schema) || '.' || quote_ident(table_name) from "
                + "information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') "
                + "and table_type = 'BASE TABLE' order by 1").query(String.class).list()) {
            long[] n = {0};
            jdbc.sql("select t::text from " + table + " t").query(rs -> {
                String row = rs.getString(1);
                n[0] += row != null && leaks(row) ? 1 : 0;
            });
            found.put(table, n[0]);
        }
        return found;
    }

    /** What a scan found, for a figure line: the total, and where when any. */
    static String summary(Map<String, Long> found, String what) {
        long total = found.values().stream().mapToLong(Long::longValue).sum();
        var where = new TreeMap<String, Long>();
        found.forEach((k, v) -> {
            if (v > 0) {
                where.put(k, v);
            }
        });
        return String.format("%,d %s scanned, %,d holding a raw value%s", found.size(), what, total,
                where.isEmpty() ? "" : " " + where);
    }
}
