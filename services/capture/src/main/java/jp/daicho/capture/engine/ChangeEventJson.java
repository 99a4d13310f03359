package jp.daicho.capture.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonSerializer;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Writes a change record's key and value byte for byte as Kafka Connect's {@link JsonConverter} with
 * {@code schemas.enable=true} does — {@code {"schema":…,"payload":…}} — but serializes each Connect schema only once.
 * A table's schema is the larger part of its events and the same in every one of them: with the JSON written whole for
 * each event, serializing it was the largest cost of capture (measured with {@code bin/daicho-bench capture}).
 *
 * <p>Debezium keeps one schema object per table version, so schemas are remembered by identity (a few thousand at
 * most; forgotten all at once beyond that). One instance per engine thread: not thread-safe.
 */
final class ChangeEventJson {

    private static final int MAX_SCHEMAS = 4096;
    private static final byte[] SCHEMA = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = {'}'};
    private static final byte[] NULL_SCHEMA = "{\"schema\":null,\"payload\":".getBytes(StandardCharsets.UTF_8);

    private final Side key;
    private final Side value;

    /** @param engineConfig the engine's configuration: its {@code key.converter.*} and {@code value.converter.*} */
    ChangeEventJson(Properties engineConfig) {
        this.key = new Side(engineConfig, "key.converter.", true);
        this.value = new Side(engineConfig, "value.converter.", false);
    }

    byte[] key(SourceRecord record) {
        return key.write(record.topic(), record.keySchema(), record.key());
    }

    byte[] value(SourceRecord record) {
        return value.write(record.topic(), record.valueSchema(), record.value());
    }

    private static final class Side {

        /** The payload alone, converted as the enveloping converter converts it. */
        private final JsonConverter payloads = new JsonConverter();
        /** For {@link JsonConverter#asJsonSchema}: the schema part, as the enveloping converter writes it. */
        private final JsonConverter schemas = new JsonConverter();
        private final JsonSerializer serializer = new JsonSerializer();
        private final Map<Schema, byte[]> prefixes = new IdentityHashMap<>();

        Side(Properties engineConfig, String prefix, boolean isKey) {
            var config = new HashMap<String, Object>();
            engineConfig.stringPropertyNames().stream().filter(n -> n.startsWith(prefix))
                    .forEach(n -> config.put(n.substring(prefix.length()), engineConfig.getProperty(n)));
            config.put("schemas.enable", "true");
            schemas.configure(config, isKey);
            config.put("schemas.enable", "false");
            payloads.configure(config, isKey);
        }

        byte[] write(String topic, Schema schema, Object data) {
            if (schema == null && data == null) {
                return null; // a tombstone
            }
            byte[] head = schema == null ? NULL_SCHEMA : prefixes.get(schema);
            if (head == null) {
                if (prefixes.size() >= MAX_SCHEMAS) {
                    prefixes.clear();
                }
                head = concat(SCHEMA, serializer.serialize(topic, schemas.asJsonSchema(schema)), PAYLOAD);
                prefixes.put(schema, head);
            }
            return concat(head, payloads.fromConnectData(topic, schema, data), CLOSE);
        }

        private static byte[] concat(byte[]... parts) {
            int length = 0;
            for (byte[] part : parts) {
                length += part.length;
            }
            byte[] out = new byte[length];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, out, at, part.length);
                at += part.length;
            }
            return out;
        }
    }
}
