package jp.daicho.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded servers keep their data in a directory of the caller's: what one run wrote, the next reads, after a
 * clean stop and after a run that never stopped its PostgreSQL (killed).
 */
class EmbeddedPersistenceIT {

    @Test
    void postgresKeepsItsDataAcrossRunsAndStopsAServerAKilledRunLeftBehind(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        try (var postgres = EmbeddedPostgres.start(data)) {
            postgres.createDatabase("kept");
            try (Connection c = postgres.dataSource("kept").getConnection(); var s = c.createStatement()) {
                s.execute("create table reviews (field text, reason text)");
                s.execute("insert into reviews values ('氏名', '会員の氏名であることを確認')");
            }
        }
        assertThat(data.resolve("PG_VERSION")).exists();

        // A run killed (SIGKILL) with its server running: the next start finds the server on the directory and stops it.
        var run = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), KilledRun.class.getName(), data.toString())
                .redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // its start-up log
            }
        }
        run.destroyForcibly().waitFor();
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).as("left running").isTrue();
        try (var postgres = EmbeddedPostgres.start(data)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (Connection c = postgres.dataSource("kept").getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("select reason from reviews where field = '氏名'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("会員の氏名であることを確認");
            }
        }
    }

    @Test
    void kafkaKeepsTopicsRecordsAndConsumerOffsetsAcrossRuns(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("kafka");
        try (var kafka = EmbeddedKafka.start(logs)) {
            try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "1", "一件目")).get();
                producer.send(new ProducerRecord<>("kept", "2", "二件目")).get();
            }
            assertThat(read(kafka, "reader", 2)).containsExactly("一件目", "二件目");
        }
        try (var kafka = EmbeddedKafka.start(logs)) {
            try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "3", "三件目")).get();
            }
            // The group resumes where it committed; a new group reads everything the first run wrote.
            assertThat(read(kafka, "reader", 1)).containsExactly("三件目");
            assertThat(read(kafka, "newcomer", 3)).containsExactly("一件目", "二件目", "三件目");
        }
    }

    private static List<String> read(EmbeddedKafka kafka, String group, int expected) {
        var values = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("kept"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
                return values.size() >= expected;
            });
            consumer.commitSync();
        }
        return values;
    }
}
