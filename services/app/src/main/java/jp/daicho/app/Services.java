package jp.daicho.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.capture.CaptureApplication;
import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.classifier.ClassifierApplication;
import jp.daicho.inventory.InventoryApplication;

/**
 * Daichō's services (inventory, ledger, console, classifier, capture) in one JVM, each in its own Spring context with its own settings file, wired to the
 * given Kafka, Daichō database and source databases. Used by the launcher and the end-to-end tests; each
 * service can be stopped and started again on its own.
 */
public final class Services implements AutoCloseable {

    /** A source database for the capture service, of a kind, with any further Debezium connector properties. */
    public record Source(String name, String host, int port, String database, String user, String password,
                         Map<String, String> debezium, CaptureProperties.Kind kind, CaptureProperties.SlotLost whenSlotLost) {

        /** A source whose lost replication slot stops capture (the default). */
        public Source(String name, String host, int port, String database, String user, String password,
                      Map<String, String> debezium, CaptureProperties.Kind kind) {
            this(name, host, port, database, user, password, debezium, kind, CaptureProperties.SlotLost.STOP);
        }

        /** A PostgreSQL source with further Debezium connector properties. */
        public Source(String name, String host, int port, String database, String user, String password,
                      Map<String, String> debezium) {
            this(name, host, port, database, user, password, debezium, CaptureProperties.Kind.POSTGRESQL);
        }

        /** A PostgreSQL source. */
        public Source(String name, String host, int port, String database, String user, String password) {
            this(name, host, port, database, user, password, Map.of());
        }
    }

    /**
     * @param kafka          bootstrap servers
     * @param daichoDbUrl    JDBC URL of Daichō's own database (the inventory)
     * @param offsetDirectory where the capture service keeps its source offsets; null: in Kafka
     * @param httpPort       the inventory's HTTP port (0 for any free one)
     * @param groupPrefix    prefix of the consumer groups, so that several systems can share a broker
     * @param kafkaClient    further properties of every Kafka client of every service ({@code security.protocol},
     *                       {@code sasl.*}, {@code ssl.*}): how to reach a Kafka that authenticates
     */
    public record Settings(String kafka, String daichoDbUrl, String daichoDbUser, String daichoDbPassword,
                           List<Source> sources, Path offsetDirectory, int httpPort, String groupPrefix,
                           String changeTopicPattern, int ledgerHttpPort, int consoleHttpPort,
                           Map<String, String> kafkaClient) {

        public Settings {
            kafkaClient = Map.copyOf(kafkaClient);
        }

        /** A Kafka that needs no client properties beyond its bootstrap servers. */
        public Settings(String kafka, String daichoDbUrl, String daichoDbUser, String daichoDbPassword, List<Source> sources,
                        Path offsetDirectory, int httpPort, String groupPrefix, String changeTopicPattern,
                        int ledgerHttpPort, int consoleHttpPort) {
            this(kafka, daichoDbUrl, daichoDbUser, daichoDbPassword, sources, offsetDirectory, httpPort, groupPrefix,
                    changeTopicPattern, ledgerHttpPort, consoleHttpPort, Map.of());
        }

        /** The ledger's and the console's HTTP ports any free ones. */
        public Settings(String kafka, String daichoDbUrl, String daichoDbUser, String daichoDbPassword, List<Source> sources,
                        Path offsetDirectory, int httpPort, String groupPrefix, String changeTopicPattern) {
            this(kafka, daichoDbUrl, daichoDbUser, daichoDbPassword, sources, offsetDirectory, httpPort, groupPrefix,
                    changeTopicPattern, 0, 0);
        }
    }

    private final Settings settings;
    private ConfigurableApplicationContext inventory;
    private ConfigurableApplicationContext ledger;
    private ConfigurableApplicationContext console;
    private ConfigurableApplicationContext classifier;
    private ConfigurableApplicationContext capture;

    /** Further properties of one service, by its name (inventory, ledger, console, classifier, capture). */
    private final Map<String, Map<String, String>> further = new java.util.HashMap<>();

    public Services(Settings settings) {
        this.settings = settings;
    }

