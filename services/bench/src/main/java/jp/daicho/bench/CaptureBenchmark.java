package jp.daicho.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import jp.daicho.capture.CaptureApplication;
import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.capture.source.DebeziumConfig;
import jp.daicho.classifier.ClassifierApplication;
import jp.daicho.classifier.ingest.ChangeEvents;
import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.embedded.EmbeddedPostgres;
import jp.daicho.inventory.InventoryApplication;
import jp.daicho.testkit.DemoUsers;

/**
 * Capture end to end on embedded real servers ({@code bin/daicho-bench capture [--rows=200000] [--writers=4]
 * [--ddl=10] [--paced=2000] [--source=postgresql|mariadb]}), the source being the embedded PostgreSQL or MariaDB:
 * <ol>
 * <li>throughput: {@code rows} rows written by {@code writers} concurrent writers while capture is stopped, then the
 * time from capture's start to the classifier having handled all of them (change events/s), beside the same backlog
 * streamed by Debezium's embedded engine alone into a discarding consumer (the ceiling, measured in the same run);</li>
 * <li>latency from a row's commit to its change event on Kafka, rows committed one by one every 5 ms while capture
 * runs (p50/p95/p99);</li>
 * <li>latency from a {@code CREATE TABLE} (and an {@code ALTER TABLE … ADD COLUMN}) committing to the table (column)
 * being visible in the inventory API (p50/p95/p99).</li>
 * </ol>
 */
public final class CaptureBenchmark {

    static final String SOURCE_DB = "bench_source";

    /**
     * The source database under test: the embedded PostgreSQL (default) or the embedded MariaDB
     * ({@code --source=mariadb}), with what differs between them.
     */
    record BenchSource(CaptureProperties.Kind kind, String host, int port, String user, String password,
                       java.util.concurrent.Callable<Connection> connections, EmbeddedPostgres postgres) {

        static BenchSource postgres(EmbeddedPostgres postgres) {
            return new BenchSource(CaptureProperties.Kind.POSTGRESQL, postgres.host(), postgres.port(), EmbeddedPostgres.USER,
                    "", () -> postgres.dataSource(SOURCE_DB).getConnection(), postgres);
        }

        static BenchSource mariaDb(jp.daicho.embedded.EmbeddedMariaDb mariadb) {
            mariadb.createDatabase(SOURCE_DB);
            return new BenchSource(CaptureProperties.Kind.MARIADB, mariadb.host(), mariadb.port(),
                    jp.daicho.embedded.EmbeddedMariaDb.ADMIN, jp.daicho.embedded.EmbeddedMariaDb.ADMIN_PASSWORD,
                    () -> mariadb.connect(SOURCE_DB), null);
        }

        Connection connect() throws Exception {
            return connections.call();
        }

        /** The schema part of its dataset ids and topics: PostgreSQL's schema, MySQL's and MariaDB's database. */
        String namespace() {
            return kind.binlog() ? SOURCE_DB : "public";
        }

        String membersTopic(String prefix) {
            return prefix + "." + namespace() + ".members";
        }

        String autoIncrementKey() {
            return kind.binlog() ? "id bigint auto_increment primary key" : "id bigserial primary key";
        }

        /** PostgreSQL: the replication slot is active; the binary log needs no wait (the snapshot fixes its position). */
        boolean streaming(String slot) {
            return kind.binlog() || engineStreaming(postgres, slot);
        }
    }
    static final String DAICHO_DB = "bench_daicho";
    static final Pattern ROW_ID = Pattern.compile("\"after\":\\{\"id\":(\\d+)");

