package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import jp.daicho.capture.CaptureApplication;
import jp.daicho.classification.Classification;
import jp.daicho.classification.FieldClassifier;
import jp.daicho.classifier.ingest.ChangeEventHandler;
import jp.daicho.classifier.ingest.ChangeEventReader;
import jp.daicho.classifier.ingest.DatasetSchema;
import jp.daicho.classifier.ingest.Publications;
import jp.daicho.classifier.ingest.RejectedEvent;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;

/**
 * Issue 13: what Debezium's PostgreSQL connector really writes — inserts, updates, deletes with their tombstones,
 * truncates, logical-decoding messages and heartbeats — recorded live from capture on a real PostgreSQL, then read
 * by the classifier's handler: every event of a table is read (none dead-lettered), tombstones are skipped, and the
 * message and heartbeat topics are outside the classifier's default topic pattern.
 */
@UsesRealInfrastructure
class DebeziumOutputIT {

    static final String DB = "dbz_output";
    static final Pattern CLASSIFIER_TOPICS = Pattern.compile(jp.daicho.classifier.ingest.ClassifierProperties.DEFAULT_TOPIC_PATTERN);

    @Test
    void everyKindOfEventDebeziumWritesIsReadOrKeptOutWithAReason() throws Exception {
        var infra = Infrastructure.shared();
        infra.createDatabase(DB);
        try (var c = infra.connect(DB); var s = c.createStatement()) {
            s.execute("create table if not exists 会員 (id serial primary key, 氏名 text, email text)");
        }
        var recorded = new ArrayList<ConsumerRecord<byte[], byte[]>>();
        try (var consumer = infra.consumer();
             var ignored = CaptureApplication.application().run(Infrastructure.args(Map.of(
                     "daicho.capture.bootstrap-servers", infra.kafkaBootstrapServers(), "server.port", "0",
                     "daicho.capture.sources[0].name", "dbzout",
                     "daicho.capture.sources[0].host", infra.postgresHost(),
                     "daicho.capture.sources[0].port", Integer.toString(infra.postgresPort()),
                     "daicho.capture.sources[0].database", DB,
                     "daicho.capture.sources[0].user", infra.postgresUser(),
                     "daicho.capture.sources[0].password", infra.postgresPassword(),
                     // Truncates are skipped by default; heartbeats are off by default.
                     "daicho.capture.sources[0].debezium[skipped.operations]", "none",
                     "daicho.capture.sources[0].debezium[heartbeat.interval.ms]", "300")))) {
            consumer.subscribe(Pattern.compile("dbzout\\..*|__debezium-heartbeat\\.dbzout"));
            // The changes are made once capture streams: made earlier, they would only show in the snapshot.
            await().atMost(Duration.ofSeconds(60)).until(() -> streaming(infra, "daicho_dbzout"));
            try (var c = infra.connect(DB); var s = c.createStatement()) {
                s.execute("insert into 会員 (氏名, email) values ('山田太郎', 'taro@example.jp')");
                s.execute("update 会員 set email = 'yamada@example.jp'");
                s.execute("delete from 会員");
                s.execute("truncate 会員");
                s.execute("select pg_logical_emit_message(true, 'daicho-it', '山田太郎の書いたメモ')");
            }
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(recorded::add);
                assertThat(recorded).extracting(ConsumerRecord::topic)
                        .contains("dbzout.public._u4f1a_u54e1", "dbzout.message", "__debezium-heartbeat.dbzout");
                assertThat(recorded).filteredOn(r -> r.topic().equals("dbzout.public._u4f1a_u54e1")).hasSizeGreaterThanOrEqualTo(5);
            });
        }

        var tableEvents = recorded.stream().filter(r -> CLASSIFIER_TOPICS.matcher(r.topic()).matches()).toList();
        assertThat(tableEvents).extracting(ConsumerRecord::topic).containsOnly("dbzout.public._u4f1a_u54e1");
        assertThat(ops(tableEvents)).containsSubsequence("c", "u", "d", "tombstone", "t");

        var out = new Outputs();
        var handler = new ChangeEventHandler(new ChangeEventReader(2048), new FieldClassifier(), out, 5);
        for (var r : tableEvents) {
            handler.handle(r.topic(), r.partition(), r.offset(), r.key(), r.value());
        }
        assertThat(out.rejected).isEmpty();
        assertThat(out.observed).containsExactly("dbzout.public.会員");
        assertThat(out.classified).contains("email=email", "氏名=name");
    }

    static boolean streaming(Infrastructure infra, String slot) throws Exception {
        try (var c = infra.connect(DB); var s = c.prepareStatement("select active from pg_replication_slots where slot_name = ?")) {
            s.setString(1, slot);
            try (var rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Each record's operation, "tombstone" for a record without a value. */
    static List<String> ops(List<ConsumerRecord<byte[], byte[]>> records) {
        var ops = new ArrayList<String>();
        var op = Pattern.compile("\"op\":\"(\\w)\"");
        for (var r : records) {
            if (r.value() == null) {
                ops.add("tombstone");
            } else {
                var m = op.matcher(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
                ops.add(m.find() ? m.group(1) : "?");
            }
        }
        return ops;
    }

    static final class Outputs implements Publications {
        final List<String> observed = new ArrayList<>();
        final List<String> classified = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();

        @Override
        public void datasetObserved(String sourceTopic, DatasetSchema schema) {
            observed.add(schema.datasetId());
        }

        @Override
        public void datasetDropped(String sourceTopic, DatasetSchema lastKnown) {
        }

        @Override
        public void fieldClassified(DatasetSchema schema, String column, Classification c) {
            classified.add(column + "=" + c.item().code());
        }

        @Override
        public void rejected(String topic, int partition, long offset, byte[] value, RejectedEvent reason) {
            rejected.add(reason.errorType() + ": " + reason.getMessage());
        }
    }
}
