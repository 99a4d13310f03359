package jp.daicho.app.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.daicho.client.ApiRefused;
import jp.daicho.client.ApiUnreachable;
import jp.daicho.client.Inventory.Party;
import jp.daicho.client.Inventory.SystemRecord;
import jp.daicho.client.InventoryClient;
import jp.daicho.client.Ledger;
import jp.daicho.client.LedgerClient;

/**
 * The demo company's reference data, entered through the APIs as its people would: systems and parties (the
 * DPO), pipelines (an engineer registers their manifests), and provisions reported to the ledger by the
 * consent-based pipeline, so that the console's flow map, parties and ledger pages show something. A step
 * that fails (say, a pipeline the policy refuses) is logged and the demo goes on.
 */
public final class DemoSetup {

    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

    private final InventoryClient asDpo;
    private final InventoryClient asEngineer;
    private final LedgerClient ledger;
    private final String prefix;

    /** @param prefix the source's name, as datasets are named ({@code demo} gives {@code demo.public.members}) */
    public DemoSetup(String inventory, String ledger, String prefix) {
        this.asDpo = new InventoryClient(inventory, () -> basic("dpo"));
        this.asEngineer = new InventoryClient(inventory, () -> basic("engineer"));
        this.ledger = new LedgerClient(ledger, () -> basic("engineer"));
        this.prefix = prefix;
    }

    /** The Authorization header of one of the demo's users (password = name). */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    public void run() throws InterruptedException {
        // The captured source itself: the 台帳 names its department and where its data is stored.
        // Its engineer (the demo user "engineer") sees its tasks of data subjects' requests.
        add(() -> asDpo.addSystem(new SystemRecord(prefix, "DATABASE", "EC事業部", "JP", "US", null, List.of("engineer"))));
        add(() -> asDpo.addSystem(new SystemRecord("crm", "SAAS", "営業部", "JP", "US", null)));
        add(() -> asDpo.addParty(new Party("mail-delivery-co", "CONTRACTOR", "メール配信株式会社", "東京都港区芝公園１－１",
                "代表取締役 高橋 健", "JP", "委託契約 2024-07", LocalDate.now().minusMonths(3))));
        add(() -> asDpo.addParty(new Party("payroll-co", "CONTRACTOR", "給与計算サービス株式会社", "大阪府大阪市北区梅田２－２",
                "代表取締役 伊藤 真", "JP", "委託契約 2023-04", null)));
        add(() -> asDpo.addParty(new Party("partner-travel", "THIRD_PARTY", "提携旅行株式会社", "東京都千代田区丸の内３－３",
                "代表取締役 山本 一郎", "JP", null, null)));
        // The website's ad tag, which no database holds: declared, personally-related information (個人関連情報), and
        // provided to an ad network under Art. 31 (docs/pipelines.md).
        add(() -> asDpo.addSystem(new SystemRecord("website", "SERVICE", "EC事業部", "JP", "US", null)));
        add(() -> asDpo.addParty(new Party("ad-network", "THIRD_PARTY", "アドネットワーク株式会社", "東京都渋谷区道玄坂１－１",
                "代表取締役 中村 誠", "JP", null, null)));
        add(() -> asEngineer.declareDataset(resource("/demo/website-ad-pixel.yml")));
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
                readers: [{database_role: demo_crm_sync}]
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
        pipeline("""
                id: ad-delivery
                name: 広告配信事業者への閲覧履歴・端末情報の提供
                owner: growth-eng@example.jp
                source: [{dataset: website.tags.ad-pixel, fields: [cookie_id, viewed_pages, device]}]
                destination: {party: ad-network}
                purposes: {customer: [personalization]}
                legal_basis: ART31
                record_mode: BATCH
                """);
        provisions();
    }

    private static String resource(String name) {
        try (var in = DemoSetup.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void pipeline(String manifest) {
        add(() -> asEngineer.register(manifest.formatted(prefix)));
    }

    /** Adds something to the inventory; what is there already (409, a restarted demo) stays as it is. */
    private static void add(Runnable call) {
        try {
            call.run();
        } catch (ApiRefused e) {
            if (e.status() != 409) {
                log.warn("Demo setup: {} refused: {} {}", e.service(), e.getMessage(), e.problem().problems());
            }
        } catch (ApiUnreachable e) {
            log.warn("Demo setup: {}", e.getMessage());
        }
    }

    /**
     * The consent-based pipeline reports a few provisions. The ledger learns the pipeline from Kafka first, so an
     * occurrence it refuses is sent again until it is recorded, for up to 90 s; one never recorded is said so.
     */
    private void provisions() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (int i = 1; i <= 12; i++) {
            String member = "M-%05d".formatted(i);
            if (!recordedBy(new Ledger.Occurrence("demo-partner-" + i, "PROVIDED", "member-partner",
                    Instant.now().minus(Duration.ofDays(12 - i)), member, Map.of("会員番号", member), List.of("name", "email"),
                    "会員規約 第12条 同意 " + member, null, null, null, null, null), deadline)) {
                return;
            }
        }
        // The ad tag's data to the ad network: the record of the Art. 31 confirmation (Rule 28), not of Art. 29.
        recordedBy(new Ledger.Occurrence("demo-ad-1", "PROVIDED", "ad-delivery", Instant.now().minus(Duration.ofDays(1)),
                "ck-demo-0001", Map.of("Cookie ID", "ck-demo-0001"), List.of("device_id", "behavior"),
                "アドネットワーク株式会社の申告により、本人の同意取得を確認（同意取得の表明書 2026-10-01）", null, null, null, null,
                null), deadline);
    }

    /** Sends the occurrence until the ledger records it or the deadline passes (then says so). */
    private boolean recordedBy(Ledger.Occurrence occurrence, long deadline) throws InterruptedException {
        while (!recorded(occurrence)) {
            if (System.nanoTime() > deadline) {
                log.warn("Demo setup: the ledger did not record {} within 90 s (does it know pipeline {}?)",
                        occurrence.eventId(), occurrence.pipelineId());
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    /** Whether the ledger holds the occurrence now (recorded, or a duplicate of one it holds). */
    private boolean recorded(Ledger.Occurrence occurrence) {
        try {
            var outcome = ledger.report(List.of(occurrence)).outcomes().getFirst();
            if (outcome.status().equals("RECORDED") || outcome.status().equals("DUPLICATE")) {
                return true;
            }
            log.debug("Demo setup: the ledger refused {} for now ({}): {}", occurrence.eventId(), outcome.rule(), outcome.explanation());
        } catch (ApiRefused | ApiUnreachable e) {
            log.warn("Demo setup: {}", e.getMessage());
        }
        return false;
    }
}
