package jp.daicho.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.embedded.EmbeddedPostgres;
import jp.daicho.events.ledger.ProvisionOccurred;
import jp.daicho.ledger.LedgerApplication;
import jp.daicho.ledger.recording.Counterparty;
import jp.daicho.ledger.recording.KnownPipeline;
import jp.daicho.ledger.recording.KnownPipelines;
import jp.daicho.ledger.recording.Occurrence;
import jp.daicho.ledger.recording.RecordOccurrences;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.DemoUsers;

/**
 * The Art. 29/30 ledger at scale, on embedded Kafka and PostgreSQL (one JVM, run with -Xmx256m by
 * {@code bin/daicho-bench ledger}):
 * <ol>
 * <li>ingest: N occurrences waiting on the topic, read by a bare consumer (the ceiling), then recorded by
 * the ledger's listener with hash chaining into PostgreSQL (records/s, ratio);</li>
 * <li>latency: occurrences produced live at a fixed rate, time from occurrence to committed record (percentiles);</li>
 * <li>the ledger filled to R records through the same recording code, then the CSV and JSON Lines exports of
 * all of it over HTTP (rows/s, heap) and {@code verify} of the whole chain.</li>
 * </ol>
 * {@code bin/daicho-bench ledger [--ingest=1000000] [--records=10000000] [--rate=10000]}; {@code --ingest=0} or
 * {@code --rate=0} leaves out that part.
 */
public final class LedgerBenchmark {

