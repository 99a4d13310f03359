package jp.daicho.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.events.incidents.IncidentRecorded;
import jp.daicho.inventory.datasets.DatasetRows;
import jp.daicho.inventory.datasets.RecordObservations;
import jp.daicho.schemas.Topics;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import jp.daicho.vocabulary.Japan;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19 §3: incidents on a real PostgreSQL and Kafka. A breach of the health check-ups must be reported (要配慮) with
 * its deadlines; one of the product table need not; the payroll contractor is named as a recipient of the employee
 * table's data; the report's items come in Japanese, and the event carries the verdict.
 */
@UsesRealInfrastructure
class IncidentsIT {

    static ConfigurableApplicationContext app;
    static String base;
    static final LocalDate KNEW = Japan.today().minusDays(1);

    @BeforeAll
    static void start() throws Exception {
        app = RunningInventory.start(Infrastructure.shared(), "incidents_it", Map.of());
        base = RunningInventory.url(app);
        var record = app.getBean(RecordObservations.class);
        var rows = app.getBean(DatasetRows.class);
        PipelinesIT.dataset(record, "hr.public.employees", "hr", "employees", "employee_no", "last_name", "email");
        PipelinesIT.classify(record, "hr.public.employees", "employee_no", "identifier", "employee", false);
        PipelinesIT.classify(record, "hr.public.employees", "last_name", "name", "employee", false);
        PipelinesIT.classify(record, "hr.public.employees", "email", "email", "employee", false);
        PipelinesIT.dataset(record, "hr.public.health_checkups", "hr", "health_checkups", "employee_id", "diagnosis");
        PipelinesIT.classify(record, "hr.public.health_checkups", "employee_id", "identifier", "employee", false);
        PipelinesIT.classify(record, "hr.public.health_checkups", "diagnosis", "medical", "employee", true);
        PipelinesIT.dataset(record, "shop.public.products", "shop", "products", "sku", "product_name");
        PipelinesIT.classify(record, "shop.public.products", "sku", "none", "none", false);
        PipelinesIT.classify(record, "shop.public.products", "product_name", "none", "none", false);
        rows.record("hr.public.employees", 1200L, Instant.now());
        rows.record("hr.public.health_checkups", 300L, Instant.now());
        rows.record("shop.public.products", 5000L, Instant.now());
        PipelinesIT.ok(call("dpo", "POST", "/api/parties", """
                {"id": "payroll-co", "kind": "CONTRACTOR", "name": "給与計算サービス株式会社", "country": "JP",
                 "contractReference": "委託契約 2023-04"}"""), 201);
        PipelinesIT.ok(call("engineer", "POST", "/api/pipelines", """
                id: payroll
                owner: hr-systems@example.jp
                source: [{dataset: hr.public.employees, fields: [employee_no, last_name]}]
                destination: {party: payroll-co}
                purposes: {employee: [hr]}
                legal_basis: ENTRUSTMENT
                """), 201);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static String incident(String title, String scope, boolean wrongful) {
        return """
                {"title": "%s", "kind": "LEAK", "discoveredOn": "%s", "occurredFrom": "%sT09:00:00+09:00",
                 %s, "cause": "委託先の担当者が誤って外部共有の設定にした", "wrongfulPurpose": %s}
                """.formatted(title, KNEW, KNEW.minusDays(3), scope, wrongful);
    }

    static java.net.http.HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
        return PipelinesIT.call(base, user, method, path, body);
    }

