package jp.daicho.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.embedded.EmbeddedPostgres;
import jp.daicho.events.ledger.ProvisionOccurred;
import jp.daicho.events.pipelines.PipelineRegistered;
import jp.daicho.events.pipelines.Recipient;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.DemoUsers;

/**
 * A chaos run's world (issue 16): capture, the classifier, the inventory and the ledger as four processes, each from the
 * jar its image is built from ({@link ServiceProcess}), on a Kafka and a Daichō PostgreSQL; a steady load on a source
 * database ({@link SourceLoad}: inserts, updates, deletes, new tables, added columns, dropped tables) and a producer of
 * provision occurrences keeping its own log of those Kafka acknowledged. What disrupts it is the caller's
 * ({@link RestartChaos}, {@link OutageChaos}); then {@link #finish} stops the load, waits until capture has streamed past
 * the last write and every group has committed all there is, and checks, against the source's catalog and the
 * producer's log: every source table and column in the inventory, classified, with consistent schema versions, dropped
 * tables marked dropped; no dataset, field or version twice; every occurrence recorded exactly once, the chain verified
 * with its Kafka anchors; no dead letter; no group stuck; and no value the load wrote in Daichō's tables, its
 * {@code daicho.*} topics or any service's log (§4).
 */
final class ChaosRun implements AutoCloseable {

    static final String SOURCE = "chaos";
    static final String PIPELINE = "chaos-share";

    final String bootstrap;
    private final String sourceUrl;
    final Map<String, ServiceProcess> services;
    final SourceLoad load;
    private final Occurrences occurrences;
    final Admin admin;
    private final JdbcClient daicho;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String figure;
    /** Seconds to recover, by what was disrupted. */
    private final Map<String, List<Double>> recoveries = new TreeMap<>();
    private long marker;

