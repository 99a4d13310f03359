package jp.daicho.classifier.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import jp.daicho.classification.Classification;
import jp.daicho.classification.FieldClassifier;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.SyntheticChangeEvents;

/**
 * The classifier's consumer loop on a real (embedded) Kafka broker: commits only what was handled and
 * acknowledged, reads a batch again after Kafka refused its outputs (publishing them again), picks up new
 * topics by pattern, and resumes after a restart where it stopped.
 */
class ChangeEventLoopIT {

    private final Infrastructure infra = Infrastructure.shared();
    private final String prefix = "loop" + UUID.randomUUID().toString().substring(0, 8);
    private final String group = prefix + "-classifier";

    /**
     * Outputs kept in memory; acknowledging fails as many times as asked (Kafka refusing our outputs). Like
     * Kafka, only outputs can be refused: waiting with nothing sent (an idle poll before the partitions are
     * assigned) succeeds and uses up no refusal.
     */
    static class Outputs extends ChangeEventHandlerTest.Recorded {
        final AtomicInteger refusals;
        final AtomicInteger acknowledgements = new AtomicInteger();
        private int sent;

        Outputs(int refusals) {
            this.refusals = new AtomicInteger(refusals);
        }

        @Override
        public void datasetObserved(String sourceTopic, DatasetSchema schema) {
            super.datasetObserved(sourceTopic, schema);
            sent++;
        }

        @Override
        public void fieldClassified(DatasetSchema schema, String column, Classification c) {
            super.fieldClassified(schema, column, c);
            sent++;
        }

        @Override
        public CompletableFuture<Void> published() {
            if (sent == 0) {
                return CompletableFuture.completedFuture(null);
            }
            sent = 0;
            if (refusals.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new NotEnoughReplicasException("a classifier output"));
            }
            acknowledgements.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }

