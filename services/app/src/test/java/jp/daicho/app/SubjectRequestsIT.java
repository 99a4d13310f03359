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
 * contractor downstream; an overdue request comes first; an engineer cannot read the register.
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
                     "subject": {"key": "E-0001"}}
                    """.formatted(TODAY)).body()).get("id").asString();
            JsonNode payroll = get(inventory, "/api/requests/" + erasure + "/plan").get("flows");
            assertThat(payroll).anySatisfy(f -> {
                assertThat(f.get("pipeline").asString()).isEqualTo("payroll");
                assertThat(f.get("recipientKind").asString()).isEqualTo("CONTRACTOR");
                assertThat(f.get("recipient").asString()).isEqualTo("給与計算サービス株式会社");
            });

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
