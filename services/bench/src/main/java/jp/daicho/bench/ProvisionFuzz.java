package jp.daicho.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.embedded.EmbeddedPostgres;
import jp.daicho.events.deadletter.DeadLetter;
import jp.daicho.events.ledger.ProvisionOccurred;
import jp.daicho.ledger.LedgerApplication;
import jp.daicho.ledger.recording.Counterparty;
import jp.daicho.ledger.recording.KnownPipeline;
import jp.daicho.ledger.recording.KnownPipelines;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.DemoUsers;

/**
 * Fuzzes the ledger's occurrence consumer (issue 16 §3): valid {@code ProvisionOccurred} records interleaved with
 * mutated ones — bytes truncated, not Avro, empty, another record type, an unknown direction, a string that is not
 * UTF-8 (malformed), and well-formed occurrences the statute refuses (no event id, an unknown pipeline, items outside
 * the pipeline, a receipt without its basis, a basis the pipeline is not registered for) — and repeats of valid ones (recorded once). The
 * real ledger service consumes them from a real broker into a real PostgreSQL, then is checked: every valid occurrence
 * recorded exactly once; every invalid one dead-lettered with a reason and none recorded; repeats neither recorded
 * twice nor dead-lettered; no partition left behind; the hash chain verifies; the listener still running; and the
 * valid ones' throughput beside a clean run's. Run by {@code bin/daicho-chaos fuzz} after {@link ChangeEventFuzz}.
 */
public final class ProvisionFuzz {

    enum Mutation {
        TRUNCATED(15, true), NOT_AVRO(10, true), EMPTY(5, true), OTHER_RECORD(5, true), UNKNOWN_DIRECTION(8, true),
        NOT_UTF8(10, true), NO_EVENT_ID(8, true), UNKNOWN_PIPELINE(10, true), ITEMS_OUTSIDE_PIPELINE(8, true),
        RECEIPT_WITHOUT_BASIS(8, true), BASIS_NOT_ALLOWED(8, true), REPEATED(5, false);

        final int weight;
        final boolean invalid;

        Mutation(int weight, boolean invalid) {
            this.weight = weight;
            this.invalid = invalid;
        }
    }

    record Run(int valid, Map<Mutation, Integer> mutated, Map<Long, Mutation> invalidAt, Set<Long> repeatedAt,
               double seconds, long recorded, long distinctValidRecorded, Map<Long, String> deadLetters, long committed,
               long end, String verify, boolean alive) {
    }

    static final String PIPELINE = "fuzz-share";

    public static void main(String[] args) throws Exception {
        var options = FuzzOptions.parse(args);
        int valid = options.valid();
        int invalid = options.invalid();
        long seed = options.seed();
        // Each run on servers of its own: the occurrence topic is one, and a new ledger reads it from the start.
        Run clean;
        try (var kafka = EmbeddedKafka.start(); var postgres = EmbeddedPostgres.start()) {
            clean = run(kafka, postgres, "fuzz_clean", valid, 0, seed);
        }
        Run fuzz;
        int failures;
        try (var kafka = EmbeddedKafka.start(); var postgres = EmbeddedPostgres.start()) {
            fuzz = run(kafka, postgres, "fuzz_mutated", valid, invalid, seed);
            failures = report(clean, fuzz);
            // §4: the ledger's tables and Daichō's other topics hold no identifying item in the clear (the occurrence
            // topic carries them by nature; the ledger keeps them encrypted).
            var scan = new RawValueScan(Set.of("山田太郎"), java.util.regex.Pattern.compile("\\bM-\\d+\\b"));
            var topics = scan.topics(kafka.bootstrapServers(), t -> t.startsWith("daicho.") && !t.equals(Topics.PROVISION_OCCURRED));
            var tables = scan.tables(JdbcClient.create(new org.springframework.jdbc.datasource.SimpleDriverDataSource(
                    new org.postgresql.Driver(), postgres.jdbcUrl("fuzz_mutated"), EmbeddedPostgres.USER, "")));
            // The control: the occurrence topic holds them by nature, and the scan must see them there.
            var control = scan.topics(kafka.bootstrapServers(), t -> t.equals(Topics.PROVISION_OCCURRED));
            System.out.println("raw values on daicho.* topics: " + RawValueScan.summary(topics, "topics")
                    + "; in the ledger's tables: " + RawValueScan.summary(tables, "tables")
                    + " (control, the occurrence topic: " + RawValueScan.summary(control, "topics") + ")");
            long leaked = topics.values().stream().mapToLong(Long::longValue).sum()
                    + tables.values().stream().mapToLong(Long::longValue).sum();
            boolean seen = control.values().stream().mapToLong(Long::longValue).sum() > 0;
            failures += leaked == 0 && !tables.isEmpty() && seen ? 0 : 1;
        }
        System.out.println(failures == 0 ? "provision fuzz: all checks held" : "provision fuzz: " + failures + " check(s) failed");
        System.exit(failures == 0 ? 0 : 1);
    }

