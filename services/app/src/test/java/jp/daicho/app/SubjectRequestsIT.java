package jp.daicho.app;

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
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.daicho.app.demo.DemoSetup;
import jp.daicho.testkit.DemoUsers;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18, end to end on the demo: a member's disclosure request finds where members' data lives and flows and, through
 * the same pseudonym, the member's provision records in the ledger; an employee's erasure request names the payroll
 * contractor downstream and becomes one task per place, the engineer seeing and closing only their system's; a live
 * lookup finds the employee's row, and says "no row" for a key nobody has to the DPO alone; an overdue request comes
 * first; an engineer cannot read the register.
 */
@UsesRealInfrastructure
class SubjectRequestsIT {

    static final String PREFIX = "dsrit";
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    @Test
    void requestsFindThePersonsDataItsFlowsAndTheirLedgerRecords() throws Exception {
        try (var run = DemoRun.start(Infrastructure.shared(), PREFIX, "dsrit_shop", "dsrit_daicho")) {
            var services = run.services();
            for (String table : List.of("members", "orders", "employees")) {
                await().atMost(Duration.ofSeconds(90)).until(() -> send(services.inventoryUrl(), "dpo", "GET",
                        "/api/datasets/" + PREFIX + ".public." + table, null).statusCode() == 200);
            }
            new DemoSetup(services.inventoryUrl(), services.ledgerUrl(), PREFIX).run();
            String inventory = services.inventoryUrl();

            // A member asks what is held about them; the desk received it by e-mail two days ago.
            String disclosure = json.readTree(send(inventory, "dpo", "POST", "/api/requests", """
                    {"kind": "DISCLOSURE", "category": "customer", "receivedOn": "%s", "channel": "email",
                     "subject": {"key": "M-00001", "items": {"氏名": "会員 一郎"}}}
                    """.formatted(TODAY.minusDays(2))).body()).get("id").asString();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                JsonNode plan = get(inventory, "/api/requests/" + disclosure + "/plan");
                assertThat(ours(plan.get("datasets"))).contains(PREFIX + ".public.members", PREFIX + ".public.orders");
                JsonNode members = dataset(plan, PREFIX + ".public.members");
                assertThat(members.get("lookupFields")).extracting(JsonNode::asString).contains("id", "会員番号", "email");
                assertThat(members.get("categoryFields").get("住所").asString()).isEqualTo("address");
                assertThat(plan.get("flows")).extracting(f -> f.get("pipeline").asString() + "/" + f.get("recipientKind").asString())
                        .contains("member-partner/THIRD_PARTY", "member-mail/CONTRACTOR", "member-crm/INTERNAL");
            });
            // A dataset held for a client says so in the plan: the request about it follows the client's instructions.
            assertThat(send(inventory, "dpo", "PUT", "/api/datasets/" + PREFIX + ".public.orders/processing", """
                    {"entruster": "partner-travel", "instructions": "予約の受付のためにのみ利用する", "atEnd": "RETURN"}""")
                    .statusCode()).isEqualTo(200);
            JsonNode withClient = get(inventory, "/api/requests/" + disclosure + "/plan");
            assertThat(dataset(withClient, PREFIX + ".public.orders").get("heldFor").asString()).isEqualTo("partner-travel");
            assertThat(dataset(withClient, PREFIX + ".public.members").get("heldFor").isNull()).isTrue();
            assertThat(send(inventory, "dpo", "DELETE", "/api/datasets/" + PREFIX + ".public.orders/processing", null)
                    .statusCode()).isEqualTo(200);

            // The ledger finds the member's provision records by the key the register keeps sealed.
            String key = get(inventory, "/api/requests/" + disclosure + "/subject").get("key").asString();
            var records = send(services.ledgerUrl(), "dpo", "POST", "/api/records/disclosure",
                    "{\"subjectKey\": \"" + key + "\", \"format\": \"csv\"}");
            assertThat(records.statusCode()).as(records.body()).isEqualTo(200);
            assertThat(records.body()).contains("member-partner", "M-00001").doesNotContain("M-00002");

