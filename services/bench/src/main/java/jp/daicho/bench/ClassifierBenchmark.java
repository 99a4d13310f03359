package jp.daicho.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import jp.daicho.classifier.ClassifierApplication;
import jp.daicho.classifier.ingest.ChangeEvents;
import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.testkit.SyntheticChangeEvents;

/**
 * Classifier throughput against the bare-Kafka ceiling, in one run on one embedded broker: N synthetic
 * Debezium change events for realistic tables, then (a) a bare consumer that reads and deserializes them
 * (UTF-8 strings) and (b) the classifier service consuming the same topics with its production settings.
 * Prints events/s for each and their ratio. Run with {@code bin/daicho-bench classifier --events=N}.
 */
public final class ClassifierBenchmark {

    static final String PREFIX = "bench";
    static final int PARTITIONS = 2;
    /** Extra settings for the classifier under test, e.g. --classifier.spring.kafka.consumer.max-poll-records=500. */
    static final List<String> CLASSIFIER_ARGS = new java.util.ArrayList<>();

    public static void main(String[] args) throws Exception {
        // Phases of several seconds each: under a second, a phase measures the JIT recompiling Kafka's consumer for the
        // consumer it follows in this JVM more than the consumer itself (docs/operations.md, classifier benchmark).
        int events = 2_000_000;
        int rounds = 3;
        int instances = 1;
        for (String arg : args) {
            if (arg.startsWith("--instances=")) {
                instances = Integer.parseInt(arg.substring("--instances=".length()));
            } else if (arg.startsWith("--classifier.")) {
                CLASSIFIER_ARGS.add("--" + arg.substring("--classifier.".length()));
            } else if (arg.startsWith("--events=")) {
                events = Integer.parseInt(arg.substring("--events=".length()));
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring("--rounds=".length()));
            } else if (!arg.equals("classifier")) {
                System.err.println("usage: daicho-bench classifier [--events=2000000] [--rounds=3] [--instances=1] [--classifier.<setting>=<value>...]");
                System.exit(2);
            }
        }
        try (var kafka = EmbeddedKafka.start()) {
            long bytes = produce(kafka.bootstrapServers(), events);
            System.out.printf("%n%d change events, %.1f MB (%d bytes/event on average), %d topics x %d partitions%n",
                    events, bytes / 1e6, bytes / events, SyntheticChangeEvents.realisticTables().size(), PARTITIONS);
            // One unmeasured round first, as JMH warms up: both sides then run compiled code, not the interpreter.
            bareConsumer(kafka.bootstrapServers(), events, "warmup", false, 2000);
            classifier(kafka.bootstrapServers(), events, 0);
            System.out.println("warm-up round done (not counted)");
            double bestBytes = 0;
            double bestStrings = 0;
            double bestClassifier = 0;
            var ratios = new ArrayList<Double>();
            for (int round = 1; round <= rounds; round++) {
                var bareCpu = ProcessCpu.start();
                double bareBytes = bareConsumer(kafka.bootstrapServers(), events, "bytes-" + round, false, 2000);
                bareCpu = bareCpu.stop(events);
                double bareSame = bareConsumer(kafka.bootstrapServers(), events, "bytes500-" + round, false, 500);
                double bareStrings = bareConsumer(kafka.bootstrapServers(), events, "strings-" + round, true, 2000);
                var service = classifier(kafka.bootstrapServers(), events, round);
                double classifier = service.rate();
                var classifierCpu = service.cpu();
                double plain = handlerInPlainLoop(kafka.bootstrapServers(), events, round);
                // The ceiling of the round: the faster of the two bare byte consumers (2,000 or 500 per poll).
                double ceiling = Math.max(bareBytes, bareSame);
                ratios.add(classifier / ceiling);
                System.out.printf("round %d: bare consumer %,.0f events/s (bytes, 2000 per poll), %,.0f (bytes, 500 per poll), "
                                + "%,.0f (UTF-8 strings); classifier %,.0f events/s; ratio classifier/bare %.2f (against the "
                                + "faster bare byte consumer), %.2f (strings)%n",
                        round, bareBytes, bareSame, bareStrings, classifier, classifier / ceiling, classifier / bareStrings);
                System.out.printf("         the classifier's handler in a plain consumer loop (no outputs, no commits but the last): "
                        + "%,.0f events/s; ratio %.2f%n", plain, plain / ceiling);
                System.out.printf("         CPU of this whole process (broker, producers and consumer alike) per event: bare consumer "
                        + "(2,000 per poll) %.2f µs, %.2f of %d cores busy; classifier %.2f µs, %.2f cores busy%n",
                        bareCpu.microsPerEvent(), bareCpu.coresBusy(), Runtime.getRuntime().availableProcessors(),
                        classifierCpu.microsPerEvent(), classifierCpu.coresBusy());
                if (instances > 1) {
                    double together = classifiers(kafka.bootstrapServers(), events, round, instances);
                    System.out.printf("         %d classifier instances in one group, sharing the %d partitions of each topic: "
                            + "%,.0f events/s; %.2f x one instance (%d cores here)%n", instances, PARTITIONS, together,
                            together / classifier, Runtime.getRuntime().availableProcessors());
                }
                bestBytes = Math.max(bestBytes, ceiling);
                bestStrings = Math.max(bestStrings, bareStrings);
                bestClassifier = Math.max(bestClassifier, classifier);
            }
            var sorted = ratios.stream().sorted().toList();
            System.out.printf("%nratio classifier/bare consumer per round, each against the faster bare byte consumer of its round: "
                    + "lowest %.2f, median %.2f, highest %.2f%n", sorted.getFirst(), sorted.get(sorted.size() / 2), sorted.getLast());
            System.out.printf("best of %d rounds: bare consumer %,.0f events/s = %.1f MB/s (bytes), %,.0f events/s "
                            + "(strings); classifier %,.0f events/s; ratio classifier/bare %.2f (bytes), %.2f (strings)%n",
                    rounds, bestBytes, bestBytes * bytes / events / 1e6, bestStrings, bestClassifier,
                    bestClassifier / bestBytes, bestClassifier / bestStrings);
        }
        System.exit(0);
    }

    static long produce(String bootstrap, int count) throws Exception {
        var tables = SyntheticChangeEvents.realisticTables();
        try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(tables.stream().map(t -> new NewTopic(PREFIX + "." + t.schema() + "." + t.table(),
                    PARTITIONS, (short) 1)).toList()).all().get();
        }
        var generator = new SyntheticChangeEvents(42);
        long bytes = 0;
        var failed = new java.util.concurrent.atomic.AtomicLong();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                // Compressed as capture writes them.
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                var t = tables.get(i % tables.size());
                var e = generator.insert(PREFIX, t, i + 1);
                bytes += e.value().getBytes(StandardCharsets.UTF_8).length;
                producer.send(new ProducerRecord<>(e.topic(), e.key(), e.value()), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " benchmark events were not accepted by Kafka");
        }
        return bytes;
    }

    /**
     * (a) the ceiling: poll and deserialize every record, nothing else; as bytes (what the classifier
     * receives) or as UTF-8 strings (what a typical JSON consumer starts from).
     */
    static double bareConsumer(String bootstrap, int count, String name, boolean strings, int maxPollRecords) {
        long[] checksum = {0};
        double rate = drain(bootstrap, "bench-bare-" + name, strings ? new StringDeserializer() : new ByteArrayDeserializer(),
                maxPollRecords, count,
                r -> checksum[0] += r.value() instanceof String text ? text.length() : ((byte[]) r.value()).length);
        if (checksum[0] == 0) {
            throw new IllegalStateException("nothing read");
        }
        return rate;
    }

    /**
     * (c) the classifier's handler in a plain poll loop with the classifier's consumer settings, outputs
     * discarded: what Spring's container and the per-batch commits cost, by difference with (b).
     */
    static double handlerInPlainLoop(String bootstrap, int count, int round) {
        var handler = new jp.daicho.classifier.ingest.ChangeEventHandler(new jp.daicho.classifier.ingest.ChangeEventReader(2048),
                new jp.daicho.classification.FieldClassifier(), new DiscardedOutputs(), 20);
        return drain(bootstrap, "bench-plain-" + round, new ByteArrayDeserializer(), 500, count,
                r -> handler.handle(r.topic(), r.partition(), r.offset(), (byte[]) r.key(), (byte[]) r.value()));
    }

    /**
     * Reads {@code count} events of the benchmark topics in a group of its own, handing each record to
     * {@code each}; the rate counts from the first record (the group join is not part of it).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static double drain(String bootstrap, String group, org.apache.kafka.common.serialization.Deserializer<?> deserializer,
                        int maxPollRecords, int count,
                        java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object>> each) {
        try (var consumer = new KafkaConsumer<Object, Object>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords),
                (org.apache.kafka.common.serialization.Deserializer) deserializer,
                (org.apache.kafka.common.serialization.Deserializer) deserializer)) {
            consumer.subscribe(Pattern.compile(PREFIX + "\\..*"));
            long start = 0;
            long seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(group + " read only " + seen + " of " + count + " events in 5 minutes");
                }
                var records = consumer.poll(Duration.ofMillis(200));
                if (start == 0 && !records.isEmpty()) {
                    start = System.nanoTime();
                }
                for (var r : records) {
                    seen++;
                    each.accept(r);
                }
            }
            consumer.commitSync();
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The classifier's rate, and the process's CPU from its start to its last event (its Spring start left out). */
    record Service(double rate, ProcessCpu cpu) {
    }

    /**
     * (b) the classifier service, production settings. Timed as the bare consumer is, from its first record
     * to the last one handled with its outputs acknowledged by Kafka (the service's own progress, read in
     * this JVM without asking the broker); then, untimed, until its committed offsets reach the end.
     */
    static Service classifier(String bootstrap, int count, int round) throws Exception {
        String group = "bench-classifier-" + round;
        var args = new java.util.ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.kafka.consumer.group-id=" + group,
                "--daicho.classifier.auto-startup=false", "--server.port=0",
                "--daicho.classifier.topic-pattern=" + PREFIX + "\\..*",
                "--logging.level.root=WARN", "--logging.level.jp.daicho=INFO"));
        args.addAll(CLASSIFIER_ARGS);
        try (var context = ClassifierApplication.application().run(args.toArray(String[]::new));
             var admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var ends = endOffsets(admin);
            var changeEvents = context.getBean(ChangeEvents.class);
            var cpu = ProcessCpu.start();
            changeEvents.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            ChangeEvents.Progress progress;
            while ((progress = changeEvents.progress()).acknowledged() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the classifier handled only " + progress.acknowledged() + " of " + count
                            + " events in 5 minutes");
                }
                Thread.sleep(2);
            }
            double rate = count / ((System.nanoTime() - progress.firstRecordNanos()) / 1e9);
            cpu = cpu.stop(count);
            long done;
            while ((done = committed(admin, group, ends.keySet())) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the classifier committed only " + done + " of " + count + " events");
                }
                Thread.sleep(50);
            }
            return new Service(rate, cpu);
        }
    }

    /**
     * (c) several classifier instances in one consumer group, each with its own consumer thread, in this JVM: timed
     * from the first record any of them read to the last one handled by all of them together.
     */
    static double classifiers(String bootstrap, int count, int round, int instances) throws Exception {
        String group = "bench-classifiers-" + round;
        var contexts = new ArrayList<org.springframework.context.ConfigurableApplicationContext>();
        try {
            for (int i = 0; i < instances; i++) {
                var args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrap,
                        "--spring.kafka.consumer.group-id=" + group, "--daicho.classifier.auto-startup=false",
                        "--server.port=0", "--daicho.classifier.topic-pattern=" + PREFIX + "\\..*", "--logging.level.root=WARN"));
                args.addAll(CLASSIFIER_ARGS);
                contexts.add(ClassifierApplication.application().run(args.toArray(String[]::new)));
            }
            var all = contexts.stream().map(c -> c.getBean(ChangeEvents.class)).toList();
            all.forEach(ChangeEvents::start);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            long handled;
            while ((handled = all.stream().mapToLong(e -> e.progress().acknowledged()).sum()) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(instances + " classifiers handled only " + handled + " of " + count
                            + " events in 5 minutes");
                }
                Thread.sleep(2);
            }
            long first = all.stream().mapToLong(e -> e.progress().firstRecordNanos()).filter(n -> n > 0).min().orElseThrow();
            return count / ((System.nanoTime() - first) / 1e9);
        } finally {
            contexts.forEach(org.springframework.context.ConfigurableApplicationContext::close);
        }
    }

    /**
     * The CPU time of this process (every thread: the broker's, the producers', the consumer's) over a phase, from
     * before its consumer starts to its last event: how much of the machine a phase used, beside how fast it went.
     */
    record ProcessCpu(long cpuNanos, long wallNanos, long events) {

        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

        static ProcessCpu start() {
            return new ProcessCpu(OS.getProcessCpuTime(), System.nanoTime(), 0);
        }

        ProcessCpu stop(long events) {
            return new ProcessCpu(OS.getProcessCpuTime() - cpuNanos, System.nanoTime() - wallNanos, events);
        }

        double microsPerEvent() {
            return cpuNanos / 1e3 / events;
        }

        double coresBusy() {
            return (double) cpuNanos / wallNanos;
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        return endOffsets(admin, PREFIX);
    }

    /** The end offsets of the realistic tables' topics under {@code prefix}, {@link #PARTITIONS} each. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, String prefix) throws Exception {
        var partitions = new HashMap<TopicPartition, OffsetSpec>();
        for (var t : SyntheticChangeEvents.realisticTables()) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.put(new TopicPartition(prefix + "." + t.schema() + "." + t.table(), p), OffsetSpec.latest());
            }
        }
        var result = new HashMap<TopicPartition, Long>();
        admin.listOffsets(partitions).all().get().forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    static long committed(Admin admin, String group, java.util.Set<TopicPartition> partitions) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> partitions.contains(e.getKey()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private ClassifierBenchmark() {
    }
}
