package jp.daicho.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.events.inventory.DatasetObserved;
import jp.daicho.events.inventory.FieldClassified;
import jp.daicho.events.inventory.ObservedColumn;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Our events on a real Kafka into a real PostgreSQL, read back over REST. */
@UsesRealInfrastructure
class InventoryIT {

    static Infrastructure infra;
    static ConfigurableApplicationContext app;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        infra = Infrastructure.shared();
        // Fail fast on a missing database, so that the outage test exercises the retry backoff.
        app = RunningInventory.start(infra, "inventory_it", Map.of("spring.datasource.hikari.connection-timeout", "1000"));
        base = RunningInventory.url(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void eventsAppliedTwiceGiveOneRowEachAndGarbageIsDeadLettered() throws Exception {
        var observed = observed("it.public.会員", "fp1", "id", "氏名", "email");
        var wider = observed("it.public.会員", "fp2", "id", "氏名", "email", "電話番号");
        var classified = classified("it.public.会員", "email", "email", "fp1");
        try (var producer = producer()) {
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(Topics.DATASET_OBSERVED, "it.public.会員", observed)).get();
                producer.send(new ProducerRecord<>(Topics.FIELD_CLASSIFIED, "it.public.会員/email", classified)).get();
            }
            producer.send(new ProducerRecord<>(Topics.FIELD_CLASSIFIED, "junk", "not avro".getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.DATASET_OBSERVED, "it.public.会員", wider)).get();
            producer.send(new ProducerRecord<>(Topics.DATASET_OBSERVED, "it.public.会員", observed)).get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode d = get("/api/datasets/" + URLEncoder.encode("it.public.会員", StandardCharsets.UTF_8));
            assertThat(d.get("schemaVersion").asInt()).isEqualTo(2);
            assertThat(d.get("versions")).hasSize(2);
            assertThat(d.get("fields")).extracting(f -> f.get("name").asString())
                    .containsExactly("id", "氏名", "email", "電話番号");
            assertThat(d.at("/fields/2/classification/item").asString()).isEqualTo("email");
            assertThat(d.at("/fields/3/sinceVersion").asInt()).isEqualTo(2);
        });
        try (var c = infra.connect("inventory_it"); var s = c.createStatement()) {
            var rs = s.executeQuery("select (select count(*) from dataset where id = 'it.public.会員'), "
                    + "(select count(*) from field where dataset_id = 'it.public.会員'), "
                    + "(select count(*) from field_classification where dataset_id = 'it.public.会員')");
            rs.next();
            assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).containsExactly(1, 4, 1);
        }
        assertThat(get("/api/fields?item=email")).extracting(f -> f.get("field").asString()).containsExactly("email");

        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "inventory-it-dlq",
                org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FIELD_CLASSIFIED_DLQ));
            var letters = new java.util.ArrayList<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(letters::add);
                assertThat(letters).extracting(r -> r.key()).containsExactly("junk");
            });
            String reason = new String(letters.getFirst().headers().lastHeader(Topics.DLQ_REASON_HEADER).value(),
                    StandardCharsets.UTF_8);
            assertThat(reason).contains("Not a readable jp.daicho.events.inventory.FieldClassified record");
            // The one dead-letter form, keeping the value for replay: the inventory's topics carry no personal values.
            var letter = jp.daicho.schemas.AvroSerde.of(jp.daicho.events.deadletter.DeadLetter.class).decode(letters.getFirst().value());
            assertThat(letter.getSourceTopic()).isEqualTo(Topics.FIELD_CLASSIFIED);
            assertThat(letter.getConsumer()).isEqualTo("inventory/" + Topics.FIELD_CLASSIFIED);
            assertThat(letter.getErrorType()).isEqualTo("NOT_READABLE");
            assertThat(new String(letter.getPayload().array(), StandardCharsets.UTF_8)).isEqualTo("not avro");
        }
    }

    @Test
    void automationNeverReplacesADecisionAPersonMade() throws Exception {
        String id = "it.public.staff";
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.DATASET_OBSERVED, id, observed(id, "s1", "id", "memo"))).get();
            producer.send(new ProducerRecord<>(Topics.FIELD_CLASSIFIED, id + "/memo", classified(id, "memo", "none", "s1"))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/datasets/" + id).at("/fields/1/classification/item").asString()).isEqualTo("none"));
        try (var c = infra.connect("inventory_it"); var s = c.createStatement()) {
            // What the DPO's review will do (issue 4): confirm the field as free text about employees.
            s.execute("update field_classification set item = 'free_text', subject = 'employee', review_state = 'OVERRIDDEN' "
                    + "where dataset_id = '" + id + "' and field_name = 'memo'");
        }
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.FIELD_CLASSIFIED, id + "/memo", classified(id, "memo", "email", "s1"))).get();
            producer.send(new ProducerRecord<>(Topics.DATASET_OBSERVED, id, observed(id, "s2", "id", "memo", "note"))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/datasets/" + id).get("schemaVersion").asInt()).isEqualTo(2));
        awaitConsumed(Topics.FIELD_CLASSIFIED);
        JsonNode memo = get("/api/datasets/" + id).at("/fields/1");
        assertThat(memo.at("/classification/item").asString()).isEqualTo("free_text");
        assertThat(memo.at("/classification/reviewState").asString()).isEqualTo("OVERRIDDEN");
    }

    @Test
    void aDatabaseOutageDelaysEventsButDeadLettersNone() throws Exception {
        String id = "it.public.outage";
        try (var c = infra.connect("postgres"); var s = c.createStatement()) {
            s.execute("alter database inventory_it allow_connections false");
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'inventory_it'");
        }
        try {
            var attempts = app.getBean(jp.daicho.inventory.ingest.FailedAttempts.class);
            long before = attempts.count();
            try (var producer = producer()) {
                producer.send(new ProducerRecord<>(Topics.DATASET_OBSERVED, id, observed(id, "o1", "id", "email"))).get();
            }
            // More than a handful of quick retries: the listener fails, backs off (0.5, 1, 2, 4 s…) and tries again.
            await().atMost(Duration.ofSeconds(60)).until(() -> attempts.count() - before >= 5);
        } finally {
            try (var c = infra.connect("postgres"); var s = c.createStatement()) {
                s.execute("alter database inventory_it allow_connections true");
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("/api/datasets/" + id).get("schemaVersion").asInt()).isEqualTo(1));
        try (var consumer = infra.consumer()) {
            consumer.subscribe(List.of(Topics.DATASET_OBSERVED_DLQ));
            var letters = new java.util.ArrayList<String>();
            long until = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < until) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> letters.add(new String(r.key(), StandardCharsets.UTF_8)));
            }
            assertThat(letters).doesNotContain(id);
        }
    }

    @Test
    void badQueriesSayWhatIsWrong() throws Exception {
        var unknownItem = http.send(jp.daicho.testkit.DemoUsers.asDpo(URI.create(base + "/api/fields?item=emial")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownItem.statusCode()).isEqualTo(400);
        assertThat(unknownItem.body()).contains("Unknown item 'emial'", "email");

        var missing = http.send(jp.daicho.testkit.DemoUsers.asDpo(URI.create(base + "/api/datasets/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("No dataset 'nope'");

        // A value of the wrong form says which parameter and the form to use, not Spring's "Failed to convert".
        var badDate = http.send(jp.daicho.testkit.DemoUsers.asDpo(URI.create(base + "/api/datasets?asOf=2026-13-45")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("asOf '2026-13-45' must be a date (2026-04-01: the end of that day in Japan)");
        var badDateJa = http.send(jp.daicho.testkit.DemoUsers.asDpo(URI.create(base + "/api/datasets?asOf=2026-13-45"))
                .header("Accept-Language", "ja").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(badDateJa.body()).contains("asOf '2026-13-45' は日付（2026-04-01、日本時間のその日の終わり）");
        var badBody = http.send(jp.daicho.testkit.DemoUsers.asDpo(URI.create(base + "/api/parties"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\": ")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(badBody.body()).contains("The body is not the JSON this endpoint expects", "docs/api.md");
    }

    /** Waits until the inventory's consumer group has committed every record of the topic. */
    static void awaitConsumed(String topic) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of(
                "bootstrap.servers", infra.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
                var ends = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                        p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
                var committed = admin.listConsumerGroupOffsets("inventory-it").partitionsToOffsetAndMetadata().get();
                for (var p : partitions) {
                    assertThat(committed.get(p)).as("committed offset of %s", p).isNotNull();
                    assertThat(committed.get(p).offset()).isEqualTo(ends.get(p).offset());
                }
            });
        }
    }

    static JsonNode get(String path) throws Exception {
        var response = http.send(jp.daicho.testkit.DemoUsers.asDpo(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    static byte[] observed(String id, String fingerprint, String... columns) {
        var cols = new java.util.ArrayList<ObservedColumn>();
        for (int i = 0; i < columns.length; i++) {
            cols.add(ObservedColumn.newBuilder().setName(columns[i]).setPosition(i + 1).setSqlType("TEXT")
                    .setOptional(true).setPrimaryKey(i == 0).build());
        }
        return AvroSerde.of(DatasetObserved.class).encode(DatasetObserved.newBuilder().setDatasetId(id)
                .setSourceTopic("it.public._u4f1a_u54e1").setSystem("it").setDatabase("shop").setSchemaName("public")
                .setTable("会員").setSchemaFingerprint(fingerprint).setColumns(cols).setObservedAt(Instant.now()).build());
    }

    static byte[] classified(String id, String column, String item, String fingerprint) {
        return AvroSerde.of(FieldClassified.class).encode(FieldClassified.newBuilder().setDatasetId(id)
                .setColumn(column).setSchemaFingerprint(fingerprint).setItem(item).setSubject("customer")
                .setSensitive(false).setConfidence(0.9).setEvidence(List.of("column-name:email"))
                .setSampleCount(1).setClassifierVersion("test").setClassifiedAt(Instant.now()).build());
    }

    static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