    public static void main(String[] args) throws Exception {
        int ingest = 1_000_000;
        long records = 10_000_000;
        int rate = 10_000;
        for (String arg : args) {
            if (arg.startsWith("--ingest=")) {
                ingest = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--records=")) {
                records = Long.parseLong(arg.substring(10));
            } else if (arg.startsWith("--rate=")) {
                rate = Integer.parseInt(arg.substring(7));
            } else if (!arg.equals("ledger")) {
                System.err.println("usage: daicho-bench ledger [--ingest=1000000] [--records=10000000] [--rate=10000]");
                System.exit(2);
            }
        }
        System.out.printf("ledger benchmark, max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        try (var kafka = EmbeddedKafka.start(); var postgres = EmbeddedPostgres.start()) {
            postgres.createDatabase("bench_ledger");
            try (var app = LedgerApplication.application().run(
                    "--spring.datasource.url=" + postgres.jdbcUrl("bench_ledger"),
                    "--spring.datasource.username=" + EmbeddedPostgres.USER, "--spring.datasource.password=",
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(), "--server.port=0",
                    "--spring.kafka.listener.auto-startup=false", "--spring.profiles.active=" + DemoUsers.PROFILE,
                    "--logging.level.root=WARN")) {
                String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
                var jdbc = app.getBean(JdbcClient.class);
                app.getBean(KnownPipelines.class).on(new KnownPipeline("bench-share", "bench", "CONSENT", null, null, "JP", null,
                        new Counterparty("株式会社ベンチ商事", "THIRD_PARTY", "東京都千代田区丸の内１－１－１", "代表取締役 佐藤一郎", "JP"),
                        List.of("name", "email", "phone"), Instant.now()));
                var listener = app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("ledger-occurrences");

                int live = rate * 20;
                if (ingest > 0) {
                    produce(kafka.bootstrapServers(), ingest, 0, 0);
                    double bare = bare(kafka.bootstrapServers(), ingest);
                    long t0 = System.nanoTime();
                    listener.start();
                    await(jdbc, ingest);
                    double recorded = ingest / ((System.nanoTime() - t0) / 1e9);
                    System.out.printf("ingest: %,d occurrences: bare consumer %,.0f/s; recorded with hash chaining %,.0f/s (ratio %.2f)%n",
                            ingest, bare, recorded, recorded / bare);
                }
                if (live > 0) {
                    listener.start(); // already running after the ingest part
                    produce(kafka.bootstrapServers(), live, ingest, rate);
                    await(jdbc, ingest + live);
                    var latency = jdbc.sql("""
                            select percentile_cont(array[0.5, 0.95, 0.99]) within group (order by extract(epoch from r.recorded_at - r.occurred_at) * 1000),
                                   max(extract(epoch from r.recorded_at - r.occurred_at) * 1000)
                            from ledger_record r where r.seq > ?
                            """).param(ingest).query((rs, n) -> {
                                Double[] p = (Double[]) rs.getArray(1).getArray();
                                return String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms", p[0], p[1], p[2], rs.getDouble(2));
                            }).single();
                    System.out.printf("latency at %,d occurrences/s for 20 s, occurrence to committed record: %s%n", rate, latency);
                    listener.stop();
                }
                long have = ingest + live;
                fill(app.getBean(RecordOccurrences.class), have, records);
                jdbc.sql("vacuum analyze ledger_record").update();
                heapPeakReset();
                cursorCeiling(app.getBean(javax.sql.DataSource.class), records);
                export(base, "csv", records);
                export(base, "jsonl", records);
                var http = HttpClient.newHttpClient();
                long v = System.nanoTime();
                String report = http.send(HttpRequest.newBuilder(URI.create(base + "/api/records/verify"))
                        .header("Authorization", DemoUsers.basic("auditor")).POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofHours(1)).build(), HttpResponse.BodyHandlers.ofString()).body();
                System.out.printf("verify: %.1f s over the whole chain: %s%n", (System.nanoTime() - v) / 1e9,
                        report.length() > 300 ? report.substring(0, 300) : report);
                System.out.printf("heap peak during exports and verify: %d MB of %d MB%n", heapPeak() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        }
        System.exit(0);
    }

    static ProvisionOccurred event(long i, Instant at) {
        return ProvisionOccurred.newBuilder().setEventId("ev-" + i).setPipelineId("bench-share").setOccurredAt(at)
                .setSubjectKey("M-" + (i % 500_000)).setSubjectItems(Map.of("氏名", "山田太郎" + (i % 1000), "会員番号", "M-" + (i % 500_000)))
                .setDataItems(List.of("name", "email")).setConsentReference("consent-form#" + (i % 500_000)).build();
    }

    /** Produces n events numbered from {@code first}; at {@code perSecond} a second, or as fast as possible (0). */
    static void produce(String bootstrap, int n, long first, int perSecond) throws Exception {
        var props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("linger.ms", "5");
        props.put("batch.size", "262144");
        props.put("compression.type", "lz4");
        var serde = AvroSerde.of(ProvisionOccurred.class);
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<String, byte[]>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                if (perSecond > 0) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                }
                producer.send(new ProducerRecord<>(Topics.PROVISION_OCCURRED, "bench-share", serde.encode(event(first + i, Instant.now()))));
            }
        }
    }

    static double bare(String bootstrap, int n) {
        var props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "bench-bare-" + System.nanoTime());
        props.put("auto.offset.reset", "earliest");
        props.put("max.poll.records", "1000");
        try (var consumer = new KafkaConsumer<byte[], byte[]>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.PROVISION_OCCURRED));
            long seen = 0;
            long bytes = 0;
            long start = 0;
            while (seen < n) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    seen++;
                    bytes += r.value().length;
                }
            }
            consumer.commitSync();
            return seen / ((System.nanoTime() - start) / 1e9);
        }
    }

    static void await(JdbcClient jdbc, long n) throws InterruptedException {
        while (jdbc.sql("select count(*) from occurrence").query(Long.class).single() < n) {
            Thread.sleep(100);
        }
    }

    /** Fills the ledger to {@code target} records through the recording code, 5,000 per transaction. */
    static void fill(RecordOccurrences record, long have, long target) {
        long t = System.nanoTime();
        Instant base = Instant.now().minus(Duration.ofDays(700));
        var batch = new ArrayList<Occurrence>(5000);
        for (long i = have; i < target; i++) {
            Instant at = base.plusMillis(i * 5);
            batch.add(new Occurrence("fill-" + i, Occurrence.Direction.PROVIDED, "bench-share", at, "M-" + (i % 500_000),
                    Map.of("氏名", "山田太郎" + (i % 1000), "会員番号", "M-" + (i % 500_000)), List.of("name", "email"),
                    "consent-form#" + (i % 500_000), null, null, null, null, null));
            if (batch.size() == 5000 || i == target - 1) {
                record.record(batch);
                batch.clear();
            }
        }
        System.out.printf("filled the ledger to %,d records in %.0f s (%,.0f records/s through the recording code, no Kafka)%n",
                target, (System.nanoTime() - t) / 1e9, (target - have) / ((System.nanoTime() - t) / 1e9));
    }

    /**
     * The ceiling an export cannot pass: every column of every record read through the same driver with a
     * cursor, as bytes, nothing written. Printed beside the exports so their cost is seen against it.
     */
    static void cursorCeiling(javax.sql.DataSource dataSource, long expected) throws Exception {
        long t = System.nanoTime();
        long rows = 0;
        long bytes = 0;
        try (var c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.setFetchSize(20_000);
                try (var rs = s.executeQuery("select * from ledger_record order by seq")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= columns; i++) {
                            byte[] b = rs.getBytes(i);
                            bytes += b == null ? 0 : b.length;
                        }
                    }
                }
            }
            c.rollback();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("cursor ceiling: %,d rows (%,d MB of column bytes) read in %.1f s = %,.0f rows/s (no HTTP, no formatting)%n",
                rows, bytes >> 20, seconds, rows / seconds);
    }

    /**
     * Downloads an export and times it. The client is curl in a process of its own when there is one, so that
     * the ledger's JVM (and its 256 MB) holds the service alone, as a real auditor's download would; the rows
     * are counted from the export's own verification line. Without curl, Java's HTTP client in this JVM.
     */
    static void export(String base, String format, long expected) throws Exception {
        String url = base + "/api/records/export?format=" + format;
        long t = System.nanoTime();
        long bytes;
        long rows;
        if (curl()) {
            var file = java.nio.file.Files.createTempFile("daicho-export", "." + format);
            try {
                var curl = new ProcessBuilder("curl", "-sS", "--fail", "-u", "auditor:auditor", "-o", file.toString(), url)
                        .inheritIO().start();
                if (curl.waitFor() != 0) {
                    throw new IllegalStateException("curl could not download the export: exit " + curl.exitValue());
                }
                double seconds = (System.nanoTime() - t) / 1e9;
                bytes = java.nio.file.Files.size(file);
                rows = rowsInVerificationLine(file, format);
                System.out.printf("export %s (curl, another process): %,d rows (%s), %,d MB in %.1f s = %,.0f rows/s; heap peak so far %d MB%n",
                        format, rows, rows == expected ? "all" : "expected " + expected, bytes >> 20, seconds, rows / seconds,
                        heapPeak() >> 20);
                return;
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        }
        var http = HttpClient.newHttpClient();
        var response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", DemoUsers.basic("auditor")).timeout(Duration.ofHours(1)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        rows = lines - (format.equals("csv") ? 2 : 1); // header, digest line
        System.out.printf("export %s: %,d rows (%s), %,d MB in %.1f s = %,.0f rows/s; heap peak so far %d MB%n", format, rows,
                rows == expected ? "all" : "expected " + expected, bytes >> 20, seconds, rows / seconds, heapPeak() >> 20);
    }

    private static boolean curl() {
        try {
            return new ProcessBuilder("curl", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    /** The record count the export's last line states: {@code …"件数","N"} (CSV) or {@code "records":N} (JSON Lines). */
    private static long rowsInVerificationLine(java.nio.file.Path file, String format) throws java.io.IOException {
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            byte[] tail = new byte[(int) Math.min(size, 512)];
            raf.seek(size - tail.length);
            raf.readFully(tail);
            String text = new String(tail, java.nio.charset.StandardCharsets.UTF_8).strip();
            String last = text.substring(text.lastIndexOf('\n') + 1);
            var m = java.util.regex.Pattern.compile(format.equals("csv") ? "\"(\\d+)\"$" : "\"records\":(\\d+)").matcher(last);
            if (!m.find()) {
                throw new IllegalStateException("the export has no verification line: " + last);
            }
            return Long.parseLong(m.group(1));
        }
    }

    /** The most heap in use, sampled every 20 ms (pools' own peaks would add up peaks of different moments). */
    static final java.util.concurrent.atomic.AtomicLong PEAK = new java.util.concurrent.atomic.AtomicLong();

    static {
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                PEAK.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static void heapPeakReset() {
        PEAK.set(0);
    }

    static long heapPeak() {
        return PEAK.get();
    }
}
