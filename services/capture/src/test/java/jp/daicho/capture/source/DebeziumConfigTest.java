package jp.daicho.capture.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.debezium.document.Document;
import io.debezium.relational.history.HistoryRecord;

class DebeziumConfigTest {

    static CaptureProperties.Source source(CaptureProperties.Kind kind, int port, Map<String, String> debezium) {
        return new CaptureProperties.Source("shop", kind, "db.example.jp", port, "ec_cube", "capture", "secret", "", "initial",
                debezium, CaptureProperties.SlotLost.STOP);
    }

    static final DebeziumConfig.Offsets IN_DIRECTORY = new DebeziumConfig.Offsets.InDirectory(Path.of("/var/daicho"));

    @Test
    void offsetsAreKeptInADirectoryWhenOneIsGivenAndOtherwiseOnAKafkaTopicReachedAsTheOtherClientsAre() {
        var inDirectory = DebeziumConfig.forSource(source(CaptureProperties.Kind.POSTGRESQL, 0, Map.of()), IN_DIRECTORY, true,
                Map.of("bootstrap.servers", "kafka:9092"));
        assertThat(inDirectory).containsEntry("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore")
                .containsEntry("offset.storage.file.filename", Path.of("/var/daicho", "shop.offsets").toString())
                .doesNotContainKeys("offset.storage.topic", "bootstrap.servers");

        var properties = new CaptureProperties("kafka:9092", null, null, null, null, null, null, Map.of("security.protocol", "SSL"));
        var offsets = DebeziumConfig.Offsets.of(properties);
        assertThat(offsets).isEqualTo(new DebeziumConfig.Offsets.OnTopic("daicho.capture-offsets"));
        var onTopic = DebeziumConfig.forSource(source(CaptureProperties.Kind.MYSQL, 0, Map.of()), offsets, false,
                properties.kafkaClient(Map.of()));
        assertThat(onTopic).containsEntry("offset.storage", jp.daicho.capture.offsets.KafkaOffsetStore.class.getName())
                .containsEntry("offset.storage.topic", "daicho.capture-offsets")
                .containsEntry("offset.storage.replication.factor", "-1")
                .containsEntry("bootstrap.servers", "kafka:9092").containsEntry("security.protocol", "SSL")
                .doesNotContainKey("offset.storage.file.filename");
    }

    @Test
    void aPostgresSourceStreamsThroughItsPublicationAndSlot() {
        var p = DebeziumConfig.forSource(source(CaptureProperties.Kind.POSTGRESQL, 0, Map.of()), IN_DIRECTORY, true,
                Map.of("bootstrap.servers", "kafka:9092"));
        assertThat(p).containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("database.port", "5432").containsEntry("database.dbname", "ec_cube")
                .containsEntry("slot.name", "daicho_shop").containsEntry("publication.autocreate.mode", "all_tables")
                .containsEntry("offset.mismatch.strategy", "trust_offset")
                .containsEntry("topic.naming.strategy", KafkaSafeTopicNamingStrategy.class.getName())
                .doesNotContainKey("schema.history.internal");
    }

    @Test
    void aMySqlSourceReadsItsDatabasesBinaryLogWithASchemaHistoryInKafka() {
        var p = DebeziumConfig.forSource(source(CaptureProperties.Kind.MYSQL, 0, Map.of()), IN_DIRECTORY, false,
                Map.of("bootstrap.servers", "kafka:9092", "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(p).as("the schema history reaches a Kafka that authenticates")
                .containsEntry("schema.history.internal.producer.security.protocol", "SASL_SSL")
                .containsEntry("schema.history.internal.consumer.sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKey("schema.history.internal.producer.bootstrap.servers");
        assertThat(p).containsEntry("connector.class", "io.debezium.connector.mysql.MySqlConnector")
                .containsEntry("database.port", "3306").containsEntry("database.include.list", "\\Qec_cube\\E")
                .containsEntry("schema.history.internal", BinlogSchemaHistory.class.getName())
                .containsEntry("schema.history.internal.kafka.bootstrap.servers", "kafka:9092")
                .containsEntry("schema.history.internal.kafka.topic", "daicho.schema-history.shop")
                .containsEntry("include.schema.changes", "false")
                .containsEntry("topic.naming.strategy", KafkaSafeDatabaseTopicNamingStrategy.class.getName())
                .doesNotContainKeys("slot.name", "publication.name", "database.jdbc.driver");
        assertThat(Long.parseLong(p.getProperty("database.server.id"))).as("stable, and clear of a typical server's own 1")
                .isEqualTo(Long.parseLong(DebeziumConfig.forSource(source(CaptureProperties.Kind.MYSQL, 0, Map.of()),
                        IN_DIRECTORY, false, Map.of()).getProperty("database.server.id")))
                .isGreaterThanOrEqualTo(5_400);
    }

    @Test
    void aMariaDbSourceGoesThroughTheStatementAdapterAndSettingsGivenWinOverOurs() {
        var p = DebeziumConfig.forSource(source(CaptureProperties.Kind.MARIADB, 3307, Map.of("database.server.id", "77")),
                IN_DIRECTORY, false, Map.of("bootstrap.servers", "kafka:9092"));
        assertThat(p).containsEntry("database.jdbc.driver", MariaDbCompatibleDriver.class.getName())
                .containsEntry("database.protocol", "jdbc:daicho-mariadb").containsEntry("database.port", "3307")
                .containsEntry("database.server.id", "77");
        assertThat(MariaDbCompatibleDriver.translate(" show binary log status ")).isEqualTo("SHOW MASTER STATUS");
        assertThat(MariaDbCompatibleDriver.translate("SELECT VERSION()")).isEqualTo("SELECT VERSION()");
    }

    @Test
    void aRestartOffsetWithoutAServerIdIsComparedByBinaryLogPositionOnTheRecordsServer() {
        var ddl = record(Document.create("server_id", 1L, "file", "binlog.000001", "pos", 2000L));
        var unnamed = record(Document.create("file", "binlog.000001", "pos", 3295L));
        var adjusted = BinlogSchemaHistory.SameServerWhenUnnamed.withServerOf(ddl, unnamed);
        assertThat(adjusted.document().getDocument("position").getLong("server_id")).isEqualTo(1L);
        assertThat(adjusted.document().getDocument("position").getLong("pos")).isEqualTo(3295L);
        assertThat(unnamed.document().getDocument("position").has("server_id")).as("the original is left as it was").isFalse();
        var named = record(Document.create("server_id", 2L, "file", "binlog.000001", "pos", 3295L));
        assertThat(BinlogSchemaHistory.SameServerWhenUnnamed.withServerOf(ddl, named)).isSameAs(named);
    }

    static HistoryRecord record(Document position) {
        return new HistoryRecord(Document.create("source", Document.create("server", "shop"), "position", position));
    }

    @Test
    void theSourceNeverShowsItsPassword() {
        assertThat(source(CaptureProperties.Kind.MARIADB, 0, Map.of()).toString())
                .isEqualTo("Source[name=shop, MariaDB capture@db.example.jp:3306/ec_cube, tables=*, password=****]");
    }
}