    /**
     * Further properties for one service when it starts, such as an OIDC issuer
     * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}) or the console's client registration.
     *
     * @param service inventory, ledger, console, classifier or capture
     */
    public Services with(String service, Map<String, String> properties) {
        further.computeIfAbsent(service, s -> new LinkedHashMap<>()).putAll(properties);
        return this;
    }

    private Map<String, String> and(String service, Map<String, String> properties) {
        var all = new LinkedHashMap<>(properties);
        all.putAll(further.getOrDefault(service, Map.of()));
        return all;
    }

    public Services startAll() {
        startInventory();
        startLedger();
        startConsole();
        startClassifier();
        startCapture();
        return this;
    }

    public void startInventory() {
        inventory = run(InventoryApplication.application(), and("inventory", withKafkaClient(Map.of(
                "spring.datasource.url", settings.daichoDbUrl(),
                "spring.datasource.username", settings.daichoDbUser(),
                "spring.datasource.password", settings.daichoDbPassword(),
                "spring.kafka.bootstrap-servers", settings.kafka(),
                "spring.kafka.consumer.group-id", settings.groupPrefix() + "inventory",
                // Its own services' groups read personal data by design: not readers to account for.
                "daicho.inventory.readers.own-groups", String.join(",", settings.groupPrefix() + "classifier",
                        settings.groupPrefix() + "inventory", settings.groupPrefix() + "ledger"),
                "server.port", Integer.toString(settings.httpPort()),
                // The all-in-one launcher is the demo: its built-in users (README). Deployed services configure their own.
                "spring.profiles.active", "demo-users"), lookupSources())));
    }

    /**
     * The sources again, for the live lookup of a data subject's rows (docs/requests.md). The launcher watches with one
     * user per source; a deployment gives the inventory a user that may only read.
     */
    private Map<String, String> lookupSources() {
        var properties = new LinkedHashMap<String, String>();
        for (int i = 0; i < settings.sources().size(); i++) {
            var s = settings.sources().get(i);
            String p = "daicho.requests.lookup.sources[" + i + "].";
            String scheme = s.kind() == CaptureProperties.Kind.POSTGRESQL ? "postgresql" : "mysql";
            properties.put(p + "system", s.name());
            properties.put(p + "url", "jdbc:" + scheme + "://" + s.host() + ":" + s.port() + "/" + s.database());
            properties.put(p + "username", s.user());
            properties.put(p + "password", s.password());
        }
        return properties;
    }

    /** The Art. 29/30 ledger, in Daichō's database beside the inventory (its own tables and migration history). */
    public void startLedger() {
        ledger = run(jp.daicho.ledger.LedgerApplication.application(), and("ledger", withKafkaClient(Map.of(
                "spring.datasource.url", settings.daichoDbUrl(),
                "spring.datasource.username", settings.daichoDbUser(),
                "spring.datasource.password", settings.daichoDbPassword(),
                "spring.kafka.bootstrap-servers", settings.kafka(),
                "spring.kafka.consumer.group-id", settings.groupPrefix() + "ledger",
                "server.port", Integer.toString(settings.ledgerHttpPort()),
                // The demo's users and fixed keys (README). Deployed services configure their own.
                "spring.profiles.active", "demo-users"))));
    }

    /** The web console, on the inventory's and the ledger's APIs (start those first). */
    public void startConsole() {
        console = run(jp.daicho.console.ConsoleApplication.application(), and("console", Map.of(
                "daicho.console.inventory-url", inventoryUrl(),
                "daicho.console.ledger-url", ledgerUrl(),
                "server.port", Integer.toString(settings.consoleHttpPort()),
                "spring.profiles.active", "demo-users")));
    }

    public void startClassifier() {
        startClassifier(Map.of());
    }

    /** @param more further {@code daicho.classifier.*} properties, such as {@code schema-registry.url} */
    public void startClassifier(Map<String, String> more) {
        var properties = new LinkedHashMap<>(Map.of(
                "spring.kafka.bootstrap-servers", settings.kafka(),
                "spring.kafka.consumer.group-id", settings.groupPrefix() + "classifier",
                "daicho.classifier.topic-pattern", settings.changeTopicPattern(),
                // Only our sources' events are accepted (and those of any source capture publishes a catalog of).
                "daicho.classifier.sources", String.join(",", settings.sources().stream().map(Source::name).toList())));
        properties.putAll(more);
        properties.putAll(management(4));
        classifier = run(ClassifierApplication.application(), and("classifier", withKafkaClient(properties)));
    }

