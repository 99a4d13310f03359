package jp.daicho.app;

import static jp.daicho.app.EndToEndIT.dataset;
import static jp.daicho.app.EndToEndIT.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.Test;

import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.SchemaRegistryServer;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13, part 5: a company whose Connect cluster writes Avro. Debezium's PostgreSQL connector runs on a real Kafka
 * Connect worker with a real Avro converter (Apicurio's, in the Confluent wire format), which registers its schemas with
 * a Confluent-compatible registry; the classifier, told only the registry's URL, reads the change events and the
 * inventory shows the table with its Japanese column names and their classification.
 *
 * <p>Run with {@code -Ddaicho.record-avro-fixtures=DIR} to keep the change events and the registry's schemas as
 * fixtures (services/classifier/src/test/resources/debezium/avro was recorded so).
 */
@UsesRealInfrastructure
class DebeziumAvroIT {

    static final Path CONFIG = Path.of("../../infra/connect/demo-postgres-connector.json");
    static final String TOPIC = "avroc.public._u4f1a_u54e1";

    @Test
    void avroChangeEventsOfAConnectWorkerAreClassifiedThroughTheSchemaRegistry() throws Exception {
        var infra = Infrastructure.shared();
        infra.createDatabase("avroc_shop");
        infra.createDatabase("avroc_daicho");
        try (var c = infra.connect("avroc_shop"); var s = c.createStatement()) {
            s.execute("create table if not exists 会員 (id serial primary key, 氏名 text not null, メール text, 電話番号 text,"
                    + " 生年月日 date, 登録日時 timestamptz, ポイント numeric(10,2), 顔写真 bytea, age smallint)");
            s.execute("insert into 会員 (氏名, メール, 電話番号, 生年月日, 登録日時, ポイント, 顔写真, age) values ('山田花子',"
                    + " 'hanako.yamada@example.jp', '090-1234-5678', '1990-04-01', now(), 120.50, '\\x0102', 36)");
        }
        JsonNode committed = JsonMapper.builder().build().readTree(Files.readString(CONFIG));
        try (var registry = SchemaRegistryServer.start()) {
            var config = ConnectWorkerIT.committedConfig(committed, infra, "avroc_shop", "avroc");
            // Avro names are [A-Za-z0-9_]: Japanese column names travel as _uXXXX.
            config.put("field.name.adjustment.mode", "avro_unicode");
            for (String converter : List.of("key.converter", "value.converter")) {
                config.put(converter, "io.apicurio.registry.utils.converter.AvroConverter");
                config.put(converter + ".apicurio.registry.url", registry.url());
                // The Confluent wire format: a zero byte and a four-byte id (what apicurio.registry.as-confluent sets).
                config.put(converter + ".apicurio.registry.id-handler", "io.apicurio.registry.serde.Legacy4ByteIdHandler");
                config.put(converter + ".apicurio.registry.use-id", "contentId");
                config.put(converter + ".apicurio.registry.headers.enabled", "false");
                config.put(converter + ".apicurio.registry.schema-resolver", RegistryServerSchemaResolver.class.getName());
                config.put(converter + ".daicho.registry-url", registry.url());
            }
            config.remove("key.converter.schemas.enable");
            config.remove("value.converter.schemas.enable");

            var connect = new EmbeddedConnectCluster.Builder().name("daicho-connect-avro").numWorkers(1).numBrokers(1)
                    // Apicurio's converters get their ServiceLoader manifest from src/test/resources/META-INF/services.
                    .workerProps(new java.util.HashMap<>(Map.of("offset.flush.interval.ms", "1000")))
                    .build();
            connect.start();
            try (var services = new Services(new Services.Settings(connect.kafka().bootstrapServers(),
                    infra.jdbcUrl("avroc_daicho"), infra.postgresUser(), infra.postgresPassword(), List.of(),
                    Files.createTempDirectory("avroc-offsets"), 0, "avroc-", "avroc\\..*"))) {
                services.startInventory();
                services.startClassifier(Map.of("daicho.classifier.schema-registry.url", registry.url()));
                connect.configureConnector(committed.get("name").asString(), config);
                ConnectWorkerIT.awaitRunning(connect, committed.get("name").asString());

                try (var c = infra.connect("avroc_shop"); var s = c.createStatement()) {
                    s.execute("update 会員 set メール = 'h.yamada@example.jp'");
                    s.execute("delete from 会員");
                }
                var records = connect.kafka().consume(4, Duration.ofSeconds(60).toMillis(), TOPIC);
                var kept = new ArrayList<ConsumerRecord<byte[], byte[]>>();
                records.forEach(kept::add);
                assertThat(kept).allSatisfy(r -> {
                    assertThat(r.key()[0]).as("the Confluent wire format's magic byte").isZero();
                    if (r.value() != null) {
                        assertThat(r.value()[0]).isZero();
                    }
                });
                String fixtures = System.getProperty("daicho.record-avro-fixtures");
                if (fixtures != null) {
                    record(Path.of(fixtures), kept, registry.schemas());
                }
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    JsonNode members = dataset(services, "avroc.public.会員");
                    assertThat(members).isNotNull();
                    assertThat(item(members, "メール")).isEqualTo("email");
                    assertThat(item(members, "電話番号")).isEqualTo("phone");
                    assertThat(item(members, "氏名")).isEqualTo("name");
                    assertThat(item(members, "生年月日")).isEqualTo("birth_date");
                });
                // Each schema id was asked of the registry once, however many events carried it.
                assertThat(registry.lookups()).isLessThanOrEqualTo(registry.schemas().size());
            } finally {
                connect.stop();
            }
        }
    }

    /** Writes each record's key and value bytes, and the registry's schemas, as fixtures. */
    static void record(Path dir, List<ConsumerRecord<byte[], byte[]>> records, Map<Integer, String> schemas) throws Exception {
        Files.createDirectories(dir);
        int n = 0;
        for (var r : records) {
            n++;
            Files.write(dir.resolve(n + ".key.bin"), r.key());
            if (r.value() != null) {
                Files.write(dir.resolve(n + ".value.bin"), r.value());
            }
        }
        var json = JsonMapper.builder().build();
        var byId = new java.util.TreeMap<String, Object>();
        schemas.forEach((id, schema) -> byId.put(Integer.toString(id), json.readTree(schema)));
        Files.writeString(dir.resolve("schemas.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(byId));
    }
}
