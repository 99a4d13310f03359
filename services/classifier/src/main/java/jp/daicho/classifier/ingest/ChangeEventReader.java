package jp.daicho.classifier.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Debezium change events in the JSON converter's format, with schemas ({@code {"schema":…,"payload":…}})
 * or without (the payload alone, columns then inferred from the row), and in Avro with a schema registry
 * ({@link AvroChangeEventReader}). Errors name what is missing and where, never a value of the record.
 */
public final class ChangeEventReader {

    private static final String TYPE_PARAMETER = "__debezium.source.column.type";
    /** Kafka Connect's schema types: a column of any other type is not from a Connect converter. */
    private static final Set<String> CONNECT_TYPES = Set.of("int8", "int16", "int32", "int64", "float32", "float64",
            "boolean", "string", "bytes", "array", "map", "struct");

    private final JsonMapper json = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final int maxValueChars;
    private final AvroChangeEventReader avro;

    /** A reader of JSON change events; Avro ones are rejected with what to configure. */
    public ChangeEventReader(int maxValueChars) {
        this(maxValueChars, SchemaRegistry.NONE);
    }

    public ChangeEventReader(int maxValueChars, SchemaRegistry registry) {
        this.maxValueChars = maxValueChars;
        this.avro = new AvroChangeEventReader(registry, maxValueChars);
    }

    /**
     * @throws RejectedEvent           the record is not a change event this reader can ever read
     * @throws SchemaRegistry.Unavailable an Avro event's writer schema cannot be fetched now
     */
    public ChangeEvent read(byte[] key, byte[] value) throws RejectedEvent {
        if (AvroChangeEventReader.isConfluentWireFormat(value)) {
            return avro.read(key, value);
        }
        JsonNode root = parse(value, "value");
        JsonNode payload = root.has("payload") && root.has("schema") ? root.get("payload") : root;
        JsonNode valueSchema = root.has("schema") ? root.get("schema") : null;
        if (!payload.isObject() || !payload.has("op") || !payload.has("source")) {
            throw new RejectedEvent("NOT_A_CHANGE_EVENT", "JSON without a Debezium envelope: payload.op and "
                    + "payload.source are required. Publish Debezium change events (JsonConverter) to this topic, "
                    + "or exclude the topic from daicho.classifier.topic-pattern.");
        }
        JsonNode source = payload.get("source");
        Origin origin = Origin.of(field -> text(source, field), "payload.source");
        String datasetId = origin.datasetId();

        Set<String> keyColumns = keyColumns(key);
        Map<String, String> connectTypes = valueSchema != null ? new HashMap<>() : null;
        List<DatasetSchema.Column> columns = valueSchema != null
                ? columnsFromSchema(valueSchema, keyColumns, connectTypes)
                : columnsFromRow(payload, keyColumns);
        if (columns.isEmpty()) {
            throw new RejectedEvent("NOT_A_CHANGE_EVENT", "The change event's schema has no 'after' or 'before' "
                    + "struct with columns (dataset " + datasetId + ").");
        }
        var schema = origin.schema(fingerprint(columns), columns);
        return new ChangeEvent(schema, row(payload.get("after"), columns),
                connectTypes == null ? null : Map.copyOf(connectTypes));
    }

    /** What a change event's {@code source} block says: the connector's name, the database, schema and table. */
    record Origin(String system, String database, String schemaName, String table) {

        /** @param field a field of the block by name, null when absent */
        static Origin of(java.util.function.Function<String, String> field, String block) throws RejectedEvent {
            String system = field.apply("name");
            String table = field.apply("table");
            if (system == null || table == null) {
                throw new RejectedEvent("NOT_A_CHANGE_EVENT", block + " must name the connector (name) and the table "
                        + "(table); this event's lacks " + (system == null ? "name" : "table") + ".");
            }
            return new Origin(system, field.apply("db"), field.apply("schema"), table);
        }

        /** {@code <source name>.<schema, or database>.<table>} */
        String datasetId() {
            return system + "." + (schemaName != null ? schemaName : database) + "." + table;
        }

        DatasetSchema schema(String fingerprint, List<DatasetSchema.Column> columns) {
            return new DatasetSchema(datasetId(), system, database, schemaName, table, fingerprint, columns);
        }
    }

