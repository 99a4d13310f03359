package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed Kafka Connect configuration ({@code infra/connect/demo-postgres-connector.json}) produces
 * events the classifier reads: posted to a real Kafka Connect worker with Debezium's image in container
 * mode, run in Debezium's embedded engine (the same connector and converters) on embedded servers.
 */
@UsesRealInfrastructure
class ConnectorConfigIT {

    static final Path CONFIG = Path.of("../../infra/connect/demo-postgres-connector.json");
    /** Connection and Connect-only settings that each run supplies itself. */
    static final Set<String> SUPPLIED = Set.of("database.hostname", "database.port", "database.user",
            "database.password", "database.dbname", "topic.prefix", "slot.name", "publication.name", "tasks.max");

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theConnectConfigurationsEventsReachTheInventory() throws Exception {
        var infra = Infrastructure.shared();
        infra.createDatabase("connect_shop");
        infra.createDatabase("connect_daicho");
        try (var c = infra.connect("connect_shop"); var s = c.createStatement()) {
            s.execute("create table if not exists 社員 (id serial primary key, 氏名 text, メール text)");
            s.execute("insert into 社員 (氏名, メール) values ('田中健太', 'kenta.tanaka@corp.example.jp')");
        }
        ObjectNode config = (ObjectNode) json.readTree(Files.readString(CONFIG)).get("config");
        var connectorProperties = new LinkedHashMap<String, String>();
        config.properties().forEach(e -> {
            if (!SUPPLIED.contains(e.getKey()) && !e.getKey().startsWith("topic.creation.")) {
                connectorProperties.put(e.getKey(), e.getValue().asString());
            }
        });
        assertThat(connectorProperties).containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter");

        var connect = infra.kafkaConnect(captureJar());
        var sources = connect.isPresent() ? List.<Services.Source>of()
                : List.of(new Services.Source("connectit", infra.postgresHost(), infra.postgresPort(), "connect_shop",
                        infra.postgresUser(), infra.postgresPassword(), connectorProperties));
        try (var services = new Services(new Services.Settings(infra.kafkaBootstrapServers(),
                infra.jdbcUrl("connect_daicho"), infra.postgresUser(), infra.postgresPassword(), sources,
                Files.createTempDirectory("connectit-offsets"), 0, "connectit-", "connectit\\..*"))) {
            services.startInventory();
            services.startClassifier();
            if (connect.isPresent()) {
                config.put("database.hostname", connect.get().postgresHost());
                config.put("database.port", Integer.toString(connect.get().postgresPort()));
                config.put("database.user", infra.postgresUser());
                config.put("database.password", infra.postgresPassword());
                config.put("database.dbname", "connect_shop");
                config.put("topic.prefix", "connectit");
                config.put("slot.name", "daicho_connectit");
                config.put("publication.name", "daicho_connectit");
                config.put("topic.creation.default.replication.factor", "1");
                var body = json.createObjectNode().put("name", "connectit").set("config", config);
                var response = http.send(HttpRequest.newBuilder(URI.create(connect.get().url() + "/connectors"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            } else {
                services.startCapture();
            }

            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                var response = http.send(jp.daicho.testkit.DemoUsers.asDpo(URI.create(services.inventoryUrl() + "/api/datasets/"
                        + URLEncoder.encode("connectit.public.社員", StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode fields = json.readTree(response.body()).get("fields");
                assertThat(fields).extracting(f -> f.get("name").asString() + "=" + f.at("/classification/item").asString()
                        + "/" + f.at("/classification/subject").asString())
                        .contains("氏名=name/employee", "メール=email/employee");
            });
        }
    }

    static Path captureJar() throws Exception {
        try (var files = Files.list(Path.of("../capture/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("daicho-capture-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "services/capture/target/daicho-capture-<version>.jar is missing: build the capture module first"))
                    .toAbsolutePath();
        }
    }
}
