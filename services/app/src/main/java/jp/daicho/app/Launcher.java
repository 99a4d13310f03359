package jp.daicho.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * Everything {@code bin/daicho-app} runs, started in order and stopped in reverse: the data directory, the embedded
 * Kafka and PostgreSQL (unless real servers are given) keeping their data in it, the demo source database, and every
 * service, capture resuming from the offsets kept there. A start that fails stops what it had started.
 */
final class Launcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Launcher.class);
    static final String DAICHO_DB = "daicho";
    static final String DEMO_DB = "demo_shop";

    private final List<AutoCloseable> started = new ArrayList<>();
    private DataDirectory data;
    private Services services;
    private String kafka;
    private boolean kafkaEmbedded;
    private String dbUrl;
    private String dbUser;
    private String demoUrl;

    private Launcher() {
    }

    static Launcher start(LauncherOptions options) throws Exception {
        var launcher = new Launcher();
        try {
            launcher.run(options);
            return launcher;
        } catch (Exception | Error e) {
            launcher.close();
            throw e;
        }
    }

    private void run(LauncherOptions options) throws Exception {
        data = DataDirectory.open(options.dataDir(), options.fresh());
        started.add(data);
        log.info("Data directory {} ({})", data.root(), data.resumed() ? "resumed from the last run" : "new");
        kafka = options.kafka();
        kafkaEmbedded = kafka == null;
        if (kafkaEmbedded) {
            var embedded = EmbeddedKafka.start(data.resolve("kafka"));
            started.add(embedded);
            kafka = embedded.bootstrapServers();
        }
        dbUrl = options.dbUrl();
        dbUser = options.dbUser();
        String dbPassword = options.dbPassword();
        var sources = new ArrayList<Services.Source>();
        EmbeddedPostgres postgres = null;
        if (dbUrl == null) {
            postgres = EmbeddedPostgres.start(data.resolve("postgres"));
            started.add(postgres);
            postgres.createDatabase(DAICHO_DB);
            dbUrl = postgres.jdbcUrl(DAICHO_DB);
            dbUser = EmbeddedPostgres.USER;
            dbPassword = "";
        }
        DemoDatabase demo = null;
        if (options.demo()) {
            postgres.createDatabase(DEMO_DB);
            demo = new DemoDatabase(postgres.dataSource(DEMO_DB));
            started.add(demo);
            demo.createAndSeed();
            sources.add(new Services.Source("demo", postgres.host(), postgres.port(), DEMO_DB, EmbeddedPostgres.USER, ""));
            demoUrl = postgres.jdbcUrl(DEMO_DB);
        }
        for (var source : options.sources()) {
            log.info("Capturing your source {}", source);
            sources.add(new Services.Source(source.name(), source.host(), source.port(), source.database(), source.user(),
                    source.password(), Map.of(), source.kind(), source.whenSlotLost()));
        }
        // Kept with the data: a restarted capture resumes where it stopped instead of taking a new snapshot. On the
        // embedded Kafka, whose logs are in the data directory, they are on its offset topic as in a deployment; with a
        // Kafka of yours, in the data directory, so that --fresh starts capture over as it does everything else.
        services = new Services(new Services.Settings(kafka, dbUrl, dbUser, dbPassword, sources,
                kafkaEmbedded ? null : data.resolve("capture-offsets"),
                options.httpPort(), "daicho-", jp.daicho.classifier.ingest.ClassifierProperties.DEFAULT_TOPIC_PATTERN,
                options.httpPort() == 0 ? 0 : options.httpPort() + 1, options.httpPort() == 0 ? 0 : options.httpPort() + 2,
                options.kafkaClient()));
        started.add(services);
        services.startAll();
        if (demo != null) {
            demo.startChanges(options.changeMillis());
            awaitDemoInInventory(services.inventoryUrl());
            // Idempotent: what an earlier run registered is left as it is.
            new DemoSetup(services.inventoryUrl(), services.ledgerUrl(), "demo").run();
        }
    }

    Services services() {
        return services;
    }

    DataDirectory data() {
        return data;
    }

    String banner() {
        return DaichoApplication.banner(services.consoleUrl(), services.inventoryUrl(), services.ledgerUrl(), kafka, kafkaEmbedded,
                dbUrl, dbUser, demoUrl, data.root().toString(), data.resumed());
    }

    private static void awaitDemoInInventory(String base) throws InterruptedException {
        var inventory = new InventoryClient(base, () -> DemoSetup.basic("auditor")); // read-only, to watch it fill
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

    /** Stops what was started, last first; safe to call twice (a shutdown hook after a test's close). */
    @Override
    public synchronized void close() {
        for (var c : started.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
    }
}
