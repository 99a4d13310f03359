package jp.daicho.app;

import static jp.daicho.app.EndToEndIT.dataset;
import static jp.daicho.app.EndToEndIT.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;

import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13, part 6: the committed connector configuration ({@code infra/connect/demo-postgres-connector.json}) runs
 * on a real Kafka Connect worker — Kafka's own {@link EmbeddedConnectCluster}, a distributed worker with its REST API
 * and its own KRaft broker, in this JVM — with Debezium's PostgreSQL connector, and the classifier and the inventory
 * consume what it produces: the path a company with its own Connect cluster takes. Only the connection settings are
 * replaced; every other setting is the committed file's.
 */
@UsesRealInfrastructure
class ConnectWorkerIT {

    static final Path CONFIG = Path.of("../../infra/connect/demo-postgres-connector.json");

    @Test
    void theCommittedConnectorRunsOnAConnectWorkerAndItsEventsReachTheInventory() throws Exception {
        var infra = Infrastructure.shared();
        infra.createDatabase("connectw_shop");
        infra.createDatabase("connectw_daicho");
        try (var c = infra.connect("connectw_shop"); var s = c.createStatement()) {
            s.execute("create table if not exists 社員 (id serial primary key, 氏名 text, メール text, 電話番号 text)");
            s.execute("insert into 社員 (氏名, メール, 電話番号) values ('田中健太', 'kenta.tanaka@corp.example.jp', '03-1234-5678')");
        }
        JsonNode committed = JsonMapper.builder().build().readTree(Files.readString(CONFIG));
        var config = committedConfig(committed, infra, "connectw_shop", "connectw");

        var connect = new EmbeddedConnectCluster.Builder().name("daicho-connect-it").numWorkers(1).numBrokers(1)
                .workerProps(new java.util.HashMap<>(Map.of("offset.flush.interval.ms", "1000"))) // the worker adds to it
                .build();
        connect.start();
        try (var services = new Services(new Services.Settings(connect.kafka().bootstrapServers(),
                infra.jdbcUrl("connectw_daicho"), infra.postgresUser(), infra.postgresPassword(), List.of(),
                Files.createTempDirectory("connectw-offsets"), 0, "connectw-", "connectw\\..*"))) {
            services.startInventory();
            services.startClassifier();
            connect.configureConnector(committed.get("name").asString(), config);
            awaitRunning(connect, committed.get("name").asString());

            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                JsonNode staff = dataset(services, "connectw.public.社員");
                assertThat(item(staff, "メール")).isEqualTo("email");
                assertThat(item(staff, "電話番号")).isEqualTo("phone");
            });
            // Streaming, not only the snapshot: a row written now is on the change topic too, snapshot read and insert.
            try (var c = infra.connect("connectw_shop"); var s = c.createStatement()) {
                s.execute("insert into 社員 (氏名, メール, 電話番号) values ('佐藤美咲', 'misaki.sato@corp.example.jp', '06-2345-6789')");
            }
            var records = connect.kafka().consume(2, Duration.ofSeconds(60).toMillis(), "connectw.public._u793e_u54e1");
            var ops = new java.util.ArrayList<String>();
            records.forEach(r -> ops.add(JsonMapper.builder().build().readTree(r.value()).at("/payload/op").asString()));
            assertThat(ops).containsExactly("r", "c");
        } finally {
            connect.stop();
        }
    }

    /**
     * The committed connector configuration with this machine's database and a one-broker cluster: only the
     * connection, the topic prefix, the slot and publication, and the replication factor are replaced.
     */
    static LinkedHashMap<String, String> committedConfig(JsonNode committed, Infrastructure infra, String database, String prefix) {
        var config = new LinkedHashMap<String, String>();
        committed.get("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asString()));
        config.putAll(Map.of(
                "database.hostname", infra.postgresHost(),
                "database.port", Integer.toString(infra.postgresPort()),
                "database.user", infra.postgresUser(),
                "database.password", infra.postgresPassword(),
                "database.dbname", database,
                "topic.prefix", prefix,
                "slot.name", "daicho_" + prefix,
                "publication.name", "daicho_" + prefix,
                "topic.creation.default.replication.factor", "1",
                "topic.creation.default.partitions", "1"));
        return config;
    }

    /** Until the worker has the connector's status, asking for it is answered 404. */
    static void awaitRunning(EmbeddedConnectCluster connect, String connector) {
        await().atMost(Duration.ofSeconds(60))
                .ignoreException(org.apache.kafka.connect.runtime.rest.errors.ConnectRestException.class).untilAsserted(() ->
                assertThat(connect.connectorStatus(connector).tasks()).extracting(t -> t.state()).containsExactly("RUNNING"));
    }
}
