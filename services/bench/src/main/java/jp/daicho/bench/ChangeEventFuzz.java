package jp.daicho.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import jp.daicho.classifier.ClassifierApplication;
import jp.daicho.classifier.ingest.ChangeEvents;
import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.events.inventory.FieldClassified;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.SyntheticChangeEvents;

/**
 * Fuzzes the classifier's change-event consumer (issue 16 §3): valid Debezium change events (the JSON converter's
 * form, as {@link SyntheticChangeEvents} writes it after Debezium's PostgreSQL connector) interleaved with mutated
 * ones — truncated, wrong types in the schema and in the row, missing fields, a forged {@code source}, deep nesting,
 * invalid UTF-8, duplicate keys, not JSON at all, empty — and a few that are valid but hostile (huge values). The
 * real classifier service consumes them from a real broker, then is checked: every valid event handled and none of
 * them dead-lettered; every invalid one dead-lettered with a reason (by topic, partition and offset); no partition
 * left behind; the decisions published equal those of a clean run of the valid events alone (so invalid input changed
 * nothing); the service still running; and the valid events' throughput beside the clean run's.
 * {@code bin/daicho-chaos fuzz [--valid=100000] [--invalid=100000] [--seed=16]}.
 */
public final class ChangeEventFuzz {

    /** What was done to an event, and whether the result must be dead-lettered. */
    enum Mutation {
        TRUNCATED(20, true), SCHEMA_WRONG_TYPE(8, true), ROW_WRONG_TYPE(8, true), MISSING_PAYLOAD(6, true),
        MISSING_SOURCE(6, true), FORGED_SOURCE(10, true), DEEP_NESTING(4, true), INVALID_UTF8(10, true),
        DUPLICATE_KEYS(10, true), NOT_JSON(8, true), EMPTY(4, true), HUGE_VALUE(1, false);

        final int weight;
        final boolean invalid;

        Mutation(int weight, boolean invalid) {
            this.weight = weight;
            this.invalid = invalid;
        }
    }

    /** The figures of one run. */
    /** The figures of one run; {@code deadLetters}: each dead letter's error type by where its original is, "" without a reason. */
    record Run(int valid, Map<Mutation, Integer> mutated, Map<String, Mutation> invalidAt, double seconds,
               Map<String, String> decisions, Map<String, String> deadLetters, long committed,
               long endOffsets, boolean alive) {

        double validPerSecond() {
            return valid / seconds;
        }
    }

    static final int PARTITIONS = ClassifierBenchmark.PARTITIONS;

