package jp.daicho.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Debezium change events exactly as the JSON converter with schemas writes them (compact, schema then
 * payload), for realistic tables of a Japanese service company. Deterministic for a given seed.
 */
public final class SyntheticChangeEvents {

    /** One column: name, Connect type, source SQL type, and a value generator. */
    public record Column(String name, String connectType, String sqlType, IntFunction<Object> value) {
    }

    public record Table(String schema, String table, List<Column> columns) {
    }

    public record Event(String topic, String key, String value) {
    }

    static final String[] FAMILY = {"山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"};
    static final String[] GIVEN = {"太郎", "花子", "一郎", "美咲", "健太", "陽菜", "大輔", "結衣", "翔", "さくら"};
    static final String[] FAMILY_KANA = {"ヤマダ", "サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ナカムラ", "コバヤシ", "カトウ"};
    static final String[] GIVEN_KANA = {"タロウ", "ハナコ", "イチロウ", "ミサキ", "ケンタ", "ヒナ", "ダイスケ", "ユイ", "ショウ", "サクラ"};
    static final String[] CITY = {"東京都港区芝公園4-2-8", "大阪府大阪市北区梅田1-1-3", "愛知県名古屋市中区栄3-5-1", "福岡県福岡市博多区博多駅前2-1-1"};
    static final String[] DIAGNOSIS = {"高血圧症", "2型糖尿病", "脂質異常症", "異常なし", "要再検査（肝機能）"};

    private final Random random;

    public SyntheticChangeEvents(long seed) {
        this.random = new Random(seed);
    }

    /** {@code accounts(account_id, login)}: logins of customers, unless a table of customers beside it says staff's. */
    public static final Table ACCOUNTS = new Table("public", "accounts", List.of(
            col("account_id", "int64", "INT8", i -> Integer.toString(i)),
            col("login", "string", "VARCHAR", i -> "user" + i)));
    /** {@code customers(customer_id)}: the neighbour that changes what {@link #ACCOUNTS} holds. */
    public static final Table CUSTOMERS = new Table("public", "customers", List.of(
            col("customer_id", "int64", "INT8", i -> Integer.toString(i))));

    public static List<Table> realisticTables() {
        return List.of(
                new Table("public", "members", List.of(
                        col("id", "int64", "BIGSERIAL", i -> i),
                        col("氏名", "string", "VARCHAR", i -> FAMILY[i % 10] + " " + GIVEN[(i / 10) % 10]),
                        col("フリガナ", "string", "VARCHAR", i -> FAMILY_KANA[i % 10] + " " + GIVEN_KANA[(i / 10) % 10]),
                        col("email", "string", "VARCHAR", i -> "user" + i + "@example.jp"),
                        col("電話番号", "string", "VARCHAR", i -> String.format("090-%04d-%04d", i % 10000, (i * 7) % 10000)),
                        col("郵便番号", "string", "VARCHAR", i -> String.format("%03d-%04d", 100 + i % 900, i % 10000)),
                        col("住所", "string", "TEXT", i -> CITY[i % CITY.length]),
                        col("plan", "string", "VARCHAR", i -> i % 3 == 0 ? "premium" : "basic"))),
                new Table("public", "employees", List.of(
                        col("employee_id", "int32", "SERIAL", i -> i),
                        col("last_name", "string", "VARCHAR", i -> FAMILY[(i + 3) % 10]),
                        col("first_name", "string", "VARCHAR", i -> GIVEN[(i + 5) % 10]),
                        col("work_email", "string", "VARCHAR", i -> "emp" + i + "@corp.example.jp"),
                        col("department", "string", "VARCHAR", i -> i % 2 == 0 ? "営業部" : "開発部"))),
                new Table("public", "health_checks", List.of(
                        col("id", "int64", "BIGSERIAL", i -> i),
                        col("employee_id", "int32", "INT4", i -> i % 500),
                        col("checked_on", "string", "DATE", i -> "2026-0" + (1 + i % 9) + "-15"),
                        col("diagnosis", "string", "TEXT", i -> DIAGNOSIS[i % DIAGNOSIS.length]))),
                new Table("public", "products", List.of(
                        col("id", "int64", "BIGSERIAL", i -> i),
                        col("name", "string", "VARCHAR", i -> "商品" + i),
                        col("price", "int32", "INT4", i -> 100 + i % 5000))));
    }

    static Column col(String name, String connectType, String sqlType, IntFunction<Object> value) {
        return new Column(name, connectType, sqlType, value);
    }

