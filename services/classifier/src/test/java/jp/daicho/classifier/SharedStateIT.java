package jp.daicho.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.events.inventory.DatasetObserved;
import jp.daicho.events.inventory.FieldClassified;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.Actuator;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.SyntheticChangeEvents;
import jp.daicho.testkit.UsesRealInfrastructure;

/**
 * Issue 15: classifier instances of one consumer group agree on a dataset's schema version and on a table's neighbours
 * through the compacted dataset-observed topic, not each from its own memory. The instances here each read one table's
 * topic, as partitions can fall, and the source publishes no catalog (a Connect deployment of the company's own).
 */
@UsesRealInfrastructure
class SharedStateIT {

    static final String GROUP = "shared-state-it";
    static final SyntheticChangeEvents.Table ACCOUNTS = SyntheticChangeEvents.ACCOUNTS;
    static final SyntheticChangeEvents.Table CUSTOMERS = SyntheticChangeEvents.CUSTOMERS;
    /** A stray event on the accounts topic: two columns the table does not have. */
    static final SyntheticChangeEvents.Table STRAY = new SyntheticChangeEvents.Table("public", "accounts", List.of(
            new SyntheticChangeEvents.Column("a", "string", "VARCHAR", i -> "?"),
            new SyntheticChangeEvents.Column("b", "string", "VARCHAR", i -> "?")));

    final Infrastructure infra = Infrastructure.shared();
    final SyntheticChangeEvents events = new SyntheticChangeEvents(15);
    final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aTableIsJudgedWithANeighbourOnlyAnotherInstanceSawAndANewInstanceHoldsAStrayVersionOfATableItNeverSaw()
            throws Exception {
        var accountsReader = instance("sharedit\\.public\\.accounts");
        produce(ACCOUNTS, 1, 6);
        await().atMost(Duration.ofSeconds(60)).until(() -> "customer".equals(subjects().get("login")));

        // customers only reaches the other instance; the first learns of it from what the other published.
        instance("sharedit\\.public\\.customers");
        produce(CUSTOMERS, 1, 3);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(subjects()).as("staff logins beside a customer table").containsEntry("login", "employee"));

        // The accounts reader goes; a new instance takes its partition with no memory of accounts, and a stray event
        // arrives before a genuine one. It reads what was published before it reads a change event: the stray waits.
        accountsReader.close();
        var successor = instance("sharedit\\.public\\.accounts");
        produce(STRAY, 7, 7);
        produce(ACCOUNTS, 8, 8);
        String genuine = fingerprints().getFirst();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(fingerprints()).as("the new instance observed the genuine version again").hasSizeGreaterThan(1));
        assertThat(fingerprints()).as("never the stray version").containsOnly(genuine);
        assertThat(Actuator.get(Actuator.base(successor.getEnvironment()), "/actuator/health/readiness", null).status())
                .as("ready: the state topics are read").isEqualTo(200);
    }

    ConfigurableApplicationContext instance(String topics) {
        var context = ClassifierApplication.application().run(Infrastructure.args(Map.of(
                "spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                "spring.kafka.consumer.group-id", GROUP, "server.port", "0",
                "daicho.classifier.topic-pattern", topics)));
        instances.add(context);
        return context;
    }

    void produce(SyntheticChangeEvents.Table table, int from, int to) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = from; i <= to; i++) {
                var e = events.insert("sharedit", table, i);
                producer.send(new ProducerRecord<>(e.topic(), e.key(), e.value())).get();
            }
        }
    }

    /** The latest published subject of each accounts column. */
    Map<String, String> subjects() {
        var serde = AvroSerde.of(FieldClassified.class);
        var latest = new LinkedHashMap<String, String>();
        for (var value : read(Topics.FIELD_CLASSIFIED)) {
            var event = serde.decode(value);
            if (event.getDatasetId().equals("sharedit.public.accounts")) {
                latest.put(event.getColumn(), event.getSubject());
            }
        }
        return latest;
    }

    /** The schema fingerprints published for accounts, in order. */
    List<String> fingerprints() {
        var serde = AvroSerde.of(DatasetObserved.class);
        return read(Topics.DATASET_OBSERVED).stream().map(serde::decode)
                .filter(e -> e.getDatasetId().equals("sharedit.public.accounts"))
                .map(e -> e.getSchemaFingerprint()).toList();
    }

    /** Every value on the topic now, from its beginning. */
    List<byte[]> read(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = infra.consumer()) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            var values = new ArrayList<byte[]>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }
}