    static int report(Run clean, Run fuzz) {
        int mutated = fuzz.mutated().values().stream().mapToInt(i -> i).sum();
        System.out.printf("%nprovision fuzz: %,d valid ProvisionOccurred records interleaved with %,d mutated ones (%,d invalid, "
                + "%,d repeats of valid ones), seed-determined%n", fuzz.valid(), mutated, fuzz.invalidAt().size(),
                fuzz.repeatedAt().size());
        System.out.println("mutations: " + fuzz.mutated());
        int failures = 0;
        var missed = new TreeMap<Mutation, Integer>();
        fuzz.invalidAt().forEach((offset, m) -> {
            if (!fuzz.deadLetters().containsKey(offset)) {
                missed.merge(m, 1, Integer::sum);
            }
        });
        System.out.printf("invalid records dead-lettered: %,d of %,d%s%n", fuzz.invalidAt().size() - missed.values().stream()
                .mapToInt(i -> i).sum(), fuzz.invalidAt().size(), missed.isEmpty() ? "" : "; NOT dead-lettered: " + missed);
        failures += missed.isEmpty() ? 0 : 1;
        var byType = new TreeMap<String, Integer>();
        fuzz.deadLetters().values().forEach(t -> byType.merge(t, 1, Integer::sum));
        long wrongly = fuzz.deadLetters().keySet().stream().filter(o -> !fuzz.invalidAt().containsKey(o)).count();
        System.out.printf("dead letters by error type: %s; of valid records or repeats: %d%n", byType, wrongly);
        failures += wrongly == 0 ? 0 : 1;
        System.out.printf("ledger: %,d records for %,d valid occurrences (%,d distinct valid event ids recorded); "
                + "recorded from invalid input or twice: %,d%n", fuzz.recorded(), fuzz.valid(), fuzz.distinctValidRecorded(),
                fuzz.recorded() - fuzz.distinctValidRecorded());
        failures += fuzz.recorded() == fuzz.valid() && fuzz.distinctValidRecorded() == fuzz.valid() ? 0 : 1;
        System.out.printf("partitions: committed %,d of %,d offsets (stalled: %s)%n", fuzz.committed(), fuzz.end(),
                fuzz.committed() == fuzz.end() ? "none" : fuzz.end() - fuzz.committed() + " behind");
        failures += fuzz.committed() == fuzz.end() ? 0 : 1;
        boolean verified = fuzz.verify().contains("\"problemCount\":0") && fuzz.verify().contains("\"records\":" + fuzz.recorded());
        System.out.printf("hash chain: %s; listener after the run: %s%n", verified ? "verifies" : "DOES NOT VERIFY: " + fuzz.verify(),
                fuzz.alive() ? "running" : "NOT RUNNING");
        failures += verified && fuzz.alive() ? 0 : 1;
        double cleanRate = clean.valid() / clean.seconds();
        double fuzzRate = fuzz.valid() / fuzz.seconds();
        System.out.printf("valid occurrences' throughput: clean run %,.0f/s; among the mutated ones %,.0f/s (%,.0f records/s in "
                + "all); ratio %.2f (target ≥ 0.9)%n", cleanRate, fuzzRate, (fuzz.valid() + mutated) / fuzz.seconds(),
                fuzzRate / cleanRate);
        return failures;
    }