    /**
     * Creates the Daichō and source databases, starts the four services and waits until each is ready, registers the
     * occurrences' pipeline, and starts the load.
     *
     * @param figure what the recovery figures are called ("catch-up after SIGKILL")
     */
    ChaosRun(String title, String figure, String bootstrap, EmbeddedPostgres daichoDb, EmbeddedPostgres sourceDb, long seed,
             Path logs) throws Exception {
        this.figure = figure;
        this.bootstrap = bootstrap;
        daichoDb.createDatabase("daicho");
        sourceDb.createDatabase("chaos_src");
        this.sourceUrl = sourceDb.jdbcUrl("chaos_src");
        this.load = new SourceLoad(sourceUrl, EmbeddedPostgres.USER, seed, 20);
        load.createTables();
        this.daicho = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), daichoDb.jdbcUrl("daicho"),
                EmbeddedPostgres.USER, ""));
        this.services = services(bootstrap, daichoDb, sourceDb, logs);
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        this.occurrences = new Occurrences(bootstrap);
        long t0 = System.nanoTime();
        for (var service : services.values()) {
            service.start();
        }
        for (var service : services.values()) {
            service.awaitReady(Duration.ofMinutes(3));
        }
        System.out.printf("%n%s: 4 services started as processes in %.1f s (logs in %s)%n", title,
                (System.nanoTime() - t0) / 1e9, logs);
        registerPipeline(bootstrap, daicho);
        load.start();
        occurrences.start();
    }

    /** Writes a marker row to the source and waits until its change event is on Kafka: capture streams. */
    void awaitCaptureStreaming(Duration atMost) throws Exception {
        load.mark(++marker);
        awaitMarker(bootstrap, marker, atMost);
    }

    /** The group's end offsets now, to await with {@link #awaitCommitted(String, Map, Duration)}. */
    Map<TopicPartition, Long> due(String service) throws Exception {
        return endOffsets(admin, group(service));
    }

    void awaitCommitted(String service, Map<TopicPartition, Long> due, Duration atMost) throws Exception {
        awaitCommitted(admin, group(service), due, atMost);
    }

    void recovered(String what, double seconds) {
        recoveries.computeIfAbsent(what, k -> new ArrayList<>()).add(seconds);
    }

    /** Stops the load, lets everything settle, checks; the number of checks that failed. */
    int finish() throws Exception {
        occurrences.close();
        load.close();
        awaitCaptureStreaming(Duration.ofMinutes(3));
        return check(awaitSettled(admin, Duration.ofMinutes(3)));
    }

    @Override
    public void close() throws Exception {
        for (var service : services.values()) {
            service.close();
        }
        admin.close();
    }

    /** The four services, wired as the launcher wires them (Services), each with its own HTTP port and log. */
    static Map<String, ServiceProcess> services(String bootstrap, EmbeddedPostgres daichoDb, EmbeddedPostgres sourceDb, Path logs)
            throws Exception {
        Path dir = Path.of(System.getProperty("daicho.services.dir", Files.isDirectory(Path.of("services")) ? "services" : ".."));
        var db = Map.of("spring.datasource.url", daichoDb.jdbcUrl("daicho"), "spring.datasource.username", EmbeddedPostgres.USER,
                "spring.datasource.password", "");
        var common = Map.of("spring.kafka.bootstrap-servers", bootstrap, "spring.profiles.active", DemoUsers.PROFILE);
        var inventory = new LinkedHashMap<>(common);
        inventory.putAll(db);
        inventory.put("spring.kafka.consumer.group-id", group("inventory"));
        inventory.put("daicho.inventory.readers.own-groups", String.join(",", group("classifier"), group("inventory"), group("ledger")));
        var ledger = new LinkedHashMap<>(common);
        ledger.putAll(db);
        ledger.put("spring.kafka.consumer.group-id", group("ledger"));
        // anchors on Kafka every 200 records, so that a run's verification compares many with the chain
        ledger.put("daicho.ledger.recording.checkpoint-every", "200");
        var classifier = new LinkedHashMap<>(common);
        classifier.put("spring.kafka.consumer.group-id", group("classifier"));
        classifier.put("daicho.classifier.sources", SOURCE);
        var capture = new LinkedHashMap<String, String>();
        capture.put("spring.profiles.active", DemoUsers.PROFILE);
        capture.put("daicho.capture.bootstrap-servers", bootstrap);
        capture.put("daicho.capture.sources[0].name", SOURCE);
        capture.put("daicho.capture.sources[0].kind", "postgresql");
        capture.put("daicho.capture.sources[0].host", sourceDb.host());
        capture.put("daicho.capture.sources[0].port", Integer.toString(sourceDb.port()));
        capture.put("daicho.capture.sources[0].database", "chaos_src");
        capture.put("daicho.capture.sources[0].user", EmbeddedPostgres.USER);
        capture.put("daicho.capture.sources[0].password", "");
        var all = new LinkedHashMap<String, ServiceProcess>();
        all.put("inventory", new ServiceProcess("inventory", jar(dir, "inventory"), inventory, logs));
        all.put("ledger", new ServiceProcess("ledger", jar(dir, "ledger"), ledger, logs));
        all.put("classifier", new ServiceProcess("classifier", jar(dir, "classifier"), classifier, logs));
        all.put("capture", new ServiceProcess("capture", jar(dir, "capture"), capture, logs));
        return all;
    }

    static String group(String service) {
        return "chaos-" + service;
    }

    private static Path jar(Path services, String name) throws Exception {
        try (var files = Files.list(services.resolve(name).resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("daicho-" + name + "-.*-exec\\.jar")).findFirst()
                    .orElse(services.resolve(name).resolve("target").resolve("daicho-" + name + "-exec.jar"));
        }
    }

    /** Registers the pipeline the occurrences name, on Kafka as the inventory does, until the ledger knows it. */
    static void registerPipeline(String bootstrap, JdbcClient daicho) throws Exception {
        var pipeline = PipelineRegistered.newBuilder().setPipelineId(PIPELINE).setName(PIPELINE).setOwner("chaos")
                .setFields(List.of(SOURCE + ".public.members/氏名")).setPurposes(List.of("customer:marketing")).setLegalBasis("CONSENT")
                .setCountry("JP").setRecordMode(null).setPolicyVersion("1").setRegisteredBy("engineer")
                .setRegisteredAt(Instant.now()).setDataItems(List.of("name", "email"))
                .setRecipient(Recipient.newBuilder().setName("株式会社カオス商事").setKind("THIRD_PARTY")
                        .setAddress("東京都千代田区丸の内１－１－１").setRepresentative("代表取締役 佐藤一郎").setCountry("JP").build())
                .build();
        byte[] value = AvroSerde.of(PipelineRegistered.class).encode(pipeline);
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (daicho.sql("select count(*) from ledger.known_pipeline where id = ?").param(PIPELINE).query(Long.class).single() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The ledger did not learn the pipeline " + PIPELINE + " within 2 minutes");
                }
                producer.send(new ProducerRecord<>(Topics.PIPELINE_REGISTERED, PIPELINE, value)).get();
                Thread.sleep(1000);
            }
        }
    }

    /** A steady stream of provision occurrences, and the producer's own log: the event ids Kafka acknowledged. */
    static final class Occurrences implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final AtomicLong refused = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        Occurrences(String bootstrap) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
        }

        void start() {
            var serde = AvroSerde.of(ProvisionOccurred.class);
            thread = Thread.ofPlatform().name("occurrences").start(() -> {
                for (int i = 0; running; i++) {
                    String id = "chaos-" + i;
                    var occurrence = ProvisionOccurred.newBuilder().setEventId(id).setDirection("PROVIDED").setPipelineId(PIPELINE)
                            .setOccurredAt(Instant.now()).setSubjectKey("M-" + i)
                            .setSubjectItems(Map.of("氏名", SourceLoad.NAMES.get(i % SourceLoad.NAMES.size()), "会員番号", "M-" + i))
                            .setDataItems(List.of("name", "email")).setConsentReference("consent-form#" + i).build();
                    producer.send(new ProducerRecord<>(Topics.PROVISION_OCCURRED, PIPELINE, serde.encode(occurrence)), (m, e) -> {
                        if (e == null) {
                            acknowledged.add(id);
                        } else {
                            refused.incrementAndGet();
                        }
                    });
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
            producer.flush();
            producer.close();
        }
    }

    /** The end offsets now of every partition the group has committed on. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, String group) throws Exception {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        var request = new HashMap<TopicPartition, OffsetSpec>();
        committed.keySet().forEach(p -> request.put(p, OffsetSpec.latest()));
        var ends = new HashMap<TopicPartition, Long>();
        admin.listOffsets(request).all().get().forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    /** Waits until the group has committed at least the given offsets. */
    static void awaitCommitted(Admin admin, String group, Map<TopicPartition, Long> due, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            var behind = due.entrySet().stream().filter(e -> committed.get(e.getKey()) == null
                    || committed.get(e.getKey()).offset() < e.getValue()).map(Map.Entry::getKey).toList();
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(group + " did not catch up within " + atMost.toSeconds() + " s; behind on " + behind);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the marker row's change event is on Kafka. */
    static void awaitMarker(String bootstrap, long id, Duration atMost) {
        String topic = SOURCE + ".public.chaos_marker";
        try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + atMost.toNanos();
            var pattern = java.util.regex.Pattern.compile("\"after\":\\{\"id\":" + id + "\\b");
            List<TopicPartition> partitions = List.of();
            while (System.nanoTime() < deadline) {
                if (partitions.isEmpty()) {
                    // capture makes the topic with the table's first change event
                    partitions = consumer.listTopics().getOrDefault(topic, List.of()).stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList();
                    if (partitions.isEmpty()) {
                        pause(200);
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && pattern.matcher(record.value()).find()) {
                        return;
                    }
                }
            }
            throw new IllegalStateException("Marker row " + id + " did not reach " + topic + " within " + atMost.toSeconds() + " s");
        }
    }

    /** Every group of ours has committed all there is, twice in a row a second apart; false when that takes too long. */
    static boolean awaitSettled(Admin admin, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        int quiet = 0;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (String service : List.of("classifier", "inventory", "ledger")) {
                var ends = endOffsets(admin, group(service));
                var committed = admin.listConsumerGroupOffsets(group(service)).partitionsToOffsetAndMetadata().get();
                all &= ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()).offset() >= e.getValue());
            }
            quiet = all ? quiet + 1 : 0;
            if (quiet == 2) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /** The end checks, with the load stopped and every group caught up; prints them and returns how many failed. */
    int check(boolean settled) throws Exception {
        int failures = 0;
        System.out.printf("%nload: %,d source statements %s; %,d provision occurrences acknowledged by Kafka (%,d refused)%n",
                load.operations(), load.counts(), occurrences.acknowledged.size(), occurrences.refused.get());
        var all = new ArrayList<Double>();
        recoveries.forEach((what, seconds) -> {
            all.addAll(seconds);
            System.out.printf("%s, %s: %d times, p50 %.1f s, p99 %.1f s%n", figure, what, seconds.size(),
                    percentile(seconds, 50), percentile(seconds, 99));
        });
        System.out.printf("%s, all %d: p50 %.1f s, p99 %.1f s%n", figure, all.size(), percentile(all, 50), percentile(all, 99));
        System.out.println("consumer groups after the load stopped: " + (settled ? "every one caught up (none stuck)" : "STUCK"));
        failures += settled ? 0 : 1;

        // The inventory against the source's own catalog.
        var source = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), sourceUrl, EmbeddedPostgres.USER, ""));
        var columns = new TreeMap<String, Set<String>>();
        source.sql("select table_name, column_name from information_schema.columns where table_schema = 'public'")
                .query((rs, n) -> columns.computeIfAbsent(rs.getString(1), t -> new TreeSet<>()).add(rs.getString(2))).list();
        var problems = new ArrayList<String>();
        for (var table : columns.entrySet()) {
            String id = SOURCE + ".public." + table.getKey();
            var fields = new TreeSet<>(daicho.sql("select name from field where dataset_id = ? and present").param(id)
                    .query(String.class).list());
            if (!fields.equals(table.getValue())) {
                problems.add(id + ": fields " + fields + ", the source has " + table.getValue());
            }
            long unclassified = daicho.sql("select count(*) from field f where f.dataset_id = ? and f.present and not exists "
                    + "(select 1 from field_classification c where c.dataset_id = f.dataset_id and c.field_name = f.name)")
                    .param(id).query(Long.class).single();
            if (unclassified > 0) {
                problems.add(id + ": " + unclassified + " field(s) not classified");
            }
            var versions = daicho.sql("select version, column_count from dataset_version where dataset_id = ? order by version")
                    .param(id).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).list();
            Integer current = daicho.sql("select current_version from dataset where id = ? and dropped_at is null").param(id)
                    .query(Integer.class).optional().orElse(null);
            int allowed = 1 + load.altered.getOrDefault(table.getKey(), 0);
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i)[0] != i + 1 || i > 0 && versions.get(i)[1] < versions.get(i - 1)[1]) {
                    problems.add(id + ": versions not 1..n with columns only added: " + versions.stream().map(v -> v[0] + ":" + v[1]).toList());
                    break;
                }
            }
            if (current == null || current != versions.size() || versions.size() > allowed) {
                problems.add(id + ": current version " + current + " of " + versions.size() + " (at most " + allowed + " expected)");
            }
        }
        for (String table : load.dropped) {
            if (daicho.sql("select count(*) from dataset where id = ? and dropped_at is not null").param(SOURCE + ".public." + table)
                    .query(Long.class).single() != 1) {
                problems.add(SOURCE + ".public." + table + ": dropped in the source, not marked dropped in the inventory");
            }
        }
        long extra = daicho.sql("select count(*) from dataset where system_name = ? and dropped_at is null").param(SOURCE)
                .query(Long.class).single() - columns.size();
        System.out.printf("inventory: %d source tables (%d created, %d dropped, %d columns added during the run); %s%n",
                columns.size(), load.created.size(), load.dropped.size(), load.altered.values().stream().mapToInt(i -> i).sum(),
                problems.isEmpty() && extra == 0 ? "every table and column there, classified, versions consistent, drops marked"
                        : "WRONG: " + problems + (extra == 0 ? "" : "; " + extra + " dataset(s) the source does not have"));
        failures += problems.isEmpty() && extra == 0 ? 0 : 1;

        // The ledger against the producer's log.
        var recorded = daicho.sql("select event_id from ledger.occurrence").query(String.class).list();
        long records = daicho.sql("select count(*) from ledger.ledger_record").query(Long.class).single();
        var distinct = new HashSet<>(recorded);
        var lost = new TreeSet<>(occurrences.acknowledged);
        lost.removeAll(distinct);
        var foreign = new HashSet<>(distinct);
        foreign.removeAll(occurrences.acknowledged);
        String verify = http.send(HttpRequest.newBuilder(URI.create(services.get("ledger").url() + "/api/records/verify"))
                .header("Authorization", DemoUsers.basic("auditor")).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        var anchors = java.util.regex.Pattern.compile("\"anchorsChecked\":(-?\\d+)").matcher(verify);
        long anchorsChecked = anchors.find() ? Long.parseLong(anchors.group(1)) : -1;
        boolean verified = verify.contains("\"problemCount\":0") && verify.contains("\"records\":" + records) && anchorsChecked > 0;
        boolean exact = lost.isEmpty() && foreign.isEmpty() && records == occurrences.acknowledged.size();
        System.out.printf("ledger: %,d records for %,d acknowledged occurrences; lost %d, recorded twice %d, not produced %d; "
                + "the chain and %d Kafka anchors: %s%n", records, occurrences.acknowledged.size(), lost.size(),
                records - distinct.size(), foreign.size(), anchorsChecked, verified ? "verify" : "DO NOT VERIFY: " + verify);
        failures += exact && verified ? 0 : 1;

        // Nothing a restart did should read as bad input.
        var letters = new TreeMap<String, Long>();
        for (String topic : admin.listTopics().names().get()) {
            if (topic.startsWith("daicho.") && topic.endsWith(".dlq")) {
                long[] n = {0};
                ChangeEventFuzz.readAll(bootstrap, topic, r -> n[0]++);
                letters.put(topic, n[0]);
            }
        }
        long dead = letters.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("dead letters: " + (dead == 0 ? "none" : letters));
        failures += dead == 0 ? 0 : 1;

        // §4: no value the load wrote in Daichō's tables, its topics or any service's log line.
        var scan = new RawValueScan(SourceLoad.VALUES, SourceLoad.SHAPES);
        var topics = scan.topics(bootstrap, t -> t.startsWith("daicho.") && !t.equals(Topics.PROVISION_OCCURRED));
        var tables = scan.tables(daicho);
        var logLines = new TreeMap<String, Long>();
        for (var service : services.values()) {
            try (var lines = Files.lines(service.log, StandardCharsets.UTF_8)) {
                logLines.put(service.name, lines.filter(scan::leaks).count());
            }
        }
        var control = scan.topics(bootstrap, t -> t.equals(SOURCE + ".public.members"));
        long leaked = total(topics) + total(tables) + total(logLines);
        System.out.println("raw values on daicho.* topics: " + RawValueScan.summary(topics, "topics") + "; in Daichō's tables: "
                + RawValueScan.summary(tables, "tables") + "; in the services' logs: " + RawValueScan.summary(logLines, "logs")
                + " (control, the members' change topic: " + RawValueScan.summary(control, "topics") + ")");
        failures += leaked == 0 && total(control) > 0 ? 0 : 1;
        return failures;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long total(Map<String, Long> found) {
        return found.values().stream().mapToLong(Long::longValue).sum();
    }

    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        var sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

}
