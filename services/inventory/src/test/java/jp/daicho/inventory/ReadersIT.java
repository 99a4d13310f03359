package jp.daicho.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.events.pipelines.ViolationRaised;
import jp.daicho.inventory.datasets.RecordObservations;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19 §1 on a real Kafka and PostgreSQL: a consumer group reading a topic of members' personal data with no
 * pipeline naming it is flagged with the items it can read, within seconds; one a pipeline names is not; the flag clears
 * when the group is deleted; the DPO can accept a reader as internal use, with a reason.
 */
@UsesRealInfrastructure
class ReadersIT {

    static final String MEMBERS = "rd.public.members";
    static final String PRODUCTS = "rd.public.products";
    static ConfigurableApplicationContext app;
    static String base;
    static Admin kafka;

    @BeforeAll
    static void start() throws Exception {
        var infra = Infrastructure.shared();
        app = RunningInventory.start(infra, "readers_it", Map.of("daicho.inventory.readers.interval", "PT1S"));
        base = RunningInventory.url(app);
        var record = app.getBean(RecordObservations.class);
        PipelinesIT.dataset(record, MEMBERS, "rd", "members", "id", "email", "氏名");
        PipelinesIT.classify(record, MEMBERS, "email", "email", "customer", false);
        PipelinesIT.classify(record, MEMBERS, "氏名", "name", "customer", false);
        PipelinesIT.dataset(record, PRODUCTS, "rd", "products", "sku");
        PipelinesIT.classify(record, PRODUCTS, "sku", "none", "none", false);
        PipelinesIT.ok(PipelinesIT.call(base, "dpo", "POST", "/api/systems", """
                {"name": "rd", "kind": "DATABASE", "ownerDepartment": "情報システム部", "hostingCountry": "JP", "operatedBy": "US"}"""), 201);
        kafka = Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()));
        kafka.createTopics(List.of(new NewTopic(MEMBERS, 1, (short) 1), new NewTopic(PRODUCTS, 1, (short) 1))).all().get();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (app != null) {
            app.close();
        }
    }

    /** A consumer group that has read {@code topic}: its committed offset, as any consumer leaves it. */
    static void groupReads(String group, String topic) throws Exception {
        kafka.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0))).all().get();
    }

    static HttpResponseJson call(String user, String method, String path, String body) throws Exception {
        var response = PipelinesIT.call(base, user, method, path, body);
        return new HttpResponseJson(response.statusCode(), response.body());
    }

    record HttpResponseJson(int status, String body) {
        JsonNode json() {
            return PipelinesIT.json.readTree(body);
        }
    }

    static JsonNode reader(String identity) throws Exception {
        for (JsonNode r : call("auditor", "GET", "/api/readers", null).json()) {
            if (r.get("identity").asString().equals(identity)) {
                return r;
            }
        }
        return null;
    }

    static List<JsonNode> openFlows(String reader) throws Exception {
        var open = new java.util.ArrayList<JsonNode>();
        call("auditor", "GET", "/api/violations?open=true", null).json().forEach(v -> {
            if (reader.equals(v.path("reader").asString(null))) {
                open.add(v);
            }
        });
        return open;
    }

    @Test
    void anUndeclaredConsumerGroupIsFlaggedWithWhatItReadsAndTheFlagClearsWhenTheGroupIsDeleted() throws Exception {
        groupReads("undeclared-export", MEMBERS);
        groupReads("catalogue-sync", PRODUCTS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var r = reader("consumer_group:undeclared-export");
            assertThat(r).isNotNull();
            assertThat(r.get("status").asString()).isEqualTo("UNREGISTERED");
            assertThat(r.get("datasets")).extracting(JsonNode::asString).containsExactly(MEMBERS);
            assertThat(r.get("items")).extracting(JsonNode::asString).containsExactly("email", "name");
            assertThat(openFlows("consumer_group:undeclared-export")).singleElement().satisfies(v -> {
                assertThat(v.get("rule").asString()).isEqualTo("unregistered-flow");
                assertThat(v.get("pipelineId").isNull()).isTrue();
                assertThat(v.get("datasetId").asString()).isEqualTo(MEMBERS);
                assertThat(v.get("message").asString()).contains("メールアドレス", "氏名", "customer",
                        "readers: [{consumer_group: undeclared-export}]");
                assertThat(v.get("clause").asString()).contains("Art. 18(1), 27(1)");
            });
        });
        assertThat(reader("consumer_group:catalogue-sync")).as("reads nothing personal").isNull();
        var events = PipelinesIT.events(Topics.VIOLATION_RAISED, ViolationRaised.class,
                e -> "consumer_group:undeclared-export".equals(e.getReader()), 1);
        assertThat(events.getFirst().getPipelineId()).isNull();
        assertThat(events.getFirst().getRule()).isEqualTo("unregistered-flow");

        kafka.deleteConsumerGroups(List.of("undeclared-export")).all().get();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(reader("consumer_group:undeclared-export")).isNull();
            assertThat(openFlows("consumer_group:undeclared-export")).isEmpty();
        });
    }

    @Test
    void aGroupThePipelineNamesIsRegisteredAndNeverFlagged() throws Exception {
        PipelinesIT.ok(PipelinesIT.call(base, "dpo", "POST", "/api/parties", """
                {"id": "mail-co", "kind": "CONTRACTOR", "name": "配信株式会社", "country": "JP", "contractReference": "委託契約 1"}"""), 201);
        PipelinesIT.ok(PipelinesIT.call(base, "engineer", "POST", "/api/pipelines", """
                id: member-mail
                owner: mail@example.jp
                source: [{dataset: rd.public.members, fields: [email]}]
                destination: {party: mail-co}
                purposes: {customer: [contact]}
                legal_basis: ENTRUSTMENT
                readers: [{consumer_group: mail-sync}]
                """), 201);
        groupReads("mail-sync", MEMBERS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var r = reader("consumer_group:mail-sync");
            assertThat(r).isNotNull();
            assertThat(r.get("status").asString()).isEqualTo("REGISTERED");
            assertThat(r.get("pipelines")).extracting(JsonNode::asString).containsExactly("member-mail");
        });
        assertThat(openFlows("consumer_group:mail-sync")).isEmpty();

        // A manifest naming a reader wrongly is refused with where and what to write.
        var bad = PipelinesIT.call(base, "engineer", "POST", "/api/pipelines", """
                id: bad-readers
                owner: mail@example.jp
                source: [{dataset: rd.public.members, fields: [email]}]
                destination: {party: mail-co}
                purposes: {customer: [contact]}
                legal_basis: ENTRUSTMENT
                readers: [{consumer_group: a, database_role: b}, {topic: c}]
                """);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("name each reader by exactly one of consumer_group", "unknown key");
    }

    @Test
    void theDpoAcceptsAReaderAsInternalUseWithAReasonAndCanWithdrawIt() throws Exception {
        groupReads("bi-dashboard", MEMBERS);
        await().atMost(Duration.ofSeconds(30)).until(() -> openFlows("consumer_group:bi-dashboard").size() == 1);

        var noReason = call("dpo", "POST", "/api/readers/accept", "{\"kind\": \"CONSUMER_GROUP\", \"name\": \"bi-dashboard\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason (why it is the company's internal use) is missing");
        assertThat(call("engineer", "POST", "/api/readers/accept",
                "{\"kind\": \"CONSUMER_GROUP\", \"name\": \"bi-dashboard\", \"reason\": \"x\"}").status()).isEqualTo(403);
        var accepted = call("dpo", "POST", "/api/readers/accept",
                "{\"kind\": \"consumer_group\", \"name\": \"bi-dashboard\", \"reason\": \"社内の売上集計（会員数のみ、個人は出力しない）\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().get("acceptedBy").asString()).isEqualTo("dpo");
        assertThat(openFlows("consumer_group:bi-dashboard")).isEmpty();

        var withdrawn = call("dpo", "POST", "/api/readers/withdraw", "{\"kind\": \"CONSUMER_GROUP\", \"name\": \"bi-dashboard\"}");
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(openFlows("consumer_group:bi-dashboard")).as("judged again at once").hasSize(1);
    }

    /**
     * What capture reports of a source: a replication slot reading the members is flagged like a consumer group; a report
     * keyed by another source, or naming tables of another source, is dead-lettered and changes nothing.
     */
    @Test
    void aSlotCaptureReportsIsFlaggedAndAForgedReportIsRefused() throws Exception {
        var serde = jp.daicho.schemas.AvroSerde.of(jp.daicho.events.catalog.SourceReadersObserved.class);
        java.util.function.BiFunction<String, String, byte[]> report = (source, dataset) -> serde.encode(
                jp.daicho.events.catalog.SourceReadersObserved.newBuilder().setSource(source)
                        .setReaders(List.of(jp.daicho.events.catalog.SourceReader.newBuilder().setKind("REPLICATION_SLOT")
                                .setName("etl_slot").setDatasets(List.of(dataset)).setDetail("logical slot, plugin pgoutput, active")
                                .build())).setObservedAt(java.time.Instant.now()).build());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(Map.of("bootstrap.servers",
                Infrastructure.shared().kafkaBootstrapServers()), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            // Forged: keyed as another source, and a report of "rd" naming another source's table.
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.SOURCE_READERS_OBSERVED, "other",
                    report.apply("rd", MEMBERS))).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.SOURCE_READERS_OBSERVED, "rd",
                    report.apply("rd", "shop.public.members"))).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.SOURCE_READERS_OBSERVED, "rd",
                    report.apply("rd", MEMBERS))).get();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var r = reader("replication_slot:etl_slot");
                assertThat(r).isNotNull();
                assertThat(r.get("sources")).extracting(JsonNode::asString).containsExactly("source:rd");
                assertThat(r.get("datasets")).extracting(JsonNode::asString).containsExactly(MEMBERS);
                assertThat(openFlows("replication_slot:etl_slot")).hasSize(1);
            });
            var dead = new java.util.ArrayList<String>();
            try (var consumer = Infrastructure.shared().consumer()) {
                consumer.subscribe(List.of(Topics.SOURCE_READERS_OBSERVED + ".dlq"));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                        var reason = r.headers().lastHeader(Topics.DLQ_REASON_HEADER);
                        dead.add(reason == null ? "" : new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8));
                    });
                    assertThat(dead).hasSizeGreaterThanOrEqualTo(2);
                });
            }
            // The slot gone (the source reports no reader): the flag clears.
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.SOURCE_READERS_OBSERVED, "rd",
                    serde.encode(jp.daicho.events.catalog.SourceReadersObserved.newBuilder().setSource("rd").setReaders(List.of())
                            .setObservedAt(java.time.Instant.now()).build()))).get();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(openFlows("replication_slot:etl_slot")).isEmpty());
        }
    }

    /** A topic a pipeline declares it writes to carries that pipeline's data: a group reading it unnamed is flagged too. */
    @Test
    void aGroupReadingATopicAPipelineWritesToReadsThePipelinesDatasets() throws Exception {
        kafka.createTopics(List.of(new NewTopic("exports.member-list", 1, (short) 1))).all().get();
        PipelinesIT.ok(PipelinesIT.call(base, "engineer", "POST", "/api/pipelines", """
                id: member-export
                owner: data@example.jp
                source: [{dataset: rd.public.members, fields: [email, 氏名]}]
                destination: {system: rd}
                purposes: {customer: [service]}
                legal_basis: INTERNAL
                topics: [exports.member-list]
                """), 201);
        groupReads("downstream-bi", "exports.member-list");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var r = reader("consumer_group:downstream-bi");
            assertThat(r).isNotNull();
            assertThat(r.get("status").asString()).isEqualTo("UNREGISTERED");
            assertThat(r.get("datasets")).extracting(JsonNode::asString).containsExactly(MEMBERS);
        });
        var bad = PipelinesIT.call(base, "engineer", "POST", "/api/pipelines", """
                id: bad-topic
                owner: data@example.jp
                source: [{dataset: rd.public.members, fields: [email]}]
                destination: {system: rd}
                purposes: {customer: [service]}
                legal_basis: INTERNAL
                topics: [exports/members]
                """);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("'exports/members' is not a Kafka topic name");
    }
}
