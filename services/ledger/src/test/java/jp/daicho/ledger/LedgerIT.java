package jp.daicho.ledger;

import static jp.daicho.ledger.LedgerHarness.OCCURRENCES;
import static jp.daicho.ledger.LedgerHarness.pipeline;
import static jp.daicho.ledger.LedgerHarness.provided;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.daicho.events.deadletter.DeadLetter;
import jp.daicho.events.ledger.LedgerCheckpointed;
import jp.daicho.events.pipelines.ViolationRaised;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.DemoUsers;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * The ledger on embedded real Kafka and PostgreSQL, scenario by scenario, each on records of its own (its event ids,
 * subjects and days), in any order: occurrences from Kafka, REST and an outbox's change events; what is recorded,
 * exempt or refused (dead letter and violation); exports with their digest and log; a data subject's disclosure;
 * the REST contract. The chain's tampering and purge scenarios, which need a chain of their own, are
 * {@link LedgerChainIT}.
 */
@UsesRealInfrastructure
class LedgerIT {

    static LedgerHarness ledger;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ledger = LedgerHarness.start("ledger_it", "ledger-it", Map.of());
        ledger.knows(List.of(
                pipeline("partner-share", "CONSENT", null, "JP", null, List.of("name", "email", "medical")),
                pipeline("list-broker", "OPT_OUT", null, "JP", null, List.of("name", "address", "medical")),
                pipeline("crm-mailer", "ENTRUSTMENT", null, "JP", null, List.of("name", "email")),
                pipeline("us-analytics", "ENTRUSTMENT", null, "US", "CONSENT", List.of("email"))));
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    static HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
        return ledger.call(user, method, path, body);
    }

    static long count(String sql) throws Exception {
        return ledger.count(sql);
    }

    static void send(String topic, byte[] value) {
        ledger.send(topic, value);
    }

    static JsonNode read(HttpResponse<String> response) {
        return LedgerHarness.JSON.readTree(response.body());
    }

    @Test
    void occurrencesFromKafkaAreRecordedExemptedOrRefusedAndNothingElseIsLost() throws Exception {
        Instant now = Instant.now();
        send(Topics.PROVISION_OCCURRED, OCCURRENCES.encode(provided("k-1", "partner-share", now).setDataItems(List.of("name", "email")).build()));
        send(Topics.PROVISION_OCCURRED, OCCURRENCES.encode(provided("k-1", "partner-share", now).setDataItems(List.of("name", "email")).build()));
        send(Topics.PROVISION_OCCURRED, "not avro at all".getBytes(StandardCharsets.UTF_8));
        send(Topics.PROVISION_OCCURRED, OCCURRENCES.encode(provided("k-2", "crm-mailer", now).build()));
        send(Topics.PROVISION_OCCURRED, OCCURRENCES.encode(provided("k-3", "list-broker", now).setDataItems(List.of("name", "medical")).build()));
        send(Topics.PROVISION_OCCURRED, OCCURRENCES.encode(provided("k-4", "partner-share", now).setConsentReference(null).build()));
        send(Topics.PROVISION_OCCURRED, OCCURRENCES.encode(provided("k-5", "no-such-pipeline", now).build()));
        send(Topics.PROVISION_OCCURRED, OCCURRENCES.encode(provided("k-6", "us-analytics", now).build()));
        send(Topics.PROVISION_OCCURRED, OCCURRENCES.encode(provided("k-7", "list-broker", now).setConsentReference(null)
                .setDataItems(List.of("name", "address")).build()));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from occurrence where event_id like 'k-%'") == 4);
        // k-1 once (its repeat deduplicated), k-6 (entrustment abroad on Art. 28 consent: 27(5) does not apply), k-7 opt-out.
        assertThat(count("select count(*) from ledger_record where event_id like 'k-%'")).isEqualTo(3);
        assertThat(count("select count(*) from occurrence where event_id = 'k-2' and outcome = 'EXEMPT'")).isEqualTo(1);
        assertThat(count("select count(*) from ledger_record where event_id = 'k-6' and legal_basis = 'CONSENT'")).isEqualTo(1);

        var dead = ledger.events(Topics.PROVISION_OCCURRED_DLQ, DeadLetter.class, d -> d.getConsumer().equals("ledger/occurrences"), 4);
        assertThat(dead).extracting(DeadLetter::getErrorType).contains("NOT_AVRO", "REJECTED:sensitive-by-opt-out",
                "REJECTED:missing-statutory-items", "REJECTED:unknown-pipeline");
        assertThat(dead).allSatisfy(d -> assertThat(d.getReason()).doesNotContain("山田", "M-0001"));
        var violations = ledger.events(Topics.VIOLATION_RAISED, ViolationRaised.class, v -> "ledger".equals(v.getRaisedBy()), 3);
        assertThat(violations).extracting(v -> v.getPipelineId() + "/" + v.getRule()).contains(
                "list-broker/sensitive-by-opt-out", "partner-share/missing-statutory-items",
                "no-such-pipeline/unknown-pipeline");
        assertThat(count("select count(*) from rejection where event_id in ('k-3', 'k-4', 'k-5')")).isEqualTo(3);

        // A checkpoint every 3 records, stored and published on Kafka with the same hash.
        long checkpoint = count("select max(seq) from ledger_checkpoint");
        assertThat(checkpoint % 3).isZero();
        assertThat(checkpoint).isPositive();
        String stored;
        try (var c = ledger.ledgerSchema(); var rs = c.createStatement().executeQuery("select hash from ledger_checkpoint where seq = " + checkpoint)) {
            rs.next();
            stored = rs.getString(1);
        }
        assertThat(ledger.events(Topics.LEDGER_CHECKPOINTED, LedgerCheckpointed.class, c -> c.getSeq() == checkpoint, 1))
                .extracting(LedgerCheckpointed::getHash).contains(stored);
        // No raw identifier of the data subject in the database but sealed.
        assertThat(count("select count(*) from ledger_record where subject_cipher like '%M-0001%' or subject_pseudonym like '%M-0001%'"
                + " or subject_item_names like '%山田%'")).isZero();
    }

    @Test
    void receiptsAndProvisionsOverRestAnswerWhatBecameOfEach() throws Exception {
        String receipt = """
                {"eventId": "rcv-1", "direction": "RECEIVED", "occurredAt": "2026-10-01T09:00:00Z", "subjectKey": "Ｍ－0002",
                 "subjectItems": {"氏名": "鈴木花子"}, "dataItems": ["name", "address"], "basis": "OPT_OUT",
                 "provider": {"name": "名簿業者株式会社", "address": "大阪府大阪市北区１－２", "representative": "代表取締役 田中", "country": "JP"},
                 "acquisition": "公開情報から収集", "optOutPublished": true}
                """;
        var ok = call("engineer", "POST", "/api/occurrences", receipt);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(read(ok).path("outcomes").get(0).path("status").asString()).isEqualTo("RECORDED");

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
        var chunked = http.send(HttpRequest.newBuilder(URI.create(ledger.base + "/api/occurrences"))
                .header("Authorization", DemoUsers.basic("engineer")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("over 2 MB");
        assertThat(count("select count(*) from occurrence where event_id like 'rcv-%'")).isEqualTo(1);
    }

    @Test
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
        assertThat(ledger.events(Topics.PROVISION_OCCURRED_DLQ, DeadLetter.class, d -> d.getConsumer().equals("ledger/outbox"), 1))
                .extracting(DeadLetter::getErrorType).containsExactly("NOT_JSON");
    }

    /** Provisions on a day of their own (2025-02-03 in Japan), so that an export of that day holds exactly them. */
    @Test
    void aGrantedStopOfProvisionRefusesThatPersonsLaterProvisionsToThirdPartiesOnly() throws Exception {
        var vault = ledger.app.getBean(jp.daicho.subjects.SubjectVault.class);
        Instant granted = Instant.parse("2026-11-20T03:00:00Z");
        var serde = jp.daicho.schemas.AvroSerde.of(jp.daicho.events.requests.SubjectRequestChanged.class);
        for (String[] r : List.of(new String[] {"DSR-2026-09001", "STOP_PROVISION", "ANSWERED", "S-7777"},
                // Still open, or a request of another kind: they stop nothing.
                new String[] {"DSR-2026-09002", "STOP_PROVISION", "RECEIVED", "S-7778"},
                new String[] {"DSR-2026-09003", "DISCLOSURE", "ANSWERED", "S-7778"})) {
            ledger.send(jp.daicho.schemas.Topics.SUBJECT_REQUEST_CHANGED, r[0], serde.encode(jp.daicho.events.requests.SubjectRequestChanged
                    .newBuilder().setRequestId(r[0]).setKind(r[1]).setStatus(r[2]).setCategory("customer")
                    .setSubjectPseudonym(vault.pseudonym(r[3])).setReceivedOn(java.time.LocalDate.of(2026, 11, 18))
                    .setDueOn(java.time.LocalDate.of(2026, 12, 2)).setChangedBy("dpo").setChangedAt(granted).build()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from provision_stop where request_id like 'DSR-2026-090%'") == 1);

        java.util.function.BiFunction<String[], String, String> report = (o, at) -> {
            try {
                var response = call("engineer", "POST", "/api/occurrences", """
                        [{"eventId": "%s", "pipelineId": "%s", "occurredAt": "%s", "subjectKey": "%s",
                          "subjectItems": {"氏名": "停止 太郎"}, "dataItems": ["name", "email"], "consentReference": "form#9"}]
                        """.formatted(o[0], o[1], at, o[2]));
                var outcome = read(response).path("outcomes").get(0);
                return outcome.path("status").asString() + " " + outcome.path("rule").asString() + " " + outcome.path("explanation").asString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        // The person's key in full width is the same person: refused after the grant, with the request, not the person.
        String after = report.apply(new String[] {"stop-1", "partner-share", "Ｓ－７７７７"}, "2026-11-21T00:00:00Z");
        assertThat(after).startsWith("REJECTED provision-stopped").contains("DSR-2026-09001").doesNotContain("7777", "停止");
        assertThat(report.apply(new String[] {"stop-2", "partner-share", "S-7777"}, "2026-11-19T00:00:00Z"))
                .as("a provision before the grant is recorded").startsWith("RECORDED");
        assertThat(report.apply(new String[] {"stop-3", "crm-mailer", "S-7777"}, "2026-11-21T00:00:00Z"))
                .as("entrustment is no provision to a third party").startsWith("EXEMPT");
        assertThat(report.apply(new String[] {"stop-4", "partner-share", "S-7778"}, "2026-11-21T00:00:00Z"))
                .as("another person, whose stop is not granted").startsWith("RECORDED");
        assertThat(count("select count(*) from rejection where event_id = 'stop-1' and rule = 'provision-stopped'")).isEqualTo(1);
    }

    @Test
    void aRetiredPipelinesOccurrencesFromItsRetirementOnAreRefused() throws Exception {
        ledger.knows(List.of(pipeline("retired-share", "CONSENT", null, "JP", null, List.of("name", "email"))));
        ledger.send(jp.daicho.schemas.Topics.PIPELINE_RETIRED, "retired-share", jp.daicho.schemas.AvroSerde.of(
                jp.daicho.events.pipelines.PipelineRetired.class).encode(jp.daicho.events.pipelines.PipelineRetired.newBuilder()
                .setPipelineId("retired-share").setReason("第三者提供の停止の請求").setRequestId("DSR-2026-09010")
                .setRetiredBy("dpo").setRetiredAt(Instant.parse("2026-11-20T03:00:00Z")).build()));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from pipeline_retirement where pipeline_id = 'retired-share'") == 1);
        String occurrence = """
                [{"eventId": "%s", "pipelineId": "retired-share", "occurredAt": "%s", "subjectKey": "R-1",
                  "subjectItems": {"氏名": "廃止 花子"}, "dataItems": ["name"], "consentReference": "form#10"}]
                """;
        var after = read(call("engineer", "POST", "/api/occurrences", occurrence.formatted("ret-1", "2026-11-21T00:00:00Z")))
                .path("outcomes").get(0);
        assertThat(after.path("status").asString()).isEqualTo("REJECTED");
        assertThat(after.path("rule").asString()).isEqualTo("pipeline-retired");
        assertThat(after.path("explanation").asString()).contains("retired-share", "2026-11-20");
        assertThat(read(call("engineer", "POST", "/api/occurrences", occurrence.formatted("ret-2", "2026-11-19T00:00:00Z")))
                .path("outcomes").get(0).path("status").asString()).as("before its retirement").isEqualTo("RECORDED");
    }

    static void provisionsOfTheirOwnDay() throws Exception {
        if (count("select count(*) from ledger_record where event_id like 'exp-%'") == 3) {
            return;
        }
        String day = "2025-02-03T01:00:00Z";
        for (String[] o : List.of(new String[] {"exp-1", "partner-share", "E-0001", "\"email\"", "\"consentReference\": \"form#1\""},
                new String[] {"exp-2", "partner-share", "E-0001", "\"email\"", "\"consentReference\": \"form#2\""},
                new String[] {"exp-3", "list-broker", "E-0002", "\"address\"", "\"optOutPublished\": true"})) {
            var response = call("engineer", "POST", "/api/occurrences", """
                    [{"eventId": "%s", "pipelineId": "%s", "occurredAt": "%s", "subjectKey": "%s",
                      "subjectItems": {"氏名": "山田太郎"}, "dataItems": ["name", %s], %s}]
                    """.formatted(o[0], o[1], day, o[2], o[3], o[4]));
            assertThat(read(response).path("outcomes").get(0).path("status").asString()).as(response.body()).isEqualTo("RECORDED");
        }
    }

    @Test
    void auditorsExportWithADigestEveryExportIsLoggedAndOtherRolesAreRefused() throws Exception {
        provisionsOfTheirOwnDay();
        var csv = http.send(HttpRequest.newBuilder(URI.create(ledger.base + "/api/records/export?format=csv&from=2025-02-03&to=2025-02-03"))
                .header("Authorization", DemoUsers.basic("auditor")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        byte[] bytes = csv.body();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        var lines = text.split("\r\n");
        assertThat(lines[0]).contains("第三者の氏名又は名称", "本人を特定するに足りる事項", "個人データの項目", "記録ハッシュ");
        assertThat(lines).hasSize(1 + 3 + 1); // header, the day's 3 records, the verification line
        assertThat(text).contains("株式会社サンプル商事", "本人の同意（法第27条第1項）", "オプトアウト（法第27条第2項）",
                "氏名、メールアドレス", "2025-02-03 10:00:00").doesNotContain("山田太郎", "E-0001");
        String trailer = lines[lines.length - 1];
        int cut = text.lastIndexOf("\"# SHA-256");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Arrays.copyOf(bytes, text.substring(0, cut).getBytes(StandardCharsets.UTF_8).length)));
        assertThat(trailer).contains(digest, "\"3\"");
        String exportId = csv.headers().firstValue("X-Daicho-Export-Id").orElseThrow();

        var log = read(call("dpo", "GET", "/api/records/exports", null));
        JsonNode entry = log.get(0);
        assertThat(entry.path("kind").asString()).isEqualTo("AUDIT");
        assertThat(entry.path("id").asString()).isEqualTo(exportId);
        assertThat(entry.path("exportedBy").asString()).isEqualTo("auditor");
        assertThat(entry.path("sha256").asString()).isEqualTo(digest);
        assertThat(entry.path("filter").asString()).contains("2025-02-03");

        var found = read(call("auditor", "GET", "/api/records?from=2025-02-03&to=2025-02-03&recipient="
                + URLEncoder.encode("株式会社サンプル商事", StandardCharsets.UTF_8) + "&limit=2", null));
        assertThat(found).hasSize(2);
        assertThat(found.get(0).path("seq").asLong()).isGreaterThan(found.get(1).path("seq").asLong()); // newest first
        assertThat(found.toString()).doesNotContain("山田太郎");
        assertThat(read(call("dpo", "GET", "/api/records/exports", null)).get(0).path("kind").asString()).isEqualTo("SEARCH");
        // Filters are values, never SQL: a recipient name with quotes and backslashes simply matches nothing.
        var injected = call("auditor", "GET", "/api/records?recipient=" + URLEncoder.encode("x' or '1'='1\\",
                StandardCharsets.UTF_8), null);
        assertThat(injected.statusCode()).isEqualTo(200);
        assertThat(read(injected)).isEmpty();

        for (String user : List.of("engineer", "admin")) {
            assertThat(call(user, "GET", "/api/records", null).statusCode()).isEqualTo(403);
            assertThat(call(user, "GET", "/api/records/export", null).statusCode()).isEqualTo(403);
            assertThat(call(user, "POST", "/api/records/disclosure", "{\"subjectKey\": \"E-0001\"}").statusCode()).isEqualTo(403);
        }
        assertThat(call(null, "GET", "/api/records/export", null).statusCode()).isEqualTo(401);

        var jsonl = call("dpo", "POST", "/api/records/export", "{\"subjectKey\": \"E-0001\", \"format\": \"jsonl\"}");
        var rows = jsonl.body().split("\n");
        assertThat(rows).hasSize(3); // exp-1, exp-2 (E-0001's provisions) and the digest line
        assertThat(LedgerHarness.JSON.readTree(rows[2]).path("records").asInt()).isEqualTo(2);
        assertThat(jsonl.body()).doesNotContain("山田太郎");
        assertThat(read(call("dpo", "GET", "/api/records/exports", null)).get(0).path("filter").asString())
                .contains("subjectPseudonym").doesNotContain("E-0001");
    }

    @Test
    void aDataSubjectsDisclosureOpensTheirItemsFoundByTheirKeyInAnyWidth() throws Exception {
        var receipt = call("engineer", "POST", "/api/occurrences", """
                [{"eventId": "dis-1", "direction": "RECEIVED", "occurredAt": "2026-10-02T09:00:00Z", "subjectKey": "Ｄ－0001",
                  "subjectItems": {"氏名": "高橋美咲"}, "dataItems": ["name", "address"], "basis": "OPT_OUT",
                  "provider": {"name": "名簿業者株式会社", "address": "大阪府大阪市北区１－２", "representative": "代表取締役 田中", "country": "JP"},
                  "acquisition": "公開情報から収集", "optOutPublished": true}]
                """);
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        // Asked for in half-width, recorded in full-width: the same person.
        var disclosure = call("auditor", "POST", "/api/records/disclosure", "{\"subjectKey\": \"D-0001\"}");
        assertThat(disclosure.statusCode()).isEqualTo(200);
        assertThat(disclosure.body()).contains("本人を特定するに足りる事項（内容）", "氏名: 高橋美咲", "名簿業者株式会社", "公開情報から収集");
        assertThat(call("auditor", "POST", "/api/records/disclosure", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void everyEndpointAnswersARecordItsOpenApiDescriptionNames() throws Exception {
        var docs = read(call(null, "GET", "/v3/api-docs", null));
        var checked = new java.util.TreeSet<String>();
        assertThat(jp.daicho.testkit.OpenApiContract.problems(ledger.app, docs, checked)).isEmpty();
        assertThat(checked).contains("GET /api/records/status", "POST /api/records/verify", "GET /api/records/exports",
                "GET /api/records/purges", "POST /api/records/purge", "GET /api/occurrences/summary", "POST /api/occurrences");
        var called = new java.util.TreeSet<String>();
        assertThat(jp.daicho.testkit.OpenApiContract.clientProblems(docs, jp.daicho.client.LedgerClient.ENDPOINTS, called)).isEmpty();
        assertThat(called).hasSameSizeAs(jp.daicho.client.LedgerClient.ENDPOINTS);
    }

    @Test
    void thePurgesRuleInSqlIsTheExportsRuleInJava() {
        var jdbc = ledger.app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
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

    /** Probes need no login; metrics (Prometheus format) are an administrator's, dead letters counted by reason. */
    @Test
    void healthNeedsNoLoginAndMetricsAreAnAdministrators() throws Exception {
        assertThat(read(call(null, "GET", "/actuator/health/liveness", null)).path("status").asString()).isEqualTo("UP");
        var readiness = read(call("admin", "GET", "/actuator/health/readiness", null));
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(call("auditor", "GET", "/actuator/prometheus", null).statusCode()).isEqualTo(403);

        send(Topics.PROVISION_OCCURRED, "a record that is not Avro".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var metrics = http.send(HttpRequest.newBuilder(URI.create(ledger.base + "/actuator/prometheus"))
                    .header("Authorization", DemoUsers.basic("admin")).header("Accept", "text/plain").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("daicho_ledger_records", "daicho_ledger_head_seq",
                    "daicho_ledger_verification_problems", "service=\"daicho-ledger\"")
                    .containsPattern("daicho_dead_letters_total\\{[^}]*reason=\"NOT_AVRO\"");
        });
    }
}