    public static void main(String[] args) throws Exception {
        int rows = 200_000;
        int writers = 4;
        int ddl = 10;
        int paced = 2_000;
        String kind = "postgresql";
        for (String arg : args) {
            if (arg.startsWith("--rows=")) {
                rows = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--writers=")) {
                writers = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--ddl=")) {
                ddl = Integer.parseInt(arg.substring(6));
            } else if (arg.startsWith("--paced=")) {
                paced = Integer.parseInt(arg.substring(8));
            } else if (arg.equals("--source=postgresql") || arg.equals("--source=mariadb")) {
                kind = arg.substring(9);
            } else if (!arg.equals("capture")) {
                System.err.println("usage: daicho-bench capture [--rows=200000] [--writers=4] [--ddl=10] [--paced=2000] "
                        + "[--source=postgresql|mariadb]");
                System.exit(2);
            }
        }
        try (var kafka = EmbeddedKafka.start(); var postgres = EmbeddedPostgres.start();
             var mariadb = kind.equals("mariadb") ? jp.daicho.embedded.EmbeddedMariaDb.start() : null) {
            postgres.createDatabase(SOURCE_DB);
            postgres.createDatabase(DAICHO_DB);
            var db = mariadb == null ? BenchSource.postgres(postgres) : BenchSource.mariaDb(mariadb);
            System.out.printf("%nSource: %s%n", db.kind().displayName());
            try (Connection c = db.connect(); var s = c.createStatement()) {
                s.execute("create table members (" + db.autoIncrementKey() + ", 氏名 text, email text, 電話番号 text, note text)");
            }
            var source = source(db, "alone");
            double alone = debeziumAlone(db, source, kafka, rows, writers);
            System.out.printf("%nDebezium alone (embedded engine → discarding consumer): %,d change events in %.2f s = %,.0f events/s%n",
                    rows, rows / alone, alone);

            Path offsets = Files.createTempDirectory("bench-capture-offsets");
            try (var inventory = InventoryApplication.application().run(
                    "--spring.datasource.url=" + postgres.jdbcUrl(DAICHO_DB), "--spring.datasource.username=" + EmbeddedPostgres.USER,
                    "--spring.datasource.password=", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--server.port=0", "--spring.profiles.active=" + DemoUsers.PROFILE, "--logging.level.root=WARN");
                 var classifier = ClassifierApplication.application().run("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                         "--spring.kafka.consumer.group-id=bench-capture-classifier", "--daicho.classifier.topic-pattern=bench\\..*",
                         "--daicho.classifier.sources=bench", "--server.port=0", "--logging.level.root=WARN")) {
                var progress = classifier.getBean(ChangeEvents.class);
                // Capture once to create its slot, then stop it: the backlog is written while it is down.
                try (Connection c = db.connect(); var s = c.createStatement()) {
                    s.execute("truncate members");
                }
                try (var ignored = capture(kafka, db, offsets)) {
                    await(() -> db.streaming("daicho_bench"), Duration.ofSeconds(120));
                    write(db, 1, 1);
                    awaitAcknowledged(progress, 1, Duration.ofSeconds(60));
                }
                long before = progress.progress().acknowledged();
                write(db, rows, writers);
                long onKafkaBefore = endOffset(kafka, db);
                int backlog = rows;
                try (var capture = capture(kafka, db, offsets)) {
                    // Timed from the first event on Kafka: the service's start-up is not throughput.
                    await(() -> endOffset(kafka, db) > onKafkaBefore, Duration.ofMinutes(2));
                    long started = System.nanoTime();
                    await(() -> endOffset(kafka, db) >= onKafkaBefore + backlog, Duration.ofMinutes(10));
                    double toKafka = rows / ((System.nanoTime() - started) / 1e9);
                    awaitAcknowledged(progress, before + rows, Duration.ofMinutes(10));
                    double through = rows / ((System.nanoTime() - started) / 1e9);
                    System.out.printf("Capture → Kafka:                                           %,d change events in %.2f s = %,.0f events/s%n",
                            rows, rows / toKafka, toKafka);
                    System.out.printf("Capture → Kafka → classifier:                              %,d change events in %.2f s = %,.0f events/s"
                            + "  (%.2f of Debezium alone; target ≥ 20,000 events/s and ≥ 0.8)%n",
                            rows, rows / through, through, through / alone);
                    pacedLatency(kafka, db, paced);
                    String base = "http://localhost:" + inventory.getEnvironment().getProperty("local.server.port");
                    ddlLatency(db, base, ddl);
                }
            }
        }
        System.exit(0);
    }

    static CaptureProperties.Source source(BenchSource db, String name) {
        return new CaptureProperties.Source(name, db.kind(), db.host(), db.port(), SOURCE_DB, db.user(), db.password(),
                "", "initial", Map.of(), CaptureProperties.SlotLost.STOP);
    }

    static ConfigurableApplicationContext capture(EmbeddedKafka kafka, BenchSource db, Path offsets) {
        return CaptureApplication.application().run("--daicho.capture.bootstrap-servers=" + kafka.bootstrapServers(), "--server.port=0",
                "--daicho.capture.offset-directory=" + offsets, "--daicho.capture.sources[0].name=bench",
                "--daicho.capture.sources[0].kind=" + db.kind().name().toLowerCase(java.util.Locale.ROOT),
                "--daicho.capture.sources[0].host=" + db.host(), "--daicho.capture.sources[0].port=" + db.port(),
                "--daicho.capture.sources[0].database=" + SOURCE_DB, "--daicho.capture.sources[0].user=" + db.user(),
                "--daicho.capture.sources[0].password=" + db.password(),
                "--logging.level.root=WARN");
    }

    /** The same backlog through the embedded engine alone, into a consumer that counts and discards: events/s. */
    static double debeziumAlone(BenchSource db, CaptureProperties.Source source, EmbeddedKafka kafka, int rows, int writers)
            throws Exception {
        Path offsets = Files.createTempDirectory("bench-alone-offsets");
        Properties config = DebeziumConfig.forSource(source, new DebeziumConfig.Offsets.InDirectory(offsets), true, Map.of("bootstrap.servers", kafka.bootstrapServers()));
        config.setProperty("table.include.list", db.namespace() + ".members");
        var seen = new AtomicLong();
        // A first run creates the slot and, with one streamed row, the offsets the second run resumes from.
        try (var engine = engine(config, seen)) {
            await(() -> db.streaming("daicho_alone"), Duration.ofSeconds(120));
            write(db, 1, 1);
            await(() -> seen.get() >= 1, Duration.ofSeconds(60));
        }
        write(db, rows, writers);
        seen.set(0);
        try (var engine = engine(config, seen)) {
            // Timed from the first event on: the engine's start-up is not throughput.
            await(() -> seen.get() >= 1, Duration.ofMinutes(2));
            long started = System.nanoTime();
            await(() -> seen.get() >= rows, Duration.ofMinutes(10));
            return (rows - 1) / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** A running engine, closed with the try block. */
    record Engine(DebeziumEngine<ChangeEvent<String, String>> engine, java.util.concurrent.ExecutorService executor)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            engine.close();
            executor.shutdown();
            executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    static Engine engine(Properties config, AtomicLong seen) {
        var engine = DebeziumEngine.create(Json.class).using(config)
                .notifying((records, committer) -> {
                    for (var r : records) {
                        if (r.value() != null && r.destination().endsWith(".members")) {
                            seen.incrementAndGet();
                        }
                        committer.markProcessed(r);
                    }
                    committer.markBatchFinished();
                }).build();
        var executor = Executors.newSingleThreadExecutor();
        executor.execute(engine);
        return new Engine(engine, executor);
    }

    static boolean engineStreaming(EmbeddedPostgres postgres, String slot) {
        try (Connection c = postgres.dataSource(SOURCE_DB).getConnection();
             var s = c.prepareStatement("select active from pg_replication_slots where slot_name = ?")) {
            s.setString(1, slot);
            try (var rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (Exception e) {
            return false;
        }
    }

    /** {@code rows} rows in 100-row statements by {@code writers} threads, each statement its own transaction. */
    static void write(BenchSource db, int rows, int writers) throws Exception {
        long t0 = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(writers)) {
            var done = new ArrayList<java.util.concurrent.Future<?>>();
            for (int w = 0; w < writers; w++) {
                int share = rows / writers + (w < rows % writers ? 1 : 0);
                int writer = w;
                done.add(pool.submit(() -> {
                    try (Connection c = db.connect();
                         var s = c.prepareStatement("insert into members (氏名, email, 電話番号, note) values (?, ?, ?, ?)")) {
                        for (int i = 0; i < share; i++) {
                            s.setString(1, "山田" + writer + "郎");
                            s.setString(2, "user" + writer + "." + i + "@example.jp");
                            s.setString(3, "090-" + String.format("%04d", i % 10_000) + "-5678");
                            s.setString(4, "メモ");
                            s.addBatch();
                            if ((i + 1) % 100 == 0 || i == share - 1) {
                                s.executeBatch();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
        if (rows > 1) System.out.printf("  (wrote %,d rows with %d writers in %.2f s)%n", rows, writers, (System.nanoTime() - t0) / 1e9);
    }

    /** Rows committed one by one while capture runs; commit → change event received from Kafka. */
    static void pacedLatency(EmbeddedKafka kafka, BenchSource db, int count) throws Exception {
        Map<Long, Long> committed = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "bench-latency-" + System.nanoTime(), "auto.offset.reset", "latest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(db.membersTopic("bench")));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            var writer = Thread.ofPlatform().start(() -> {
                // The new row's id as JDBC's generated keys: RETURNING on PostgreSQL, the auto-increment value on MariaDB.
                try (Connection c = db.connect();
                     var s = c.prepareStatement("insert into members (氏名, email) values ('佐藤花子', 'hanako@example.jp')",
                             new String[] {"id"})) {
                    for (int i = 0; i < count; i++) {
                        s.executeUpdate();
                        try (var rs = s.getGeneratedKeys()) {
                            rs.next();
                            committed.put(rs.getLong(1), System.nanoTime());
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (latencies.size() < count && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    var m = r.value() == null ? null : ROW_ID.matcher(r.value());
                    if (m != null && m.find()) {
                        Long at = committed.get(Long.parseLong(m.group(1)));
                        if (at != null) {
                            latencies.add(now - at);
                        }
                    }
                }
            }
            writer.join();
        }
        System.out.println("Commit → change event on Kafka (" + latencies.size() + " rows, one every 5 ms):  "
                + percentiles(latencies) + "  (target p99 ≤ 1 s)");
    }

    /** CREATE TABLE and ALTER TABLE … ADD COLUMN while everything runs; commit → visible in the inventory API. */
    static void ddlLatency(BenchSource db, String base, int count) throws Exception {
        var http = HttpClient.newHttpClient();
        var tables = new ArrayList<Long>();
        var columns = new ArrayList<Long>();
        try (Connection c = db.connect(); var s = c.createStatement()) {
            for (int i = 0; i < count; i++) {
                s.execute("create table newcomer_" + i + " (" + db.autoIncrementKey() + ", 氏名 text, email text, 電話番号 text)");
                long t0 = System.nanoTime();
                awaitInventory(http, base, "bench." + db.namespace() + ".newcomer_" + i, null);
                tables.add(System.nanoTime() - t0);
                s.execute("alter table members add column added_" + i + " text");
                t0 = System.nanoTime();
                awaitInventory(http, base, "bench." + db.namespace() + ".members", "added_" + i);
                columns.add(System.nanoTime() - t0);
            }
        }
        System.out.println("CREATE TABLE → in the inventory API (" + count + " tables):          " + percentiles(tables) + "  (target p99 ≤ 5 s)");
        System.out.println("ADD COLUMN → in the inventory API (" + count + " columns):           " + percentiles(columns) + "  (target p99 ≤ 5 s)");
    }

    static void awaitInventory(HttpClient http, String base, String dataset, String column) throws Exception {
        var uri = URI.create(base + "/api/datasets/" + URLEncoder.encode(dataset, StandardCharsets.UTF_8).replace("+", "%20"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var response = http.send(DemoUsers.asDpo(uri).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200 && (column == null || response.body().contains("\"name\":\"" + column + "\""))) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        throw new IllegalStateException(dataset + (column == null ? "" : " column " + column) + " not in the inventory after 60 s");
    }

    /** Change events on the members topic. */
    static long endOffset(EmbeddedKafka kafka, BenchSource db) {
        try (var admin = kafka.admin()) {
            var partition = new org.apache.kafka.common.TopicPartition(db.membersTopic("bench"), 0);
            return admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get()
                    .get(partition).offset();
        } catch (Exception e) {
            return 0;
        }
    }

    static void awaitAcknowledged(ChangeEvents events, long count, Duration within) {
        await(() -> events.progress().acknowledged() >= count, within);
    }

    static void await(java.util.function.BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not reached within " + within);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }

    static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "no samples";
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms", at(sorted, 0.50), at(sorted, 0.95),
                at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private CaptureBenchmark() {
    }
}