    @Test
    void aBreachOfHealthCheckUpsMustBeReportedWithItsDeadlinesAndTheEventCarriesTheVerdict() throws Exception {
        JsonNode report = PipelinesIT.ok(call("dpo", "POST", "/api/incidents",
                incident("健康診断結果の誤送信", "\"datasets\": [\"hr.public.health_checkups\"]", false)), 201);
        String id = report.at("/incident/id").asString();
        assertThat(id).startsWith("INC-" + KNEW.getYear() + "-");
        assertThat(report.at("/verdict/reportable").asBoolean()).isTrue();
        assertThat(report.at("/verdict/reasons")).extracting(r -> r.get("code").asString() + " " + r.get("article").asString())
                .containsExactly("SENSITIVE 規則第7条第1号");
        assertThat(report.at("/verdict/preliminaryDueOn").asString()).isEqualTo(KNEW.plusDays(4).toString());
        assertThat(report.at("/verdict/finalDueOn").asString()).isEqualTo(KNEW.plusDays(29).toString());
        assertThat(report.at("/verdict/personsAtLeast").asLong()).isEqualTo(300);
        assertThat(report.get("fields")).hasSize(9);
        assertThat(report.at("/fields/1/value").asString()).contains("病歴・健康情報", "要配慮個人情報を含む");
        assertThat(report.at("/fields/3/value").asString()).isEqualTo("委託先の担当者が誤って外部共有の設定にした");

        var csv = call("auditor", "GET", "/api/incidents/" + id + "/report?format=csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("incident-report-" + id + ".csv");
        assertThat(csv.body()).startsWith("\uFEFF\"区分\",\"番号\",\"項目\",\"内容\"").contains("報告事項（規則第8条第1項）", "規則第7条第1号",
                "速報の期限", KNEW.plusDays(4).toString());

        var events = PipelinesIT.events(Topics.INCIDENT_RECORDED, IncidentRecorded.class,
                e -> e.getIncidentId().equals(id), 1);
        assertThat(events.getFirst().getChange()).isEqualTo("RECORDED");
        assertThat(events.getFirst().getReportable()).isTrue();
        assertThat(events.getFirst().getReasons()).containsExactly("SENSITIVE");
        assertThat(events.getFirst().getItems()).contains("medical");

        // The 速報 sent: recorded, published as such; a 確報 sent cannot be taken back.
        String sent = incident("健康診断結果の誤送信", "\"datasets\": [\"hr.public.health_checkups\"]", false)
                .replace("\"wrongfulPurpose\": false", "\"wrongfulPurpose\": false, \"preliminaryReportedOn\": \"" + KNEW + "\"");
        assertThat(PipelinesIT.ok(call("dpo", "PUT", "/api/incidents/" + id, sent), 200)
                .at("/incident/preliminaryReportedOn").asString()).isEqualTo(KNEW.toString());
        assertThat(PipelinesIT.events(Topics.INCIDENT_RECORDED, IncidentRecorded.class, e -> e.getIncidentId().equals(id), 2))
                .extracting(IncidentRecorded::getChange).contains("PRELIMINARY_REPORTED");
        PipelinesIT.ok(call("dpo", "PUT", "/api/incidents/" + id,
                sent.replace("\"preliminaryReportedOn\"", "\"finalReportedOn\": \"" + KNEW + "\", \"preliminaryReportedOn\"")), 200);
        var takeBack = call("dpo", "PUT", "/api/incidents/" + id, sent);
        assertThat(takeBack.statusCode()).isEqualTo(400);
        assertThat(takeBack.body()).contains("finalReportedOn cannot be taken back");
    }

    @Test
    void aBreachOfTheProductTableHoldsNoPersonalDataAndNeedNotBeReported() throws Exception {
        JsonNode report = PipelinesIT.ok(call("dpo", "POST", "/api/incidents",
                incident("商品マスタの消失", "\"datasets\": [\"shop.public.products\"]", true).replace("LEAK", "LOSS")), 201);
        assertThat(report.at("/verdict/personal").asBoolean()).isFalse();
        assertThat(report.at("/verdict/reportable").asBoolean()).isFalse();
        assertThat(report.at("/verdict/reasons")).isEmpty();
        assertThat(report.at("/verdict/preliminaryDueOn").isNull()).isTrue();
        assertThat(report.at("/verdict/summaryEnglish").asString()).contains("hold no personal data");
    }

    @Test
    void aBreachOfTheWholeHrSystemNamesThePayrollContractorAsARecipientOfTheEmployeeTable() throws Exception {
        JsonNode report = PipelinesIT.ok(call("dpo", "POST", "/api/incidents",
                incident("人事システムへの不正アクセス", "\"systems\": [\"hr\"]", true)), 201);
        assertThat(report.get("datasets")).extracting(d -> d.get("datasetId").asString())
                .containsExactlyInAnyOrder("hr.public.employees", "hr.public.health_checkups");
        assertThat(report.at("/verdict/reasons")).extracting(r -> r.get("code").asString())
                .containsExactly("SENSITIVE", "WRONGFUL_PURPOSE", "OVER_1000");
        assertThat(report.at("/verdict/finalDueOn").asString()).as("60 days for a wrongful purpose")
                .isEqualTo(KNEW.plusDays(59).toString());
        assertThat(report.get("recipients")).singleElement().satisfies(r -> {
            assertThat(r.get("id").asString()).isEqualTo("payroll-co");
            assertThat(r.get("name").asString()).isEqualTo("給与計算サービス株式会社");
            assertThat(r.get("bases")).extracting(JsonNode::asString).containsExactly("ENTRUSTMENT");
            assertThat(r.get("datasets")).extracting(JsonNode::asString).containsExactly("hr.public.employees");
            assertThat(r.get("items")).extracting(JsonNode::asString).contains("氏名");
        });
        assertThat(report.at("/fields/8/value").asString()).contains("給与計算サービス株式会社（ENTRUSTMENT、JP）");
        assertThat(PipelinesIT.ok(call("auditor", "GET", "/api/incidents", null), 200))
                .extracting(i -> i.get("id").asString()).contains(report.at("/incident/id").asString());
    }

    @Test
    void badRecordsAreRefusedWithEveryProblemAndRolesAreKept() throws Exception {
        var empty = call("dpo", "POST", "/api/incidents", "{\"discoveredOn\": \"" + Japan.today().plusDays(3) + "\"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("title is missing", "kind (LEAK, LOSS or DAMAGE) is missing",
                "discoveredOn cannot be after today", "name at least one affected system or dataset", "cause is missing");
        var unknown = call("dpo", "POST", "/api/incidents",
                incident("不明な表", "\"datasets\": [\"hr.public.nowhere\"], \"systems\": [\"ghost\"]", false));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("[hr.public.nowhere] are not in the inventory", "[ghost] are neither registered");
        assertThat(call("auditor", "POST", "/api/incidents",
                incident("監査人", "\"datasets\": [\"shop.public.products\"]", false)).statusCode()).isEqualTo(403);
        assertThat(call("engineer", "GET", "/api/incidents", null).statusCode()).isEqualTo(403);
        assertThat(call("auditor", "GET", "/api/incidents/INC-1999-0001", null).statusCode()).isEqualTo(404);
        assertThat(call("auditor", "GET", "/api/incidents", null).body())
                .as("nothing of the refused records was kept").doesNotContain("不明な表", "監査人");
    }
}
