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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.events.pipelines.PipelineRegistered;
import jp.daicho.events.pipelines.ViolationRaised;
import jp.daicho.inventory.datasets.DatasetObservation;
import jp.daicho.inventory.datasets.FieldClassification;
import jp.daicho.inventory.datasets.RecordObservations;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.DemoUsers;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Policy, parties, pipelines, review, flows and the ledger export on a real PostgreSQL and Kafka, through
 * the REST API with the roles of the demo users. The world every scenario reads (two captured systems, a contractor
 * and a third party, three registered pipelines) is set up once; each scenario adds what it changes under names of
 * its own, so the scenarios run in any order (a random one: junit-platform.properties).
 */
@UsesRealInfrastructure
class PipelinesIT {

    static Infrastructure infra;
    static ConfigurableApplicationContext app;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        infra = Infrastructure.shared();
        app = RunningInventory.start(infra, "pipelines_it", Map.of());
        base = RunningInventory.url(app);
        var record = app.getBean(RecordObservations.class);
        // Two captured systems: the shop's members, and the CRM they are copied into.
        dataset(record, "shop.public.members", "shop", "members", "id", "email", "notes", "氏名");
        classify(record, "shop.public.members", "email", "email", "customer", false);
        classify(record, "shop.public.members", "notes", "free_text", "customer", false);
        classify(record, "shop.public.members", "氏名", "name", "customer", false);
        classify(record, "shop.public.members", "id", "identifier", "customer", false);
        dataset(record, "shop.public.orders", "shop", "orders", "order_no");
        classify(record, "shop.public.orders", "order_no", "identifier", "customer", false);
        dataset(record, "crm.public.contacts", "crm", "contacts", "contact_id", "mail");
        classify(record, "crm.public.contacts", "mail", "email", "customer", false);
        try {
            ok(call("dpo", "POST", "/api/systems", """
                    {"name": "crm", "kind": "SAAS", "ownerDepartment": "営業部", "hostingCountry": "JP", "operatedBy": "US"}"""), 201);
            // An admin keeps systems too; a country in lower case is read as its code.
            ok(call("admin", "POST", "/api/systems", """
                    {"name": "shop", "kind": "DATABASE", "ownerDepartment": "EC事業部", "hostingCountry": "jp", "operatedBy": "US"}"""), 201);
            ok(call("dpo", "POST", "/api/parties", """
                    {"id": "mailer", "kind": "CONTRACTOR", "name": "配信代行株式会社", "country": "JP",
                     "contractReference": "委託契約 2026-014", "lastSupervisedOn": "%s"}""".formatted(
                    jp.daicho.vocabulary.Japan.today().minusMonths(2))), 201);
            ok(call("dpo", "POST", "/api/parties", """
                    {"id": "partner-co", "kind": "THIRD_PARTY", "name": "提携先株式会社", "address": "東京都千代田区1-1",
                     "representative": "代表取締役 山田太郎", "country": "JP"}"""), 201);
            ok(call("engineer", "POST", "/api/pipelines", CRM_COPY), 201);
            ok(call("engineer", "POST", "/api/pipelines", MAILER), 201);
            ok(call("dpo", "POST", "/api/pipelines", PARTNER_SHARE), 201);
        } catch (Exception e) {
            throw new IllegalStateException("the shared world could not be set up", e);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static void dataset(RecordObservations record, String id, String system, String table, String... columns) {
        var cols = new ArrayList<DatasetObservation.Column>();
        for (int i = 0; i < columns.length; i++) {
            cols.add(new DatasetObservation.Column(columns[i], i + 1, "TEXT", true, i == 0));
        }
        record.on(new DatasetObservation(id, system, system, "public", table, system + ".public." + table, "fp-" + id, cols,
                Instant.now().minus(Duration.ofDays(3))));
    }

    static void classify(RecordObservations record, String dataset, String field, String item, String subject, boolean sensitive) {
        record.on(new FieldClassification(dataset, field, item, subject, sensitive, 0.9, List.of("test"), 5, "fp-" + dataset,
                "rules-3", Instant.now()));
    }

    /** The {@code wanted} events on {@code topic}, once at least {@code expected} have arrived (and a moment for any extra). */
    static <T extends org.apache.avro.specific.SpecificRecord> List<T> events(String topic, Class<T> type,
                                                                              java.util.function.Predicate<T> wanted, int expected) {
        var serde = AvroSerde.of(type);
        var seen = new ArrayList<T>();
        java.util.function.Consumer<T> take = e -> {
            if (wanted.test(e)) {
                seen.add(e);
            }
        };
        try (var consumer = Infrastructure.shared().consumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> take.accept(serde.decode(r.value())));
                assertThat(seen).hasSizeGreaterThanOrEqualTo(expected);
            });
            consumer.poll(Duration.ofMillis(500)).forEach(r -> take.accept(serde.decode(r.value())));
        }
        return seen;
    }

    static HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
        return call(base, user, method, path, body);
    }

    /** A call as {@code user} (null: anonymous) to the inventory at {@code base}; a body starting with "{" is JSON, else YAML. */
    static HttpResponse<String> call(String base, String user, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", DemoUsers.basic(user));
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", body.startsWith("{") ? "application/json" : "application/yaml")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    static final String CRM_COPY = """
            id: crm-sync
            name: 会員をCRMへ
            owner: crm-team@example.jp
            source:
              - dataset: shop.public.members
                fields: [email, 氏名]
            destination: {system: crm}
            purposes:
              customer: [contact]
            legal_basis: INTERNAL
            """;

    static final String MAILER = """
            id: crm-mailer
            owner: crm-team@example.jp
            source: [{dataset: crm.public.contacts, fields: "*"}]
            destination: {party: mailer}
            purposes: {customer: [contact]}
            legal_basis: ENTRUSTMENT
            """;

    static final String PARTNER_SHARE = """
            id: partner-share
            owner: sales@example.jp
            source: [{dataset: shop.public.members, fields: [email, notes]}]
            destination: {party: partner-co}
            purposes: {customer: [contact]}
            legal_basis: CONSENT
            record_mode: EACH_TIME
            """;

    @Test
    void referenceDataByTheDpoAndClearErrorsForBadRecords() throws Exception {
        ok(call("dpo", "POST", "/api/parties", """
                {"id": "courier", "kind": "CONTRACTOR", "name": "配送代行株式会社", "country": "jp"}"""), 201);
        assertThat(ok(call("dpo", "GET", "/api/parties/courier", null), 200).path("country").asString()).isEqualTo("JP");

        var bad = ok(call("dpo", "POST", "/api/parties", """
                {"id": "x", "kind": "THIRD_PARTY", "name": "名無し", "country": "Japan"}"""), 400);
        assertThat(bad.path("problems").toString()).contains("country must be an ISO 3166-1 alpha-2 code",
                "address (Art. 29 records name the recipient's address) is missing");
        assertThat(ok(call("dpo", "POST", "/api/parties", """
                {"id": "courier", "kind": "CONTRACTOR", "name": "重複", "country": "JP"}"""), 409).path("detail").asString())
                .contains("exists already");
        assertThat(ok(call("dpo", "GET", "/api/parties/courier", null), 200).path("name").asString()).isEqualTo("配送代行株式会社");
        assertThat(ok(call("dpo", "GET", "/api/parties/x", null), 404).path("detail").asString()).isNotBlank();

        // Asked in Japanese (the console asks in its user's language), the same refusal is in Japanese.
        var japanese = http.send(HttpRequest.newBuilder(URI.create(base + "/api/parties")).header("Authorization",
                DemoUsers.basic("dpo")).header("Accept-Language", "ja-JP,ja;q=0.9").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "y", "kind": "THIRD_PARTY", "name": "名無し", "country": "Japan"}""")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(japanese.statusCode()).isEqualTo(400);
        var problem = json.readTree(japanese.body());
        assertThat(problem.path("detail").asString()).isEqualTo("内容に誤りがあります。何も保存していません。");
        assertThat(problem.path("problems").toString()).contains("ISO 3166-1 alpha-2 の国コードで書いてください",
                "address（第29条の記録には提供先の住所を記載します） がありません");
        var refusedRole = http.send(HttpRequest.newBuilder(URI.create(base + "/api/parties")).header("Authorization",
                DemoUsers.basic("auditor")).header("Accept-Language", "ja").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(json.readTree(refusedRole.body()).path("detail").asString()).startsWith("あなたの役割では POST /api/parties はできません");
    }

    @Test
    void pipelinesAreCheckedAgainstThePolicyWithTheClauseTheyBreak() throws Exception {
        // Entrustment to a contractor with no contract on record.
        ok(call("dpo", "POST", "/api/parties", """
                {"id": "no-contract-co", "kind": "CONTRACTOR", "name": "契約未締結株式会社", "country": "JP"}"""), 201);
        var validation = ok(call("engineer", "POST", "/api/pipelines/validate", MAILER.replace("crm-mailer", "check-mailer")
                .replace("party: mailer", "party: no-contract-co")), 200);
        assertThat(validation.path("valid").asBoolean()).isFalse();
        assertThat(validation.path("violations").toString()).contains("entrustment-without-contract", "APPI Art. 25");

        // A purpose the policy does not declare, and a dataset the inventory does not know.
        var unknown = ok(call("engineer", "POST", "/api/pipelines/validate", CRM_COPY.replace("[contact]", "[resale]")), 200);
        assertThat(unknown.path("violations").toString()).contains("purpose-not-declared", "'resale'", "APPI Art. 18(1)");
        var missing = ok(call("engineer", "POST", "/api/pipelines/validate", CRM_COPY.replace("shop.public.members", "shop.public.nope")), 422);
        assertThat(missing.path("problems").toString()).contains("line 5: dataset 'shop.public.nope' is not in the inventory");

        // Broken YAML: the line.
        var broken = ok(call("engineer", "POST", "/api/pipelines/validate", "id: x\nsource: [\n"), 400);
        assertThat(broken.path("problems").get(0).asString()).startsWith("manifest:").contains("not valid YAML");
    }

    /** A pipeline of scenario {@code id}'s own: the shop's order numbers (no e-mails, names or sensitive data) to a party. */
    static String orders(String id, String party, String basis) {
        return """
                id: %s
                owner: logistics@example.jp
                source: [{dataset: shop.public.orders, fields: [order_no]}]
                destination: {party: %s}
                purposes: {customer: [contact]}
                legal_basis: %s
                """.formatted(id, party, basis);
    }

    @Test
    void registrationIsAllOrNothingAndPublishedOnKafka() throws Exception {
        ok(call("dpo", "POST", "/api/parties", """
                {"id": "warehouse-co", "kind": "CONTRACTOR", "name": "倉庫代行株式会社", "country": "JP"}"""), 201);
        var refused = ok(call("engineer", "POST", "/api/pipelines", orders("orders-to-warehouse", "warehouse-co", "ENTRUSTMENT")), 422);
        assertThat(refused.path("violations").toString()).contains("entrustment-without-contract");
        assertThat(call("dpo", "GET", "/api/pipelines/orders-to-warehouse", null).statusCode()).isEqualTo(404);

        ok(call("dpo", "PUT", "/api/parties/warehouse-co", """
                {"id": "warehouse-co", "kind": "CONTRACTOR", "name": "倉庫代行株式会社", "country": "JP",
                 "contractReference": "委託契約 2026-021", "lastSupervisedOn": "%s"}""".formatted(
                jp.daicho.vocabulary.Japan.today().minusMonths(1))), 200);
        var registered = ok(call("engineer", "POST", "/api/pipelines", orders("orders-to-warehouse", "warehouse-co", "ENTRUSTMENT")), 201);
        assertThat(registered.path("valid").asBoolean()).isTrue();
        ok(call("engineer", "POST", "/api/pipelines", orders("orders-to-mailer", "mailer", "ENTRUSTMENT")), 201);

        var duplicate = ok(call("engineer", "POST", "/api/pipelines", orders("orders-to-mailer", "mailer", "ENTRUSTMENT")), 409);
        assertThat(duplicate.path("detail").asString()).contains("registered already");
        assertThat(ok(call("auditor", "GET", "/api/pipelines", null), 200).findValuesAsString("id"))
                .contains("orders-to-warehouse", "orders-to-mailer", "crm-sync");

        var seen = events(Topics.PIPELINE_REGISTERED, PipelineRegistered.class, e -> e.getPipelineId().startsWith("orders-to-"), 2);
        assertThat(seen).extracting(e -> e.getPipelineId()).containsExactlyInAnyOrder("orders-to-warehouse", "orders-to-mailer");
        var warehouse = seen.stream().filter(e -> "orders-to-warehouse".equals(e.getPipelineId())).findFirst().orElseThrow();
        assertThat(warehouse.getLegalBasis()).isEqualTo("ENTRUSTMENT");
        assertThat(warehouse.getDestinationParty()).isEqualTo("warehouse-co");
        assertThat(warehouse.getRegisteredBy()).isEqualTo("engineer");
        assertThat(warehouse.getFields()).containsExactly("shop.public.orders/order_no");
        // The shared world's pipelines were published when it was set up, the star read as such.
        var mailer = events(Topics.PIPELINE_REGISTERED, PipelineRegistered.class, e -> "crm-mailer".equals(e.getPipelineId()), 1);
        assertThat(mailer.getFirst().getFields()).containsExactly("crm.public.contacts/*");
    }

    @Test
    void whereEmailsFlowAcrossHops() throws Exception {
        var flows = ok(call("auditor", "GET", "/api/flows?item=email", null), 200);

        assertThat(flows.path("destinations").toString()).contains("system:crm", "party:mailer", "party:partner-co");
        // Every pipeline carrying e-mails is a hop, from the system it reads to where it sends.
        var hops = new ArrayList<String>();
        flows.path("hops").forEach(h -> hops.add(h.path("pipeline").asString() + ":" + h.path("from").asString() + ">"
                + h.path("to").asString() + "/" + h.path("basis").asString()));
        assertThat(hops).containsExactlyInAnyOrder("crm-sync:system:shop>system:crm/INTERNAL",
                "partner-share:system:shop>party:partner-co/CONSENT", "crm-mailer:system:crm>party:mailer/ENTRUSTMENT");
        // From the shop's members: to the CRM, and on from the CRM to its mailer, each by its shortest path.
        var fromShop = ok(call("auditor", "GET", "/api/flows?item=email&dataset=shop.public.members", null), 200);
        var paths = new ArrayList<String>();
        fromShop.path("paths").forEach(p -> paths.add(p.path("nodes").toString() + " " + p.path("bases").toString()));
        assertThat(paths).contains("[\"system:shop\",\"system:crm\",\"party:mailer\"] [\"INTERNAL\",\"ENTRUSTMENT\"]");
        // Names do not flow to the mailer: only the CRM's fields go there, and the CRM holds no names.
        var names = ok(call("auditor", "GET", "/api/flows?item=name", null), 200);
        assertThat(names.path("destinations").toString()).contains("system:crm").doesNotContain("mailer");

        JsonNode entrustment = null;
        for (JsonNode e : ok(call("dpo", "GET", "/api/entrustments", null), 200)) {
            if (e.path("pipeline").asString().equals("crm-mailer")) {
                entrustment = e;
            }
        }
        assertThat(entrustment).isNotNull();
        assertThat(entrustment.path("contractReference").asString()).isEqualTo("委託契約 2026-014");
        assertThat(entrustment.path("status").asString()).isEqualTo("OK");
        assertThat(ok(call("engineer", "GET", "/api/flows?item=emial", null), 400).path("detail").asString())
                .contains("Unknown item 'emial'");
    }

    @Test
    void aRetiredPipelineStaysOnRecordButFlowsNoMoreAndItsRetirementIsPublished() throws Exception {
        ok(call("engineer", "POST", "/api/pipelines", orders("retiring-orders", "mailer", "ENTRUSTMENT")), 201);
        assertThat(ok(call("dpo", "GET", "/api/entrustments", null), 200).findValuesAsString("pipeline")).contains("retiring-orders");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ok(call("auditor", "GET",
                "/api/flows?dataset=shop.public.orders", null), 200).path("hops").findValuesAsString("pipeline"))
                .contains("retiring-orders"));

        assertThat(ok(call("dpo", "POST", "/api/pipelines/retiring-orders/retire", "{\"reason\": \" \"}"), 400)
                .path("problems").toString()).contains("reason");
        assertThat(ok(call("dpo", "POST", "/api/pipelines/retiring-orders/retire",
                "{\"reason\": \"契約終了\", \"request\": \"DSR-1999-00001\"}"), 400).path("problems").toString())
                .contains("not in the register of requests");
        var retired = ok(call("dpo", "POST", "/api/pipelines/retiring-orders/retire", "{\"reason\": \"委託契約の終了\"}"), 200);
        assertThat(retired.at("/retired/reason").asString()).isEqualTo("委託契約の終了");
        assertThat(retired.at("/retired/by").asString()).isEqualTo("dpo");
        assertThat(retired.path("history").findValuesAsString("action")).containsExactly("REGISTERED", "RETIRED");
        assertThat(ok(call("dpo", "POST", "/api/pipelines/retiring-orders/retire", "{\"reason\": \"再度\"}"), 409)
                .path("detail").asString()).contains("retired already");

        // On record, but no longer an entrustment, a flow or a row of the 台帳.
        assertThat(ok(call("auditor", "GET", "/api/pipelines", null), 200).toString()).contains("retiring-orders");
        assertThat(ok(call("dpo", "GET", "/api/entrustments", null), 200).findValuesAsString("pipeline")).doesNotContain("retiring-orders");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ok(call("auditor", "GET",
                "/api/flows?dataset=shop.public.orders", null), 200).path("hops").findValuesAsString("pipeline"))
                .doesNotContain("retiring-orders"));
        var published = events(Topics.PIPELINE_RETIRED, jp.daicho.events.pipelines.PipelineRetired.class,
                e -> "retiring-orders".equals(e.getPipelineId()), 1);
        assertThat(published.getFirst().getReason()).isEqualTo("委託契約の終了");
        assertThat(published.getFirst().getRetiredBy()).isEqualTo("dpo");
    }

    @Test
    void aChangedPipelineIsCheckedLikeARegistrationKeptInItsHistoryAndPublishedAgain() throws Exception {
        ok(call("engineer", "POST", "/api/pipelines", orders("changing-orders", "mailer", "ENTRUSTMENT")), 201);
        assertThat(ok(call("engineer", "POST", "/api/pipelines", orders("changing-orders", "mailer", "ENTRUSTMENT")), 409)
                .path("detail").asString()).contains("PUT /api/pipelines/changing-orders");

        // The same id in the path and the manifest, and a change the policy allows; otherwise nothing changes.
        assertThat(ok(call("engineer", "PUT", "/api/pipelines/other-id", orders("changing-orders", "mailer", "ENTRUSTMENT")), 400)
                .path("detail").asString()).contains("is not the path's 'other-id'");
        assertThat(ok(call("engineer", "PUT", "/api/pipelines/no-such-pipeline", orders("no-such-pipeline", "mailer",
                "ENTRUSTMENT")), 404).path("detail").asString()).contains("POST /api/pipelines registers one");
        var refused = ok(call("engineer", "PUT", "/api/pipelines/changing-orders", orders("changing-orders", "partner-co",
                "ENTRUSTMENT")), 422);
        assertThat(refused.path("violations").toString()).isNotEmpty();
        assertThat(ok(call("auditor", "GET", "/api/pipelines/changing-orders", null), 200).path("history")
                .findValuesAsString("action")).containsExactly("REGISTERED");

        String changed = """
                id: changing-orders
                name: 注文と会員の配信委託
                owner: logistics@example.jp
                source: [{dataset: shop.public.orders, fields: [order_no]}, {dataset: shop.public.members, fields: [email]}]
                destination: {party: mailer}
                purposes: {customer: [contact]}
                legal_basis: ENTRUSTMENT
                """;
        assertThat(ok(call("engineer", "PUT", "/api/pipelines/changing-orders", changed), 200).path("valid").asBoolean()).isTrue();
        var detail = ok(call("auditor", "GET", "/api/pipelines/changing-orders", null), 200);
        assertThat(detail.path("name").asString()).isEqualTo("注文と会員の配信委託");
        assertThat(detail.path("history").findValuesAsString("action")).containsExactly("REGISTERED", "CHANGED");
        assertThat(detail.path("history").get(1).path("detail").asString()).isEqualTo("fields + shop.public.members/email");
        assertThat(detail.path("history").get(1).path("by").asString()).isEqualTo("engineer");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ok(call("auditor", "GET",
                "/api/flows?dataset=shop.public.members", null), 200).path("hops").findValuesAsString("pipeline"))
                .contains("changing-orders"));
        // Published again, with the new fields, for the ledger to record under the new terms.
        var published = events(Topics.PIPELINE_REGISTERED, PipelineRegistered.class,
                e -> "changing-orders".equals(e.getPipelineId()), 2);
        assertThat(published.getLast().getFields()).containsExactly("shop.public.orders/order_no", "shop.public.members/email");

        ok(call("dpo", "POST", "/api/pipelines/changing-orders/retire", "{\"reason\": \"委託の終了\"}"), 200);
        assertThat(ok(call("engineer", "PUT", "/api/pipelines/changing-orders", changed), 409).path("detail").asString())
                .contains("is retired", "cannot change");
        // Each version of its terms, the last ending when it was retired.
        var versions = ok(call("auditor", "GET", "/api/pipelines/changing-orders/versions", null), 200);
        assertThat(versions.findValuesAsString("changedBy")).hasSize(2);
        assertThat(versions.get(0).path("fields").findValuesAsString("field")).containsExactly("order_no");
        assertThat(versions.get(1).path("fields").findValuesAsString("datasetId")).contains("shop.public.members");
        assertThat(versions.get(0).path("validTo").asString()).isEqualTo(versions.get(1).path("validFrom").asString());
        assertThat(versions.get(1).path("validTo").asString()).as("ended when retired").isNotEmpty();
    }

    @Test
    void aChangeThatRemovesTheOffendingFieldResolvesTheInventorysViolation() throws Exception {
        var record = app.getBean(RecordObservations.class);
        // (Member numbers, not e-mails: the e-mail flows of the shared world stay as whereEmailsFlowAcrossHops reads them.)
        dataset(record, "shop.public.feedback", "shop", "feedback", "feedback_id", "body", "member_no");
        classify(record, "shop.public.feedback", "body", "free_text", "customer", false);
        classify(record, "shop.public.feedback", "member_no", "identifier", "customer", false);
        String share = PARTNER_SHARE.replace("partner-share", "feedback-share").replace("shop.public.members", "shop.public.feedback")
                .replace("[email, notes]", "[member_no, body]");
        ok(call("dpo", "POST", "/api/pipelines", share), 201);
        // The feedback turns out to hold health data, which the policy never provides to third parties.
        classify(record, "shop.public.feedback", "body", "medical", "customer", true);
        assertThat(openViolations("feedback-share")).extracting(v -> v.path("rule").asString()).containsExactly("sensitive-to-third-party");

        ok(call("dpo", "PUT", "/api/pipelines/feedback-share", share.replace("[member_no, body]", "[member_no]")), 200);
        assertThat(openViolations("feedback-share")).isEmpty();
        var resolved = ok(call("dpo", "GET", "/api/violations?open=false&pipeline=feedback-share", null), 200).get(0);
        assertThat(resolved.path("resolvedBy").asString()).isEqualTo("dpo (pipeline changed)");
        assertThat(ok(call("auditor", "GET", "/api/pipelines/feedback-share", null), 200).path("history").get(1).path("detail")
                .asString()).isEqualTo("fields - shop.public.feedback/body; 1 violation(s) resolved");
    }

    @Test
    void aPartyChangeChecksThePipelinesGoingThereAgainAndWhatNoLongerHoldsResolvesItself() throws Exception {
        String party = """
                {"id": "moving-co", "kind": "CONTRACTOR", "name": "移転予定株式会社", "country": "%s", "contractReference": %s}""";
        ok(call("dpo", "POST", "/api/parties", party.formatted("JP", "\"委託契約 2026-100\"")), 201);
        ok(call("engineer", "POST", "/api/pipelines", orders("moving-orders", "moving-co", "ENTRUSTMENT")), 201);
        assertThat(openViolations("moving-orders")).isEmpty();

        // The contract lapses: the entrustment has no contract any more — raised at once, on REST and Kafka.
        ok(call("dpo", "PUT", "/api/parties/moving-co", party.formatted("JP", "null")), 200);
        assertThat(openViolations("moving-orders")).extracting(v -> v.path("rule").asString())
                .containsExactly("entrustment-without-contract");
        assertThat(events(Topics.VIOLATION_RAISED, ViolationRaised.class, e -> "moving-orders".equals(e.getPipelineId()), 1))
                .extracting(ViolationRaised::getRule).containsExactly("entrustment-without-contract");
        // Renewed: it resolves itself, saying why.
        ok(call("dpo", "PUT", "/api/parties/moving-co", party.formatted("JP", "\"委託契約 2026-101\"")), 200);
        assertThat(openViolations("moving-orders")).isEmpty();
        assertThat(ok(call("dpo", "GET", "/api/violations?open=false&pipeline=moving-orders", null), 200).get(0)
                .path("resolvedBy").asString()).isEqualTo("daicho (party moving-co changed)");

        // The contractor moves abroad, to a country the policy does not name; and back.
        ok(call("dpo", "PUT", "/api/parties/moving-co", party.formatted("SG", "\"委託契約 2026-101\"")), 200);
        assertThat(openViolations("moving-orders")).extracting(v -> v.path("rule").asString()).isNotEmpty()
                .allMatch(rule -> rule.startsWith("cross-border") || rule.equals("country-not-in-policy")
                        || rule.equals("foreign-regime-unknown"));
        ok(call("dpo", "PUT", "/api/parties/moving-co", party.formatted("JP", "\"委託契約 2026-101\"")), 200);
        assertThat(openViolations("moving-orders")).isEmpty();

        // The contract lapses again: raised anew, its earlier occurrence kept as history.
        ok(call("dpo", "PUT", "/api/parties/moving-co", party.formatted("JP", "null")), 200);
        var again = openViolations("moving-orders");
        assertThat(again).extracting(v -> v.path("rule").asString()).containsExactly("entrustment-without-contract");
        var all = new ArrayList<String>();
        ok(call("dpo", "GET", "/api/violations?open=false&pipeline=moving-orders", null), 200)
                .forEach(v -> all.add(v.path("rule").asString()));
        assertThat(all).filteredOn("entrustment-without-contract"::equals).hasSize(2);
        // The DPO accepts it for now: the next change of the party does not raise it again.
        ok(call("dpo", "POST", "/api/violations/" + again.get(0).path("id").asLong() + "/resolve", null), 200);
        ok(call("dpo", "PUT", "/api/parties/moving-co", party.formatted("JP", "null").replace("移転予定株式会社", "移転予定株式会社（新社名）")), 200);
        assertThat(openViolations("moving-orders")).isEmpty();
    }

    @Test
    void aContractorThatMovesAbroadIsAbroadFromThatMomentAndEveryListAsOfBeforeStillSaysJapan() throws Exception {
        String party = """
                {"id": "relocating-co", "kind": "CONTRACTOR", "name": "海外移転株式会社", "country": "%s",
                 "contractReference": "委託契約 2026-300", "lastSupervisedOn": "%s"}""";
        String supervised = jp.daicho.vocabulary.Japan.today().minusMonths(3).toString();
        ok(call("dpo", "POST", "/api/parties", party.formatted("JP", supervised)), 201);
        ok(call("engineer", "POST", "/api/pipelines", orders("relocating-orders", "relocating-co", "ENTRUSTMENT")), 201);
        String inJapan = asOf(Instant.now());

        ok(call("dpo", "PUT", "/api/parties/relocating-co", party.formatted("US", supervised)), 200);

        // Now: abroad, in the cross-border list, the entrustment list and the flows; as of before the move: in Japan.
        assertThat(crossBorder("")).contains("relocating-orders:US");
        assertThat(crossBorder("?asOf=" + inJapan)).noneMatch(f -> f.startsWith("relocating-orders"));
        assertThat(entrustmentCountry("")).isEqualTo("US");
        assertThat(entrustmentCountry("?asOf=" + inJapan)).isEqualTo("JP");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hopCountry("")).isEqualTo("US"));
        assertThat(hopCountry("&asOf=" + inJapan)).isEqualTo("JP");
        // The violation the move raised is open now, and was not then.
        assertThat(openViolations("relocating-orders")).isNotEmpty();
        assertThat(ok(call("dpo", "GET", "/api/violations?pipeline=relocating-orders&asOf=" + inJapan, null), 200)).isEmpty();
        // The party's history keeps both, who changed it and when; the list as of then shows it as it was.
        var history = ok(call("auditor", "GET", "/api/parties/relocating-co/history", null), 200);
        assertThat(history.findValuesAsString("country")).containsExactly("JP", "US");
        assertThat(history.get(0).path("validTo").asString()).isEqualTo(history.get(1).path("validFrom").asString());
        assertThat(history.get(1).path("changedBy").asString()).isEqualTo("dpo");
        assertThat(ok(call("auditor", "GET", "/api/parties?asOf=" + inJapan, null), 200).toString())
                .contains("海外移転株式会社").doesNotContain("\"country\":\"US\"");
        // The ledger is told the recipient's new country for the occurrences to come.
        assertThat(events(Topics.PIPELINE_REGISTERED, PipelineRegistered.class,
                e -> "relocating-orders".equals(e.getPipelineId()) && e.getRecipient().getCountry().equals("US"), 1).getFirst()
                .getRegisteredBy()).isEqualTo("daicho (party relocating-co changed)");

        // Retired: gone from today's 台帳, still in the 台帳 as it stood before.
        assertThat(ok(call("dpo", "GET", "/api/ledger?format=json", null), 200).toString()).contains("海外移転株式会社 (US)");
        String beforeRetirement = asOf(Instant.now());
        ok(call("dpo", "POST", "/api/pipelines/relocating-orders/retire", "{\"reason\": \"委託契約の終了\"}"), 200);
        assertThat(ok(call("dpo", "GET", "/api/ledger?format=json", null), 200).toString()).doesNotContain("海外移転株式会社");
        assertThat(ok(call("dpo", "GET", "/api/ledger?format=json&asOf=" + beforeRetirement, null), 200).toString())
                .contains("海外移転株式会社 (US)");
        assertThat(ok(call("dpo", "GET", "/api/ledger?format=json&asOf=" + inJapan, null), 200).toString())
                .contains("海外移転株式会社 (JP)");
        var csv = call("dpo", "GET", "/api/ledger?asOf=" + inJapan, null);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("personal-information-ledger-"
                + jp.daicho.vocabulary.Japan.today() + "T");
    }

    @Test
    void theLedgerCarriesWhatJisQ15001AsksTheDpoRecordsAndTheSourceCounts() throws Exception {
        String members = "shop.public.members";
        String path = "/api/ledger/entries/" + URLEncoder.encode(members, StandardCharsets.UTF_8);
        assertThat(ledgerRow(members, "").path("access").asString()).startsWith("未記録 (not recorded");
        String unrecorded = asOf(Instant.now());

        // The source's catalog counts the table's rows: the 台帳's number of records, with no value of any row.
        var catalog = jp.daicho.events.catalog.SourceCatalogRead.newBuilder().setDatasetId(members).setSystem("shop")
                .setDatabase("shop").setSchemaName("public").setTable("members").setColumns(List.of()).setRows(1_200L)
                .setReadAt(Instant.now()).build();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.SOURCE_CATALOG_READ, members,
                    AvroSerde.of(jp.daicho.events.catalog.SourceCatalogRead.class).encode(catalog))).get();
            // A tombstone (the table gone from the catalog) counts nothing and breaks nothing.
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.SOURCE_CATALOG_READ, "shop.public.gone",
                    null)).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ok(call("auditor", "GET", path, null), 200).path("records").asLong()).isEqualTo(1_200L));
        assertThat(ledgerRow(members, "").path("records").asLong()).isEqualTo(1_200L);

        // Only the DPO records; a wrong entry is refused whole, saying what is wrong.
        String entry = """
                {"acquisitionMethod": "会員登録フォーム（本人から直接）", "persons": %d, "storageMedium": "電子（データベース）",
                 "storagePlace": "東京データセンター", "usePeriod": "退会まで", "retention": "退会後3年",
                 "disposalMethod": "論理削除の後、30日以内に物理削除", "manager": "EC事業部長", "access": %s}""";
        assertThat(call("engineer", "PUT", path, entry.formatted(1000, "[\"EC事業部\"]")).statusCode()).isEqualTo(403);
        var refused = ok(call("dpo", "PUT", path, entry.formatted(-1, "[\" \"]")), 400);
        assertThat(refused.path("problems").toString()).contains("persons must be 0 or more", "access lists departments");
        assertThat(ok(call("dpo", "GET", path, null), 200).path("updatedBy").isNull()).isTrue();
        assertThat(ok(call("dpo", "PUT", "/api/ledger/entries/shop.public.nope", entry.formatted(1, "[]")), 404)
                .path("detail").asString()).contains("No dataset 'shop.public.nope'");

        var recorded = ok(call("dpo", "PUT", path, entry.formatted(1000, "[\"EC事業部\", \"カスタマーサポート\"]")), 200);
        assertThat(recorded.path("updatedBy").asString()).isEqualTo("dpo");
        var row = ledgerRow(members, "");
        assertThat(row.path("access").asString()).isEqualTo("EC事業部、カスタマーサポート");
        assertThat(row.path("retention").asString()).isEqualTo("退会後3年");
        assertThat(row.path("persons").asLong()).isEqualTo(1000L);
        assertThat(row.path("manager").asString()).isEqualTo("EC事業部長");
        var csv = new String(http.send(HttpRequest.newBuilder(URI.create(base + "/api/ledger?format=csv"))
                .header("Authorization", DemoUsers.basic("auditor")).build(), HttpResponse.BodyHandlers.ofByteArray()).body(),
                StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).contains("要配慮個人情報 (sensitive)", "機微情報 (special care)",
                "取得方法 (acquisition)", "件数・推定 (records, estimated)",
                "保管媒体 (storage medium)", "廃棄方法 (disposal)", "管理責任者 (manager)");
        assertThat(csv).contains("会員登録フォーム（本人から直接）", "東京データセンター", "論理削除の後、30日以内に物理削除");
        // As of before it was recorded, the 台帳 says what it said then.
        assertThat(ledgerRow(members, "&asOf=" + unrecorded).path("access").asString()).startsWith("未記録");

        ok(call("dpo", "PUT", path, entry.formatted(1100, "[\"EC事業部\"]")), 200);
        var history = ok(call("auditor", "GET", path + "/history", null), 200);
        assertThat(history.findValuesAsString("changedBy")).containsExactly("dpo", "dpo");
        assertThat(history.get(0).path("recorded").path("persons").asLong()).isEqualTo(1000L);
        assertThat(history.get(1).path("recorded").path("persons").asLong()).isEqualTo(1100L);

        // The annual review: who, when, and what had changed since the review before.
        assertThat(call("auditor", "POST", "/api/ledger/reviews", "{\"note\": \"x\"}").statusCode()).isEqualTo(403);
        var first = ok(call("dpo", "POST", "/api/ledger/reviews", "{\"note\": \"2026年度の年次見直し\"}"), 201);
        assertThat(first.path("reviewedBy").asString()).isEqualTo("dpo");
        assertThat(first.path("changes").toString()).contains("記載を更新したデータセット (entries recorded): 1 — shop.public.members",
                "新たなデータセット (datasets new)");
        var second = ok(call("dpo", "POST", "/api/ledger/reviews", null), 201);
        assertThat(second.path("changes").toString()).contains("記載を更新したデータセット (entries recorded): 0");
        var reviews = ok(call("auditor", "GET", "/api/ledger/reviews", null), 200);
        assertThat(reviews.path("overdue").asBoolean()).isFalse();
        assertThat(reviews.path("dueBy").asString()).isEqualTo(jp.daicho.vocabulary.Japan.today().plusYears(1).toString());
        assertThat(reviews.path("reviews").findValuesAsString("note")).contains("2026年度の年次見直し");
    }

    /** The 台帳's line for a dataset's customers, as JSON. */
    static JsonNode ledgerRow(String dataset, String query) throws Exception {
        for (JsonNode row : ok(call("dpo", "GET", "/api/ledger?format=json" + query, null), 200)) {
            if (row.path("datasetId").asString().equals(dataset) && row.path("category").asString().equals("customer")) {
                return row;
            }
        }
        throw new AssertionError("no customer line for " + dataset + " in the 台帳");
    }

    @Test
    void aDestinationAbroadNeedsItsCountrysRegimeAndTheFindingsSayWhereSystemsAndRegisterDisagree() throws Exception {
        String party = """
                {"id": "abroad-co", "kind": "CONTRACTOR", "name": "海外委託先株式会社", "country": "%s",
                 "contractReference": "委託契約 2026-400", "lastSupervisedOn": "%s"}""";
        String supervised = jp.daicho.vocabulary.Japan.today().minusMonths(1).toString();
        ok(call("dpo", "POST", "/api/parties", party.formatted("JP", supervised)), 201);
        ok(call("engineer", "POST", "/api/pipelines", orders("abroad-orders", "abroad-co", "ENTRUSTMENT")), 201);
        ok(call("dpo", "PUT", "/api/parties/abroad-co", party.formatted("NZ", supervised)), 200);
        assertThat(openViolations("abroad-orders")).extracting(v -> v.path("rule").asString()).contains("foreign-regime-unknown");

        // Recording the regime is the DPO's or an administrator's, and says what is wrong with a bad record.
        String regime = """
                {"regime": "Privacy Act 2020（ニュージーランド）: 個人情報の取扱いに関する13の原則、プライバシー・コミッショナーによる監督",
                 "source": "個人情報保護委員会「外国における個人情報の保護に関する制度等の調査」", "checkedOn": "%s"}""";
        assertThat(call("engineer", "PUT", "/api/country-regimes/NZ", regime.formatted(supervised)).statusCode()).isEqualTo(403);
        assertThat(ok(call("dpo", "PUT", "/api/country-regimes/JP", regime.formatted(supervised)), 400).path("problems").toString())
                .contains("records foreign regimes");
        assertThat(ok(call("dpo", "PUT", "/api/country-regimes/NZ", "{\"regime\": \" \"}"), 400).path("problems").toString())
                .contains("regime is missing", "checkedOn (the day it was checked) is missing");
        // Recorded: the pipelines going there are checked again and the finding resolves itself; the rest stands.
        var recorded = ok(call("dpo", "PUT", "/api/country-regimes/nz", regime.formatted(supervised)), 200);
        assertThat(recorded.path("country").asString()).isEqualTo("NZ");
        assertThat(recorded.path("updatedBy").asString()).isEqualTo("dpo");
        assertThat(openViolations("abroad-orders")).extracting(v -> v.path("rule").asString())
                .doesNotContain("foreign-regime-unknown").contains("country-not-in-policy");
        assertThat(ok(call("auditor", "GET", "/api/violations?open=false&pipeline=abroad-orders", null), 200).toString())
                .contains("daicho (regime of NZ recorded)");

        // A system hosted abroad, and the systems holding personal data with no technical measure: findings, until recorded.
        ok(call("dpo", "POST", "/api/systems", """
                {"name": "kr-archive", "kind": "FILE_STORE", "ownerDepartment": "情報システム部", "hostingCountry": "KR",
                 "operatedBy": "US"}"""), 201);
        var findings = findings();
        assertThat(findings).contains("HOSTED_OUTSIDE_POLICY:kr-archive", "FOREIGN_REGIME_UNKNOWN:kr-archive",
                "NO_TECHNICAL_MEASURE:shop", "PROMISED_NOT_RECORDED:TECHNICAL");
        assertThat(ok(call("dpo", "PUT", "/api/security-measures/access-control", """
                {"kind": "TECHNICAL", "description": "x", "systems": ["shop", "no-such-system"]}"""), 400).path("problems").toString())
                .contains("[no-such-system] are not registered systems");
        assertThat(ok(call("dpo", "PUT", "/api/security-measures/Access%20Control", """
                {"kind": "TECHNICAL", "description": "x"}"""), 400).path("problems").toString()).contains("lower-case letters");
        var measure = ok(call("dpo", "PUT", "/api/security-measures/access-control", """
                {"kind": "TECHNICAL", "description": "役割に基づくアクセス制御と操作ログの保存", "systems": ["shop", "crm"]}"""), 200);
        assertThat(measure.path("systems").toString()).contains("shop", "crm");
        assertThat(findings()).doesNotContain("NO_TECHNICAL_MEASURE:shop", "PROMISED_NOT_RECORDED:TECHNICAL")
                .contains("HOSTED_OUTSIDE_POLICY:kr-archive", "PROMISED_NOT_RECORDED:ORGANIZATIONAL");
        assertThat(ok(call("engineer", "GET", "/api/security-measures", null), 200).findValuesAsString("id")).contains("access-control");
        assertThat(ok(call("engineer", "GET", "/api/country-regimes", null), 200).findValuesAsString("country")).contains("NZ");
    }

    static List<String> findings() throws Exception {
        var found = new ArrayList<String>();
        ok(call("auditor", "GET", "/api/safeguards/findings", null), 200)
                .forEach(f -> found.add(f.path("finding").asString() + ":" + f.path("subject").asString()));
        return found;
    }

    @Test
    void aDatasetHeldForAClientKeepsItsPipelinesWithinTheEntrustedWorkAndItsEndIsWatched() throws Exception {
        var record = app.getBean(RecordObservations.class);
        dataset(record, "bpo.public.client_members", "shop", "client_members", "id", "tel");
        classify(record, "bpo.public.client_members", "tel", "phone", "customer", false);
        ok(call("dpo", "POST", "/api/parties", """
                {"id": "client-co", "kind": "THIRD_PARTY", "name": "委託元株式会社", "address": "東京都港区1-1",
                 "representative": "代表取締役 佐藤花子", "country": "JP"}"""), 201);
        ok(call("engineer", "POST", "/api/pipelines", """
                id: bpo-with-ours
                owner: bpo@example.jp
                source: [{dataset: bpo.public.client_members, fields: [tel]}, {dataset: shop.public.orders, fields: [order_no]}]
                destination: {system: crm}
                purposes: {customer: [contact]}
                legal_basis: INTERNAL
                """), 201);
        String path = "/api/datasets/bpo.public.client_members/processing";
        assertThat(call("engineer", "PUT", path, "{}").statusCode()).isEqualTo(403);
        assertThat(ok(call("dpo", "PUT", path, "{\"entruster\": \"nobody\"}"), 400).path("problems").toString())
                .contains("entruster must be a registered party", "instructions", "atEnd is missing");
        assertThat(ok(call("dpo", "GET", path, null), 404).path("detail").asString()).contains("not recorded as held for a client");

        // Recorded as held for the client, ended yesterday: the pipeline mixing it with our members is found at once,
        // and the data still kept after the end is a finding.
        var held = ok(call("dpo", "PUT", path, """
                {"entruster": "client-co", "instructions": "会員への案内メール配信のためにのみ利用する", "atEnd": "DELETE",
                 "contractReference": "業務委託契約 2025-77", "endsOn": "%s"}""".formatted(jp.daicho.vocabulary.Japan.today().minusDays(1))), 200);
        assertThat(held.path("updatedBy").asString()).isEqualTo("dpo");
        assertThat(openViolations("bpo-with-ours")).extracting(v -> v.path("rule").asString()).contains("processor-data-combined");
        assertThat(events(Topics.VIOLATION_RAISED, ViolationRaised.class, e -> "bpo-with-ours".equals(e.getPipelineId()), 1))
                .extracting(ViolationRaised::getRule).contains("processor-data-combined");
        assertThat(findings()).contains("PROCESSING_ENDED_DATA_KEPT:bpo.public.client_members");
        // A new pipeline providing it to a third party is refused.
        var refused = ok(call("dpo", "POST", "/api/pipelines", """
                id: bpo-resale
                owner: bpo@example.jp
                source: [{dataset: bpo.public.client_members, fields: [tel]}]
                destination: {party: partner-co}
                purposes: {customer: [contact]}
                legal_basis: CONSENT
                record_mode: EACH_TIME
                """), 422);
        assertThat(refused.path("violations").toString()).contains("processor-data-provided");
        // No longer held for anyone: the finding and the violation resolve themselves.
        ok(call("dpo", "DELETE", path, null), 200);
        assertThat(openViolations("bpo-with-ours")).extracting(v -> v.path("rule").asString()).doesNotContain("processor-data-combined");
        assertThat(findings()).doesNotContain("PROCESSING_ENDED_DATA_KEPT:bpo.public.client_members");
    }

    @Test
    void asOfMustBeADateOrAnInstantNotTheFuture() throws Exception {
        var tomorrow = jp.daicho.vocabulary.Japan.today().plusDays(1);
        assertThat(ok(call("auditor", "GET", "/api/flows/cross-border?asOf=" + tomorrow, null), 400).path("detail").asString())
                .contains("is in the future");
        assertThat(ok(call("auditor", "GET", "/api/ledger?asOf=last-month", null), 400).path("detail").asString())
                .contains("must be a date (2026-04-01");
        // A past date is the end of that day in Japan; one before anything was registered finds nothing.
        assertThat(ok(call("auditor", "GET", "/api/entrustments?asOf=2020-01-01", null), 200)).isEmpty();
        assertThat(ok(call("auditor", "GET", "/api/flows?item=email&asOf=2020-01-01", null), 200).path("hops")).isEmpty();
        assertThat(ok(call("auditor", "GET", "/api/flows?item=email&asOf=" + jp.daicho.vocabulary.Japan.today(), null), 200)
                .path("hops")).isNotEmpty();
    }

    /** An instant as {@code asOf} takes it, in Japan's offset, URL-encoded. */
    static String asOf(Instant at) {
        return URLEncoder.encode(at.atOffset(java.time.ZoneOffset.ofHours(9)).toString(), StandardCharsets.UTF_8);
    }

    static List<String> crossBorder(String query) throws Exception {
        var found = new ArrayList<String>();
        ok(call("auditor", "GET", "/api/flows/cross-border" + query, null), 200)
                .forEach(f -> found.add(f.path("pipeline").asString() + ":" + f.path("country").asString()));
        return found;
    }

    static String entrustmentCountry(String query) throws Exception {
        for (JsonNode e : ok(call("dpo", "GET", "/api/entrustments" + query, null), 200)) {
            if (e.path("pipeline").asString().equals("relocating-orders")) {
                return e.path("country").asString();
            }
        }
        return null;
    }

    static String hopCountry(String query) throws Exception {
        for (JsonNode h : ok(call("auditor", "GET", "/api/flows?dataset=shop.public.orders" + query, null), 200).path("hops")) {
            if (h.path("pipeline").asString().equals("relocating-orders")) {
                return h.path("country").asString();
            }
        }
        return null;
    }

    @Test
    void aReclassifiedFieldIsCheckedAgainstEveryRuleAndWhatNoLongerHoldsResolves() throws Exception {
        var record = app.getBean(RecordObservations.class);
        dataset(record, "shop.public.surveys2", "shop", "surveys2", "survey_id", "answer", "member_no");
        classify(record, "shop.public.surveys2", "answer", "free_text", "customer", false);
        classify(record, "shop.public.surveys2", "member_no", "identifier", "customer", false);
        ok(call("dpo", "POST", "/api/pipelines", PARTNER_SHARE.replace("partner-share", "survey2-share")
                .replace("shop.public.members", "shop.public.surveys2").replace("[email, notes]", "[member_no, answer]")), 201);
        classify(record, "shop.public.surveys2", "answer", "medical", "customer", true);
        assertThat(openViolations("survey2-share")).extracting(v -> v.path("rule").asString())
                .containsExactly("sensitive-to-third-party");
        // The classifier decides anew on later values: free text, not health data.
        classify(record, "shop.public.surveys2", "answer", "free_text", "customer", false);
        assertThat(openViolations("survey2-share")).isEmpty();
        assertThat(ok(call("dpo", "GET", "/api/violations?open=false&pipeline=survey2-share", null), 200).get(0)
                .path("resolvedBy").asString()).isEqualTo("daicho (shop.public.surveys2.answer reclassified)");

        // The member numbers turn out to be employees' numbers: the pipeline declares no purpose for employee data.
        classify(record, "shop.public.surveys2", "member_no", "identifier", "employee", false);
        assertThat(openViolations("survey2-share")).extracting(v -> v.path("rule").asString())
                .containsExactly("no-purpose-for-category");
    }

    @Test
    void aReviewedFieldWhoseValuesDriftGoesBackToTheReviewQueueWithTheDecisionKept() throws Exception {
        var record = app.getBean(RecordObservations.class);
        dataset(record, "shop.public.tickets", "shop", "tickets", "ticket_id", "memo");
        classify(record, "shop.public.tickets", "memo", "none", "none", false);
        ok(call("dpo", "POST", "/api/datasets/shop.public.tickets/fields/memo/review",
                "{\"decision\": \"CONFIRM\", \"reason\": \"運用メモ。個人情報は書かない運用\"}"), 200);
        assertThat(queued("shop.public.tickets", "memo")).isNull();

        // A decision from names alone says nothing about the values: no drift.
        record.on(new FieldClassification("shop.public.tickets", "memo", "medical", "customer", true, 0.6, List.of("test"), 0,
                "fp-tickets", "rules-3", Instant.now().plusSeconds(1)));
        assertThat(queued("shop.public.tickets", "memo")).isNull();
        // The memos fill with diagnoses: back in the queue, first, with what the classifier finds; the decision stays.
        record.on(new FieldClassification("shop.public.tickets", "memo", "medical", "customer", true, 0.86,
                List.of("values:diagnosis"), 20, "fp-tickets", "rules-3", Instant.now().plusSeconds(2)));
        JsonNode drifted = queued("shop.public.tickets", "memo");
        assertThat(drifted).isNotNull();
        assertThat(drifted.path("item").asString()).isEqualTo("none");
        assertThat(drifted.at("/drift/item").asString()).isEqualTo("medical");
        assertThat(drifted.at("/drift/sensitive").asBoolean()).isTrue();
        assertThat(ok(call("dpo", "GET", "/api/review-queue", null), 200).get(0).path("field").asString()).isEqualTo("memo");
        assertThat(ok(call("auditor", "GET", "/api/datasets/shop.public.tickets", null), 200).toString())
                .contains("\"reviewState\":\"CONFIRMED\"");

        // The DPO decides again: the drift is answered.
        ok(call("dpo", "POST", "/api/datasets/shop.public.tickets/fields/memo/review",
                "{\"decision\": \"OVERRIDE\", \"item\": \"medical\", \"subject\": \"customer\", \"reason\": \"診断名が書かれている\"}"), 200);
        assertThat(queued("shop.public.tickets", "memo")).isNull();

        // A decision the DPO overrode, found again by the classifier, is no drift: they saw it and decided otherwise.
        dataset(record, "shop.public.offices", "shop", "offices", "office_id", "contact_mail");
        classify(record, "shop.public.offices", "contact_mail", "email", "customer", false);
        ok(call("dpo", "POST", "/api/datasets/shop.public.offices/fields/contact_mail/review",
                "{\"decision\": \"OVERRIDE\", \"item\": \"none\", \"subject\": \"none\", \"reason\": \"事業所の代表アドレス\"}"), 200);
        record.on(new FieldClassification("shop.public.offices", "contact_mail", "email", "customer", false, 0.9,
                List.of("values:email"), 20, "fp-offices", "rules-3", Instant.now().plusSeconds(3)));
        assertThat(queued("shop.public.offices", "contact_mail")).isNull();
    }

    /** The review queue's entry for a field, or null. */
    static JsonNode queued(String dataset, String field) throws Exception {
        for (JsonNode q : ok(call("dpo", "GET", "/api/review-queue", null), 200)) {
            if (q.path("datasetId").asString().equals(dataset) && q.path("field").asString().equals(field)) {
                return q;
            }
        }
        return null;
    }

    /** The open violations of {@code pipeline}. */
    static List<JsonNode> openViolations(String pipeline) throws Exception {
        var open = new ArrayList<JsonNode>();
        ok(call("dpo", "GET", "/api/violations?pipeline=" + pipeline, null), 200).forEach(open::add);
        return open;
    }

    @Test
    void aSensitiveColumnUpstreamRaisesAViolationForTheDpo() throws Exception {
        var record = app.getBean(RecordObservations.class);
        dataset(record, "shop.public.surveys", "shop", "surveys", "survey_id", "comment");
        classify(record, "shop.public.surveys", "comment", "free_text", "customer", false);
        ok(call("dpo", "POST", "/api/pipelines", PARTNER_SHARE.replace("partner-share", "survey-share")
                .replace("shop.public.members", "shop.public.surveys").replace("[email, notes]", "[comment]")), 201);
        assertThat(openViolations("survey-share")).isEmpty();

        // The classifier now finds health data in the comments, which survey-share provides to a third party.
        classify(record, "shop.public.surveys", "comment", "medical", "customer", true);

        var violations = openViolations("survey-share");
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).path("field").asString()).isEqualTo("comment");
        assertThat(violations.get(0).path("rule").asString()).isEqualTo("sensitive-to-third-party");
        assertThat(violations.get(0).path("clause").asString()).isEqualTo("要配慮個人情報の取得");
        assertThat(ok(call("auditor", "GET", "/api/flows/sensitive-recipients", null), 200).toString()).contains("partner-co");

        assertThat(events(Topics.VIOLATION_RAISED, ViolationRaised.class, e -> "survey-share".equals(e.getPipelineId()), 1))
                .extracting(e -> e.getPipelineId() + "/" + e.getField() + "/" + e.getRule())
                .containsExactly("survey-share/comment/sensitive-to-third-party");
        long id = violations.get(0).path("id").asLong();
        assertThat(call("engineer", "POST", "/api/violations/" + id + "/resolve", null).statusCode()).isEqualTo(403);
        ok(call("dpo", "POST", "/api/violations/" + id + "/resolve", null), 200);
        assertThat(openViolations("survey-share")).isEmpty();
    }

    @Test
    void theDpoOverridesAndAutomationNeverUndoesItAndHistoryReadsAsOf() throws Exception {
        var record = app.getBean(RecordObservations.class);
        dataset(record, "shop.public.staff_members", "shop", "staff_members", "id", "氏名");
        classify(record, "shop.public.staff_members", "氏名", "name", "customer", false);
        String path = "/api/datasets/" + URLEncoder.encode("shop.public.staff_members", StandardCharsets.UTF_8) + "/fields/"
                + URLEncoder.encode("氏名", StandardCharsets.UTF_8) + "/review";
        assertThat(ok(call("dpo", "POST", path, "{\"decision\": \"OVERRIDE\", \"item\": \"name\"}"), 400)
                .path("detail").asString()).contains("reason is missing");
        assertThat(ok(call("dpo", "POST", path, "{\"decision\": \"OVERRIDE\", \"item\": \"nom\", \"subject\": \"customer\", \"reason\": \"x\"}"), 400)
                .path("detail").asString()).contains("Unknown item 'nom'", "name_kana");
        var reviewed = ok(call("dpo", "POST", path,
                "{\"decision\": \"OVERRIDE\", \"item\": \"name\", \"subject\": \"employee\", \"reason\": \"店舗スタッフの会員登録\"}"), 200);
        assertThat(reviewed.path("reviewState").asString()).isEqualTo("OVERRIDDEN");
        // The review flows back to the classifier, which stops deciding for that field.
        assertThat(events(Topics.CLASSIFICATION_REVIEWED, jp.daicho.events.inventory.ClassificationReviewed.class,
                e -> e.getDatasetId().equals("shop.public.staff_members"), 1))
                .extracting(e -> e.getDatasetId() + "/" + e.getColumn() + "/" + e.getReviewState() + "/" + e.getSubject()
                        + "/" + e.getReviewedBy())
                .contains("shop.public.staff_members/氏名/OVERRIDDEN/employee/dpo");

        classify(record, "shop.public.staff_members", "氏名", "name", "customer", false);

        var now = ok(call("auditor", "GET", "/api/datasets/shop.public.staff_members", null), 200);
        var field = find(now.path("fields"), "氏名");
        assertThat(field.path("classification").path("subject").asString()).isEqualTo("employee");
        assertThat(field.path("classification").path("reviewState").asString()).isEqualTo("OVERRIDDEN");
        // Who decided and why, with the decision, as the DPO's console shows it.
        assertThat(field.path("classification").path("review").path("by").asString()).isEqualTo("dpo");
        assertThat(field.path("classification").path("review").path("reason").asString()).isEqualTo("店舗スタッフの会員登録");
        assertThat(field.path("classification").path("review").path("at").isMissingNode()).isFalse();

        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        var before = ok(call("auditor", "GET", "/api/datasets/shop.public.staff_members?asOf=" + yesterday, null), 200);
        assertThat(find(before.path("fields"), "氏名").path("classification").isNull()
                || find(before.path("fields"), "氏名").path("classification").path("subject").asString().equals("customer")).isTrue();
        var listed = ok(call("auditor", "GET", "/api/datasets?asOf=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC), null), 200);
        assertThat(listed.toString()).contains("shop.public.members", "crm.public.contacts");
        String longAgo = java.time.LocalDate.now().minusYears(1).toString();
        assertThat(ok(call("auditor", "GET", "/api/datasets?asOf=" + longAgo, null), 200)).isEmpty();
        assertThat(call("auditor", "GET", "/api/datasets/shop.public.staff_members?asOf=" + longAgo, null).statusCode()).isEqualTo(404);
    }

    static JsonNode find(JsonNode fields, String name) {
        for (JsonNode f : fields) {
            if (f.path("name").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name + " in " + fields);
    }

    @Test
    void theLedgerOpensInExcelInJapan() throws Exception {
        var csv = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ledger?format=csv"))
                .header("Authorization", DemoUsers.basic("auditor")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).contains("text/csv", "UTF-8");
        byte[] bytes = csv.body();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("\"データセット (dataset)\",\"システム (system)\"");
        assertThat(text).contains("\r\n").contains("\"shop.public.members\",\"shop\",\"EC事業部\",\"JP\",\"customer\",\"お客様情報\"")
                .contains("メールアドレス").contains("配信代行株式会社").contains("提携先株式会社 (CONSENT, JP)");

        var xlsx = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ledger?format=xlsx"))
                .header("Authorization", DemoUsers.basic("dpo")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        // Read as Excel does: through the zip's central directory.
        var file = java.nio.file.Files.createTempFile("ledger", ".xlsx");
        java.nio.file.Files.write(file, xlsx.body());
        String sheet = "";
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            for (var entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().equals("xl/sharedStrings.xml") || entry.getName().startsWith("xl/worksheets/sheet1")) {
                    sheet += new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        // XML may write non-ASCII characters as character references (&#20491;): resolve them as an XML reader does.
        sheet = java.util.regex.Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(sheet)
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16))));
        assertThat(sheet).contains("個人情報の項目 (items)", "shop.public.members", "お客様情報");

        var jsonLedger = ok(call("admin", "GET", "/api/ledger?format=json", null), 200);
        assertThat(jsonLedger.toString()).contains("\"categoryLabel\":\"お客様情報\"");
        assertThat(call("engineer", "GET", "/api/ledger?format=csv", null).statusCode()).isEqualTo(403);
        assertThat(ok(call("auditor", "GET", "/api/ledger?format=pdf", null), 400).path("detail").asString()).contains("csv, json or xlsx");
    }

    @Test
    void thePolicyIsVersionedAndReadableAsOfADate() throws Exception {
        assertThat(ok(call("engineer", "GET", "/api/policy", null), 200).path("company").path("name").asString())
                .isEqualTo("カルー株式会社");
        var broken = ok(call("dpo", "POST", "/api/policy", "version: \"2027\"\neffective_from: 2027-01-01\ncompany: {name: 例}\ncategories: {customer: {purposes: []}}\n"), 400);
        assertThat(broken.path("problems").toString()).contains("policy:4: categories.customer.purposes: a category needs at least one purpose");
        String next = new String(getClass().getResourceAsStream("/policy/default-policy.yml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("version: \"2019-01-31\"", "version: \"2030-01-01\"").replace("effective_from: 2019-01-31", "effective_from: 2030-01-01");
        ok(call("admin", "POST", "/api/policy", next), 201);
        assertThat(ok(call("admin", "POST", "/api/policy", next), 409).path("detail").asString()).contains("never rewritten");
        assertThat(ok(call("auditor", "GET", "/api/policy?on=2031-01-01", null), 200).path("version").asString()).isEqualTo("2030-01-01");
        assertThat(ok(call("auditor", "GET", "/api/policy", null), 200).path("version").asString()).isEqualTo("2019-01-31");
        assertThat(ok(call("auditor", "GET", "/api/policy/versions", null), 200)).hasSize(2);
    }

    @Test
    void theApiIsDescribedWithOpenApi() throws Exception {
        var docs = ok(call(null, "GET", "/v3/api-docs", null), 200);
        assertThat(docs.path("openapi").asString()).startsWith("3.");
        assertThat(docs.path("paths").propertyNames()).contains("/api/flows", "/api/pipelines", "/api/pipelines/validate",
                "/api/ledger", "/api/datasets/{id}/fields/{field}/review", "/api/policy");
        // Every endpoint answers a record, and the description names exactly its properties.
        var checked = new java.util.TreeSet<String>();
        assertThat(jp.daicho.testkit.OpenApiContract.problems(app, docs, checked)).isEmpty();
        assertThat(checked).contains("GET /api/pipelines", "GET /api/pipelines/{id}", "GET /api/violations", "GET /api/flows",
                "GET /api/review-queue", "POST /api/datasets/{id}/fields/{field}/review", "GET /api/datasets/{id}");
        // The typed client the console, the CLI and the launcher use reads exactly what is described, nested records too.
        var called = new java.util.TreeSet<String>();
        assertThat(jp.daicho.testkit.OpenApiContract.clientProblems(docs, jp.daicho.client.InventoryClient.ENDPOINTS, called)).isEmpty();
        assertThat(called).hasSameSizeAs(jp.daicho.client.InventoryClient.ENDPOINTS);
    }

    @Test
    void anOversizedDocumentIsRefusedAndNothingElseIsDisturbed() throws Exception {
        String huge = "id: big\nowner: x\n# " + "あ".repeat(600_000) + "\n";
        var refused = ok(call("engineer", "POST", "/api/pipelines", huge), 400);
        assertThat(refused.path("problems").get(0).asString()).contains("characters; at most 524288 are accepted");
        assertThat(call("engineer", "GET", "/api/pipelines/big", null).statusCode()).isEqualTo(404);
        assertThat(ok(call("engineer", "GET", "/api/pipelines/crm-sync", null), 200).path("id").asString()).isEqualTo("crm-sync");
    }

    /**
     * A wrong password, a method the path does not serve and a path nothing serves are answered with problem
     * documents too: 401, 405 with the methods it does serve, 404.
     */
    @Test
    void wrongCredentialsMethodsAndPathsGetProblemDocumentsThatSayWhatToSend() throws Exception {
        var wrongPassword = http.send(HttpRequest.newBuilder(URI.create(base + "/api/datasets"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "dpo:間違い".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(wrongPassword.body()).path("detail").asString()).contains("daicho.security.users", "not accepted");

        for (String user : List.of("dpo", "auditor")) {
            var delete = call(user, "DELETE", "/api/pipelines/crm-sync", null);
            assertThat(delete.statusCode()).as(delete.body()).isEqualTo(405);
            assertThat(delete.headers().firstValue("Allow")).hasValue("GET, HEAD, PUT");
            assertThat(json.readTree(delete.body()).path("detail").asString())
                    .isEqualTo("DELETE is not served on /api/pipelines/crm-sync; it answers GET, HEAD, PUT.");
        }
        var put = call("dpo", "PUT", "/api/datasets", "{}");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD");

        var nowhere = call("dpo", "GET", "/api/no-such-thing", null);
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(json.readTree(nowhere.body()).path("detail").asString()).contains("No endpoint serves /api/no-such-thing");
        // Unauthenticated, nothing is told about what exists.
        assertThat(call(null, "DELETE", "/api/pipelines/crm-sync", null).statusCode()).isEqualTo(401);
        assertThat(call(null, "GET", "/api/no-such-thing", null).statusCode()).isEqualTo(401);
    }

    /** Every endpoint refuses the wrong role with 403 and anyone unauthenticated with 401. */
    @Test
    void everyEndpointRefusesTheWrongRole() throws Exception {
        record Rule(String method, String path, String body, List<String> allowed) {
        }
        var all = List.of("dpo", "engineer", "auditor", "admin");
        var rules = List.of(
                new Rule("GET", "/api/status", null, all),
                new Rule("GET", "/api/datasets/shop.public.members", null, all),
                new Rule("GET", "/api/systems", null, all),
                new Rule("GET", "/api/parties", null, all),
                new Rule("GET", "/api/parties/mailer", null, all),
                new Rule("GET", "/api/policy", null, all),
                new Rule("GET", "/api/policy/versions", null, all),
                new Rule("GET", "/api/pipelines/crm-sync", null, all),
                new Rule("GET", "/api/flows/sensitive-recipients", null, all),
                new Rule("GET", "/api/flows/cross-border", null, all),
                new Rule("GET", "/api/entrustments", null, all),
                new Rule("PUT", "/api/parties/mailer", "{}", List.of("dpo", "admin")),
                new Rule("PUT", "/api/systems/crm", "{}", List.of("dpo", "admin")),
                new Rule("GET", "/api/datasets", null, all),
                new Rule("GET", "/api/fields?item=email", null, all),
                new Rule("GET", "/api/pipelines", null, all),
                new Rule("GET", "/api/violations", null, all),
                new Rule("GET", "/api/flows?item=email", null, all),
                new Rule("GET", "/api/review-queue", null, all),
                new Rule("GET", "/api/ledger?format=json", null, List.of("dpo", "auditor", "admin")),
                new Rule("POST", "/api/pipelines/validate", CRM_COPY, List.of("engineer", "dpo", "admin")),
                new Rule("POST", "/api/pipelines", "id: [", List.of("engineer", "dpo")),
                new Rule("POST", "/api/parties", "{}", List.of("dpo", "admin")),
                new Rule("POST", "/api/systems", "{}", List.of("dpo", "admin")),
                new Rule("POST", "/api/policy", "version: [", List.of("dpo", "admin")),
                new Rule("POST", "/api/datasets/shop.public.members/fields/email/review", "{}", List.of("dpo")),
                new Rule("POST", "/api/violations/999999/resolve", null, List.of("dpo")),
                new Rule("POST", "/api/pipelines/no-such-pipeline/retire", "{}", List.of("dpo")),
                new Rule("PUT", "/api/pipelines/no-such-pipeline", "id: [", List.of("engineer", "dpo")),
                new Rule("GET", "/api/readers", null, all),
                new Rule("GET", "/api/declared-datasets", null, all),
                new Rule("POST", "/api/declared-datasets", "id: [", List.of("engineer", "dpo")),
                new Rule("PUT", "/api/declared-datasets/x.y.z", "id: [", List.of("engineer", "dpo")),
                new Rule("POST", "/api/readers/accept", "{}", List.of("dpo")),
                new Rule("POST", "/api/readers/withdraw", "{}", List.of("dpo")),
                new Rule("GET", "/api/incidents", null, List.of("dpo", "auditor")),
                new Rule("GET", "/api/incidents/INC-1999-0001/report", null, List.of("dpo", "auditor")),
                new Rule("POST", "/api/incidents", "{}", List.of("dpo")),
                new Rule("PUT", "/api/incidents/INC-1999-0001", "{}", List.of("dpo")));
        for (var rule : rules) {
            assertThat(call(null, rule.method(), rule.path(), rule.body()).statusCode())
                    .as("%s %s unauthenticated", rule.method(), rule.path()).isEqualTo(401);
            for (String user : all) {
                var response = call(user, rule.method(), rule.path(), rule.body());
                if (rule.allowed().contains(user)) {
                    assertThat(response.statusCode()).as("%s %s as %s: %s", rule.method(), rule.path(), user, response.body())
                            .isNotIn(401, 403);
                } else {
                    assertThat(response.statusCode()).as("%s %s as %s", rule.method(), rule.path(), user).isEqualTo(403);
                    assertThat(json.readTree(response.body()).path("detail").asString()).contains("Your roles do not allow");
                }
            }
        }
    }

    @Test
    void anEventIsPublishedWhenItsChangeCommitsAndNeverForOneRolledBack() throws Exception {
        var events = app.getBean(jp.daicho.inventory.pipelines.PipelineEvents.class);
        var transactions = app.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        String run = Long.toString(System.nanoTime());
        var violation = new jp.daicho.inventory.pipelines.PipelineRules.Violation("record-mode-missing", "m", "c", null, null);
        try {
            transactions.executeWithoutResult(status -> {
                events.violationRaised("rolled-back-" + run, violation, Instant.now());
                throw new IllegalStateException("the change fails after its event was written");
            });
        } catch (IllegalStateException expected) {
            // rolled back, with its event
        }
        transactions.executeWithoutResult(status -> events.violationRaised("committed-" + run, violation, Instant.now()));

        var seen = new ArrayList<String>();
        var serde = AvroSerde.of(ViolationRaised.class);
        try (var consumer = infra.consumer()) {
            consumer.subscribe(List.of(Topics.VIOLATION_RAISED));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(serde.decode(r.value()).getPipelineId()));
                assertThat(seen).contains("committed-" + run);
            });
        }
        assertThat(seen).doesNotContain("rolled-back-" + run);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.getBean(jp.daicho.outbox.Outbox.class).waiting() == 0);
    }

    /** Probes need no login and show no details; metrics (Prometheus format) are an administrator's. */
    @Test
    void healthNeedsNoLoginAndMetricsAreAnAdministrators() throws Exception {
        assertThat(ok(call(null, "GET", "/actuator/health", null), 200).path("status").asString()).isEqualTo("UP");
        assertThat(ok(call(null, "GET", "/actuator/health/liveness", null), 200).path("status").asString()).isEqualTo("UP");
        var anonymous = ok(call(null, "GET", "/actuator/health/readiness", null), 200);
        assertThat(anonymous.path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.has("components")).as("no details without login").isFalse();
        var readiness = ok(call("admin", "GET", "/actuator/health/readiness", null), 200);
        assertThat(readiness.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").path("kafka").path("details").path("brokers").asInt()).isPositive();

        assertThat(call(null, "GET", "/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(call("dpo", "GET", "/actuator/prometheus", null).statusCode()).isEqualTo(403);
        var metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .header("Authorization", DemoUsers.basic("admin")).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("daicho_datasets", "daicho_fields_personal", "daicho_review_queue",
                "daicho_violations_open", "hikaricp_connections", "http_server_requests", "jvm_memory_used_bytes",
                "service=\"daicho-inventory\"");
        assertThat(metrics.body()).containsPattern("kafka_consumer_[a-z_]*records_lag");
    }
}
