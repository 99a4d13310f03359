package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import jp.daicho.testkit.Actuator;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spine end to end on real servers: rows in a source PostgreSQL → Debezium capture → Kafka →
 * classifier → Kafka → inventory in PostgreSQL → REST. Scenarios share the running system and the rows inserted
 * before it started; each waits for what it reads and adds tables, parties and pipelines of its own, so they run in
 * any order.
 */
@UsesRealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class EndToEndIT {

    static final String SHOP = "e2e_shop";
    static final String DAICHO = "e2e_daicho";
    /** Raw personal values inserted into the source; none may appear in our tables, topics or logs. */
    static final List<String> RAW = List.of("山田太郎", "taro.yamada@example.jp", "090-1234-5678", "佐藤花子",
            "hanako.sato@example.jp", "03-9876-5432", "鈴木一郎", "080-2468-1357", "late.person@example.jp", "ヤマダ タロウ",
            "ichiro@partner.example.co.jp", "saburo@example.jp", "jiro@example.jp", "070-1357-2468", "hanako.arai@example.jp",
            "090-1111-2222", "新井花子", "遅野 登録");

    static Infrastructure infra;
    static Services services;
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        infra = Infrastructure.shared();
        infra.createDatabase(SHOP);
        infra.createDatabase(DAICHO);
        sql("""
                create table members (id bigserial primary key, 氏名 text, フリガナ text, email text, 電話番号 text, plan text);
                create table "取引先担当者" (id serial primary key, 担当者名 text, メールアドレス text, tel text);
                create table orders_log (id bigserial primary key, customer_email text, note text);
                create table late_signups (id bigserial primary key, full_name text, mail text);
                insert into members (氏名, フリガナ, email, 電話番号, plan) values
                  ('山田太郎', 'ヤマダ タロウ', 'taro.yamada@example.jp', '090-1234-5678', 'basic'),
                  ('佐藤花子', 'サトウ ハナコ', 'hanako.sato@example.jp', '03-9876-5432', 'premium');
                insert into "取引先担当者" (担当者名, メールアドレス, tel) values ('鈴木一郎', 'ichiro@partner.example.co.jp', '080-2468-1357');
                """);
        services = new Services(new Services.Settings(infra.kafkaBootstrapServers(), infra.jdbcUrl(DAICHO),
                infra.postgresUser(), infra.postgresPassword(),
                List.of(new Services.Source("e2e", infra.postgresHost(), infra.postgresPort(), SHOP,
                        infra.postgresUser(), infra.postgresPassword())),
                Files.createTempDirectory("e2e-offsets"), 0, "e2e-", "e2e\\..*")).startAll();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    /** Waits until the members inserted before start are classified from their rows (e-mail, with samples). */
    static void membersClassified() {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode members = dataset("e2e.public.members");
            assertThat(item(members, "email")).isEqualTo("email");
            assertThat(field(members, "email").at("/classification/sampleCount").asInt()).isPositive();
            assertThat(item(members, "電話番号")).isEqualTo("phone");
            assertThat(item(members, "氏名")).isEqualTo("name");
        });
    }

    @Test
    void insertedRowsShowUpClassifiedInTheInventory() throws Exception {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode members = dataset("e2e.public.members");
            assertThat(item(members, "email")).isEqualTo("email");
            assertThat(item(members, "電話番号")).isEqualTo("phone");
            assertThat(item(members, "氏名")).isEqualTo("name");
            assertThat(item(members, "フリガナ")).isEqualTo("name_kana");
            assertThat(item(members, "plan")).isEqualTo("none");
            JsonNode contacts = dataset("e2e.public.取引先担当者");
            assertThat(item(contacts, "メールアドレス")).isEqualTo("email");
            assertThat(field(contacts, "担当者名").at("/classification/subject").asString()).isEqualTo("partner");
        });
        JsonNode emails = get("/api/fields?item=email");
        assertThat(emails).extracting(f -> f.get("datasetId").asString())
                .contains("e2e.public.members", "e2e.public.取引先担当者");
    }

    @Test
    void anAddedColumnAppearsWithANewSchemaVersion() throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> dataset("e2e.public.members") != null);
        // A streamed insert spells types differently from the snapshot (INT8, not BIGSERIAL): same version.
        sql("insert into members (氏名, email) values ('伊藤三郎', 'saburo@example.jp')");
        sql("alter table members add column 携帯電話 text");
        sql("insert into members (氏名, email, 電話番号, 携帯電話) values ('高橋次郎', 'jiro@example.jp', '03-1111-2222', '070-1357-2468')");

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode members = dataset("e2e.public.members");
            assertThat(members.get("schemaVersion").asInt()).isEqualTo(2);
            assertThat(members.get("versions")).hasSize(2);
            JsonNode mobile = field(members, "携帯電話");
            assertThat(mobile.get("sinceVersion").asInt()).isEqualTo(2);
            assertThat(mobile.at("/classification/item").asString()).isEqualTo("phone");
        });
    }

    /** Issue 13: a table created while everything runs is in the inventory before its first row; dropped, it is marked so. */
    @Test
    void aNewTableIsInTheInventoryWithinSecondsAndADroppedOneIsMarkedDropped() throws Exception {
        long created = System.nanoTime();
        sql("create table newcomer_contacts (id serial primary key, 氏名 text, email text, 電話番号 text)");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode contacts = dataset("e2e.public.newcomer_contacts");
            assertThat(contacts).isNotNull();
            assertThat(item(contacts, "email")).isEqualTo("email");
            assertThat(item(contacts, "電話番号")).isEqualTo("phone");
        });
        long seconds = Duration.ofNanos(System.nanoTime() - created).toSeconds();
        assertThat(seconds).as("visible in the inventory %s s after its DDL", seconds).isLessThanOrEqualTo(10);

        sql("insert into newcomer_contacts (氏名, email, 電話番号) values ('新井花子', 'hanako.arai@example.jp', '090-1111-2222')");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                field(dataset("e2e.public.newcomer_contacts"), "email").at("/classification/sampleCount").asInt()).isPositive());
        assertThat(dataset("e2e.public.newcomer_contacts").get("schemaVersion").asInt())
                .as("the catalog and the change events spell the schema alike: one version").isEqualTo(1);

        sql("drop table newcomer_contacts");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode contacts = dataset("e2e.public.newcomer_contacts");
            assertThat(contacts.get("droppedAt").isNull()).isFalse();
            assertThat(contacts.get("fields")).allMatch(f -> !f.get("present").asBoolean());
        });
        assertThat(get("/api/fields?item=email")).extracting(f -> f.get("datasetId").asString())
                .doesNotContain("e2e.public.newcomer_contacts");
    }

    /** Issue 13: the two stray events that once corrupted a dataset, replayed on the members topic: nothing changes. */
    @Test
    void strayEventsOnAChangeTopicChangeNothingInTheInventory() throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> dataset("e2e.public.members") != null);
        JsonNode before = dataset("e2e.public.members");
        String unknownTypes = """
                {"schema":{"type":"struct","name":"e2e.public.members.Envelope","fields":[
                  {"field":"after","type":"struct","optional":true,"fields":[
                    {"field":"a","type":"varchar2","optional":true},{"field":"b","type":"uuid","optional":true}]},
                  {"field":"source","type":"struct","fields":[]},{"field":"op","type":"string"}]},
                 "payload":{"after":{"a":"x","b":"y"},"source":{"name":"e2e","schema":"public","table":"members","db":"e2e_shop"},"op":"c"}}
                """;
        String ghost = """
                {"after":{"id":1},"source":{"name":"e2e","schema":"public","table":"ghost","db":"e2e_shop"},"op":"c"}
                """;
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", infra.kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("e2e.public.members", unknownTypes)).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("e2e.public.members", ghost)).get();
        }
        var reasons = new ArrayList<String>();
        try (var consumer = infra.consumer()) {
            consumer.subscribe(List.of(jp.daicho.schemas.Topics.CHANGE_EVENT_DLQ));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> reasons.add(new String(
                        r.headers().lastHeader(jp.daicho.schemas.Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8)));
                assertThat(reasons).anyMatch(m -> m.contains("'varchar2'")).anyMatch(m -> m.contains("e2e.public.ghost"));
            });
        }
        assertThat(get("/api/datasets")).extracting(d -> d.get("id").asString()).doesNotContain("e2e.public.ghost");
        JsonNode after = dataset("e2e.public.members");
        assertThat(after.get("versions")).isEqualTo(before.get("versions"));
        assertThat(presence(after)).isEqualTo(presence(before)).contains("email/true", "電話番号/true");
    }

    /**
     * Issue 15: capture and the classifier, which have no API, answer health probes and show what they did to an
     * administrator's scraper: events per source and its lag, decisions by item, dead letters by reason, consumer lag.
     */
    @Test
    void captureAndTheClassifierShowTheirHealthAndWhatTheyDid() throws Exception {
        membersClassified();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", infra.kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("e2e.public.metrics_probe", "not json at all")).get();
        }
        for (String base : List.of(services.captureUrl(), services.classifierUrl())) {
            assertThat(Actuator.get(base, "/actuator/health/liveness", null).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Actuator.get(base, "/actuator/health/readiness", "admin").json().at("/components/kafka/status")
                            .asString()).isEqualTo("UP"));
            assertThat(Actuator.get(base, "/actuator/prometheus", null).status()).isEqualTo(401);
            assertThat(Actuator.get(base, "/actuator/prometheus", "dpo").status()).isEqualTo(403);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var readiness = Actuator.get(services.captureUrl(), "/actuator/health/readiness", "admin");
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().at("/components/sources/details/e2e/state").asString()).isEqualTo("STREAMING");
            assertThat(Actuator.get(services.captureUrl(), "/actuator/prometheus", "admin").body())
                    .containsPattern("daicho_capture_events_total\\{[^}]*source=\"e2e\"[^}]*} [1-9]")
                    .containsPattern("daicho_capture_lag_seconds\\{[^}]*source=\"e2e\"");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Actuator.get(services.classifierUrl(), "/actuator/prometheus", "admin").body())
                .containsPattern("daicho_events_handled_total\\{[^}]*consumer=\"classifier\"[^}]*} [1-9]")
                .containsPattern("daicho_classifier_decisions_total\\{[^}]*item=\"email\"")
                .containsPattern("daicho_dead_letters_total\\{[^}]*reason=\"NOT_JSON\"[^}]*topic=\"e2e.public.metrics_probe\"")
                .containsPattern("kafka_consumer_[a-z_]*records_lag")
                .contains("service=\"daicho-classifier\""));
    }

    @Test
    void restartingClassifierAndCaptureMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        var written = new AtomicInteger();
        // A steady write load: one insert every 20 ms, on a connection of its own, until stopped.
        var connection = infra.connect(SHOP);
        var insert = connection.prepareStatement("insert into orders_log (customer_email, note) values (?, ?)");
        var writer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate(() -> {
            try {
                insert.setString(1, "buyer" + written.get() + "@example.jp");
                insert.setString(2, "注文メモ");
                insert.executeUpdate();
                written.incrementAndGet();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, 0, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> written.get() > 50);
        services.stopClassifier();
        services.stopCapture();
        // While both are down, a table gets its very first rows.
        sql("insert into late_signups (full_name, mail) values ('遅野 登録', 'late.person@example.jp')");
        await().atMost(Duration.ofSeconds(10)).until(() -> written.get() > 150);
        services.startCapture();
        services.startClassifier();
        await().atMost(Duration.ofSeconds(10)).until(() -> written.get() > 250);
        writer.shutdown();
        assertThat(writer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        connection.close();

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode late = dataset("e2e.public.late_signups");
            assertThat(item(late, "mail")).isEqualTo("email");
            assertThat(item(late, "full_name")).isEqualTo("name");
            assertThat(item(dataset("e2e.public.orders_log"), "customer_email")).isEqualTo("email");
        });
        // Capture lost no change: every inserted row id reached the change-event topic.
        var ids = idsOnTopic("e2e\\.public\\.orders_log", written.get());
        var missing = java.util.stream.LongStream.rangeClosed(1, written.get()).filter(id -> !ids.contains(id)).boxed().toList();
        assertThat(missing).as("row ids missing from the change-event topic").isEmpty();
        // Replays after the restart added no version, dataset or field twice.
        try (var c = infra.connect(DAICHO); var s = c.createStatement()) {
            var rs = s.executeQuery("""
                    select (select count(*) from dataset_version where dataset_id = 'e2e.public.orders_log'),
                           (select count(*) from field where dataset_id = 'e2e.public.orders_log'),
                           (select count(*) from field_classification where dataset_id = 'e2e.public.orders_log'),
                           (select count(*) from dataset where id in ('e2e.public.orders_log', 'e2e.public.late_signups')
                                and dropped_at is null)
                    """);
            rs.next();
            assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).containsExactly(1, 3, 3, 2);
        }
    }

    @Test
    void noRawPersonalValueIsStoredPublishedOrLogged(CapturedOutput output) throws Exception {
        membersClassified();
        var stored = new StringBuilder();
        try (var c = infra.connect(DAICHO); var s = c.createStatement()) {
            var tables = new ArrayList<String>();
            // Every table of every service sharing the database: the inventory's and the ledger's (its own schema).
            var rs = s.executeQuery("select schemaname || '.\"' || tablename || '\"' from pg_tables "
                    + "where schemaname not in ('pg_catalog', 'information_schema')");
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).contains("public.\"dataset\"", "public.\"incident\"", "public.\"observed_reader\"",
                    "ledger.\"ledger_record\"");
            for (String table : tables) {
                var rows = s.executeQuery("select row_to_json(t)::text from " + table + " t");
                while (rows.next()) {
                    stored.append(rows.getString(1)).append('\n');
                }
            }
        }
        // Masks keep the shape only (issue 12); the pipelines' owners' addresses are the company's, not the rows'.
        assertThat(stored).contains("e2e.public.members", "@xxxxxxx.xx").doesNotContainPattern("buyer\\d+@example\\.jp");
        String ours = ourTopicsAsText();
        assertThat(ours).contains("e2e.public.members");
        for (String raw : RAW) {
            assertThat(stored.toString()).as("database").doesNotContain(raw);
            assertThat(ours).as("our topics").doesNotContain(raw);
            assertThat(output.getAll()).as("logs").doesNotContain(raw);
        }
    }

    @Test
    void theCommandLineShowsTheInventory() throws Exception {
        membersClassified();
        assertThat(cli("status")).contains("datasets", "personal fields")
                .containsPattern("e2e +postgresql +STREAMING +yes +\\d+ +20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +-");
        assertThat(cli("datasets")).contains("e2e.public.members", "e2e.public.取引先担当者");
        assertThat(cli("dataset", "e2e.public.members")).contains("電話番号", "phone", "@xxxxxxx.xx");
        assertThat(cli("fields", "--item=phone")).contains("電話番号", "e2e.public.members");
        var err = new java.io.ByteArrayOutputStream();
        int code = new jp.daicho.cli.Daicho(new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8), jp.daicho.testkit.DemoUsers.basic("auditor"))
                .run(new String[] {"dataset", "e2e.public.nope"},
                services.inventoryUrl());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 404", "No dataset 'e2e.public.nope'");
    }

    @Test
    void anEngineerValidatesAndRegistersAPipelineFromTheCommandLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        membersClassified();
        var party = http.send(jp.daicho.testkit.DemoUsers.asDpo(URI.create(services.inventoryUrl() + "/api/parties"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "mail-co", "kind": "CONTRACTOR", "name": "メール配信株式会社", "country": "JP",
                         "contractReference": "委託-7"}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(party.statusCode()).as(party.body()).isEqualTo(201);
        var manifest = dir.resolve("member-mail.yml");
        java.nio.file.Files.writeString(manifest, """
                id: member-mail
                owner: marketing@example.jp
                source: [{dataset: e2e.public.members, fields: [email, 氏名]}]
                destination: {party: mail-co}
                purposes: {customer: [resale]}
                legal_basis: ENTRUSTMENT
                """);
        var out = new java.io.ByteArrayOutputStream();
        var engineer = new jp.daicho.cli.Daicho(new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                jp.daicho.testkit.DemoUsers.basic("engineer"));

        assertThat(engineer.run(new String[] {"pipeline", "validate", manifest.toString()}, services.inventoryUrl())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("purpose-not-declared", "'resale'", "APPI Art. 18(1)",
                "1 violation(s); not valid");

        java.nio.file.Files.writeString(manifest, java.nio.file.Files.readString(manifest).replace("[resale]", "[contact]"));
        out.reset();
        assertThat(engineer.run(new String[] {"pipeline", "register", manifest.toString()}, services.inventoryUrl())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("registered as member-mail (policy 2019-01-31)");

        // The mail now also carries the member's phone number: a change of the same pipeline, kept in its history.
        java.nio.file.Files.writeString(manifest, java.nio.file.Files.readString(manifest).replace("[email, 氏名]", "[email, 氏名, 電話番号]"));
        out.reset();
        assertThat(engineer.run(new String[] {"pipeline", "change", manifest.toString()}, services.inventoryUrl())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("changed member-mail (policy 2019-01-31)");
        var history = new jp.daicho.client.InventoryClient(services.inventoryUrl(), () -> jp.daicho.testkit.DemoUsers.basic("auditor"))
                .pipeline("member-mail").history();
        assertThat(history).extracting(h -> h.action() + " " + h.detail()).containsExactly("REGISTERED null",
                "CHANGED fields + e2e.public.members/電話番号");
        java.nio.file.Files.writeString(manifest, java.nio.file.Files.readString(manifest).replace("[contact]", "[resale]"));
        out.reset();
        assertThat(engineer.run(new String[] {"pipeline", "change", manifest.toString()}, services.inventoryUrl())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("purpose-not-declared", "not changed");
    }

    @Test
    void theLedgerKnowsRegisteredPipelinesAndARefusedOccurrenceIsAViolationForTheDpo() throws Exception {
        membersClassified();
        new jp.daicho.client.InventoryClient(services.inventoryUrl(), () -> jp.daicho.testkit.DemoUsers.basic("dpo"))
                .addParty(new jp.daicho.client.Inventory.Party("newsletter-co", "CONTRACTOR", "ニュースレター配信株式会社", null,
                        null, "JP", "委託-9", null));
        var registered = new jp.daicho.client.InventoryClient(services.inventoryUrl(),
                () -> jp.daicho.testkit.DemoUsers.basic("engineer")).register("""
                id: members-newsletter
                owner: marketing@example.jp
                source: [{dataset: e2e.public.members, fields: [email, 氏名]}]
                destination: {party: newsletter-co}
                purposes: {customer: [contact]}
                legal_basis: ENTRUSTMENT
                """);
        assertThat(registered.valid()).as(registered.violations().toString()).isTrue();
        String occurrence = """
                {"eventId": "e2e-1", "pipelineId": "members-newsletter", "occurredAt": "2026-11-20T10:00:00Z", "subjectKey": "M-9",
                 "subjectItems": {"氏名": "山田"}, "dataItems": ["email"]}""";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledger("engineer", "POST", "/api/occurrences", occurrence).body())
                .contains("\"status\":\"EXEMPT\"", "Art. 27(5)(i)"));
        var refused = ledger("engineer", "POST", "/api/occurrences", occurrence.replace("e2e-1", "e2e-2").replace("[\"email\"]", "[\"my_number\"]"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("items-outside-pipeline");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.send(jp.daicho.testkit.DemoUsers.asDpo(
                        URI.create(services.inventoryUrl() + "/api/violations")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("members-newsletter", "\"rule\":\"items-outside-pipeline\"", "\"raisedBy\":\"ledger\""));
        assertThat(ledger("auditor", "GET", "/api/records/status", null).body()).contains("\"records\":0");

        // The same pipeline reporting through an outbox table in its own database, captured by Debezium: the
        // capture's publication takes in a new table when it starts.
        sql("""
                create table daicho_provision_outbox (event_id text primary key, direction text not null default 'PROVIDED',
                    pipeline_id text, occurred_at timestamptz not null, subject_key text not null, subject_items jsonb not null,
                    data_items text, consent_reference text);
                """);
        services.stopCapture();
        services.startCapture();
        // The restarted capture adds the table to its publication as it starts: until then an insert is not
        // captured, so one is written every few seconds until the ledger has one.
        int[] attempt = {0};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            sql("insert into daicho_provision_outbox (event_id, pipeline_id, occurred_at, subject_key, subject_items, data_items) "
                    + "values ('e2e-outbox-" + attempt[0]++ + "', 'members-newsletter', now(), 'M-10', '{\"氏名\": \"outbox 太郎\"}', 'email,name');"
                    + "delete from daicho_provision_outbox");
            long occurrences = 0;
            for (JsonNode accepted : json.readTree(ledger("dpo", "GET", "/api/occurrences/summary", null).body()).path("accepted")) {
                if (accepted.path("pipelineId").asString().equals("members-newsletter")) {
                    occurrences += accepted.path("occurrences").asLong();
                }
            }
            assertThat(occurrences).isGreaterThanOrEqualTo(2);
        });

        var out = new java.io.ByteArrayOutputStream();
        var auditor = new jp.daicho.cli.Daicho(new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                jp.daicho.testkit.DemoUsers.basic("auditor"));
        assertThat(auditor.run(new String[] {"ledger", "verify", "--ledger-url=" + services.ledgerUrl()}, services.inventoryUrl())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("intact: 0 records");
    }

    static HttpResponse<String> ledger(String user, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(services.ledgerUrl() + path))
                .header("Authorization", jp.daicho.testkit.DemoUsers.basic(user)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cli(String... args) {
        return cli(services, args);
    }

    /** The command line's output as an auditor runs it against these services; it must succeed. */
    static String cli(Services services, String... args) {
        var out = new java.io.ByteArrayOutputStream();
        int code = new jp.daicho.cli.Daicho(new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                jp.daicho.testkit.DemoUsers.basic("auditor")).run(args, services.inventoryUrl());
        assertThat(code).as("exit code of daicho %s", String.join(" ", args)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    static Set<Long> idsOnTopic(String topicRegex, int expected) {
        var ids = new HashSet<Long>();
        try (var consumer = infra.consumer()) {
            consumer.subscribe(Pattern.compile(topicRegex));
            long deadline = System.currentTimeMillis() + 60_000;
            while (ids.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value() != null) {
                        ids.add(json.readTree(r.value()).at("/payload/after/id").asLong());
                    }
                });
            }
        }
        return ids;
    }

    static String ourTopicsAsText() {
        var text = new StringBuilder();
        try (var consumer = infra.consumer()) {
            consumer.subscribe(Pattern.compile("daicho\\..*"));
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 3000) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    quietSince = System.currentTimeMillis();
                }
                records.forEach(r -> text.append(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8)).append('\n')); // tombstones: no value
            }
        }
        return text.toString();
    }


    static void sql(String statements) throws Exception {
        try (var c = infra.connect(SHOP); var s = c.createStatement()) {
            s.execute(statements);
        }
    }

    static JsonNode dataset(String id) throws Exception {
        return dataset(services, id);
    }

    /** The dataset as the inventory API shows it to a DPO, or null while it is not there. */
    static JsonNode dataset(Services services, String id) throws Exception {
        var response = http.send(jp.daicho.testkit.DemoUsers.asDpo(URI.create(services.inventoryUrl() + "/api/datasets/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    }

    static JsonNode get(String path) throws Exception {
        return get(services, path);
    }

    static JsonNode get(Services services, String path) throws Exception {
        var response = http.send(jp.daicho.testkit.DemoUsers.asDpo(URI.create(services.inventoryUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** Each field's name and whether it is present. */
    static List<String> presence(JsonNode dataset) {
        var list = new ArrayList<String>();
        dataset.get("fields").forEach(f -> list.add(f.get("name").asString() + "/" + f.get("present").asBoolean()));
        return list;
    }

    static JsonNode field(JsonNode dataset, String name) {
        assertThat(dataset).as("dataset not in the inventory yet").isNotNull();
        for (JsonNode f : dataset.get("fields")) {
            if (f.get("name").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name + " in " + dataset.get("id"));
    }

    static String item(JsonNode dataset, String name) {
        return field(dataset, name).at("/classification/item").asString();
    }
}