    /** {@code count} insert events spread over the tables; topics are {@code <prefix>.<schema>.<table>}. */
    public List<Event> inserts(String prefix, List<Table> tables, int count) {
        var events = new ArrayList<Event>(count);
        for (int i = 0; i < count; i++) {
            Table t = tables.get(random.nextInt(tables.size()));
            events.add(insert(prefix, t, i + 1));
        }
        return events;
    }

    public Event insert(String prefix, Table t, int rowNumber) {
        var row = new LinkedHashMap<String, Object>();
        for (Column c : t.columns()) {
            row.put(c.name(), c.value().apply(rowNumber));
        }
        return event(prefix, t, row);
    }

    public static Event event(String prefix, Table t, Map<String, Object> row) {
        String topic = prefix + "." + t.schema() + "." + t.table();
        String name = topic;
        Column keyColumn = t.columns().getFirst();
        String key = "{\"schema\":{\"type\":\"struct\",\"fields\":[" + fieldSchema(keyColumn, false)
                + "],\"optional\":false,\"name\":\"" + name + ".Key\"},\"payload\":{" + q(keyColumn.name()) + ":"
                + literal(row.get(keyColumn.name()), keyColumn.connectType()) + "}}";
        var fields = new StringBuilder();
        for (Column c : t.columns()) {
            if (!fields.isEmpty()) {
                fields.append(',');
            }
            fields.append(fieldSchema(c, c != keyColumn));
        }
        String rowSchema = "{\"type\":\"struct\",\"fields\":[" + fields + "],\"optional\":true,\"name\":\"" + name + ".Value\",\"field\":\"%s\"}";
        String schema = "{\"type\":\"struct\",\"fields\":[" + rowSchema.formatted("before") + "," + rowSchema.formatted("after")
                + ",{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"version\"},"
                + "{\"type\":\"string\",\"optional\":false,\"field\":\"connector\"},{\"type\":\"string\",\"optional\":false,\"field\":\"name\"},"
                + "{\"type\":\"int64\",\"optional\":false,\"field\":\"ts_ms\"},{\"type\":\"string\",\"optional\":false,\"field\":\"db\"},"
                + "{\"type\":\"string\",\"optional\":false,\"field\":\"schema\"},{\"type\":\"string\",\"optional\":false,\"field\":\"table\"}],"
                + "\"optional\":false,\"name\":\"io.debezium.connector.postgresql.Source\",\"field\":\"source\"},"
                + "{\"type\":\"string\",\"optional\":false,\"field\":\"op\"},{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ms\"}],"
                + "\"optional\":false,\"name\":\"" + name + ".Envelope\",\"version\":2}";
        var types = new java.util.HashMap<String, String>();
        t.columns().forEach(c -> types.put(c.name(), c.connectType()));
        var after = new StringBuilder("{");
        row.forEach((k, v) -> {
            if (after.length() > 1) {
                after.append(',');
            }
            after.append(q(k)).append(':').append(literal(v, types.get(k)));
        });
        after.append('}');
        String payload = "{\"before\":null,\"after\":" + after + ",\"source\":{\"version\":\"3.6.1.Final\",\"connector\":\"postgresql\",\"name\":"
                + q(prefix) + ",\"ts_ms\":1763700000000,\"db\":\"shop\",\"schema\":" + q(t.schema()) + ",\"table\":" + q(t.table())
                + "},\"op\":\"c\",\"ts_ms\":1763700000001}";
        return new Event(topic, key, "{\"schema\":" + schema + ",\"payload\":" + payload + "}");
    }

    private static String fieldSchema(Column c, boolean optional) {
        return "{\"type\":" + q(c.connectType()) + ",\"optional\":" + optional
                + ",\"parameters\":{\"__debezium.source.column.type\":" + q(c.sqlType()) + "},\"field\":" + q(c.name()) + "}";
    }

    /** A value as Kafka Connect's JsonConverter writes it for its Connect type: numbers and booleans bare, the rest quoted. */
    private static String literal(Object v, String connectType) {
        if (v == null) {
            return "null";
        }
        if ("string".equals(connectType) || "bytes".equals(connectType)) {
            return q(v.toString());
        }
        boolean number = connectType != null && (connectType.startsWith("int") || connectType.startsWith("float"));
        if (v instanceof Number || v instanceof Boolean
                || number && v.toString().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")
                || "boolean".equals(connectType) && (v.equals("true") || v.equals("false"))) {
            return v.toString();
        }
        return q(v.toString());
    }

    static String q(String s) {
        var sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
