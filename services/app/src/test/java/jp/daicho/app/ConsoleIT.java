package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import jp.daicho.app.demo.DemoDatabase;
import jp.daicho.app.demo.DemoSetup;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;

/**
 * The console in a real browser (Debian's Chromium, headless, driven by Selenium) on the whole system with
 * the demo data: sign in, the dashboard, the flow map with its nodes, a DPO's confirmation of a
 * classification, a manifest's validation, parties, an auditor's ledger export downloaded and read, the
 * language switch, roles, and a phone-sized screen. Each scenario signs in as its user and reads or changes only
 * what it names, so they run in any order. Screenshots of each page go to {@code target/screenshots/}. Skipped,
 * saying why, where Chromium is not installed ({@code .ci/run} installs it).
 */
@UsesRealInfrastructure
class ConsoleIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    static DemoDatabase demo;
    static Services services;
    static ChromeDriver browser;
    static Path downloads;
    static String console;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver; .ci/run does it)");
        var infra = Infrastructure.shared();
        infra.createDatabase("console_shop");
        infra.createDatabase("console_daicho");
        var ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(infra.jdbcUrl("console_shop"));
        ds.setUser(infra.postgresUser());
        ds.setPassword(infra.postgresPassword());
        demo = new DemoDatabase(ds);
        demo.createAndSeed();
        services = new Services(new Services.Settings(infra.kafkaBootstrapServers(), infra.jdbcUrl("console_daicho"),
                infra.postgresUser(), infra.postgresPassword(),
                List.of(new Services.Source("consoleit", infra.postgresHost(), infra.postgresPort(), "console_shop",
                        infra.postgresUser(), infra.postgresPassword())),
                Files.createTempDirectory("consoleit-offsets"), 0, "consoleit-", "consoleit\\..*"));
        services.startAll();
        var http = java.net.http.HttpClient.newHttpClient();
        // Its own demo tables (the shared broker may also carry other tests' datasets, which this inventory reads too).
        for (String table : List.of("members", "employees", "health_checkups")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> http.send(jp.daicho.testkit.DemoUsers.asDpo(
                    java.net.URI.create(services.inventoryUrl() + "/api/datasets/consoleit.public." + table)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        }
        new DemoSetup(services.inventoryUrl(), services.ledgerUrl(), "consoleit").run();
        // What the scenarios read: the demo's twelve provisions in the ledger, and its ad tag's Art. 31 confirmation.
        assertThat(new jp.daicho.client.LedgerClient(services.ledgerUrl(), () -> jp.daicho.testkit.DemoUsers.basic("auditor"))
                .status().records()).as("the demo's provisions recorded").isEqualTo(13);
        // The demo registers its source system: its rows of the 台帳 name a department and a storage country.
        var ledger = tools.jackson.databind.json.JsonMapper.builder().build().readTree(http.send(jp.daicho.testkit.DemoUsers.asDpo(
                java.net.URI.create(services.inventoryUrl() + "/api/ledger?format=json")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        var demoRows = new java.util.ArrayList<tools.jackson.databind.JsonNode>();
        ledger.forEach(row -> {
            if (row.path("datasetId").asString().startsWith("consoleit.")) {
                demoRows.add(row);
            }
        });
        assertThat(demoRows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.path("ownerDepartment").asString()).isEqualTo("EC事業部");
            assertThat(row.path("storageCountry").asString()).isEqualTo("JP");
        });
        console = services.consoleUrl();

        downloads = Files.createTempDirectory("consoleit-downloads");
        Files.createDirectories(SCREENSHOTS);
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=ja", "--user-data-dir=" + Files.createTempDirectory("consoleit-chromium"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (services != null) {
            services.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    static void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(console + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("sign-in")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.id("count-datasets")).size() == 1);
    }

    static void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Submits a form and waits for the page it leads to: the next reads are of that page, never of this one. */
    static void submit(WebElement form) {
        WebElement page = browser.findElement(By.tagName("html"));
        form.findElement(By.cssSelector("button")).click();
        // While Chrome swaps documents, asking about the old one can fail with an inspector error rather than a stale
        // reference ("Node with given id does not belong to the document"): that is asked again, not taken as an answer.
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(driver -> {
                    try {
                        page.isEnabled();
                        return false;
                    } catch (StaleElementReferenceException gone) {
                        return true;
                    } catch (WebDriverException swapping) {
                        if (String.valueOf(swapping.getMessage()).contains("does not belong to the document")) {
                            return false;
                        }
                        throw swapping;
                    }
                });
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver ->
                "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    /** The browser's download whose file name matches {@code pattern}, once it has arrived. */
    static Path downloaded(String pattern) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (var files = Files.list(downloads)) {
                return files.anyMatch(f -> f.getFileName().toString().matches(pattern));
            }
        });
        try (var files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().matches(pattern)).findFirst().orElseThrow();
        }
    }

    static String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    @Test
    void aDpoSignsInAndSeesTheDashboardInJapanese() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(console + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        screenshot("01-login");
        signIn("dpo");
        assertThat(Integer.parseInt(browser.findElement(By.id("count-datasets")).getText())).isGreaterThanOrEqualTo(DemoDatabase.TABLES);
        assertThat(Integer.parseInt(browser.findElement(By.id("count-sensitive")).getText())).isPositive();
        assertThat(text()).contains("ダッシュボード", "要配慮個人情報の項目", "お客様", "社員", "第三者提供記録");
        screenshot("02-dashboard");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFlowMapDrawsSystemsAndPartiesAndShowsANodesPaths() throws Exception {
        signIn("dpo");
        browser.get(console + "/flows");
        WebElement map = browser.findElement(By.id("flow-map"));
        await().atMost(Duration.ofSeconds(15)).until(() -> map.getAttribute("data-nodes") != null);
        assertThat(Integer.parseInt(map.getAttribute("data-nodes"))).isGreaterThanOrEqualTo(4);
        assertThat(Integer.parseInt(map.getAttribute("data-edges"))).isGreaterThanOrEqualTo(4);
        assertThat(map.findElements(By.tagName("canvas"))).isNotEmpty();
        ((JavascriptExecutor) browser).executeScript("window.daichoFlowMap.getElementById('party:partner-travel').emit('tap')");
        assertThat(browser.findElement(By.id("flow-details")).getText()).contains("partner-travel", "member-partner", "本人の同意");
        screenshot("03-flow-map");
        // Two pipelines to one contractor are two flows: the health data's as well as the payroll's, on the map
        // and in the contractor's panel.
        assertThat((List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return window.daichoFlowMap.edges('[target = \"party:payroll-co\"]').map(e => e.data('pipeline')).sort()"))
                .containsExactly("health-checkups", "payroll");
        ((JavascriptExecutor) browser).executeScript("window.daichoFlowMap.getElementById('party:payroll-co').emit('tap')");
        assertThat(browser.findElement(By.cssSelector("#flow-details .incoming")).getText())
                .contains("health-checkups", "payroll", "委託");

        new Select(browser.findElement(By.name("subject"))).selectByValue("employee");
        browser.findElement(By.cssSelector("#flow-filter button")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().contains("subject=employee")
                && browser.findElement(By.id("flow-map")).getAttribute("data-nodes") != null);
        // the employees and health check-up tables, the database holding them, and the payroll contractor
        assertThat(browser.findElement(By.id("flow-map")).getAttribute("data-nodes")).isEqualTo("4");
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                "return window.daichoFlowMap.getElementById('dataset:consoleit.public.employees').nonempty()")).isTrue();
        screenshot("04-flow-map-employees");
    }

    @Test
    void aDpoConfirmsAClassificationAndItIsRecorded() throws Exception {
        signIn("dpo");
        browser.get(console + "/inventory");
        // Who operates a system, in words: our company or a contractor, not the API's codes.
        assertThat(text()).containsAnyOf("自社", "委託先").doesNotContain("CONTRACTOR").doesNotContainPattern("\\bUS\\b");
        browser.findElement(By.linkText("consoleit.public.members")).click();
        WebElement row = browser.findElement(By.cssSelector("tr[data-field='氏名']"));
        // The item in words; its code only as the hover title.
        assertThat(row.getText()).contains("氏名", "お客様").doesNotContain("(name)");
        assertThat(row.findElements(By.cssSelector("[title='name']"))).isNotEmpty();
        row.findElement(By.tagName("summary")).click();
        row.findElement(By.name("reason")).sendKeys("会員の氏名であることを確認");
        row.findElement(By.cssSelector("form.review button")).click();
        assertThat(browser.findElement(By.id("review-done")).getText()).contains("氏名");
        // The state, who decided, when (Tokyo time) and why, in Japanese; the evidence in words, not codes.
        WebElement reviewed = browser.findElement(By.cssSelector("tr[data-field='氏名']"));
        assertThat(reviewed.findElement(By.cssSelector(".state")).getText()).isEqualTo("確認済み");
        assertThat(reviewed.findElement(By.cssSelector(".reviewed")).getText())
                .contains("dpoが", "会員の氏名であることを確認").containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} JST");
        assertThat(reviewed.findElement(By.cssSelector(".evidence")).getText()).contains("「").doesNotContain("column-word:");
        screenshot("05-dataset-reviewed");

        // The classifier later finds diagnoses in the confirmed field's values: it is back in the queue, first, with what
        // the classifier found; the DPO's decision stays.
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(java.util.Map.of(
                "bootstrap.servers", jp.daicho.testkit.Infrastructure.shared().kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(jp.daicho.schemas.Topics.FIELD_CLASSIFIED,
                    "consoleit.public.members/氏名", jp.daicho.schemas.AvroSerde.of(jp.daicho.events.inventory.FieldClassified.class)
                            .encode(jp.daicho.events.inventory.FieldClassified.newBuilder()
                                    .setDatasetId("consoleit.public.members").setColumn("氏名").setSchemaFingerprint("drift")
                                    .setItem("medical").setSubject("customer").setSensitive(true).setConfidence(0.86)
                                    .setEvidence(java.util.List.of("values:diagnosis")).setSampleCount(20)
                                    .setClassifierVersion("consoleit").setClassifiedAt(java.time.Instant.now()).build()))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            browser.get(console + "/review");
            WebElement drifted = browser.findElement(By.cssSelector("#review-queue tbody tr"));
            assertThat(drifted.getAttribute("data-field")).isEqualTo("consoleit.public.members/氏名");
            assertThat(drifted.findElement(By.cssSelector(".drift")).getText()).contains("値が合わなくなっています", "要配慮")
                    .containsPattern("\\d{2}:\\d{2}:\\d{2} JST");
        });
        screenshot("05b-review-drift");

        // The review queue acts: a DPO confirms an uncertain field from the queue itself, with a reason.
        browser.get(console + "/review");
        var waiting = browser.findElements(By.cssSelector("#review-queue tbody tr"));
        assertThat(waiting).isNotEmpty();
        String first = waiting.getFirst().getAttribute("data-field");
        waiting.getFirst().findElement(By.name("reason")).sendKeys("値を確認した");
        waiting.getFirst().findElement(By.cssSelector("form.confirm button")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/review");
        assertThat(browser.findElement(By.id("review-done")).getText()).contains(first.substring(first.lastIndexOf('/') + 1));
        assertThat(browser.findElements(By.cssSelector("#review-queue tbody tr[data-field='" + first + "']"))).isEmpty();
    }

    @Test
    void aManifestIsCheckedAgainstThePolicyWithItsViolations() throws Exception {
        signIn("dpo");
        browser.get(console + "/pipelines");
        assertThat(text()).contains("member-mail", "member-partner", "payroll");
        browser.findElement(By.name("manifest")).sendKeys("""
                id: member-resale
                owner: growth@example.jp
                source: [{dataset: consoleit.public.members, fields: [email]}]
                destination: {party: partner-travel}
                purposes: {customer: [resale]}
                legal_basis: CONSENT
                record_mode: EACH_TIME
                """);
        browser.findElement(By.cssSelector("#validate-form button")).click();
        // The rule in Japanese with its clause; the API's message and the rule's id under 詳細.
        assertThat(browser.findElement(By.id("validation")).getText())
                .contains("プライバシーポリシーがこの区分に宣言していない利用目的です", "〔個人情報保護法 第18条第1項");
        browser.findElements(By.cssSelector("#validation details summary")).forEach(WebElement::click);
        assertThat(browser.findElement(By.id("validation")).getText()).contains("purpose-not-declared", "resale");
        screenshot("06-pipelines-validation");
        // A manifest naming what the inventory does not know: the API's refusal and each problem, in Japanese.
        browser.findElement(By.name("manifest")).clear();
        browser.findElement(By.name("manifest")).sendKeys("""
                id: nowhere
                owner: growth@example.jp
                source: [{dataset: consoleit.public.nope, fields: [email]}]
                destination: {party: partner-travel}
                purposes: {customer: [contact]}
                legal_basis: CONSENT
                record_mode: EACH_TIME
                """);
        browser.findElement(By.cssSelector("#validate-form button")).click();
        assertThat(browser.findElement(By.id("validation-refusal")).getText()).contains("マニフェストが台帳にないものを指しています");
        assertThat(browser.findElement(By.id("validation-problems")).getText())
                .contains("行目: データセット 'consoleit.public.nope' は台帳にありません");
        // A registered pipeline's page: its history, in Tokyo time.
        browser.get(console + "/pipelines/payroll");
        assertThat(browser.findElement(By.id("pipeline-history")).getText()).containsPattern("\\d{2}:\\d{2}:\\d{2} JST engineer: 登録");
        browser.get(console + "/parties");
        assertThat(browser.findElement(By.id("entrustments")).getText()).contains("メール配信株式会社", "適正", "給与計算サービス株式会社", "監督未実施");
        // What disagrees, in words: the default policy publishes technical measures and none is recorded yet.
        assertThat(browser.findElement(By.id("safeguard-findings")).getText())
                .contains("技術的安全管理措置: ポリシーが公表している措置の種類ですが、記録がありません");
        screenshot("07-parties");
        // The DPO records what the 台帳 cannot observe, on the dataset's page; and the annual review on the parties page.
        browser.get(console + "/inventory/dataset?id=consoleit.public.members");
        var entry = browser.findElement(By.id("entry-form"));
        entry.findElement(By.name("acquisitionMethod")).sendKeys("会員登録フォーム（本人から直接）");
        entry.findElement(By.name("storagePlace")).sendKeys("東京データセンター");
        entry.findElement(By.name("access")).sendKeys("EC事業部、カスタマーサポート");
        submit(entry);
        assertThat(browser.findElement(By.id("entry-recorded")).getText()).contains("保存しました");
        assertThat(browser.findElement(By.name("storagePlace")).getDomProperty("value")).isEqualTo("東京データセンター");
        assertThat(browser.findElement(By.name("access")).getDomProperty("value")).isEqualTo("EC事業部、カスタマーサポート");
        browser.get(console + "/parties");
        var review = browser.findElement(By.id("review-form"));
        review.findElement(By.name("note")).sendKeys("2026年度の見直し");
        submit(review);
        assertThat(browser.findElement(By.id("review-last")).getText())
                .contains("dpo", "2026年度の見直し", "記載を更新したデータセット (entries recorded): 1 — consoleit.public.members");
        assertThat(browser.findElement(By.id("review-due")).getText()).contains("次の見直し期限");
        screenshot("07b-ledger-review");
        browser.get(console + "/policy");
        assertThat(text()).contains("カルー株式会社", "2019-01-31").doesNotContainPattern("\\d{2}T\\d{2}:\\d{2}");
        screenshot("08-policy");
        browser.get(console + "/policy?version=2019-01-31");
        assertThat(text()).contains("カルー株式会社", "2019-01-31");
    }

    @Test
    void anAuditorDownloadsTheLedgerExportAndCannotReview() throws Exception {
        signIn("auditor");
        browser.get(console + "/ledger");
        // The demo's twelve provisions and its ad tag's Art. 31 confirmation.
        assertThat(browser.findElement(By.id("ledger-records")).getText()).isEqualTo("13");
        browser.findElement(By.cssSelector("#search-form input[name=recipient]")).sendKeys("提携旅行株式会社");
        browser.findElement(By.id("search")).click();
        assertThat(browser.findElements(By.cssSelector("#found tbody tr"))).hasSize(12);
        assertThat(browser.findElement(By.id("found")).getText()).contains("提携旅行株式会社", "本人の同意", "氏名、メールアドレス");
        // Times as the export writes them, in Tokyo time: never the API's UTC instants.
        assertThat(browser.findElement(By.id("found")).getText())
                .containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} JST")
                .doesNotContainPattern("\\d{2}T\\d{2}:\\d{2}");
        browser.findElement(By.id("verify")).click();
        assertThat(browser.findElement(By.id("verification")).getText()).contains("改ざんはありません");
        browser.findElement(By.id("export")).click();
        Path csv = downloaded("provision-records-.*\\.csv");
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
        String content = new String(bytes, StandardCharsets.UTF_8);
        assertThat(content.split("\r\n")).hasSize(1 + 13 + 1);
        assertThat(content).contains("第三者の氏名又は名称", "提携旅行株式会社", "本人の同意（法第27条第1項）", "# SHA-256",
                "個人関連情報の提供に係る確認の記録（法第31条第3項、規則第28条）", "アドネットワーク株式会社");
        screenshot("09-ledger");

        // The 個人情報管理台帳, today's and as of a day before anything was registered; the lists as of that day are empty.
        browser.get(console + "/parties");
        browser.findElement(By.id("information-ledger-download")).click();
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString();
        String register = new String(Files.readAllBytes(downloaded("personal-information-ledger-" + today + "\\.csv")),
                StandardCharsets.UTF_8);
        assertThat(register).contains("データセット (dataset)", "consoleit.public.members", "メール配信株式会社");
        var asOf = browser.findElement(By.cssSelector("#as-of-form input[name=asOf]"));
        asOf.sendKeys("2020-01-01");
        submit(browser.findElement(By.id("as-of-form")));
        assertThat(browser.findElement(By.id("as-of-note")).getText()).contains("2020-01-01");
        assertThat(browser.findElement(By.id("entrustments")).getText()).doesNotContain("メール配信株式会社");
        browser.findElement(By.id("information-ledger-download")).click();
        String past = new String(Files.readAllBytes(downloaded("personal-information-ledger-2020-01-01\\.csv")),
                StandardCharsets.UTF_8);
        assertThat(past.split("\r\n")).hasSize(1);

        browser.get(console + "/inventory/dataset?id=consoleit.public.members");
        assertThat(browser.findElements(By.cssSelector("form.review"))).isEmpty();
    }

    @Test
    void aDpoRecordsAPersonsRequestSeesWhereTheirDataIsAndAnswersIt() throws Exception {
        signIn("dpo");
        browser.get(console + "/requests");
        assertThat(text()).contains("開示等の請求", "回答の目標は受付から14日");
        var form = browser.findElement(By.id("request-form"));
        new Select(form.findElement(By.name("kind"))).selectByValue("DISCLOSURE");
        new Select(form.findElement(By.name("category"))).selectByValue("customer");
        form.findElement(By.name("subjectKey")).sendKeys("M-00003");
        form.findElement(By.name("subjectName")).sendKeys("会員 三郎");
        submit(form);
        // The request's page: received today, due in the policy's days, and where members' data lives and goes.
        assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("受付");
        assertThat(browser.findElement(By.id("plan-datasets")).getText()).contains("consoleit.public.members", "会員番号");
        assertThat(browser.findElement(By.id("plan-flows")).getText()).contains("提携旅行株式会社", "第三者");
        assertThat(text()).doesNotContain("会員 三郎", "M-00003");
        screenshot("12-request");
        browser.findElement(By.id("identity-form")).findElement(By.name("method")).sendKeys("運転免許証の提示（写しは保存せず）");
        submit(browser.findElement(By.id("identity-form")));
        assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("本人確認済");
        submit(browser.findElement(By.id("answer-form")));
        assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("回答済");
        assertThat(browser.findElement(By.id("request-history")).getText()).contains("受付", "本人確認", "回答", "dpo");
        browser.get(console + "/requests?state=closed");
        assertThat(browser.findElement(By.id("requests")).getText()).contains("保有個人データの開示", "回答済");
        browser.findElement(By.id("lang-switch")).click();
        assertThat(browser.getCurrentUrl()).as("the same page, its tab kept").contains("state=closed");
        assertThat(browser.findElement(By.id("requests")).getText()).contains("Disclosure", "Answered");
        browser.findElement(By.id("lang-switch")).click();

        signIn("engineer");
        browser.get(console + "/requests");
        assertThat(browser.findElement(By.id("refused")).getText()).contains("権限がありません");
    }

    @Test
    void anErasureBecomesTasksPerSystemTheEngineerClosesTheirsAndTheDpoLooksUpAndDiscloses() throws Exception {
        signIn("dpo");
        browser.get(console + "/requests");
        var form = browser.findElement(By.id("request-form"));
        new Select(form.findElement(By.name("kind"))).selectByValue("SUSPENSION");
        new Select(form.findElement(By.name("category"))).selectByValue("employee");
        form.findElement(By.name("subjectKey")).sendKeys("E00002");
        submit(form);
        String request = browser.findElement(By.tagName("h1")).getText().split(" ")[0];
        assertThat(browser.findElement(By.id("request-tasks")).getText()).contains("作業はまだありません");
        browser.findElement(By.id("identity-form")).findElement(By.name("method")).sendKeys("社員証を窓口で確認");
        submit(browser.findElement(By.id("identity-form")));
        submit(browser.findElement(By.id("tasks-form")));
        assertThat(browser.findElement(By.id("task-list")).getText()).contains("consoleit", "consoleit.public.employees",
                "給与計算サービス株式会社", "payroll", "利用停止・消去");

        // The live lookup: permitted, then run; its answer is on this page only.
        submit(browser.findElement(By.id("lookup-permit-form")));
        submit(browser.findElement(By.id("lookup-form")));
        assertThat(browser.findElement(By.id("lookup-result")).getText()).contains("表にご本人の行があります", "consoleit.public.employees", "行あり");
        assertThat(text()).doesNotContain("E00002");
        screenshot("13-request-tasks");
        browser.get(console + "/requests/" + request);
        assertThat(browser.findElements(By.id("lookup-result"))).as("not kept").isEmpty();

        // The engineer of the captured database: its task only, recorded done from the work list.
        signIn("engineer");
        browser.get(console + "/tasks");
        String work = browser.findElement(By.id("open-tasks")).getText();
        assertThat(work).contains(request, "consoleit.public.employees").doesNotContain("給与計算サービス株式会社");
        // (Other tests' requests may have tasks for systems naming the same engineer: this request's row.)
        String row = "#open-tasks tr[id^='task-" + request + "-']";
        browser.findElement(By.cssSelector(row + " form input[name=note]")).sendKeys("削除済み");
        submit(browser.findElement(By.cssSelector(row + " form")));
        assertThat(browser.findElement(By.id("request-done")).getText()).contains("作業の完了を記録しました");
        assertThat(text()).doesNotContain(request + " #");

        // A member's request for their provision records: the ledger's disclosure, downloaded from the request's page.
        signIn("dpo");
        browser.get(console + "/requests/" + request);
        assertThat(browser.findElement(By.id("task-list")).getText()).contains("完了 — engineer", "削除済み");
        browser.get(console + "/requests");
        form = browser.findElement(By.id("request-form"));
        new Select(form.findElement(By.name("kind"))).selectByValue("PROVISION_RECORDS");
        new Select(form.findElement(By.name("category"))).selectByValue("customer");
        form.findElement(By.name("subjectKey")).sendKeys("M-00005");
        submit(form);
        browser.findElement(By.id("disclosure-form")).findElement(By.cssSelector("button")).click();
        String content = new String(Files.readAllBytes(downloaded("disclosure-DSR-.*\\.csv")), StandardCharsets.UTF_8);
        assertThat(content).contains("提携旅行株式会社", "M-00005", "# SHA-256").doesNotContain("M-00006");
    }

    @Test
    void theWebTagIsPersonallyRelatedInformationProvidedUnderArt31AndAnEngineerDeclaresAnSdk() throws Exception {
        signIn("engineer");
        browser.get(console + "/related");
        assertThat(browser.findElement(By.id("related-policy")).getText()).contains("広告配信事業者");
        assertThat(browser.findElement(By.cssSelector("tr[data-dataset='website.tags.ad-pixel']")).getText())
                .contains("ウェブのタグ・Cookie", "個人関連情報");
        assertThat(browser.findElement(By.id("related-pipelines")).getText()).contains("ad-delivery", "ad-network");
        screenshot("16-related");
        var form = browser.findElement(By.id("declare-form"));
        form.findElement(By.name("manifest")).sendKeys("""
                id: website.sdk.app-events
                system: website
                kind: APP_SDK
                fields:
                  - {name: ad_id, item: device_id, subject: customer}
                  - {name: screen_views, item: behavior, subject: customer}
                """);
        submit(form);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("website.sdk.app-events");
        assertThat(browser.findElement(By.id("information")).getText()).contains("個人関連情報", "アプリの SDK");
        browser.findElement(By.id("lang-switch")).click();
        assertThat(browser.findElement(By.id("information")).getText()).contains("Personally-related information",
                "identify no one alone");
        browser.findElement(By.id("lang-switch")).click();
    }

    @Test
    void theDpoSeesWhoReadsPersonalDataAndAcceptsTheBiToolAsInternalUse() throws Exception {
        signIn("dpo");
        // Capture reports the demo database's roles; the CRM's sync role is named by its pipeline, the BI tool's is not.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            browser.get(console + "/readers");
            assertThat(browser.findElements(By.cssSelector("tr[data-reader='database_role:demo_bi_reader']"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("tr[data-reader='database_role:demo_crm_sync']"))).hasSize(1);
        });
        var bi = browser.findElement(By.cssSelector("tr[data-reader='database_role:demo_bi_reader']"));
        assertThat(bi.getText()).contains("未登録", "consoleit.public.members", "consoleit.public.orders", "メールアドレス");
        assertThat(browser.findElement(By.cssSelector("tr[data-reader='database_role:demo_crm_sync']")).getText())
                .contains("登録済み", "member-crm");
        screenshot("15-readers");
        var accept = bi.findElement(By.cssSelector("form.accept-reader"));
        accept.findElement(By.name("reason")).sendKeys("社内の売上集計（個人は出力しない）");
        submit(accept);
        assertThat(browser.findElement(By.id("readers-done")).getText()).contains("承認しました");
        assertThat(browser.findElement(By.cssSelector("tr[data-reader='database_role:demo_bi_reader']")).getText())
                .contains("社内利用として承認", "社内の売上集計", "dpo");
        submit(browser.findElement(By.cssSelector("tr[data-reader='database_role:demo_bi_reader'] form.withdraw-reader")));
        assertThat(browser.findElement(By.cssSelector("tr[data-reader='database_role:demo_bi_reader']")).getText()).contains("未登録");

        signIn("engineer");
        browser.get(console + "/readers");
        assertThat(browser.findElements(By.cssSelector("form.accept-reader"))).as("the DPO's decision").isEmpty();
    }

    @Test
    void aDpoRecordsABreachOfHealthDataAndReadsItsReportDeadlinesAndRecipients() throws Exception {
        signIn("dpo");
        browser.get(console + "/incidents");
        assertThat(text()).contains("漏えい等事案", "規則第7条");
        var form = browser.findElement(By.id("incident-form"));
        form.findElement(By.name("title")).sendKeys("健康診断結果の誤送信");
        form.findElement(By.name("datasets")).sendKeys("consoleit.public.health_checkups");
        form.findElement(By.name("cause")).sendKeys("メールの宛先を誤った");
        submit(form);
        // The report as drafted: must be reported (要配慮), by when, and the contractor that received the data.
        String id = browser.findElement(By.tagName("h1")).getText().split(" ")[0];
        assertThat(id).startsWith("INC-");
        assertThat(browser.findElement(By.id("incident-reasons")).getText()).contains("規則第7条第1号", "要配慮個人情報");
        assertThat(browser.findElement(By.id("incident-deadlines")).getText()).contains("速報の期限", "確報の期限", "速やかに");
        assertThat(browser.findElement(By.id("incident-fields")).getText()).contains("1. 概要", "病歴・健康情報", "メールの宛先を誤った");
        assertThat(browser.findElement(By.id("incident-recipients")).getText()).contains("給与計算サービス株式会社", "health-checkups");
        screenshot("14-incident");
        browser.findElement(By.id("incident-csv")).click();
        String csv = new String(Files.readAllBytes(downloaded("incident-report-" + id + "\\.csv")), StandardCharsets.UTF_8);
        assertThat(csv).contains("報告事項（規則第8条第1項）", "給与計算サービス株式会社");

        // The preliminary report sent today: recorded, and the register says so.
        var followUp = browser.findElement(By.id("incident-follow-up"));
        followUp.findElement(By.name("preliminaryReportedOn")).sendKeys(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString());
        submit(followUp);
        assertThat(browser.findElement(By.id("incident-saved")).getText()).contains("記録しました");
        browser.get(console + "/incidents");
        assertThat(browser.findElement(By.cssSelector("tr[data-incident='" + id + "']")).getText()).contains("要", "送付済");
        browser.findElement(By.id("lang-switch")).click();
        assertThat(browser.findElement(By.cssSelector("tr[data-incident='" + id + "']")).getText()).contains("Required", "sent");
        browser.findElement(By.id("lang-switch")).click();

        // Auditors read it, without the forms; engineers are refused.
        signIn("auditor");
        browser.get(console + "/incidents/" + id);
        assertThat(browser.findElement(By.id("incident-summary")).getText()).contains("個人情報保護委員会への報告");
        assertThat(browser.findElements(By.id("incident-follow-up"))).isEmpty();
        signIn("engineer");
        browser.get(console + "/incidents");
        assertThat(browser.findElement(By.id("refused")).getText()).contains("権限がありません");
    }

    @Test
    void theLanguageSwitchesToEnglishAndBack() throws Exception {
        signIn("dpo");
        browser.get(console + "/");
        browser.findElement(By.id("lang-switch")).click();
        assertThat(text()).contains("Dashboard", "sensitive fields", "Customers");
        screenshot("10-dashboard-en");
        browser.get(console + "/flows");
        assertThat(text()).contains("Flow map", "third-party provision");
        browser.findElement(By.id("lang-switch")).click();
        assertThat(text()).contains("データフロー図");
    }

    @Test
    void anEngineerCannotExportAndThePagesFitAPhone() throws Exception {
        // The console's health needs no login (probes), and tells nothing else.
        var health = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(console + "/actuator/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
        signIn("engineer");
        browser.get(console + "/ledger");
        assertThat(browser.findElements(By.id("export"))).isEmpty();
        browser.get(console + "/ledger/export");
        assertThat(browser.findElement(By.id("refused")).getText()).contains("権限がありません");
        browser.get(console + "/parties");
        assertThat(browser.findElements(By.id("information-ledger"))).isEmpty();
        browser.get(console + "/parties/information-ledger");
        // Refusals and errors are the console's own pages, in Japanese, with who is signed in.
        assertThat(browser.findElement(By.id("refused")).getText()).contains("権限がありません");
        assertThat(text()).contains("engineer (エンジニア)").doesNotContain("null");
        browser.get(console + "/inventory/dataset?id=consoleit.public.members&asOf=2026-13-45");
        assertThat(browser.findElement(By.id("refused")).getText()).contains("2026-04-01 の形式");
        browser.get(console + "/ledger?from=2026-99-99");
        assertThat(browser.findElement(By.id("refused")).getText()).contains("2026-04-01 の形式");
        browser.get(console + "/no-such-page");
        assertThat(browser.findElement(By.id("refused")).getText()).contains("見つかりませんでした");
        assertThat(text()).contains("engineer (エンジニア)").doesNotContain("Whitelabel");
        browser.manage().window().setSize(new Dimension(390, 844));
        for (String page : List.of("/", "/inventory", "/flows", "/pipelines")) {
            browser.get(console + page);
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("horizontal overflow of %s at 390 px", page).isLessThanOrEqualTo(1);
        }
        browser.get(console + "/");
        screenshot("11-dashboard-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }
}