        List<String> tables() {
            return observed.stream().map(DatasetSchema::table).toList();
        }
    }

    @Test
    void commitsWhatIsAcknowledgedRetriesWhatIsRefusedAndResumesAfterARestart() throws Exception {
        var tables = SyntheticChangeEvents.realisticTables();
        var members = tables.get(0);
        var employees = tables.get(1);
        produce(new SyntheticChangeEvents(1).inserts(prefix, List.of(members), 50));

        var refusing = new Outputs(2);
        var first = start(refusing);
        await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 50);
        // A table that appears while the loop runs is picked up by the topic pattern.
        produce(new SyntheticChangeEvents(2).inserts(prefix, List.of(employees), 30));
        await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 80);
        first.stop();
        assertThat(refusing.refusals.get()).as("both refusals were met and retried").isNegative();
        assertThat(refusing.tables()).as("the refused batch's outputs are published again after each refusal")
                .containsExactly("members", "members", "members", "employees");
        assertThat(refusing.classified).contains("email=email", "氏名=name", "work_email=email");

        // After a restart the group resumes where it stopped: nothing of the first 80 events is read again.
        produce(new SyntheticChangeEvents(3).inserts(prefix, List.of(tables.get(2)), 20));
        var resumed = new Outputs(0);
        var second = start(resumed);
        await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 100);
        second.stop();
        assertThat(resumed.tables()).containsExactly(tables.get(2).table());
        assertThat(resumed.rejected).isEmpty();
    }

    @Test
    void aMalformedEventIsDeadLetteredAndTheRestIsClassified() throws Exception {
        var members = SyntheticChangeEvents.realisticTables().get(0);
        var events = new java.util.ArrayList<>(new SyntheticChangeEvents(4).inserts(prefix, List.of(members), 10));
        var topic = events.getFirst().topic();
        events.add(5, new SyntheticChangeEvents.Event(topic, "{\"id\":6}", "{\"schema\":{\"type\":\"struct\"},\"payload\":"));
        produce(events);

        var outputs = new Outputs(0);
        var loop = start(outputs);
        await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 11);
        loop.stop();
        assertThat(outputs.rejected).hasSize(1);
        assertThat(outputs.tables()).containsExactly("members");
        assertThat(outputs.classified).contains("email=email");
    }

    /**
     * The loop reads on while a batch's outputs are on their way to Kafka (issue 16's fuzzing: waiting for each batch
     * slowed a stream of mostly bad events eightfold), but commits nothing beyond a batch not yet acknowledged.
     */
    @Test
    void readsOnWhileOutputsAreOnTheirWayButCommitsNothingBeyondAnUnacknowledgedBatch() throws Exception {
        var members = SyntheticChangeEvents.realisticTables().get(0);
        var events = new java.util.ArrayList<>(new SyntheticChangeEvents(5).inserts(prefix, List.of(members), 30));
        events.add(25, new SyntheticChangeEvents.Event(events.getFirst().topic(), "{\"id\":26}", "not a change event"));
        produce(events);

        var held = new CompletableFuture<Void>();
        var dismissed = new AtomicInteger();
        var outputs = new Outputs(0) {
            private boolean holding = true;

            @Override
            public CompletableFuture<Void> published() {
                var acknowledged = super.published();
                if (holding && acknowledgements.get() == 1) { // the first batch's outputs: the table observed, classified
                    holding = false;
                    return held;
                }
                return acknowledged;
            }

            @Override
            public void rejected(String topic, int partition, long offset, byte[] value, RejectedEvent reason) {
                super.rejected(topic, partition, offset, value, reason);
                dismissed.incrementAndGet();
            }
        };
        var loop = start(outputs);
        await().atMost(Duration.ofSeconds(60)).until(() -> dismissed.get() == 1); // the 26th event: read past the first batch
        assertThat(committed()).as("nothing committed while the first batch's outputs are unacknowledged").isZero();
        held.complete(null);
        await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 31);
        loop.stop();
        assertThat(outputs.tables()).as("published once: nothing was refused").containsExactly("members");
    }

    /**
     * Sending failed outright while the handler's thread handled a batch (Kafka's buffer full for too long): that batch,
     * those given to the handler after it and those read meanwhile are all read again after the backoff; none is
     * skipped, and what the handler had learnt is published again.
     */
    @Test
    void aBatchWhoseHandlingFailedIsReadAgainWithEveryBatchAfterIt() throws Exception {
        var tables = SyntheticChangeEvents.realisticTables();
        produce(new SyntheticChangeEvents(6).inserts(prefix, List.of(tables.get(0), tables.get(1)), 60));

        var outputs = new Outputs(0) {
            private String failed;

            @Override
            public void fieldClassified(DatasetSchema schema, String column, Classification c) {
                if (failed == null) {
                    failed = schema.table();
                    throw new org.apache.kafka.common.errors.TimeoutException("the producer's buffer stayed full");
                }
                super.fieldClassified(schema, column, c);
            }
        };
        var loop = start(outputs);
        await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 60);
        loop.stop();
        assertThat(outputs.failed).isNotNull();
        assertThat(outputs.tables()).as("the table observed before the failure is observed again after it")
                .containsOnly("members", "employees").filteredOn(outputs.failed::equals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(outputs.classified).contains("email=email", "work_email=email");
        assertThat(outputs.rejected).isEmpty();
    }

    private Running start(Outputs outputs) {
        var handler = new ChangeEventHandler(new ChangeEventReader(2048), new FieldClassifier(), outputs, 5);
        var loop = new ChangeEventLoop(this::consumer, Pattern.compile(Pattern.quote(prefix) + "\\..+"), handler, outputs,
                Duration.ofMillis(100));
        var thread = Thread.ofPlatform().name("loop-under-test").start(loop);
        return new Running(loop, thread);
    }

    record Running(ChangeEventLoop loop, Thread thread) {
        void stop() throws InterruptedException {
            loop.stop();
            thread.join(Duration.ofSeconds(30));
            assertThat(thread.isAlive()).as("the loop ends when stopped").isFalse();
        }
    }

    private Consumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                "bootstrap.servers", infra.kafkaBootstrapServers(),
                "group.id", group,
                "auto.offset.reset", "earliest",
                "enable.auto.commit", false,
                "metadata.max.age.ms", 500,
                "max.poll.records", 7),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void produce(List<SyntheticChangeEvents.Event> events) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (var e : events) {
                producer.send(new ProducerRecord<>(e.topic(), e.key(), e.value())).get();
            }
        }
    }

    /** Offsets the group has committed on this test's topics, summed. */
    private long committed() throws Exception {
        try (var admin = Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().startsWith(prefix + ".") && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }
}
