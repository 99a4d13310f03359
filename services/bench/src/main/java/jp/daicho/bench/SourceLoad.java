package jp.daicho.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A steady write load on a source PostgreSQL database, in a thread of its own, decided by a seed: members inserted,
 * updated and deleted, orders placed, and now and then a new table created (with rows), a column added to a table (and a
 * row changed), or a newer table dropped. Each statement commits on its own. It keeps what it did — the tables it made,
 * dropped and altered — so that a run can check the inventory against it, and the personal values it writes follow
 * {@link #VALUES} and {@link #SHAPES}, so that a run can look for them where they must not be.
 */
final class SourceLoad implements AutoCloseable {

    /** The names written (whole, as written; a scan looks for each). */
    static final List<String> NAMES = List.of("山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健太", "伊藤さくら", "渡辺翔太",
            "中村由美", "小林大輔", "加藤愛子");
    static final Set<String> VALUES = Set.copyOf(NAMES);
    /** Each row's own e-mail address and phone number. */
    static final Pattern SHAPES = Pattern.compile("chaos\\.\\d+@example\\.jp|090-\\d{4}-\\d{4}");

    private final String url;
    private final String user;
    private final Random random;
    private final long pauseMillis;
    private final AtomicLong operations = new AtomicLong();
    /** Columns added, by table. */
    final Map<String, Integer> altered = new ConcurrentHashMap<>();
    final Set<String> created = ConcurrentHashMap.newKeySet();
    final Set<String> dropped = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile Exception failure;
    private Thread thread;
    private long serial;

    SourceLoad(String url, String user, long seed, long pauseMillis) {
        this.url = url;
        this.user = user;
        this.random = new Random(seed);
        this.pauseMillis = pauseMillis;
    }

    /** The tables the load starts with, and a marker table whose rows a run writes to see capture streaming. */
    void createTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.createStatement().execute("""
                    create table members (id bigserial primary key, 氏名 text not null, フリガナ text, email text,
                        電話番号 text, 住所 text, created_at timestamptz not null default now());
                    create table orders (id bigserial primary key, member_id bigint references members (id) on delete cascade,
                        total int not null, ordered_at timestamptz not null default now());
                    create table chaos_marker (id bigint primary key, written_at timestamptz not null default now());
                    """);
            for (int i = 0; i < 20; i++) {
                insertMember(c);
            }
        }
    }

    void start() {
        thread = Thread.ofPlatform().name("source-load").start(this::run);
    }

    /**
     * Statement after statement until closed. A statement the source refuses because it is away (restarted, for an
     * outage run) did not happen: counted, and the load reconnects and goes on.
     */
    private void run() {
        Connection c = null;
        try {
            while (running) {
                try {
                    if (c == null) {
                        c = DriverManager.getConnection(url, user, "");
                    }
                    step(c);
                    operations.incrementAndGet();
                } catch (SQLException away) {
                    if (away.getSQLState() == null || !away.getSQLState().startsWith("08") && !away.getSQLState().startsWith("57")) {
                        throw away; // not the connection: the load itself is wrong
                    }
                    count("statements refused while the source was away");
                    c = closed(c);
                    Thread.sleep(500);
                }
                Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        } finally {
            closed(c);
        }
    }

    private static Connection closed(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // already broken
        }
        return null;
    }

    private void step(Connection c) throws SQLException {
        int roll = random.nextInt(1000);
        if (roll < 1) {
            String table = "newcomers_" + (created.size() + 1);
            c.createStatement().execute("create table " + table + " (id bigserial primary key, 氏名 text, email text, 電話番号 text)");
            created.add(table);
            for (int i = 0; i < 3; i++) {
                exec(c, "insert into " + table + " (氏名, email, 電話番号) values (?, ?, ?)", name(), email(), phone());
            }
            count("tables created");
        } else if (roll < 3) {
            var tables = new ArrayList<String>(List.of("members"));
            created.stream().filter(t -> !dropped.contains(t)).sorted().forEach(tables::add);
            String table = tables.get(random.nextInt(tables.size()));
            int n = altered.getOrDefault(table, 0) + 1;
            c.createStatement().execute("alter table " + table + " add column 備考" + n + " text");
            altered.put(table, n);
            // a row changed after the DDL, as an application would (the catalog read sees it without one)
            c.createStatement().execute("update " + table + " set 備考" + n + " = 'メモ' where id = (select max(id) from " + table + ")");
            count("columns added");
        } else if (roll < 4) {
            var live = created.stream().filter(t -> !dropped.contains(t)).sorted().toList();
            if (!live.isEmpty()) {
                String table = live.get(random.nextInt(live.size()));
                c.createStatement().execute("drop table " + table);
                dropped.add(table);
                count("tables dropped");
            }
        } else if (roll < 550) {
            insertMember(c);
            count("inserts");
        } else if (roll < 800) {
            exec(c, "update members set 電話番号 = ?, 住所 = ? where id = (select max(id) - ? from members)", phone(),
                    "東京都新宿区西新宿" + (1 + random.nextInt(9)) + "-" + (1 + random.nextInt(20)), (long) random.nextInt(10));
            count("updates");
        } else if (roll < 850) {
            exec(c, "delete from members where id = (select min(id) from members)");
            count("deletes");
        } else {
            exec(c, "insert into orders (member_id, total) select max(id), ? from members", (long) (100 + random.nextInt(99_900)));
            count("inserts");
        }
    }

    private void insertMember(Connection c) throws SQLException {
        exec(c, "insert into members (氏名, フリガナ, email, 電話番号, 住所) values (?, ?, ?, ?, ?)", name(), "ヤマダ タロウ", email(),
                phone(), "東京都千代田区千代田" + (1 + random.nextInt(9)));
    }

    private void exec(Connection c, String sql, Object... parameters) throws SQLException {
        try (var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private String name() {
        return NAMES.get(random.nextInt(NAMES.size()));
    }

    private String email() {
        return "chaos." + (++serial) + "@example.jp";
    }

    private String phone() {
        return String.format("090-%04d-%04d", random.nextInt(10_000), random.nextInt(10_000));
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    /** Writes a marker row: capture has streamed up to here once its change event is on Kafka. */
    void mark(long id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            exec(c, "insert into chaos_marker (id) values (?)", id);
        }
    }

    /** What the load did, by kind. */
    Map<String, Long> counts() {
        var out = new TreeMap<String, Long>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    long operations() {
        return operations.get();
    }

    /** Stops the load; fails if a statement failed (the source is ours: none should). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
        }
        if (failure != null) {
            throw new IllegalStateException("The source load failed: " + failure.getMessage(), failure);
        }
    }
}