            // Another member asks that their data no longer go to the partner; the company grants it.
            String stop = json.readTree(send(inventory, "dpo", "POST", "/api/requests", """
                    {"kind": "STOP_PROVISION", "category": "customer", "receivedOn": "%s", "channel": "form",
                     "subject": {"key": "M-00002"}}
                    """.formatted(TODAY)).body()).get("id").asString();
            assertThat(send(inventory, "dpo", "POST", "/api/requests/" + stop + "/identity-check",
                    "{\"method\": \"会員ログイン状態での申請を確認\"}").statusCode()).isEqualTo(200);
            assertThat(send(inventory, "dpo", "POST", "/api/requests/" + stop + "/answer",
                    "{\"outcome\": \"ANSWERED\", \"notifiedOn\": \"" + TODAY + "\"}").statusCode()).isEqualTo(200);
            // The ledger hears of it and refuses that member's next provision, with the request; others' go on.
            var ledger = new jp.daicho.client.LedgerClient(services.ledgerUrl(), () -> DemoUsers.basic("engineer"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var outcome = ledger.report(List.of(provision("dsrit-after-stop-" + System.nanoTime(), "M-00002")))
                        .outcomes().getFirst();
                assertThat(outcome.status()).isEqualTo("REJECTED");
                assertThat(outcome.rule()).isEqualTo("provision-stopped");
                assertThat(outcome.explanation()).contains(stop).doesNotContain("M-00002");
            });
            assertThat(ledger.report(List.of(provision("dsrit-other-member", "M-00003"))).outcomes().getFirst().status())
                    .isEqualTo("RECORDED");