    private JsonNode parse(byte[] bytes, String what) throws RejectedEvent {
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || node.isMissingNode() || !node.isObject()) {
                throw new RejectedEvent("NOT_A_CHANGE_EVENT", "The record " + what + " is JSON but not an object.");
            }
            return node;
        } catch (StreamReadException e) {
            var at = e.getLocation();
            throw new RejectedEvent("NOT_JSON", "The record " + what + " (" + bytes.length + " bytes) is not valid JSON"
                    + (at == null ? "" : " (error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ". The classifier reads Debezium change events written by the JSON converter.");
        } catch (JacksonException e) {
            throw new RejectedEvent("NOT_JSON", "The record " + what + " (" + bytes.length + " bytes) could not be read "
                    + "as JSON (" + e.getClass().getSimpleName() + ").");
        }
    }

    private Set<String> keyColumns(byte[] key) {
        if (key == null || key.length == 0) {
            return Set.of();
        }
        try {
            JsonNode root = json.readTree(key);
            JsonNode payload = root.has("payload") && root.has("schema") ? root.get("payload") : root;
            var names = new HashSet<String>();
            if (payload != null && payload.isObject()) {
                payload.propertyNames().forEach(names::add);
            }
            return names;
        } catch (JacksonException e) {
            return Set.of(); // a key we cannot read only costs the primary-key flag
        }
    }

    /** The row struct's columns; {@code connectTypes} gets each one's Kafka Connect type. */
    private static List<DatasetSchema.Column> columnsFromSchema(JsonNode envelope, Set<String> keyColumns,
                                                                Map<String, String> connectTypes) throws RejectedEvent {
        JsonNode rowStruct = null;
        JsonNode before = null;
        for (JsonNode field : envelope.path("fields")) {
            String name = field.path("field").asString("");
            if (name.equals("after") || (name.equals("before") && rowStruct == null)) {
                rowStruct = field;
            }
            if (name.equals("before")) {
                before = field;
            }
        }
        if (before != null && rowStruct != before && !before.path("fields").equals(rowStruct.path("fields"))) {
            throw new RejectedEvent("NOT_A_CHANGE_EVENT", "The change event's 'before' and 'after' structs have different "
                    + "columns or types: a Debezium envelope has one row schema for both.");
        }
        var columns = new ArrayList<DatasetSchema.Column>();
        if (rowStruct == null) {
            return columns;
        }
        int position = 1;
        for (JsonNode field : rowStruct.path("fields")) {
            String name = field.path("field").asString("");
            String connectType = field.path("type").asString("");
            if (!CONNECT_TYPES.contains(connectType)) {
                throw new RejectedEvent("UNKNOWN_CONNECT_TYPE", "Column '" + clip(name) + "' has the type '" + clip(connectType)
                        + "', which is not a Kafka Connect schema type (" + String.join(", ", new java.util.TreeSet<>(CONNECT_TYPES))
                        + "). Publish events written by Kafka Connect's JsonConverter.");
            }
            JsonNode sourceType = field.path("parameters").path(TYPE_PARAMETER);
            String sqlType = sourceType.isString() ? sourceType.asString()
                    : field.hasNonNull("name") ? field.get("name").asString() : connectType;
            columns.add(new DatasetSchema.Column(name, position++, canonicalType(sqlType), field.path("optional").asBoolean(true),
                    keyColumns.contains(name), connectType.equals("bytes")));
            connectTypes.put(name, connectType);
        }
        return columns;
    }

    private static List<DatasetSchema.Column> columnsFromRow(JsonNode payload, Set<String> keyColumns) {
        JsonNode row = payload.hasNonNull("after") ? payload.get("after") : payload.get("before");
        var columns = new ArrayList<DatasetSchema.Column>();
        if (row == null || !row.isObject()) {
            return columns;
        }
        int position = 1;
        for (var entry : row.properties()) {
            String type = switch (entry.getValue().getNodeType()) {
                case NUMBER -> "number";
                case BOOLEAN -> "boolean";
                case OBJECT -> "struct";
                case ARRAY -> "array";
                default -> "string";
            };
            columns.add(new DatasetSchema.Column(entry.getKey(), position++, type, true,
                    keyColumns.contains(entry.getKey()), false));
        }
        return columns;
    }

    private Map<String, String> row(JsonNode after, List<DatasetSchema.Column> columns) {
        if (after == null || !after.isObject()) {
            return null;
        }
        var row = new HashMap<String, String>();
        for (var column : columns) {
            JsonNode v = after.get(column.name());
            if (v == null || v.isNull() || column.binary()) {
                continue;
            }
            row.put(column.name(), cut(v.isValueNode() ? v.asString() : v.toString(), maxValueChars));
        }
        return row;
    }

    /**
     * The snapshot reads types from the catalog ({@code BIGSERIAL}) and streaming from the replication
     * protocol ({@code INT8}): one spelling per type, so that both give the same schema version.
     */
    static String canonicalType(String sqlType) {
        return switch (sqlType.toUpperCase(java.util.Locale.ROOT)) {
            case "SMALLSERIAL", "SERIAL2" -> "INT2";
            case "SERIAL", "SERIAL4" -> "INT4";
            case "BIGSERIAL", "SERIAL8" -> "INT8";
            default -> sqlType;
        };
    }

    static String fingerprint(List<DatasetSchema.Column> columns) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var c : columns) {
                digest.update((c.name() + "\u0000" + c.sqlType() + "\u0000" + c.optional() + "\u0001")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sampled value cut to {@code max} characters: a huge value costs no memory. */
    static String cut(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }

    /** A name from the record's schema, cut short for a message (a malformed record may put anything there). */
    static String clip(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
