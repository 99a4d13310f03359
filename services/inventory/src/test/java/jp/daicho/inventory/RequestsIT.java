package jp.daicho.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.events.requests.SubjectRequestChanged;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.DemoUsers;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18: the register of data subjects' requests on a real PostgreSQL and Kafka, through the API as the DPO, an
 * auditor and an engineer use it. The person's key and items never appear in the register's tables or its event.
 */
@UsesRealInfrastructure
class RequestsIT {

    static final String DATABASE = "requests_it";
    static final String KEY = "M-90001";
    static final String NAME = "請求太郎";
    static final String MAIL = "seikyu.taro@example.jp";
    static Infrastructure infra;
    static ConfigurableApplicationContext app;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    @BeforeAll
    static void start() {
        infra = Infrastructure.shared();
        app = RunningInventory.start(infra, DATABASE, Map.of());
        base = RunningInventory.url(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aDisclosureRequestIsReceivedCheckedAnsweredAndEveryStepAndViewIsRecordedWithoutThePersonInClear() throws Exception {
        JsonNode received = post("dpo", "/api/requests", """
                {"kind": "DISCLOSURE", "category": "customer", "receivedOn": "%s", "channel": "email",
                 "subject": {"key": "%s", "items": {"氏名": "%s", "連絡先": "%s"}}, "answerFormat": "ELECTRONIC"}
                """.formatted(TODAY.minusDays(2), KEY, NAME, MAIL), 201);
        String id = received.get("id").asString();
        assertThat(id).startsWith("DSR-" + TODAY.minusDays(2).getYear() + "-");
        assertThat(received.at("/kind/article").asString()).isEqualTo("第33条第1項");
        assertThat(received.get("dueOn").asString()).as("the default policy's 14 days").isEqualTo(TODAY.plusDays(12).toString());
        assertThat(received.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(received.get("categoryLabel").asString()).isEqualTo("お客様情報");
        assertThat(received.toString()).doesNotContain(KEY, NAME, MAIL);

        // No answer before the identity check, with what to do.
        var unchecked = send("dpo", "POST", "/api/requests/" + id + "/answer",
                "{\"outcome\": \"ANSWERED\", \"notifiedOn\": \"" + TODAY + "\"}");
        assertThat(unchecked.statusCode()).isEqualTo(409);
        assertThat(unchecked.body()).contains("A request without an identity check cannot be answered", "/identity-check");

        post("dpo", "/api/requests/" + id + "/identity-check", "{\"method\": \"運転免許証の提示（写しは保存せず）\"}", 200);
        // A refusal needs grounds that fit the kind of request.
        var wrongGround = send("dpo", "POST", "/api/requests/" + id + "/answer",
                "{\"outcome\": \"PARTLY_ANSWERED\", \"grounds\": [\"NOT_FOUND_UNTRUE\"], \"notifiedOn\": \"" + TODAY + "\"}");
        assertThat(wrongGround.statusCode()).isEqualTo(400);
        assertThat(wrongGround.body()).contains("NOT_FOUND_UNTRUE", "does not apply to a request for Disclosure");
        JsonNode answered = post("dpo", "/api/requests/" + id + "/answer", """
                {"outcome": "PARTLY_ANSWERED", "grounds": ["HINDERS_THE_BUSINESS"], "notifiedOn": "%s",
                 "note": "評価メモは第33条第2項第2号により不開示"}
                """.formatted(TODAY), 200);
        assertThat(answered.get("status").asString()).isEqualTo("PARTLY_ANSWERED");
        assertThat(answered.at("/grounds/0/article").asString()).isEqualTo("第33条第2項第2号");
        assertThat(send("dpo", "POST", "/api/requests/" + id + "/identity-check", "{\"method\": \"再確認\"}").statusCode())
                .as("a closed request's record does not change").isEqualTo(409);

        JsonNode detail = get("auditor", "/api/requests/" + id);
        assertThat(detail.get("history")).extracting(h -> h.get("action").asString())
                .containsExactly("received", "identity-checked", "partly_answered");
        assertThat(detail.at("/request/identity/checkedBy").asString()).isEqualTo("dpo");

        // The DPO alone opens the person's items; the auditor may not.
        assertThat(send("auditor", "GET", "/api/requests/" + id + "/subject", null).statusCode()).isEqualTo(403);
        JsonNode subject = get("dpo", "/api/requests/" + id + "/subject");
        assertThat(subject.at("/items/氏名").asString()).isEqualTo(NAME);
        assertThat(subject.get("key").asString()).isEqualTo(KEY);
        assertThat(get("auditor", "/api/requests/" + id + "/views")).extracting(v -> v.get("viewedBy").asString() + "/"
                + v.get("view").asString()).contains("auditor/one", "dpo/subject");

        // Stored and published: the pseudonym and the sealed items, never the key, name or address in clear.
        try (var c = infra.connect(DATABASE); var s = c.createStatement()) {
            var rs = s.executeQuery("select r::text from subject_request r union all select h::text from subject_request_history h");
            while (rs.next()) {
                assertThat(rs.getString(1)).doesNotContain(KEY, NAME, MAIL);
            }
        }
        var events = new ArrayList<ConsumerRecord<byte[], byte[]>>();
        try (var consumer = infra.consumer()) {
            consumer.subscribe(List.of(Topics.SUBJECT_REQUEST_CHANGED));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(events::add);
                assertThat(events).filteredOn(r -> new String(r.key(), StandardCharsets.UTF_8).equals(id)).hasSize(3);
            });
        }
        var last = AvroSerde.of(SubjectRequestChanged.class).decode(events.stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(id)).toList().getLast().value());
        assertThat(last.getStatus()).isEqualTo("PARTLY_ANSWERED");
        assertThat(last.getGrounds()).containsExactly("HINDERS_THE_BUSINESS");
        assertThat(last.getSubjectPseudonym()).hasSize(64).doesNotContain(KEY);
        assertThat(events).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain(KEY, NAME, MAIL));
    }

    @Test
    void overdueRequestsComeFirstTheExportIsJapaneseCsvAndTheYearIsCounted() throws Exception {
        String recent = post("dpo", "/api/requests", request("PURPOSE_NOTICE", "employee", TODAY, "M-90002"), 201)
                .get("id").asString();
        String late = post("dpo", "/api/requests", request("STOP_PROVISION", "customer", TODAY.minusDays(30), "M-90003"), 201)
                .get("id").asString();

        JsonNode open = get("dpo", "/api/requests?state=open");
        assertThat(open.get(0).get("id").asString()).as("overdue first").isEqualTo(late);
        assertThat(open.get(0).get("overdue").asBoolean()).isTrue();
        assertThat(open).extracting(r -> r.get("id").asString()).contains(recent);

        var csv = send("auditor", "GET", "/api/requests/export?format=csv&kind=STOP_PROVISION", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFF\"請求番号\",\"種類\",\"条項\",\"本人の区分\",\"受付日\"");
        assertThat(csv.body()).contains("\"" + late + "\",\"第三者提供の停止\",\"第35条第3項・第5項\",\"お客様情報\",\""
                        + TODAY.minusDays(30) + "\"", "\"超過\"")
                .doesNotContain(recent, "M-90003");
        assertThat(get("dpo", "/api/requests/" + late + "/views")).extracting(v -> v.get("view").asString())
                .contains("list", "export");

        JsonNode counts = get("auditor", "/api/requests/counts?year=" + TODAY.minusDays(30).getYear());
        JsonNode stops = java.util.stream.StreamSupport.stream(counts.spliterator(), false)
                .filter(c -> c.at("/kind/code").asString().equals("STOP_PROVISION")).findFirst().orElseThrow();
        assertThat(stops.get("open").asInt()).isPositive();
        assertThat(stops.get("answeredLate").asInt()).as("open past its due date").isPositive();
    }

    @Test
    void badRequestsAndWrongRolesAreRefusedWithWhatToDoAndRecordNothing() throws Exception {
        var unknownCategory = send("dpo", "POST", "/api/requests", request("DISCLOSURE", "visitor", TODAY, "V-1"));
        assertThat(unknownCategory.statusCode()).isEqualTo(400);
        assertThat(unknownCategory.body()).contains("category 'visitor' is not one of the policy's", "POST /api/policy");
        var future = send("dpo", "POST", "/api/requests", request("FORGET_ME", "customer", TODAY.plusDays(3), " "));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("kind 'FORGET_ME' is not one of", "is in the future", "subject.key");
        try (var c = infra.connect(DATABASE); var s = c.createStatement()) {
            var rs = s.executeQuery("select count(*) from subject_request_history where detail like '%visitor%'");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }

        assertThat(send("engineer", "GET", "/api/requests", null).statusCode()).isEqualTo(403);
        assertThat(send("auditor", "POST", "/api/requests", request("DISCLOSURE", "customer", TODAY, "A-1")).statusCode())
                .isEqualTo(403);
        assertThat(send("dpo", "GET", "/api/requests/DSR-1999-00001", null).body()).contains("GET /api/requests lists them");
        assertThat(send("dpo", "GET", "/api/requests/export?format=pdf", null).statusCode()).isEqualTo(400);
    }

    @Test
    void tasksAndTheLookupComeOnlyInTheirTurnAndOnlyForTheirRoles() throws Exception {
        String disclosure = post("dpo", "/api/requests", request("DISCLOSURE", "customer", TODAY, "T-1"), 201).get("id").asString();
        assertThat(send("dpo", "POST", "/api/requests/" + disclosure + "/tasks", null).body())
                .contains("Task lists are for corrections (Art. 34) and erasure or suspension (Art. 35)");
        String stop = post("dpo", "/api/requests", request("STOP_PROVISION", "customer", TODAY, "T-2"), 201).get("id").asString();
        assertThat(send("dpo", "POST", "/api/requests/" + stop + "/tasks", null).body()).contains("/retire");
        String erasure = post("dpo", "/api/requests", request("SUSPENSION", "customer", TODAY, "T-3"), 201).get("id").asString();
        var early = send("dpo", "POST", "/api/requests/" + erasure + "/tasks", null);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("No tasks before the identity check");
        assertThat(send("dpo", "POST", "/api/requests/" + erasure + "/lookup", null).body())
                .contains("No lookup of the person's data before the identity check");
        post("dpo", "/api/requests/" + erasure + "/identity-check", "{\"method\": \"社員証の提示\"}", 200);
        assertThat(send("dpo", "POST", "/api/requests/" + erasure + "/lookup", null).body())
                .contains("No live lookup has been permitted for this request", "/lookup/permit");

        // Only the DPO permits and runs a lookup and produces tasks; auditors read tasks; engineers only their systems'.
        assertThat(send("auditor", "POST", "/api/requests/" + erasure + "/lookup/permit", null).statusCode()).isEqualTo(403);
        assertThat(send("engineer", "POST", "/api/requests/" + erasure + "/lookup", null).statusCode()).isEqualTo(403);
        assertThat(send("engineer", "POST", "/api/requests/" + erasure + "/tasks", null).statusCode()).isEqualTo(403);
        assertThat(send("admin", "GET", "/api/tasks", null).statusCode()).isEqualTo(403);
        post("dpo", "/api/requests/" + erasure + "/lookup/permit", null, 200);
        // This inventory knows no captured table of customers: nothing to look in, said so.
        JsonNode lookup = post("dpo", "/api/requests/" + erasure + "/lookup", null, 200);
        assertThat(lookup.get("tablesLookedIn").asInt()).isZero();
        assertThat(lookup.get("summaryEnglish").asString()).contains("No row with this key");
        assertThat(post("dpo", "/api/requests/" + erasure + "/tasks", null, 201)).isEmpty();
        assertThat(get("engineer", "/api/requests/" + erasure + "/tasks")).isEmpty();
        assertThat(send("engineer", "GET", "/api/requests/" + erasure + "/tasks/1", null).statusCode()).isEqualTo(404);
        assertThat(get("auditor", "/api/requests/" + erasure).get("history")).extracting(h -> h.get("action").asString())
                .containsExactly("received", "identity-checked", "lookup-permitted", "lookup", "tasks");
        assertThat(get("auditor", "/api/requests/" + erasure + "/views")).extracting(v -> v.get("viewedBy").asString() + "/"
                + v.get("view").asString()).contains("dpo/lookup", "engineer/tasks");
    }

    static String request(String kind, String category, LocalDate receivedOn, String key) {
        return """
                {"kind": "%s", "category": "%s", "receivedOn": "%s", "channel": "form", "subject": {"key": "%s"}}
                """.formatted(kind, category, receivedOn, key);
    }

    static JsonNode get(String user, String path) throws Exception {
        var response = send(user, "GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    static JsonNode post(String user, String path, String body, int status) throws Exception {
        var response = send(user, "POST", path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    static HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", DemoUsers.basic(user))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