    static Run run(EmbeddedKafka kafka, EmbeddedPostgres postgres, String database, int valid, int invalid, long seed)
            throws Exception {
        postgres.createDatabase(database);
        try (var app = LedgerApplication.application().run(
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + EmbeddedPostgres.USER, "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(), "--server.port=0",
                "--spring.kafka.consumer.group-id=ledger-" + database,
                "--spring.kafka.listener.auto-startup=false", "--spring.profiles.active=" + DemoUsers.PROFILE,
                "--logging.level.root=WARN", "--logging.level.jp.daicho.ledger.ingest=ERROR");
             var admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            var jdbc = app.getBean(JdbcClient.class);
            app.getBean(KnownPipelines.class).on(new KnownPipeline(PIPELINE, "fuzz", "CONSENT", null, null, "JP", null,
                    new Counterparty("株式会社ファズ商事", "THIRD_PARTY", "東京都千代田区丸の内１－１－１", "代表取締役 佐藤一郎", "JP"),
                    List.of("name", "email", "phone"), Instant.now()));
            var partition = new TopicPartition(Topics.PROVISION_OCCURRED, 0);
            long start = admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get()
                    .get(partition).offset();
            var invalidAt = new ConcurrentHashMap<Long, Mutation>();
            var repeatedAt = ConcurrentHashMap.<Long>newKeySet();
            var mutated = new EnumMap<Mutation, Integer>(Mutation.class);
            var validIds = produce(kafka.bootstrapServers(), database, valid, invalid, seed, invalidAt, repeatedAt, mutated);
            long end = start + valid + invalid;
            var listener = app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("ledger-occurrences");
            long t0 = System.nanoTime();
            listener.start();
            long deadline = t0 + Duration.ofMinutes(15).toNanos();
            long committed = 0;
            while (System.nanoTime() < deadline) {
                var offsets = admin.listConsumerGroupOffsets("ledger-" + database).partitionsToOffsetAndMetadata().get();
                committed = offsets.get(partition) == null ? start : offsets.get(partition).offset();
                if (committed >= end) {
                    break;
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long recorded = jdbc.sql("select count(*) from ledger_record").query(Long.class).single();
            var ids = new HashSet<>(jdbc.sql("select event_id from occurrence").query(String.class).list());
            long distinctValid = validIds.stream().filter(ids::contains).count();
            var http = HttpClient.newHttpClient();
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            String verify = http.send(HttpRequest.newBuilder(URI.create(base + "/api/records/verify"))
                    .header("Authorization", DemoUsers.basic("auditor")).POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            boolean alive = listener.isRunning();
            listener.stop();
            return new Run(valid, mutated, invalidAt, repeatedAt, seconds, recorded, distinctValid,
                    deadLetters(kafka.bootstrapServers(), start, end), committed - start, end - start, verify, alive);
        }
    }

    /** The dead letters of the run's offsets: offset → error type. */
    static Map<Long, String> deadLetters(String bootstrap, long from, long to) {
        var serde = AvroSerde.of(DeadLetter.class);
        var letters = new HashMap<Long, String>();
        ChangeEventFuzz.readAll(bootstrap, Topics.PROVISION_OCCURRED_DLQ, record -> {
            DeadLetter letter = serde.decode(record.value());
            if (letter.getSourceTopic().toString().equals(Topics.PROVISION_OCCURRED) && letter.getSourceOffset() >= from
                    && letter.getSourceOffset() < to && letter.getReason() != null && !letter.getReason().toString().isBlank()) {
                letters.put(letter.getSourceOffset(), letter.getErrorType().toString());
            }
        });
        return letters;
    }

    /** Produces the run's records in order on the one partition; returns the valid event ids. */
    static Set<String> produce(String bootstrap, String run, int valid, int invalid, long seed, Map<Long, Mutation> invalidAt,
                               Set<Long> repeatedAt, Map<Mutation, Integer> mutated) throws Exception {
        var serde = AvroSerde.of(ProvisionOccurred.class);
        var other = AvroSerde.of(DeadLetter.class);
        var random = new Random(seed);
        var validIds = new ArrayList<String>(valid);
        int weights = java.util.Arrays.stream(Mutation.values()).mapToInt(m -> m.weight).sum();
        var failed = new AtomicLong();
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer())) {
            int validLeft = valid;
            int invalidLeft = invalid;
            for (int i = 0; i < valid + invalid; i++) {
                Mutation m = null;
                if (invalidLeft > 0 && (validIds.isEmpty() ? false : random.nextInt(validLeft + invalidLeft) < invalidLeft)) {
                    int pick = random.nextInt(weights);
                    for (Mutation candidate : Mutation.values()) {
                        pick -= candidate.weight;
                        if (pick < 0) {
                            m = candidate;
                            break;
                        }
                    }
                }
                byte[] value;
                if (m == null) {
                    String id = run + "-" + i;
                    validIds.add(id);
                    value = serde.encode(occurrence(id, i).build());
                    validLeft--;
                } else {
                    value = mutate(m, run + "-m" + i, i, serde, other, random, validIds);
                    invalidLeft--;
                    mutated.merge(m, 1, Integer::sum);
                }
                Mutation kind = m;
                producer.send(new ProducerRecord<>(Topics.PROVISION_OCCURRED, PIPELINE, value), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    } else if (kind != null && kind.invalid) {
                        invalidAt.put(metadata.offset(), kind);
                    } else if (kind == Mutation.REPEATED) {
                        repeatedAt.add(metadata.offset());
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " fuzz records were not accepted by Kafka");
        }
        return Set.copyOf(validIds);
    }

    static ProvisionOccurred.Builder occurrence(String id, int i) {
        return ProvisionOccurred.newBuilder().setEventId(id).setDirection("PROVIDED").setPipelineId(PIPELINE)
                .setOccurredAt(Instant.now()).setSubjectKey("M-" + (i % 50_000))
                .setSubjectItems(Map.of("氏名", "山田太郎" + (i % 1000), "会員番号", "M-" + (i % 50_000)))
                .setDataItems(List.of("name", "email")).setConsentReference("consent-form#" + i);
    }

    static byte[] mutate(Mutation m, String id, int i, AvroSerde<ProvisionOccurred> serde, AvroSerde<DeadLetter> other,
                         Random random, List<String> validIds) {
        byte[] good = serde.encode(occurrence(id, i).build());
        return switch (m) {
            case TRUNCATED -> java.util.Arrays.copyOf(good, 1 + random.nextInt(good.length - 1));
            case NOT_AVRO -> {
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case EMPTY -> new byte[0];
            case OTHER_RECORD -> other.encode(DeadLetter.newBuilder().setSourceTopic("x").setSourcePartition(0).setSourceOffset(i)
                    .setConsumer("fuzz").setReason("fuzz").setErrorType("FUZZ").setPayloadBytes(0).setRejectedAt(Instant.now()).build());
            case UNKNOWN_DIRECTION -> serde.encode(occurrence(id, i).setDirection("SIDEWAYS").build());
            case NOT_UTF8 -> jp.daicho.testkit.Bytes.notUtf8At(serde.encode(occurrence(id, i).setSubjectKey("M-FUZZ-UTF8").build()), "FUZZ");
            case NO_EVENT_ID -> serde.encode(occurrence("", i).build());
            case UNKNOWN_PIPELINE -> serde.encode(occurrence(id, i).setPipelineId("no-such-pipeline").build());
            case ITEMS_OUTSIDE_PIPELINE -> serde.encode(occurrence(id, i).setDataItems(List.of("name", "medical")).build());
            case RECEIPT_WITHOUT_BASIS -> serde.encode(occurrence(id, i).setDirection("RECEIVED").setPipelineId(null).build());
            case BASIS_NOT_ALLOWED -> serde.encode(occurrence(id, i).setBasis("OPT_OUT").build());
            case REPEATED -> serde.encode(occurrence(validIds.get(random.nextInt(validIds.size())), i).build());
        };
    }

    private ProvisionFuzz() {
    }
}