    public static void main(String[] args) throws Exception {
        var options = FuzzOptions.parse(args);
        int valid = options.valid();
        int invalid = options.invalid();
        long seed = options.seed();
        int failures;
        try (var kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                // as a deployment has it: its creation is not the fuzz run's to pay
                admin.createTopics(List.of(new NewTopic(Topics.CHANGE_EVENT_DLQ, PARTITIONS, (short) 1))).all().get();
            }
            // A warm-up run, as the benchmarks do, so that both measured runs run compiled code, the error paths too.
            run(bootstrap, "warm", Math.min(valid, 20_000), Math.min(invalid, 20_000), seed);
            Run clean = run(bootstrap, "clean", valid, 0, seed);
            Run fuzz = run(bootstrap, "fuzz", valid, invalid, seed);
            failures = report(clean, fuzz);
            // §4: Daichō's own topics hold none of the values the sources' rows held (change-event topics do, by nature).
            var scan = rawValues(valid + invalid);
            var leaks = scan.topics(bootstrap, t -> t.startsWith("daicho."));
            // The control: the change-event topics the run wrote, which hold rows by nature, must show the values.
            var control = scan.topics(bootstrap, t -> t.startsWith("fuzz."));
            System.out.println("raw values on daicho.* topics: " + RawValueScan.summary(leaks, "topics")
                    + " (control, the run's change-event topics: " + RawValueScan.summary(control, "topics") + ")");
            boolean seen = control.values().stream().mapToLong(Long::longValue).sum() > 0;
            failures += leaks.values().stream().mapToLong(Long::longValue).sum() == 0 && !leaks.isEmpty() && seen ? 0 : 1;
            System.out.println(failures == 0 ? "fuzz: all checks held" : "fuzz: " + failures + " check(s) failed");
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    static int report(Run clean, Run fuzz) {
        int invalidCount = fuzz.invalidAt().size();
        long hostile = fuzz.mutated().getOrDefault(Mutation.HUGE_VALUE, 0);
        System.out.printf("%nfuzz: %,d valid change events interleaved with %,d mutated ones (%,d of them invalid, %,d valid but "
                + "hostile), seed-determined%n", fuzz.valid(), fuzz.mutated().values().stream().mapToInt(i -> i).sum(),
                invalidCount, hostile);
        System.out.println("mutations: " + fuzz.mutated());
        var missed = new TreeMap<Mutation, Integer>();
        fuzz.invalidAt().forEach((at, m) -> {
            if (!fuzz.deadLetters().containsKey(at)) {
                missed.merge(m, 1, Integer::sum);
            }
        });
        long wronglyRejected = fuzz.deadLetters().keySet().stream().filter(at -> !fuzz.invalidAt().containsKey(at)).count();
        long noReason = fuzz.deadLetters().values().stream().filter(String::isBlank).count();
        var byType = new TreeMap<String, Long>();
        fuzz.deadLetters().values().forEach(type -> byType.merge(type, 1L, Long::sum));
        int failures = 0;
        System.out.printf("invalid events dead-lettered: %,d of %,d%s%n", invalidCount - missed.values().stream().mapToInt(i -> i).sum(),
                invalidCount, missed.isEmpty() ? "" : "; NOT dead-lettered, by mutation: " + missed);
        failures += missed.isEmpty() ? 0 : 1;
        System.out.printf("dead letters by error type: %s; without a reason: %d%n", byType, noReason);
        failures += noReason == 0 ? 0 : 1;
        System.out.printf("valid or hostile-but-valid events dead-lettered: %d%n", wronglyRejected);
        failures += wronglyRejected == 0 ? 0 : 1;
        System.out.printf("partitions: committed %,d of %,d offsets (stalled: %s)%n", fuzz.committed(), fuzz.endOffsets(),
                fuzz.committed() == fuzz.endOffsets() ? "none" : fuzz.endOffsets() - fuzz.committed() + " behind");
        failures += fuzz.committed() == fuzz.endOffsets() ? 0 : 1;
        System.out.printf("classifier service after the run: %s%n", fuzz.alive() ? "running, consumer alive" : "NOT RUNNING");
        failures += fuzz.alive() ? 0 : 1;
        var changed = new TreeSet<String>();
        clean.decisions().forEach((field, decision) -> {
            if (!decision.equals(fuzz.decisions().get(field))) {
                changed.add(field + ": " + decision + " → " + fuzz.decisions().get(field));
            }
        });
        fuzz.decisions().keySet().stream().filter(f -> !clean.decisions().containsKey(f)).forEach(f -> changed.add(f + ": new"));
        System.out.printf("decisions published: %d fields in the clean run, %d in the fuzz run; changed by invalid input: %d%s%n",
                clean.decisions().size(), fuzz.decisions().size(), changed.size(), changed.isEmpty() ? "" : " " + changed);
        failures += changed.isEmpty() ? 0 : 1;
        double ratio = fuzz.validPerSecond() / clean.validPerSecond();
        System.out.printf("valid events' throughput: clean run %,.0f events/s; among the invalid ones %,.0f events/s "
                + "(%,.0f records/s in all); ratio %.2f (target ≥ 0.9)%n", clean.validPerSecond(), fuzz.validPerSecond(),
                (fuzz.valid() + fuzz.mutated().values().stream().mapToInt(i -> i).sum()) / fuzz.seconds(), ratio);
        return failures;
    }

    /** Personal columns of the realistic tables, whose values must never reach a topic of ours. */
    private static final Set<String> PERSONAL = Set.of("氏名", "フリガナ", "email", "電話番号", "住所", "work_email", "diagnosis");

    /**
     * What the runs wrote as personal data: the Japanese names, readings, addresses and diagnoses by equality (four
     * characters or more: a family name alone could be a word of ours), the rows' own e-mail addresses and phone
     * numbers by their shape.
     */
    static RawValueScan rawValues(int rows) {
        var values = new java.util.HashSet<String>();
        for (var table : SyntheticChangeEvents.realisticTables()) {
            for (var column : table.columns()) {
                if (PERSONAL.contains(column.name()) && !column.name().contains("mail") && !column.name().equals("電話番号")) {
                    for (int i = 1; i <= Math.min(rows, 10_000); i++) {
                        String v = String.valueOf(column.value().apply(i));
                        if (v.codePointCount(0, v.length()) >= 4) {
                            values.add(v);
                        }
                    }
                }
            }
        }
        return new RawValueScan(values, Pattern.compile("user\\d+@example\\.jp|emp\\d+@corp\\.example\\.jp|090-\\d{4}-\\d{4}"));
    }

    /** Produces the events of one run on topics of their own, then lets a classifier service consume them. */
    static Run run(String bootstrap, String prefix, int valid, int invalid, long seed) throws Exception {
        var tables = SyntheticChangeEvents.realisticTables();
        try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var names = tables.stream().map(t -> prefix + "." + t.schema() + "." + t.table()).toList();
            admin.createTopics(names.stream().map(n -> new NewTopic(n, PARTITIONS, (short) 1)).toList()).all().get();
            // produced to only once every partition has its leader: a new topic's first sends are otherwise refused
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!led(admin, names)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the fuzz topics have no leaders after 30 s");
                }
                Thread.sleep(50);
            }
        }
        var random = new Random(seed);
        var generator = new SyntheticChangeEvents(seed);
        var invalidAt = new ConcurrentHashMap<String, Mutation>();
        var mutated = new EnumMap<Mutation, Integer>(Mutation.class);
        var failed = new AtomicLong();
        int total = valid + invalid;
        int weights = java.util.Arrays.stream(Mutation.values()).mapToInt(m -> m.weight).sum();
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                // a new partition may refuse the first sends while its leader settles: retried in order, without the
                // idempotent producer's sequence numbers, which the broker then takes for out of order
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            int validLeft = valid;
            int invalidLeft = invalid;
            for (int i = 0; i < total; i++) {
                var table = tables.get(random.nextInt(tables.size()));
                var event = generator.insert(prefix, table, i + 1);
                byte[] key = event.key().getBytes(StandardCharsets.UTF_8);
                byte[] value;
                Mutation mutation = null;
                // The first rows of every table are valid, so that each is sampled and classified as in the clean run.
                boolean mutate = invalidLeft > 0 && i >= 200 && random.nextInt(validLeft + invalidLeft) < invalidLeft;
                if (mutate) {
                    int pick = random.nextInt(weights);
                    for (Mutation m : Mutation.values()) {
                        pick -= m.weight;
                        if (pick < 0) {
                            mutation = m;
                            break;
                        }
                    }
                    value = mutate(mutation, event.value(), random, prefix, tables);
                    invalidLeft--;
                    mutated.merge(mutation, 1, Integer::sum);
                } else {
                    value = event.value().getBytes(StandardCharsets.UTF_8);
                    validLeft--;
                }
                Mutation m = mutation;
                producer.send(new ProducerRecord<>(event.topic(), key, value), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    } else if (m != null && m.invalid) {
                        invalidAt.put(metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset(), m);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " fuzz events were not accepted by Kafka");
        }
        int hostile = mutated.getOrDefault(Mutation.HUGE_VALUE, 0);
        return consume(bootstrap, prefix, valid + hostile, total, mutated, invalidAt);
    }

    /** Whether every partition of the topics has its leader; a topic just created may not be known yet. */
    static boolean led(Admin admin, List<String> topics) throws Exception {
        try {
            return admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    /** The classifier service, production settings, on the run's topics; then what it published and dead-lettered. */
    static Run consume(String bootstrap, String prefix, int valid, int total, Map<Mutation, Integer> mutated,
                       Map<String, Mutation> invalidAt) throws Exception {
        String group = "fuzz-classifier-" + prefix;
        var args = List.of("--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.kafka.consumer.group-id=" + group,
                "--daicho.classifier.auto-startup=false", "--server.port=0",
                "--daicho.classifier.topic-pattern=" + prefix + "\\..*",
                // the dead-letter log lines (one per invalid event) are counted from the topic instead
                "--logging.level.root=WARN");
        try (var context = ClassifierApplication.application().run(args.toArray(String[]::new));
             var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var ends = ClassifierBenchmark.endOffsets(admin, prefix);
            long end = ends.values().stream().mapToLong(Long::longValue).sum();
            var changeEvents = context.getBean(ChangeEvents.class);
            changeEvents.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            ChangeEvents.Progress progress;
            while ((progress = changeEvents.progress()).acknowledged() < total) {
                if (System.nanoTime() > deadline) {
                    break; // reported below as a stalled partition
                }
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - progress.firstRecordNanos()) / 1e9;
            long committed;
            while ((committed = ClassifierBenchmark.committed(admin, group, ends.keySet())) < end
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            boolean alive = context.isRunning() && changeEvents.isRunning();
            return new Run(valid, mutated, invalidAt, seconds, decisions(bootstrap, prefix), deadLetters(bootstrap, prefix),
                    committed, end, alive);
        }
    }

    /** The last decision published for each field of the run's datasets: {@code table.column → item/subject}. */
    static Map<String, String> decisions(String bootstrap, String prefix) {
        var serde = AvroSerde.of(FieldClassified.class);
        var decisions = new TreeMap<String, String>();
        readAll(bootstrap, Topics.FIELD_CLASSIFIED, record -> {
            FieldClassified f = serde.decode(record.value());
            String dataset = f.getDatasetId().toString();
            if (dataset.startsWith(prefix + ".")) {
                decisions.put(dataset.substring(prefix.length() + 1) + "." + f.getColumn(), f.getItem() + "/" + f.getSubject());
            }
        });
        return decisions;
    }

    /** The run's dead letters by {@code topic/partition/offset}: their error types, "" for one without a reason. */
    static Map<String, String> deadLetters(String bootstrap, String prefix) {
        var serde = AvroSerde.of(jp.daicho.events.deadletter.DeadLetter.class);
        var letters = new HashMap<String, String>();
        readAll(bootstrap, Topics.CHANGE_EVENT_DLQ, record -> {
            var letter = serde.decode(record.value());
            if (letter.getSourceTopic().toString().startsWith(prefix + ".")) {
                letters.put(letter.getSourceTopic() + "/" + letter.getSourcePartition() + "/" + letter.getSourceOffset(),
                        letter.getReason() == null || letter.getReason().toString().isBlank() ? ""
                                : letter.getErrorType().toString());
            }
        });
        return letters;
    }

    static void readAll(String bootstrap, String topic,
                        java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> each) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** The row's first value (its key column's: never null). */
    private static final Pattern FIRST_VALUE = Pattern.compile("(\"after\":\\{\"[^\"]+\":)(\"[^\"]*\"|-?\\d+)");
    /** The row's first string value: a column of a string type. */
    private static final Pattern FIRST_STRING_VALUE = Pattern.compile(
            "(\"after\":\\{(?:\"[^\"]+\":(?:-?\\d+(?:\\.\\d+)?|null|true|false),)*\"[^\"]+\":)\"[^\"]*\"");

    /** One event mutated; structure-aware where the mutation needs it (the JSON converter's compact form). */
    static byte[] mutate(Mutation m, String json, Random random, String prefix, List<SyntheticChangeEvents.Table> tables) {
        int payload = json.indexOf(",\"payload\":");
        return switch (m) {
            // cut anywhere: in the schema, in the row, before the last brace
            case TRUNCATED -> json.substring(0, 1 + random.nextInt(json.length() - 1)).getBytes(StandardCharsets.UTF_8);
            // a Connect type no converter writes, in the row's schema
            case SCHEMA_WRONG_TYPE -> json.replaceFirst("\"type\":\"(int64|string|int32)\",\"optional\"",
                    "\"type\":\"int65\",\"optional\"").getBytes(StandardCharsets.UTF_8);
            // a value of another JSON type than its schema says: an object where a string or a number belongs
            case ROW_WRONG_TYPE -> FIRST_VALUE.matcher(json).replaceFirst("$1{\"x\":[1,2]}").getBytes(StandardCharsets.UTF_8);
            case MISSING_PAYLOAD -> json.substring(0, payload).concat("}").getBytes(StandardCharsets.UTF_8);
            case MISSING_SOURCE -> json.replaceFirst(",\"source\":\\{[^}]*\\}", "").getBytes(StandardCharsets.UTF_8);
            // another table of the same source, named in the payload of this table's topic
            case FORGED_SOURCE -> json.replaceFirst("(\"source\":\\{[^}]*\"table\":)\"[^\"]*\"", "$1\"forged_"
                    + tables.get(random.nextInt(tables.size())).table() + "\"").getBytes(StandardCharsets.UTF_8);
            case DEEP_NESTING -> {
                int depth = 2000 + random.nextInt(3000);
                yield json.replaceFirst("\"before\":null", "\"before\":" + "[".repeat(depth) + "]".repeat(depth))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case INVALID_UTF8 -> {
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                int at = payload + 12 + random.nextInt(Math.max(1, bytes.length - payload - 14));
                bytes[at] = (byte) (0xF8 | random.nextInt(8)); // never the first byte of a UTF-8 sequence
                yield bytes;
            }
            case DUPLICATE_KEYS -> json.substring(0, json.length() - 1).concat(",\"payload\":{\"before\":null,\"after\":null,"
                    + "\"op\":\"d\"}}").getBytes(StandardCharsets.UTF_8);
            case NOT_JSON -> {
                byte[] bytes = new byte[1 + random.nextInt(256)];
                random.nextBytes(bytes);
                bytes[0] = (byte) '#';
                yield bytes;
            }
            case EMPTY -> new byte[0];
            // valid but hostile: a 200 KB string where a short one belongs
            case HUGE_VALUE -> FIRST_STRING_VALUE.matcher(json).replaceFirst("$1\"" + "x".repeat(200_000) + "\"")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private ChangeEventFuzz() {
    }
}
