package jp.daicho.capture.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The capture's JSON is Kafka Connect's JsonConverter's, byte for byte, for every kind of change record. */
class ChangeEventJsonTest {

    static final String TOPIC = "shop.public._u4f1a_u54e1";
    static final Schema KEY = SchemaBuilder.struct().name(TOPIC + ".Key").field("id", Schema.INT32_SCHEMA).build();
    static final Schema ROW = SchemaBuilder.struct().name(TOPIC + ".Value").optional()
            .field("id", SchemaBuilder.int32().parameter("__debezium.source.column.type", "SERIAL").build())
            .field("氏名", SchemaBuilder.string().parameter("__debezium.source.column.type", "TEXT").build())
            .field("メール", Schema.OPTIONAL_STRING_SCHEMA)
            .field("登録日時", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1).optional().build())
            .field("ポイント", Decimal.builder(2).optional().build())
            .field("顔写真", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("タグ", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .build();
    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("name", Schema.STRING_SCHEMA).field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .build();
    static final Schema ENVELOPE = SchemaBuilder.struct().name(TOPIC + ".Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();

    final Properties engine = properties(Map.of(
            "key.converter.schemas.enable", "true",
            "value.converter.schemas.enable", "true",
            "value.converter.decimal.format", "NUMERIC"));
    final ChangeEventJson json = new ChangeEventJson(engine);

    @Test
    void insertsUpdatesDeletesAndTombstonesAreWrittenAsTheJsonConverterWritesThem() {
        var source = new Struct(SOURCE).put("name", "shop").put("schema", "public").put("table", "会員");
        var row = new Struct(ROW).put("id", 1).put("氏名", "山田花子").put("メール", "hanako@example.jp")
                .put("登録日時", 1_764_700_000_000_000L).put("ポイント", new BigDecimal("120.50"))
                .put("顔写真", new byte[] {1, 2}).put("タグ", java.util.List.of("優良", "\"quoted\"\n"));
        var changed = new Struct(ROW).put("id", 1).put("氏名", "山田花子").put("メール", null);
        var records = java.util.List.of(
                record(new Struct(ENVELOPE).put("after", row).put("source", source).put("op", "c").put("ts_ms", 1L)),
                record(new Struct(ENVELOPE).put("before", row).put("after", changed).put("source", source).put("op", "u")),
                record(new Struct(ENVELOPE).put("before", changed).put("source", source).put("op", "d")),
                new SourceRecord(Map.of(), Map.of(), TOPIC, null, KEY, new Struct(KEY).put("id", 1), null, null));

        var keys = converter("key.converter.", true);
        var values = converter("value.converter.", false);
        for (var r : records) {
            // Twice: the second time from the remembered schema.
            for (int i = 0; i < 2; i++) {
                assertThat(text(json.key(r))).isEqualTo(text(keys.fromConnectData(r.topic(), r.keySchema(), r.key())));
                assertThat(text(json.value(r))).isEqualTo(text(values.fromConnectData(r.topic(), r.valueSchema(), r.value())));
            }
        }
        assertThat(json.value(records.getLast())).as("a tombstone stays a tombstone").isNull();
    }

    static SourceRecord record(Struct value) {
        return new SourceRecord(Map.of(), Map.of(), TOPIC, null, KEY, new Struct(KEY).put("id", 1), ENVELOPE, value);
    }

    JsonConverter converter(String prefix, boolean isKey) {
        var converter = new JsonConverter();
        var config = new java.util.HashMap<String, Object>();
        engine.stringPropertyNames().stream().filter(n -> n.startsWith(prefix))
                .forEach(n -> config.put(n.substring(prefix.length()), engine.getProperty(n)));
        converter.configure(config, isKey);
        return converter;
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static Properties properties(Map<String, String> map) {
        var p = new Properties();
        p.putAll(map);
        return p;
    }
}
