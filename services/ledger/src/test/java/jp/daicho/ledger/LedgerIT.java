package jp.daicho.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.events.deadletter.DeadLetter;
import jp.daicho.events.ledger.LedgerCheckpointed;
import jp.daicho.events.ledger.ProvisionOccurred;
import jp.daicho.events.ledger.Provider;
import jp.daicho.events.pipelines.PipelineRegistered;
import jp.daicho.events.pipelines.Recipient;
import jp.daicho.events.pipelines.ViolationRaised;
import jp.daicho.ledger.retention.PurgeExpired;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.DemoUsers;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger on embedded real Kafka and PostgreSQL: occurrences from Kafka, REST and an outbox's change
 * events; what is recorded, exempt or refused (dead letter and violation); exports with their digest and
 * log; the append-only roles; tampering found by verification; the purge of expired records.
 */
@UsesRealInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerIT {

    static final String DB = "ledger_it";
    static Infrastructure infra;
    static ConfigurableApplicationContext app;
    static String base;
    static KafkaProducer<String, byte[]> producer;
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static final AvroSerde<ProvisionOccurred> occurrences = AvroSerde.of(ProvisionOccurred.class);

    @BeforeAll
    static void start() {
        infra = Infrastructure.shared();
        infra.createDatabase(DB);
        app = LedgerApplication.application().run(Infrastructure.args(Map.of(
                "spring.datasource.url", infra.jdbcUrl(DB),
                "spring.datasource.username", infra.postgresUser(),
                "spring.datasource.password", infra.postgresPassword(),
                "spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                "spring.kafka.consumer.group-id", "ledger-it",
                "server.port", "0",
                "daicho.ledger.recording.checkpoint-every", "3",
                // The chain is verified in three stretches at once even here, so that tampering across their
                // bounds is found as in one walk.
                "daicho.ledger.verify.parallelism", "3",
                "daicho.ledger.verify.min-segment", "1",
                "spring.profiles.active", DemoUsers.PROFILE)));
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        var props = new Properties();
        props.put("bootstrap.servers", infra.kafkaBootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        var pipelines = AvroSerde.of(PipelineRegistered.class);
        send(Topics.PIPELINE_REGISTERED, pipelines.encode(pipeline("partner-share", "CONSENT", null, "JP", null,
                List.of("name", "email", "medical"))));
        send(Topics.PIPELINE_REGISTERED, pipelines.encode(pipeline("list-broker", "OPT_OUT", null, "JP", null,
                List.of("name", "address", "medical"))));
        send(Topics.PIPELINE_REGISTERED, pipelines.encode(pipeline("crm-mailer", "ENTRUSTMENT", null, "JP", null,
                List.of("name", "email"))));
        send(Topics.PIPELINE_REGISTERED, pipelines.encode(pipeline("us-analytics", "ENTRUSTMENT", null, "US", "CONSENT",
                List.of("email"))));
        send(Topics.PIPELINE_REGISTERED, pipelines.encode(pipeline("monthly-feed", "CONSENT", "BATCH", "JP", null,
                List.of("name"))));
        send(Topics.PIPELINE_REGISTERED, pipelines.encode(pipeline("shop-contract", "CONSENT", "CONTRACT_SUBSTITUTE", "JP", null,
                List.of("name"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from known_pipeline") == 6);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (app != null) {
            app.close();
        }
    }

    static PipelineRegistered pipeline(String id, String basis, String mode, String country, String crossBorder, List<String> items) {
        return PipelineRegistered.newBuilder().setPipelineId(id).setName(id).setOwner("team").setFields(List.of("shop.public.members/氏名"))
                .setPurposes(List.of("customer:marketing")).setLegalBasis(basis).setCountry(country).setCrossBorderBasis(crossBorder)
                .setRecordMode(mode).setPolicyVersion("1").setRegisteredBy("engineer").setRegisteredAt(Instant.now())
                .setRecipient(Recipient.newBuilder().setName("株式会社サンプル商事").setKind("THIRD_PARTY")
                        .setAddress("東京都千代田区丸の内１－１－１").setRepresentative("代表取締役 佐藤一郎").setCountry(country).build())
                .setDataItems(items).build();
    }

    static ProvisionOccurred.Builder provided(String eventId, String pipeline, Instant at) {
        return ProvisionOccurred.newBuilder().setEventId(eventId).setPipelineId(pipeline).setOccurredAt(at)
                .setSubjectKey("M-0001").setSubjectItems(Map.of("氏名", "山田太郎", "会員番号", "M-0001"))
                .setConsentReference("consent-form-2026-04#8812");
    }

    static void send(String topic, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, null, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String sql) throws Exception {
        try (Connection c = ledgerSchema(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(String... sql) throws Exception {
        try (Connection c = ledgerSchema(); var s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    /** The owner's connection (a superuser here), in the ledger's schema. */
    static Connection ledgerSchema() throws Exception {
        Connection c = infra.connect(DB);
        c.createStatement().execute("set search_path = ledger");
        return c;
    }

    static HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            request.header("Authorization", DemoUsers.basic(user));
        }
        request.header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static <T extends org.apache.avro.specific.SpecificRecord> List<T> events(String topic, Class<T> type,
                                                                              java.util.function.Predicate<T> wanted, int expected) {
        var serde = AvroSerde.of(type);
        var seen = new ArrayList<T>();
        try (var consumer = infra.consumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    T event = serde.decode(r.value());
                    if (wanted.test(event)) {
                        seen.add(event);
                    }
                });
                assertThat(seen).hasSizeGreaterThanOrEqualTo(expected);
            });
        }
        return seen;
    }

    @Test
    @Order(1)
    void occurrencesFromKafkaAreRecordedExemptedOrRefusedAndNothingElseIsLost() throws Exception {
        Instant now = Instant.now();
        send(Topics.PROVISION_OCCURRED, occurrences.encode(provided("ev-1", "partner-share", now).setDataItems(List.of("name", "email")).build()));
        send(Topics.PROVISION_OCCURRED, occurrences.encode(provided("ev-1", "partner-share", now).setDataItems(List.of("name", "email")).build()));
        send(Topics.PROVISION_OCCURRED, "not avro at all".getBytes(StandardCharsets.UTF_8));
        send(Topics.PROVISION_OCCURRED, occurrences.encode(provided("ev-2", "crm-mailer", now).build()));
        send(Topics.PROVISION_OCCURRED, occurrences.encode(provided("ev-3", "list-broker", now).setDataItems(List.of("name", "medical")).build()));
        send(Topics.PROVISION_OCCURRED, occurrences.encode(provided("ev-4", "partner-share", now).setConsentReference(null).build()));
        send(Topics.PROVISION_OCCURRED, occurrences.encode(provided("ev-5", "no-such-pipeline", now).build()));
        send(Topics.PROVISION_OCCURRED, occurrences.encode(provided("ev-6", "us-analytics", now).build()));
        send(Topics.PROVISION_OCCURRED, occurrences.encode(provided("ev-7", "list-broker", now).setConsentReference(null)
                .setDataItems(List.of("name", "address")).build()));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from occurrence") == 4);
        // ev-1 once (its repeat deduplicated), ev-6 (entrustment abroad on Art. 28 consent: 27(5) does not apply), ev-7 opt-out.
        assertThat(count("select count(*) from ledger_record")).isEqualTo(3);
        assertThat(count("select count(*) from occurrence where event_id = 'ev-2' and outcome = 'EXEMPT'")).isEqualTo(1);
        assertThat(count("select count(*) from ledger_record where event_id = 'ev-6' and legal_basis = 'CONSENT'")).isEqualTo(1);

        var dead = events(Topics.PROVISION_OCCURRED_DLQ, DeadLetter.class, d -> d.getConsumer().equals("ledger/occurrences"), 4);
        assertThat(dead).extracting(DeadLetter::getErrorType).contains("NOT_AVRO", "REJECTED:sensitive-by-opt-out",
                "REJECTED:missing-statutory-items", "REJECTED:unknown-pipeline");
        assertThat(dead).allSatisfy(d -> assertThat(d.getReason()).doesNotContain("山田", "M-0001"));
        var violations = events(Topics.VIOLATION_RAISED, ViolationRaised.class, v -> "ledger".equals(v.getRaisedBy()), 3);
        assertThat(violations).extracting(v -> v.getPipelineId() + "/" + v.getRule()).contains(
                "list-broker/sensitive-by-opt-out", "partner-share/missing-statutory-items",
                "no-such-pipeline/unknown-pipeline");
        assertThat(count("select count(*) from rejection")).isEqualTo(3);

        // Checkpoints every 3 records: one at record 3, stored and published.
        assertThat(count("select count(*) from ledger_checkpoint where seq = 3")).isEqualTo(1);
        assertThat(events(Topics.LEDGER_CHECKPOINTED, LedgerCheckpointed.class, c -> c.getSeq() == 3, 1)).hasSize(1);
        // No raw identifier of the data subject in the database but sealed.
        assertThat(count("select count(*) from ledger_record where subject_cipher like '%M-0001%' or subject_pseudonym like '%M-0001%'"
                + " or subject_item_names like '%山田%'")).isZero();
    }

    @Test
    @Order(2)
    void receiptsAndProvisionsOverRestAnswerWhatBecameOfEach() throws Exception {
        String receipt = """
                {"eventId": "rcv-1", "direction": "RECEIVED", "occurredAt": "2026-10-01T09:00:00Z", "subjectKey": "Ｍ－0002",
                 "subjectItems": {"氏名": "鈴木花子"}, "dataItems": ["name", "address"], "basis": "OPT_OUT",
                 "provider": {"name": "名簿業者株式会社", "address": "大阪府大阪市北区１－２", "representative": "代表取締役 田中", "country": "JP"},
                 "acquisition": "公開情報から収集", "optOutPublished": true}
                """;
        var ok = call("engineer", "POST", "/api/occurrences", receipt);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).path("outcomes").get(0).path("status").asString()).isEqualTo("RECORDED");

        var missing = call("engineer", "POST", "/api/occurrences", receipt.replace("rcv-1", "rcv-2").replace("\"acquisition\": \"公開情報から収集\",", ""));
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.body()).contains("取得の経緯").doesNotContain("鈴木");

        var broken = call("engineer", "POST", "/api/occurrences", "{\"eventId\": \"x\", \"occurredAt\": \"鈴木花子\"}");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("occurredAt").doesNotContain("鈴木");
        assertThat(call("auditor", "POST", "/api/occurrences", receipt).statusCode()).isEqualTo(403);

        String huge = "[" + (receipt.strip() + ",").repeat(7000) + receipt.strip() + "]";
        assertThat(huge.length()).isGreaterThan(2 * 1024 * 1024);
        assertThat(call("engineer", "POST", "/api/occurrences", huge).statusCode()).isEqualTo(413);
        var chunked = http.send(HttpRequest.newBuilder(URI.create(base + "/api/occurrences"))
                .header("Authorization", DemoUsers.basic("engineer")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("over 2 MB");
        assertThat(count("select count(*) from occurrence where event_id like 'rcv-%'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void anOutboxTablesChangeEventsAreOccurrencesToo() throws Exception {
        String change = """
                {"schema": {"type": "struct"}, "payload": {"before": null, "op": "c", "ts_ms": 1,
                 "source": {"connector": "postgresql", "table": "daicho_provision_outbox"},
                 "after": {"event_id": "ob-1", "direction": "PROVIDED", "pipeline_id": "partner-share",
                   "occurred_at": "2026-11-01T00:00:00.123456Z", "subject_key": "M-0003",
                   "subject_items": "{\\"氏名\\": \\"佐々木次郎\\"}", "data_items": "name,email",
                   "consent_reference": "web-consent#42"}}}
                """;
        send("shop.public.daicho_provision_outbox", change.getBytes(StandardCharsets.UTF_8));
        send("shop.public.daicho_provision_outbox", "{\"payload\": {\"op\": \"d\", \"before\": {}, \"after\": null}}".getBytes(StandardCharsets.UTF_8));
        send("shop.public.daicho_provision_outbox", "garbage".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from ledger_record where event_id = 'ob-1'") == 1);
        assertThat(events(Topics.PROVISION_OCCURRED_DLQ, DeadLetter.class, d -> d.getConsumer().equals("ledger/outbox"), 1))
                .extracting(DeadLetter::getErrorType).containsExactly("NOT_JSON");
    }

    @Test
    @Order(4)
    void auditorsExportWithADigestEveryExportIsLoggedAndOtherRolesAreRefused() throws Exception {
        var csv = http.send(HttpRequest.newBuilder(URI.create(base + "/api/records/export?format=csv&from=2026-01-01"))
                .header("Authorization", DemoUsers.basic("auditor")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        byte[] bytes = csv.body();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        var lines = text.split("\r\n");
        assertThat(lines[0]).contains("第三者の氏名又は名称", "本人を特定するに足りる事項", "個人データの項目", "記録ハッシュ");
        assertThat(lines).hasSize(1 + 5 + 1); // header, 5 records, the verification line
        assertThat(text).contains("株式会社サンプル商事", "オプトアウト（法第27条第2項）", "公表済み", "氏名、メールアドレス")
                .doesNotContain("山田太郎", "M-0001", "鈴木花子");
        String trailer = lines[lines.length - 1];
        int cut = text.lastIndexOf("\"# SHA-256");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Arrays.copyOf(bytes, text.substring(0, cut).getBytes(StandardCharsets.UTF_8).length)));
        assertThat(trailer).contains(digest, "\"5\"");
        String exportId = csv.headers().firstValue("X-Daicho-Export-Id").orElseThrow();

        var log = json.readTree(call("dpo", "GET", "/api/records/exports", null).body());
        JsonNode entry = log.get(0);
        assertThat(entry.path("kind").asString()).isEqualTo("AUDIT");
        assertThat(entry.path("id").asString()).isEqualTo(exportId);
        assertThat(entry.path("exportedBy").asString()).isEqualTo("auditor");
        assertThat(entry.path("sha256").asString()).isEqualTo(digest);
        assertThat(entry.path("filter").asString()).contains("2026-01-01");

        var found = json.readTree(call("auditor", "GET", "/api/records?recipient=" + java.net.URLEncoder.encode("株式会社サンプル商事",
                StandardCharsets.UTF_8) + "&limit=2", null).body());
        assertThat(found).hasSize(2);
        assertThat(found.get(0).path("seq").asLong()).isGreaterThan(found.get(1).path("seq").asLong()); // newest first
        assertThat(found.toString()).doesNotContain("山田太郎");
        assertThat(json.readTree(call("dpo", "GET", "/api/records/exports", null).body()).get(0).path("kind").asString())
                .isEqualTo("SEARCH");
        // Filters are values, never SQL: a recipient name with quotes and backslashes simply matches nothing.
        var injected = call("auditor", "GET", "/api/records?recipient=" + java.net.URLEncoder.encode("x' or '1'='1\\",
                StandardCharsets.UTF_8), null);
        assertThat(injected.statusCode()).isEqualTo(200);
        assertThat(json.readTree(injected.body())).isEmpty();

        for (String user : List.of("engineer", "admin")) {
            assertThat(call(user, "GET", "/api/records", null).statusCode()).isEqualTo(403);
            assertThat(call(user, "GET", "/api/records/export", null).statusCode()).isEqualTo(403);
            assertThat(call(user, "POST", "/api/records/disclosure", "{\"subjectKey\": \"M-0001\"}").statusCode()).isEqualTo(403);
        }
        assertThat(call(null, "GET", "/api/records/export", null).statusCode()).isEqualTo(401);

        var jsonl = call("dpo", "POST", "/api/records/export", "{\"subjectKey\": \"M-0001\", \"format\": \"jsonl\"}");
        var rows = jsonl.body().split("\n");
        assertThat(rows).hasSize(4); // ev-1, ev-6, ev-7 (M-0001's provisions) and the digest line
        assertThat(json.readTree(rows[3]).path("records").asInt()).isEqualTo(3);
        assertThat(jsonl.body()).doesNotContain("山田太郎");
        assertThat(json.readTree(call("dpo", "GET", "/api/records/exports", null).body()).get(0).path("filter").asString())
                .contains("subjectPseudonym").doesNotContain("M-0001");
    }

    @Test
    @Order(5)
    void aDataSubjectsDisclosureOpensTheirItemsFoundByTheirKeyInAnyWidth() throws Exception {
        var disclosure = call("auditor", "POST", "/api/records/disclosure", "{\"subjectKey\": \"M-0002\"}");
        assertThat(disclosure.statusCode()).isEqualTo(200);
        assertThat(disclosure.body()).contains("本人を特定するに足りる事項（内容）", "氏名: 鈴木花子", "名簿業者株式会社", "公開情報から収集");
        assertThat(call("auditor", "POST", "/api/records/disclosure", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void theServiceCannotChangeOrRemoveARecordAndTamperingIsFoundAndNamed() throws Exception {
        var service = app.getBean(DataSource.class);
        try (Connection c = service.getConnection(); var s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update ledger_record set counterparty_name = 'x' where seq = 1"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("delete from ledger_record where seq = 1")).hasMessageContaining("permission denied");
        }
        // Even the owner cannot, while the triggers stand.
        assertThatThrownBy(() -> execute("update ledger_record set counterparty_name = 'x' where seq = 1"))
                .hasMessageContaining("append-only");
        var intact = json.readTree(call("auditor", "POST", "/api/records/verify", null).body());
        assertThat(intact.path("problemCount").asLong()).isZero();
        assertThat(intact.path("records").asLong()).isEqualTo(5);
        assertThat(intact.path("segments").asInt()).as("walked in three stretches at once").isEqualTo(3);
        assertThat(intact.path("anchorsChecked").asLong()).as("the checkpoint published on Kafka at record 3").isEqualTo(1);

        // A superuser who switches the triggers off: modify record 2, delete record 3.
        execute("set session_replication_role = replica",
                "update ledger_record set counterparty_name = '別の会社' where seq = 2",
                "delete from ledger_record where seq = 3");
        var report = json.readTree(call("auditor", "POST", "/api/records/verify", null).body());
        var problems = new ArrayList<String>();
        report.path("problems").forEach(p -> problems.add(p.asString()));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("record 2 was modified"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("record 3 is missing and no purge removed it"));
        assertThat(json.readTree(call("dpo", "GET", "/api/records/status", null).body()).path("lastVerification")
                .path("problems").asLong()).isEqualTo(report.path("problemCount").asLong());
    }

    static final String REWRITTEN_BEFORE_3 = "record 3 does not match the checkpoint published on Kafka for it: the chain "
            + "up to it was rewritten, and the stored checkpoints with it";

    static List<String> problems(JsonNode report) {
        var problems = new ArrayList<String>();
        report.path("problems").forEach(p -> problems.add(p.asString()));
        return problems;
    }

    @Test
    @Order(7)
    void thePurgeRemovesOnlyExpiredRecordsAndTheChainStaysVerifiable() throws Exception {
        // A superuser wipes the ledger and its stored checkpoints to start afresh: the checkpoint the old chain
        // published on Kafka at record 3 still tells, and nothing else does.
        execute("set session_replication_role = replica", "delete from ledger_record", "delete from ledger_checkpoint",
                "delete from occurrence", "delete from rejection");
        var record = app.getBean(jp.daicho.ledger.recording.RecordOccurrences.class);
        Instant now = Instant.now();
        Instant fourYearsAgo = now.minus(4 * 366, ChronoUnit.DAYS);
        Instant twoYearsAgo = now.minus(2 * 366, ChronoUnit.DAYS);
        record.record(List.of(
                LedgerLoad.occurrence("old-1", "partner-share", fourYearsAgo),        // each time, 3 years: expired
                LedgerLoad.occurrence("old-2", "partner-share", fourYearsAgo),        // expired
                LedgerLoad.occurrence("recent", "partner-share", twoYearsAgo),        // kept
                LedgerLoad.occurrence("contract", "shop-contract", twoYearsAgo),      // contract, 1 year: expired
                LedgerLoad.occurrence("batch-old", "monthly-feed", fourYearsAgo),     // batch, but its group continues:
                LedgerLoad.occurrence("batch-new", "monthly-feed", now)));            // kept, both
        var report = app.getBean(PurgeExpired.class).purge("admin", now);
        assertThat(report.removed()).isEqualTo(3);
        assertThat(report.ranges()).containsExactly("1–2", "4");
        assertThat(count("select count(*) from ledger_record")).isEqualTo(3);
        assertThat(count("select count(*) from purge_mark")).isEqualTo(2);
        var verified = json.readTree(call("auditor", "POST", "/api/records/verify", null).body());
        assertThat(problems(verified)).as(verified.toString()).containsExactly(REWRITTEN_BEFORE_3);
        assertThat(verified.path("headSeq").asLong()).isEqualTo(6);
        assertThat(json.readTree(call("auditor", "GET", "/api/records/status", null).body()).path("records").asLong()).isEqualTo(3);

        // Records recorded after a purge continue the chain, past record 10 (the verifier once read them in text order).
        var more = new ArrayList<jp.daicho.ledger.recording.Occurrence>();
        for (int i = 0; i < 12; i++) {
            more.add(LedgerLoad.occurrence("after-purge-" + i, "partner-share", now));
        }
        // Tabs, newlines, backslashes and quotes in a record's text survive the chain, the verifier and the exports.
        String awkward = "after-purge-tab\t-backslash\\-quote\"-newline\n-end";
        more.add(LedgerLoad.occurrence(awkward, "partner-share", now));
        record.record(more);
        assertThat(problems(json.readTree(call("auditor", "POST", "/api/records/verify", null).body())))
                .containsExactly(REWRITTEN_BEFORE_3);
        // The head gets an anchor of its own without waiting for the next periodic checkpoint.
        var heads = app.getBean(jp.daicho.ledger.recording.Checkpoints.class);
        assertThat(heads.checkpointHead()).contains(19L);
        assertThat(heads.checkpointHead()).as("nothing new since").isEmpty();
        var anchored = json.readTree(call("auditor", "POST", "/api/records/verify", null).body());
        assertThat(problems(anchored)).containsExactly(REWRITTEN_BEFORE_3);
        assertThat(anchored.path("headSeq").asLong()).isEqualTo(19);
        assertThat(json.readTree(call("auditor", "GET", "/api/records?limit=1", null).body()).get(0).path("eventId").asString())
                .isEqualTo(awkward);
        assertThat(call("dpo", "GET", "/api/records/export?format=csv", null).body())
                .contains("\"consent#after-purge-tab\t-backslash\\-quote\"\"-newline\n-end\"");
        assertThat(call("engineer", "POST", "/api/records/purge", null).statusCode()).isEqualTo(403);
        assertThat(json.readTree(call("admin", "POST", "/api/records/purge", null).body()).path("removed").asLong()).isZero();
    }

    @Test
    @Order(9)
    void everyEndpointAnswersARecordItsOpenApiDescriptionNames() throws Exception {
        var docs = json.readTree(call(null, "GET", "/v3/api-docs", null).body());
        var checked = new java.util.TreeSet<String>();
        assertThat(jp.daicho.testkit.OpenApiContract.problems(app, docs, checked)).isEmpty();
        assertThat(checked).contains("GET /api/records/status", "POST /api/records/verify", "GET /api/records/exports",
                "GET /api/records/purges", "POST /api/records/purge", "GET /api/occurrences/summary", "POST /api/occurrences");
        var called = new java.util.TreeSet<String>();
        assertThat(jp.daicho.testkit.OpenApiContract.clientProblems(docs, jp.daicho.client.LedgerClient.ENDPOINTS, called)).isEmpty();
        assertThat(called).hasSameSizeAs(jp.daicho.client.LedgerClient.ENDPOINTS);
    }

    @Test
    @Order(10)
    void thePurgesRuleInSqlIsTheExportsRuleInJava() {
        var jdbc = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        for (String at : List.of("2026-03-31T14:59:59.999Z", "2026-03-31T15:00:00Z", "2026-03-31T20:00:00Z",
                "2028-02-29T03:00:00Z", "2026-12-31T23:30:00Z")) {
            for (int years : List.of(1, 3)) {
                Instant provided = Instant.parse(at);
                Instant mayGoAfter = jdbc.sql("select " + jp.daicho.ledger.retention.Retention.mayGoAfterSql("?", "?"))
                        .params(java.sql.Timestamp.from(provided), years).query(java.sql.Timestamp.class).single().toInstant();
                assertThat(jp.daicho.ledger.retention.Retention.mayGo(provided, years, mayGoAfter.minusMillis(1))).as(at).isFalse();
                assertThat(jp.daicho.ledger.retention.Retention.mayGo(provided, years, mayGoAfter)).as(at).isTrue();
            }
        }
    }
}
