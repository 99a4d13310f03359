package jp.daicho.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.inventory.datasets.RecordObservations;
import jp.daicho.inventory.pipelines.PolicyWatch;
import jp.daicho.testkit.DemoUsers;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import jp.daicho.vocabulary.Japan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17: a policy version is checked against on the day it comes into force, not when it is loaded. A version that
 * drops a purpose a pipeline declares raises the violation on its effective date; the next version, declaring it again,
 * resolves it on its own. (Dates a year ahead: the run never crosses into them.) And every day's check finds a
 * contractor whose supervision fell overdue with time alone.
 */
@UsesRealInfrastructure
class PolicyWatchIT {

    static ConfigurableApplicationContext app;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        // Checked here on the days the test names, not by the minute's tick on today.
        app = RunningInventory.start(Infrastructure.shared(), "policy_watch_it", Map.of("daicho.checks.policy-interval", "PT1H"));
        base = RunningInventory.url(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aPolicyVersionIsCheckedAgainstOnTheDayItComesIntoForce() throws Exception {
        var record = app.getBean(RecordObservations.class);
        PipelinesIT.dataset(record, "shop.public.members", "shop", "members", "id", "email");
        PipelinesIT.classify(record, "shop.public.members", "email", "email", "customer", false);
        for (String system : List.of("shop", "crm")) {
            assertThat(send("POST", "/api/systems", "application/json", """
                    {"name": "%s", "kind": "DATABASE", "ownerDepartment": "営業部", "hostingCountry": "JP", "operatedBy": "US"}"""
                    .formatted(system)).statusCode()).isEqualTo(201);
        }
        assertThat(send("POST", "/api/pipelines", "application/yaml", """
                id: members-to-crm
                owner: sales-eng@example.jp
                source: [{dataset: shop.public.members, fields: [email]}]
                destination: {system: crm}
                purposes: {customer: [contact]}
                legal_basis: INTERNAL
                """).statusCode()).isEqualTo(201);
        var watch = app.getBean(PolicyWatch.class);
        LocalDate today = Japan.today();
        watch.checkOn(today); // the version the pipelines were registered under, if no tick took it yet

        String policy;
        try (var in = getClass().getResourceAsStream("/policy/default-policy.yml")) {
            policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LocalDate dropped = today.plusYears(1);
        String withoutContact = policy.replace("version: \"2019-01-31\"", "version: \"" + dropped + "\"")
                .replace("effective_from: 2019-01-31", "effective_from: " + dropped)
                .replace("""
                              - id: contact
                                text: お客様への連絡、商品・サービスの案内、プレゼントの発送等のため
                                clause: 個人情報の利用目的 お客様情報 (3)
                        """, "");
        assertThat(withoutContact).doesNotContain("id: contact");
        assertThat(send("POST", "/api/policy", "application/yaml", withoutContact).statusCode()).isEqualTo(201);
        // And the version after it, declaring the purpose again.
        LocalDate restored = dropped.plusDays(1);
        assertThat(send("POST", "/api/policy", "application/yaml", policy.replace("version: \"2019-01-31\"",
                "version: \"" + restored + "\"").replace("effective_from: 2019-01-31", "effective_from: " + restored))
                .statusCode()).isEqualTo(201);

        // Loaded, not yet in force: nothing changes today.
        assertThat(watch.checkOn(today)).isZero();
        assertThat(open("members-to-crm")).isEmpty();
        // Its day: the pipeline's purpose is no longer declared.
        assertThat(watch.checkOn(dropped)).isPositive();
        assertThat(open("members-to-crm")).extracting(v -> v.path("rule").asString()).containsExactly("purpose-not-declared");
        assertThat(watch.checkOn(dropped)).as("checked once").isZero();
        // The next version's day: resolved on its own, saying why.
        assertThat(watch.checkOn(restored)).isPositive();
        assertThat(open("members-to-crm")).isEmpty();
        JsonNode resolved = json.readTree(send("GET", "/api/violations?open=false&pipeline=members-to-crm", null, null).body());
        assertThat(resolved.get(0).path("resolvedBy").asString()).isEqualTo("daicho (policy " + restored + " in force)");
    }

    @Test
    void aContractorsSupervisionFallingOverdueIsFoundTheDayItDoes() throws Exception {
        var record = app.getBean(RecordObservations.class);
        PipelinesIT.dataset(record, "shop.public.orders", "shop", "orders", "order_no");
        PipelinesIT.classify(record, "shop.public.orders", "order_no", "identifier", "customer", false);
        LocalDate today = Japan.today();
        String party = """
                {"id": "checked-co", "kind": "CONTRACTOR", "name": "監督先株式会社", "country": "JP",
                 "contractReference": "委託契約 2026-200", "lastSupervisedOn": "%s"}""";
        assertThat(send("POST", "/api/parties", "application/json", party.formatted(today.minusMonths(11))).statusCode())
                .isEqualTo(201);
        assertThat(send("POST", "/api/pipelines", "application/yaml", """
                id: orders-to-checked
                owner: logistics@example.jp
                source: [{dataset: shop.public.orders, fields: [order_no]}]
                destination: {party: checked-co}
                purposes: {customer: [contact]}
                legal_basis: ENTRUSTMENT
                """).statusCode()).isEqualTo(201);
        var watch = app.getBean(PolicyWatch.class);
        watch.checkOn(today);
        assertThat(open("orders-to-checked")).isEmpty();

        // Two months on, the last supervision is over a year old: the day's check finds it.
        watch.checkOn(today.plusMonths(2));
        assertThat(open("orders-to-checked")).extracting(v -> v.path("rule").asString()).containsExactly("supervision-overdue");
        // The contractor is supervised and the day recorded: resolved with the change.
        assertThat(send("PUT", "/api/parties/checked-co", "application/json", party.formatted(today)).statusCode()).isEqualTo(200);
        assertThat(open("orders-to-checked")).isEmpty();
        assertThat(entrustmentStatus("orders-to-checked")).isEqualTo("OK");

        // A supervision day entered wrongly, thirteen months back: the rule and the entrustment list say the same.
        assertThat(send("PUT", "/api/parties/checked-co", "application/json", party.formatted(today.minusMonths(13)))
                .statusCode()).isEqualTo(200);
        assertThat(open("orders-to-checked")).extracting(v -> v.path("rule").asString()).containsExactly("supervision-overdue");
        assertThat(entrustmentStatus("orders-to-checked")).isEqualTo("SUPERVISION_OVERDUE");
    }

    static String entrustmentStatus(String pipeline) throws Exception {
        for (JsonNode e : json.readTree(send("GET", "/api/entrustments", null, null).body())) {
            if (e.path("pipeline").asString().equals(pipeline)) {
                return e.path("status").asString();
            }
        }
        throw new AssertionError("no entrustment " + pipeline);
    }

    static List<JsonNode> open(String pipeline) throws Exception {
        var open = new ArrayList<JsonNode>();
        json.readTree(send("GET", "/api/violations?pipeline=" + pipeline, null, null).body()).forEach(open::add);
        return open;
    }

    static HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", DemoUsers.basic("dpo"));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Issue 17: a policy declares categories beyond the four (patients here); a person's review assigns fields to them. */
    @Test
    void aCategoryThePolicyDeclaresBeyondTheFourIsOneAReviewCanAssign() throws Exception {
        var record = app.getBean(RecordObservations.class);
        PipelinesIT.dataset(record, "clinic.public.karte", "clinic", "karte", "id", "患者氏名");
        PipelinesIT.classify(record, "clinic.public.karte", "患者氏名", "name", "customer", false);
        String review = """
                {"decision": "OVERRIDE", "item": "name", "subject": "patient", "reason": "診療録の患者の氏名"}""";
        // Not a category until the policy in force declares it.
        var refused = send("POST", "/api/datasets/clinic.public.karte/fields/" + java.net.URLEncoder.encode("患者氏名",
                StandardCharsets.UTF_8) + "/review", "application/json", review);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Unknown subject 'patient'", "customer, partner, employee, applicant, none");

        String policy;
        try (var in = getClass().getResourceAsStream("/policy/default-policy.yml")) {
            policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String withPatients = policy.replaceFirst("version: \"[^\"]+\"", "version: \"with-patients\"")
                .replaceFirst("effective_from: [0-9-]+", "effective_from: " + Japan.today())
                .replace("categories:\n", """
                        categories:
                          patient:
                            label: 患者情報
                            purposes:
                              - {id: care, text: 診療及び診療報酬の請求のため, clause: 患者情報}
                        """)
                .replace("retention: []", "retention: [{category: patient, period: P5Y, text: 診療完結の日から5年}]");
        assertThat(send("POST", "/api/policy", "application/yaml", withPatients).statusCode()).isEqualTo(201);

        var assigned = send("POST", "/api/datasets/clinic.public.karte/fields/" + java.net.URLEncoder.encode("患者氏名",
                StandardCharsets.UTF_8) + "/review", "application/json", review);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(json.readTree(assigned.body()).path("subject").asString()).isEqualTo("patient");
        // The 台帳 names the category as the policy does, with its retention; the flows accept it as a filter.
        var ledger = send("GET", "/api/ledger?format=json", null, null);
        JsonNode karte = null;
        for (JsonNode row : json.readTree(ledger.body())) {
            if (row.path("datasetId").asString().equals("clinic.public.karte")) {
                karte = row;
            }
        }
        assertThat(karte).isNotNull();
        assertThat(karte.path("category").asString()).isEqualTo("patient");
        assertThat(karte.path("categoryLabel").asString()).isEqualTo("患者情報");
        assertThat(karte.path("retention").asString()).isEqualTo("診療完結の日から5年");
        assertThat(send("GET", "/api/flows?subject=patient", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/flows?subject=shareholder", null, null).statusCode()).isEqualTo(400);
        // A retention for a category the policy does not declare is refused.
        var undeclared = send("POST", "/api/policy", "application/yaml", withPatients.replace("version: \"with-patients\"",
                "version: \"bad\"").replace("category: patient", "category: visitor"));
        assertThat(undeclared.statusCode()).isEqualTo(400);
        assertThat(undeclared.body()).contains("'visitor' is not one of this policy's categories");
    }
}
