package jp.daicho.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.daicho.app.demo.DemoDatabase;
import jp.daicho.app.demo.DemoSetup;
import jp.daicho.client.ApiRefused;
import jp.daicho.client.ApiUnreachable;
import jp.daicho.client.InventoryClient;
import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.embedded.EmbeddedPostgres;

/**
 * All-in-one launcher: starts the embedded infrastructure (unless told to use real servers), the demo
 * source database with its stream of changes, and the capture, classifier and inventory services; prints
 * where to look once the demo tables are in the inventory. Ctrl-C stops everything.
 */
public final class DaichoApplication {

    private static final Logger log = LoggerFactory.getLogger(DaichoApplication.class);
    static final String DAICHO_DB = "daicho";
    static final String DEMO_DB = "demo_shop";

    public static void main(String[] args) throws Exception {
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("daicho-app: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(LauncherOptions.usage());
            return;
        }
        var closeables = new ArrayList<AutoCloseable>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(closeables), "daicho-stop"));

        String kafka = options.kafka();
        if (kafka == null) {
            var embedded = EmbeddedKafka.start();
            closeables.add(embedded);
            kafka = embedded.bootstrapServers();
        }
        String dbUrl = options.dbUrl();
        String dbUser = options.dbUser();
        String dbPassword = options.dbPassword();
        var sources = new ArrayList<Services.Source>();
        EmbeddedPostgres postgres = null;
        if (dbUrl == null) {
            postgres = EmbeddedPostgres.start();
            closeables.add(postgres);
            postgres.createDatabase(DAICHO_DB);
            dbUrl = postgres.jdbcUrl(DAICHO_DB);
            dbUser = EmbeddedPostgres.USER;
            dbPassword = "";
        }
        DemoDatabase demo = null;
        if (options.demo()) {
            postgres.createDatabase(DEMO_DB);
            demo = new DemoDatabase(postgres.dataSource(DEMO_DB));
            closeables.add(demo);
            demo.createAndSeed();
            sources.add(new Services.Source("demo", postgres.host(), postgres.port(), DEMO_DB, EmbeddedPostgres.USER, ""));
        }
        for (var source : options.sources()) {
            log.info("Capturing your source {}", source);
            sources.add(new Services.Source(source.name(), source.host(), source.port(), source.database(), source.user(),
                    source.password(), java.util.Map.of(), source.kind()));
        }
        // The embedded servers are new on every run, so capture offsets from an earlier run must not be reused.
        Path offsets = Files.createTempDirectory("daicho-capture-offsets");
        var services = new Services(new Services.Settings(kafka, dbUrl, dbUser, dbPassword, sources, offsets,
                options.httpPort(), "daicho-", jp.daicho.classifier.ingest.ClassifierProperties.DEFAULT_TOPIC_PATTERN,
                options.httpPort() == 0 ? 0 : options.httpPort() + 1, options.httpPort() == 0 ? 0 : options.httpPort() + 2,
                options.kafkaClient()));
        closeables.add(services);
        services.startAll();
        if (demo != null) {
            demo.startChanges(options.changeMillis());
            awaitDemoInInventory(services.inventoryUrl());
            new DemoSetup(services.inventoryUrl(), services.ledgerUrl(), "demo").run();
        }
        System.out.println(banner(services.consoleUrl(), services.inventoryUrl(), services.ledgerUrl(), kafka, options.kafka() == null, dbUrl, dbUser,
                postgres == null ? null : postgres.jdbcUrl(DEMO_DB)));
        Thread.currentThread().join();
    }

    /** The demo's auditor (read-only), to watch the inventory fill. */
    static final String DEMO_AUDITOR = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("auditor:auditor".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static void awaitDemoInInventory(String base) throws InterruptedException {
        var inventory = new InventoryClient(base, () -> DEMO_AUDITOR);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (inventory.status().datasets() >= DemoDatabase.TABLES) {
                    return;
                }
            } catch (ApiRefused | ApiUnreachable notUpYet) {
                // starting
            }
            Thread.sleep(500);
        }
        log.warn("The demo tables did not all reach the inventory within 120 s; it may still be catching up");
    }

    static String banner(String console, String api, String ledger, String kafka, boolean kafkaEmbedded, String dbUrl, String dbUser, String demoUrl) {
        var lines = new ArrayList<>(List.of(
                "",
                "  Daichō is running.",
                "    Console         " + console + "  (日本語 / English; sign in as below)",
                "    Datasets        " + api + "/api/datasets",
                "    Personal fields " + api + "/api/fields?item=email",
                "    Status          " + api + "/api/status",
                "    Ledger (Art.29) " + ledger + "/api/records/status  (exports: auditor, dpo)",
                "    Users           dpo/dpo, engineer/engineer, auditor/auditor, admin/admin  (demo only)",
                "    CLI             DAICHO_URL=" + api + " DAICHO_USER=dpo DAICHO_PASSWORD=dpo bin/daicho status",
                "    Kafka           " + kafka + (kafkaEmbedded ? "  (embedded)" : ""),
                "    Daichō DB       " + dbUrl + "  (user " + dbUser + ")"));
        if (demoUrl != null) {
            lines.add("    Demo source DB  " + demoUrl + "  (user postgres; changes every few seconds)");
        }
        lines.add("  Stop with Ctrl-C.");
        lines.add("");
        return String.join(System.lineSeparator(), lines);
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (var c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private DaichoApplication() {
    }
}