            // The company then ends the partner provision altogether: the pipeline is retired, for that request.
            var retired = send(inventory, "dpo", "POST", "/api/pipelines/member-partner/retire",
                    "{\"reason\": \"提携先への会員紹介を終了\", \"request\": \"" + stop + "\"}");
            assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var outcome = ledger.report(List.of(provision("dsrit-after-retire-" + System.nanoTime(), "M-00004")))
                        .outcomes().getFirst();
                assertThat(outcome.rule()).isEqualTo("pipeline-retired");
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(inventory, "/api/requests/" + disclosure
                    + "/plan").get("flows")).extracting(f -> f.get("pipeline").asString()).doesNotContain("member-partner"));

            // An employee asks for erasure: the payroll contractor holds their data too.
            String erasure = json.readTree(send(inventory, "dpo", "POST", "/api/requests", """
                    {"kind": "SUSPENSION", "category": "employee", "receivedOn": "%s", "channel": "in_person",
                     "subject": {"key": "E00001"}}
                    """.formatted(TODAY)).body()).get("id").asString();
            JsonNode payroll = get(inventory, "/api/requests/" + erasure + "/plan").get("flows");
            assertThat(payroll).anySatisfy(f -> {
                assertThat(f.get("pipeline").asString()).isEqualTo("payroll");
                assertThat(f.get("recipientKind").asString()).isEqualTo("CONTRACTOR");
                assertThat(f.get("recipient").asString()).isEqualTo("給与計算サービス株式会社");
            });
            erasureIsCarriedOutSystemBySystem(inventory, erasure);

            // An applicant's request left three weeks: first in the list, marked overdue.
            String late = json.readTree(send(inventory, "dpo", "POST", "/api/requests", """
                    {"kind": "PURPOSE_NOTICE", "category": "applicant", "receivedOn": "%s", "channel": "post",
                     "subject": {"key": "A-0042"}}
                    """.formatted(TODAY.minusDays(21))).body()).get("id").asString();
            JsonNode open = get(inventory, "/api/requests?state=open");
            assertThat(open.get(0).get("id").asString()).isEqualTo(late);
            assertThat(open.get(0).get("overdue").asBoolean()).isTrue();

            assertThat(send(inventory, "engineer", "GET", "/api/requests", null).statusCode()).isEqualTo(403);
            assertThat(send(inventory, "engineer", "GET", "/api/requests/" + erasure + "/plan", null).statusCode()).isEqualTo(403);
        }
    }

    /**
     * The employee's erasure becomes one task per place: the captured database (whose engineer is the demo's "engineer")
     * and the payroll contractor the payroll and health-checkup pipelines carried the data to. The engineer sees and
     * closes their own task only; the request is answered once every task is done.
     */
    static void erasureIsCarriedOutSystemBySystem(String inventory, String erasure) throws Exception {
        String path = "/api/requests/" + erasure;
        assertThat(send(inventory, "dpo", "POST", path + "/identity-check", "{\"method\": \"社員証を窓口で確認\"}").statusCode())
                .isEqualTo(200);
        var produced = send(inventory, "dpo", "POST", path + "/tasks", null);
        assertThat(produced.statusCode()).as(produced.body()).isEqualTo(201);
        JsonNode tasks = json.readTree(produced.body());
        JsonNode database = task(tasks, "SYSTEM", PREFIX);
        assertThat(database.get("action").asString()).isEqualTo("ERASE_OR_SUSPEND");
        assertThat(database.get("datasets")).extracting(JsonNode::asString)
                .contains(PREFIX + ".public.employees", PREFIX + ".public.health_checkups");
        assertThat(database.get("lookupFields")).extracting(JsonNode::asString).contains(PREFIX + ".public.employees/employee_no");
        JsonNode contractor = task(tasks, "PARTY", "payroll-co");
        assertThat(contractor.get("targetName").asString()).isEqualTo("給与計算サービス株式会社");
        assertThat(contractor.get("pipelines")).extracting(JsonNode::asString).containsExactlyInAnyOrder("payroll", "health-checkups");
        assertThat(json.readTree(send(inventory, "dpo", "POST", path + "/tasks", null).body()))
                .as("producing it again adds nothing").hasSameSizeAs(tasks);

        // The engineer of the captured database sees its task, and not the contractor's.
        JsonNode theirs = json.readTree(send(inventory, "engineer", "GET", path + "/tasks", null).body());
        // (Other tests' demo databases on the shared broker are systems of this inventory too, and name the same engineer.)
        assertThat(theirs).extracting(t -> t.get("target").asString()).contains(PREFIX).doesNotContain("payroll-co");
        assertThat(theirs).extracting(t -> t.get("targetKind").asString()).containsOnly("SYSTEM");
        var other = send(inventory, "engineer", "GET", path + "/tasks/" + contractor.get("number").asInt(), null);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("for recipient payroll-co, which the DPO handles");
        assertThat(json.readTree(send(inventory, "engineer", "GET", "/api/tasks", null).body()))
                .extracting(t -> t.get("request").asString() + "/" + t.get("target").asString())
                .contains(erasure + "/" + PREFIX).doesNotContain(erasure + "/payroll-co");
        assertThat(theirs.toString()).doesNotContain("E00001");

        // Not answered while a task is open; each place records its own.
        var early = send(inventory, "dpo", "POST", path + "/answer", "{\"outcome\": \"ANSWERED\", \"notifiedOn\": \"" + TODAY + "\"}");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("are still open");
        assertThat(send(inventory, "engineer", "POST", path + "/tasks/" + contractor.get("number").asInt() + "/done", null)
                .statusCode()).isEqualTo(403);
        var done = send(inventory, "engineer", "POST", path + "/tasks/" + database.get("number").asInt() + "/done",
                "{\"note\": \"employees と health_checkups から削除\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json.readTree(done.body()).get("doneBy").asString()).isEqualTo("engineer");
        assertThat(send(inventory, "dpo", "POST", path + "/tasks/" + contractor.get("number").asInt() + "/done",
                "{\"note\": \"委託先から消去完了の報告を受領\"}").statusCode()).isEqualTo(200);
        for (JsonNode remaining : json.readTree(send(inventory, "dpo", "GET", path + "/tasks", null).body())) {
            if (remaining.get("status").asString().equals("OPEN")) {
                send(inventory, "dpo", "POST", path + "/tasks/" + remaining.get("number").asInt() + "/done", null);
            }
        }
        aLiveLookupTellsTheDpoAloneWhereThePersonsRowsAre(inventory, erasure);
        assertThat(send(inventory, "dpo", "POST", path + "/answer", "{\"outcome\": \"ANSWERED\", \"notifiedOn\": \""
                + TODAY + "\"}").statusCode()).isEqualTo(200);
        assertThat(get(inventory, path).get("history")).extracting(h -> h.get("action").asString())
                .contains("tasks", "task-done", "answered");
    }

    /**
     * The DPO permits a live lookup and sees which captured tables hold the person's rows; for a key that matches none,
     * the answer says so — and the register keeps only that a lookup was made, the same words either way.
     */
    static void aLiveLookupTellsTheDpoAloneWhereThePersonsRowsAre(String inventory, String erasure) throws Exception {
        assertThat(send(inventory, "dpo", "POST", "/api/requests/" + erasure + "/lookup/permit", null).statusCode()).isEqualTo(200);
        var found = send(inventory, "dpo", "POST", "/api/requests/" + erasure + "/lookup", null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode employees = lookedUp(json.readTree(found.body()), PREFIX + ".public.employees");
        assertThat(employees.get("outcome").asString()).isEqualTo("ROWS");
        assertThat(employees.get("rows").asLong()).isEqualTo(1);
        assertThat(json.readTree(found.body()).get("summaryEnglish").asString()).contains("Rows of the person in");

        String nobody = json.readTree(send(inventory, "dpo", "POST", "/api/requests", """
                {"kind": "DISCLOSURE", "category": "employee", "receivedOn": "%s", "channel": "post",
                 "subject": {"key": "E99999"}}
                """.formatted(TODAY)).body()).get("id").asString();
        send(inventory, "dpo", "POST", "/api/requests/" + nobody + "/identity-check", "{\"method\": \"本人限定郵便\"}");
        send(inventory, "dpo", "POST", "/api/requests/" + nobody + "/lookup/permit", null);
        JsonNode none = json.readTree(send(inventory, "dpo", "POST", "/api/requests/" + nobody + "/lookup", null).body());
        assertThat(none.get("tablesWithRows").asInt()).isZero();
        assertThat(none.get("tablesLookedIn").asInt()).isEqualTo(json.readTree(found.body()).get("tablesLookedIn").asInt());
        assertThat(lookedUp(none, PREFIX + ".public.employees").get("outcome").asString()).isEqualTo("NO_ROW");
        assertThat(none.get("summaryEnglish").asString()).contains("No row with this key", "shown to the DPO only");

        // What others see of the two lookups is the same: that one was made, by whom.
        assertThat(send(inventory, "auditor", "POST", "/api/requests/" + nobody + "/lookup", null).statusCode()).isEqualTo(403);
        String seenFound = lookupStep(get(inventory, "/api/requests/" + erasure));
        String seenNone = lookupStep(get(inventory, "/api/requests/" + nobody));
        assertThat(seenNone).isEqualTo(seenFound).doesNotContain("E99999", "E00001");
    }

    static JsonNode task(JsonNode tasks, String kind, String target) {
        for (JsonNode t : tasks) {
            if (t.get("targetKind").asString().equals(kind) && t.get("target").asString().equals(target)) {
                return t;
            }
        }
        throw new AssertionError("no task for " + kind + " " + target + " in " + tasks);
    }

    static JsonNode lookedUp(JsonNode lookup, String dataset) {
        for (JsonNode t : lookup.get("tables")) {
            if (t.get("dataset").asString().equals(dataset)) {
                return t;
            }
        }
        throw new AssertionError("no " + dataset + " in " + lookup);
    }

    static String lookupStep(JsonNode detail) {
        for (JsonNode h : detail.get("history")) {
            if (h.get("action").asString().equals("lookup")) {
                return h.get("detail").asString();
            }
        }
        throw new AssertionError("no lookup in " + detail);
    }

    /** A provision of the demo's consent-based pipeline, as its engine reports it. */
    static jp.daicho.client.Ledger.Occurrence provision(String eventId, String member) {
        return new jp.daicho.client.Ledger.Occurrence(eventId, "PROVIDED", "member-partner", java.time.Instant.now(), member,
                java.util.Map.of("会員番号", member), List.of("name", "email"), "会員規約 第12条 同意 " + member,
                null, null, null, null, null);
    }

    static List<String> ours(JsonNode datasets) {
        var ids = new java.util.ArrayList<String>();
        datasets.forEach(d -> ids.add(d.get("id").asString()));
        return ids.stream().filter(id -> id.startsWith(PREFIX + ".")).toList();
    }

    static JsonNode dataset(JsonNode plan, String id) {
        for (JsonNode d : plan.get("datasets")) {
            if (d.get("id").asString().equals(id)) {
                return d;
            }
        }
        throw new AssertionError("no " + id + " in the plan");
    }

    static JsonNode get(String base, String path) throws Exception {
        var response = send(base, "dpo", "GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    static HttpResponse<String> send(String base, String user, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", DemoUsers.basic(user))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
