package jp.daicho.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import jp.daicho.events.deadletter.DeadLetter;
import jp.daicho.events.inventory.DatasetObserved;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import jp.daicho.testkit.SyntheticChangeEvents;

/** A malformed change event on a real Kafka: one dead letter with its reason, and the stream goes on. */
@UsesRealInfrastructure
class DeadLetterIT {

    @Test
    void malformedEventGoesToTheDeadLetterTopicAndLaterEventsAreProcessed() throws Exception {
        var infra = Infrastructure.shared();
        var tables = SyntheticChangeEvents.realisticTables();
        var events = new SyntheticChangeEvents(5);
        var before = events.insert("dlqit", tables.get(0), 1);
        var after = events.insert("dlqit", tables.get(1), 2);
        String secret = "{\"payload\": 山田太郎 taro@example.jp";

        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(before.topic(), before.key(), before.value())).get();
            producer.send(new ProducerRecord<>(before.topic(), null, secret)).get();
            producer.send(new ProducerRecord<>(after.topic(), after.key(), after.value())).get();
        }

        try (var ignored = ClassifierApplication.application().run(Infrastructure.args(Map.of(
                "spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                "spring.kafka.consumer.group-id", "dlq-it", "server.port", "0",
                "daicho.classifier.topic-pattern", "dlqit\\..*")));
             var consumer = infra.consumer()) {
            consumer.subscribe(List.of(Topics.CHANGE_EVENT_DLQ, Topics.DATASET_OBSERVED));
            var seen = new ArrayList<ConsumerRecord<byte[], byte[]>>();
            var observed = AvroSerde.of(DatasetObserved.class);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                assertThat(seen.stream().filter(r -> r.topic().equals(Topics.DATASET_OBSERVED))
                        .map(r -> observed.decode(r.value()).getDatasetId()))
                        .contains("dlqit.public.members", "dlqit.public.employees");
                assertThat(seen).anyMatch(r -> r.topic().equals(Topics.CHANGE_EVENT_DLQ));
            });

            var letters = seen.stream().filter(r -> r.topic().equals(Topics.CHANGE_EVENT_DLQ))
                    .map(r -> AvroSerde.of(DeadLetter.class).decode(r.value()))
                    .filter(l -> l.getSourceTopic().startsWith("dlqit.")).toList();
            assertThat(letters).hasSize(1);
            var letter = letters.getFirst();
            assertThat(letter.getSourceTopic()).isEqualTo(before.topic());
            assertThat(letter.getSourceOffset()).isEqualTo(1);
            assertThat(letter.getErrorType()).isEqualTo("NOT_JSON");
            assertThat(letter.getReason()).contains("not valid JSON").doesNotContain("山田", "taro");
            var header = seen.stream().filter(r -> r.topic().equals(Topics.CHANGE_EVENT_DLQ)).findFirst().orElseThrow()
                    .headers().lastHeader(Topics.DLQ_REASON_HEADER);
            assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo(letter.getReason());
        }
    }

}