    public void startCapture() {
        var properties = new LinkedHashMap<String, String>();
        properties.put("daicho.capture.bootstrap-servers", settings.kafka());
        if (settings.offsetDirectory() != null) {
            properties.put("daicho.capture.offset-directory", settings.offsetDirectory().toString());
        }
        settings.kafkaClient().forEach((key, value) -> properties.put("daicho.capture.kafka[" + key + "]", value));
        for (int i = 0; i < settings.sources().size(); i++) {
            var s = settings.sources().get(i);
            String p = "daicho.capture.sources[" + i + "].";
            properties.put(p + "name", s.name());
            properties.put(p + "kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            properties.put(p + "host", s.host());
            properties.put(p + "port", Integer.toString(s.port()));
            properties.put(p + "database", s.database());
            properties.put(p + "user", s.user());
            properties.put(p + "password", s.password());
            properties.put(p + "when-slot-lost", s.whenSlotLost().name().toLowerCase(java.util.Locale.ROOT));
            s.debezium().forEach((key, value) -> properties.put(p + "debezium[" + key + "]", value));
        }
        properties.putAll(management(3));
        capture = run(CaptureApplication.application(), and("capture", properties));
    }

    /**
     * A service without an API: health and metrics on the inventory's port plus {@code offset} (any free port when the
     * inventory's is), signed in as the demo's users.
     */
    private Map<String, String> management(int offset) {
        return Map.of("server.port", Integer.toString(settings.httpPort() == 0 ? 0 : settings.httpPort() + offset),
                "spring.profiles.active", "demo-users");
    }

    public void stopInventory() {
        inventory = close(inventory);
    }

    public void stopClassifier() {
        classifier = close(classifier);
    }

    public void stopCapture() {
        capture = close(capture);
    }

    /** The inventory's base URL, e.g. {@code http://localhost:8080}. */
    public String inventoryUrl() {
        return "http://localhost:" + inventory.getEnvironment().getProperty("local.server.port");
    }

    /** The ledger's base URL. */
    public String ledgerUrl() {
        return "http://localhost:" + ledger.getEnvironment().getProperty("local.server.port");
    }

    /** Capture's base URL: health and metrics. */
    public String captureUrl() {
        return "http://localhost:" + capture.getEnvironment().getProperty("local.server.port");
    }

    /** The classifier's base URL: health and metrics. */
    public String classifierUrl() {
        return "http://localhost:" + classifier.getEnvironment().getProperty("local.server.port");
    }

    /** The console's base URL. */
    public String consoleUrl() {
        return "http://localhost:" + console.getEnvironment().getProperty("local.server.port");
    }

    @Override
    public void close() {
        capture = close(capture);
        classifier = close(classifier);
        console = close(console);
        ledger = close(ledger);
        inventory = close(inventory);
    }

    /** A Spring service's properties with the Kafka client settings every one of its clients gets. */
    private Map<String, String> withKafkaClient(Map<String, String> properties) {
        return withKafkaClient(properties, Map.of());
    }

    private Map<String, String> withKafkaClient(Map<String, String> properties, Map<String, String> more) {
        var all = new LinkedHashMap<>(properties);
        all.putAll(more);
        settings.kafkaClient().forEach((key, value) -> all.put("spring.kafka.properties[" + key + "]", value));
        return all;
    }

    private static ConfigurableApplicationContext run(SpringApplicationBuilder app, Map<String, String> properties) {
        var args = new ArrayList<String>();
        // One logging system serves every context of the JVM: name threads, not applications, in log lines.
        args.add("--logging.include-application-name=false");
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return app.run(args.toArray(String[]::new));
    }

    private static ConfigurableApplicationContext close(ConfigurableApplicationContext context) {
        if (context != null) {
            context.close();
        }
        return null;
    }
}
