package jp.daicho.app.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo company's reference data, entered through the APIs as its people would: systems and parties (the
 * DPO), pipelines (an engineer registers their manifests), and provisions reported to the ledger by the
 * consent-based pipeline, so that the console's flow map, parties and ledger pages show something. A step
 * that fails (say, a pipeline the policy refuses) is logged and the demo goes on.
 */
public final class DemoSetup {

    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

    private final String inventory;
    private final String ledger;
    private final String prefix;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param prefix the source's name, as datasets are named ({@code demo} gives {@code demo.public.members}) */
    public DemoSetup(String inventory, String ledger, String prefix) {
        this.inventory = inventory;
        this.ledger = ledger;
        this.prefix = prefix;
    }

    public void run() throws InterruptedException {
        // The captured source itself: the 台帳 names its department and where its data is stored.
        post(inventory + "/api/systems", "dpo", "application/json", """
                {"name": "%s", "kind": "DATABASE", "ownerDepartment": "EC事業部", "hostingCountry": "JP", "operatedBy": "US"}"""
                .formatted(prefix));
        post(inventory + "/api/systems", "dpo", "application/json", """
                {"name": "crm", "kind": "SAAS", "ownerDepartment": "営業部", "hostingCountry": "JP", "operatedBy": "US"}""");
        post(inventory + "/api/parties", "dpo", "application/json", """
                {"id": "mail-delivery-co", "kind": "CONTRACTOR", "name": "メール配信株式会社", "address": "東京都港区芝公園１－１",
                 "representative": "代表取締役 高橋 健", "country": "JP", "contractReference": "委託契約 2024-07",
                 "lastSupervisedOn": "%s"}""".formatted(java.time.LocalDate.now().minusMonths(3)));
        post(inventory + "/api/parties", "dpo", "application/json", """
                {"id": "payroll-co", "kind": "CONTRACTOR", "name": "給与計算サービス株式会社", "address": "大阪府大阪市北区梅田２－２",
                 "representative": "代表取締役 伊藤 真", "country": "JP", "contractReference": "委託契約 2023-04"}""");
        post(inventory + "/api/parties", "dpo", "application/json", """
                {"id": "partner-travel", "kind": "THIRD_PARTY", "name": "提携旅行株式会社", "address": "東京都千代田区丸の内３－３",
                 "representative": "代表取締役 山本 一郎", "country": "JP"}""");
        pipeline("""
                id: member-mail
                name: 会員向けメール配信
                owner: marketing-eng@example.jp
                source: [{dataset: %1$s.public.members, fields: [email, 氏名]}]
                destination: {party: mail-delivery-co}
                purposes: {customer: [contact]}
                legal_basis: ENTRUSTMENT
                """);
        pipeline("""
                id: member-crm
                name: 会員情報のCRM連携
                owner: sales-eng@example.jp
                source: [{dataset: %1$s.public.members, fields: [会員番号, 氏名, email, 電話番号]}]
                destination: {system: crm}
                purposes: {customer: [service]}
                legal_basis: INTERNAL
                """);
        pipeline("""
                id: member-partner
                name: 提携旅行会社への会員紹介
                owner: alliance@example.jp
                source: [{dataset: %1$s.public.members, fields: [氏名, email]}]
                destination: {party: partner-travel}
                purposes: {customer: [service]}
                legal_basis: CONSENT
                record_mode: EACH_TIME
                """);
        pipeline("""
                id: payroll
                name: 給与計算の委託
                owner: hr-systems@example.jp
                source: [{dataset: %1$s.public.employees, fields: [employee_no, last_name, first_name]}]
                destination: {party: payroll-co}
                purposes: {employee: [hr]}
                legal_basis: ENTRUSTMENT
                """);
        // A second pipeline to the same contractor, with health data: the flow map shows both.
        pipeline("""
                id: health-checkups
                name: 健康診断結果の管理委託
                owner: hr-systems@example.jp
                source: [{dataset: %1$s.public.health_checkups, fields: [employee_id, checkup_date, diagnosis, 既往歴]}]
                destination: {party: payroll-co}
                purposes: {employee: [health]}
                legal_basis: ENTRUSTMENT
                """);
        provisions();
    }

    private void pipeline(String manifest) throws InterruptedException {
        post(inventory + "/api/pipelines", "engineer", "application/yaml; charset=UTF-8", manifest.formatted(prefix));
    }

    /** The consent-based pipeline reports a few provisions; the ledger learns the pipeline from Kafka first. */
    private void provisions() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int i = 1; i <= 12; i++) {
            String member = "M-%05d".formatted(i);
            String body = """
                    {"eventId": "demo-partner-%d", "pipelineId": "member-partner", "occurredAt": "%s", "subjectKey": "%s",
                     "subjectItems": {"会員番号": "%s"}, "dataItems": ["name", "email"],
                     "consentReference": "会員規約 第12条 同意 %s"}""".formatted(i, Instant.now().minus(Duration.ofDays(12 - i)), member,
                    member, member);
            while (!post(ledger + "/api/occurrences", "engineer", "application/json", body) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        }
    }

    private boolean post(String url, String user, String type, String body) throws InterruptedException {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 == 2 || response.statusCode() == 409) {
                return true;
            }
            log.warn("Demo setup: {} answered {}: {}", url, response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            log.warn("Demo setup: {} not reachable: {}", url, e.getMessage());
        }
        return false;
    }
}
