package jp.daicho.classifier.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads Debezium change events written by an Avro converter in the Confluent wire format (Confluent's
 * {@code io.confluent.connect.avro.AvroConverter}, or Apicurio's with {@code apicurio.registry.as-confluent=true}):
 * a zero byte, the writer schema's id in four bytes, then the Avro binary of the envelope. The writer schema comes from
 * the {@link SchemaRegistry}.
 *
 * <p>Avro names allow only {@code [A-Za-z0-9_]}, so connectors writing Avro must adjust other column names; with
 * Debezium's {@code field.name.adjustment.mode=avro_unicode} a Japanese name comes as {@code _u6c0f_u540d} and is read
 * back as {@code 氏名}. ({@code avro} mode replaces each such character with {@code _}: the name is lost, unless
 * {@code column.propagate.source.type} is on, whose parameters carry the column's own name, which is then used.)
 */
final class AvroChangeEventReader {

    /** Where Kafka Connect's AvroData keeps a Connect type Avro has no own for (int8, int16). */
    private static final String CONNECT_TYPE = "connect.type";
    private static final String CONNECT_NAME = "connect.name";
    private static final String CONNECT_PARAMETERS = "connect.parameters";
    private static final String SOURCE_COLUMN_TYPE = "__debezium.source.column.type";
    /** With {@code column.propagate.source.type}, Debezium also tells the column's own name. */
    private static final String SOURCE_COLUMN_NAME = "__debezium.source.column.name";
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("_u([0-9a-fA-F]{4})");

    private final SchemaRegistry registry;
    private final int maxValueChars;

    AvroChangeEventReader(SchemaRegistry registry, int maxValueChars) {
        this.registry = registry;
        this.maxValueChars = maxValueChars;
    }

    /** The wire format's header: the magic byte and the writer schema's id. */
    static final int HEADER = 5;

    static boolean isConfluentWireFormat(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER && bytes[0] == 0;
    }

    ChangeEvent read(byte[] key, byte[] value) throws RejectedEvent {
        GenericRecord envelope = decode(value, "value");
        Schema envelopeSchema = envelope.getSchema();
        if (envelopeSchema.getField("op") == null || envelopeSchema.getField("source") == null
                || !(envelope.get("source") instanceof GenericRecord source)) {
            throw new RejectedEvent("NOT_A_CHANGE_EVENT", "Avro record " + ChangeEventReader.clip(envelopeSchema.getFullName())
                    + " without a Debezium envelope: the fields op and source are required.");
        }
        var origin = ChangeEventReader.Origin.of(field -> text(source, field), "The source record");
        String datasetId = origin.datasetId();

        Schema row = rowSchema(envelopeSchema);
        if (row == null) {
            throw new RejectedEvent("NOT_A_CHANGE_EVENT", "The change event's Avro schema has no 'after' or 'before' "
                    + "record with columns (dataset " + datasetId + ").");
        }
        Set<String> keyColumns = keyColumns(key);
        var columns = new ArrayList<DatasetSchema.Column>();
        int position = 1;
        for (Schema.Field field : row.getFields()) {
            Schema type = nonNull(field.schema());
            String connectType = connectType(type);
            Object sourceType = parameter(type, SOURCE_COLUMN_TYPE);
            String name = columnName(field);
            String sqlType = sourceType instanceof String s ? s
                    : type.getProp(CONNECT_NAME) != null ? type.getProp(CONNECT_NAME) : connectType;
            columns.add(new DatasetSchema.Column(name, position++, ChangeEventReader.canonicalType(sqlType),
                    field.schema().isNullable(), keyColumns.contains(name), connectType.equals("bytes")));
        }
        if (columns.isEmpty()) {
            throw new RejectedEvent("NOT_A_CHANGE_EVENT", "The change event's row record has no columns (dataset " + datasetId + ").");
        }
        var schema = origin.schema(ChangeEventReader.fingerprint(columns), List.copyOf(columns));
        return new ChangeEvent(schema, row(envelope.get("after"), row, columns));
    }

    private static int schemaId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    private GenericRecord decode(byte[] bytes, String what) throws RejectedEvent {
        int id = schemaId(bytes);
        Schema writer = registry.schema(id);
        try {
            var decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
            Object datum = new GenericDatumReader<>(writer).read(null, decoder);
            if (!(datum instanceof GenericRecord record)) {
                throw new RejectedEvent("NOT_A_CHANGE_EVENT", "The record " + what + " is Avro of schema id " + id
                        + ", which is not a record.");
            }
            return record;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            // Avro's messages may quote what it read: only the kind of failure is told.
            throw new RejectedEvent("NOT_AVRO", "The record " + what + " (" + bytes.length + " bytes) cannot be read "
                    + "with its writer schema, id " + id + " (" + e.getClass().getSimpleName() + "): it is truncated, "
                    + "or was not written with that schema.");
        }
    }

    private Set<String> keyColumns(byte[] key) {
        if (!isConfluentWireFormat(key)) {
            return Set.of();
        }
        try {
            // The key's writer schema names its columns: the key itself need not be read.
            Schema schema = registry.schema(schemaId(key));
            if (schema.getType() != Schema.Type.RECORD) {
                return Set.of();
            }
            var names = new HashSet<String>();
            schema.getFields().forEach(f -> names.add(columnName(f)));
            return names;
        } catch (RejectedEvent | SchemaRegistry.Unavailable e) {
            return Set.of(); // a key we cannot read only costs the primary-key flag
        }
    }

    /** The envelope's {@code after} row record, or else its {@code before}. */
    private static Schema rowSchema(Schema envelope) {
        for (String name : List.of("after", "before")) {
            Schema.Field field = envelope.getField(name);
            if (field != null && nonNull(field.schema()).getType() == Schema.Type.RECORD) {
                return nonNull(field.schema());
            }
        }
        return null;
    }

    private Map<String, String> row(Object after, Schema rowSchema, List<DatasetSchema.Column> columns) {
        if (!(after instanceof GenericRecord record)) {
            return null;
        }
        var row = new HashMap<String, String>();
        var fields = rowSchema.getFields();
        for (int i = 0; i < fields.size(); i++) {
            var column = columns.get(i);
            Object v = record.get(fields.get(i).pos());
            if (v == null || column.binary()) {
                continue;
            }
            row.put(column.name(), ChangeEventReader.cut(v.toString(), maxValueChars));
        }
        return row;
    }

    /** A nullable column is a union of null and its type. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        return schema;
    }

    /** The Kafka Connect type the converter wrote this Avro type from. */
    private static String connectType(Schema type) {
        return switch (type.getType()) {
            case INT -> type.getProp(CONNECT_TYPE) != null ? type.getProp(CONNECT_TYPE) : "int32";
            case LONG -> "int64";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case BOOLEAN -> "boolean";
            case STRING, ENUM -> "string";
            case BYTES, FIXED -> "bytes";
            case ARRAY -> "array";
            case MAP -> "map";
            case RECORD -> "struct";
            default -> "string";
        };
    }

    /** The column's own name: Debezium's {@code __debezium.source.column.name}, else its Avro name read back. */
    private static String columnName(Schema.Field field) {
        return parameter(nonNull(field.schema()), SOURCE_COLUMN_NAME) instanceof String name && !name.isEmpty()
                ? name : columnName(field.name());
    }

    /** One of Debezium's column parameters ({@code column.propagate.source.type}), null when absent. */
    private static Object parameter(Schema type, String name) {
        return type.getObjectProp(CONNECT_PARAMETERS) instanceof Map<?, ?> parameters ? parameters.get(name) : null;
    }

    /** {@code _u6c0f_u540d} → {@code 氏名}: Debezium's {@code avro_unicode} adjustment undone. */
    static String columnName(String avroName) {
        if (avroName.indexOf("_u") < 0) {
            return avroName;
        }
        Matcher m = UNICODE_ESCAPE.matcher(avroName);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(out).toString();
    }

    private static String text(GenericRecord record, String field) {
        if (record.getSchema().getField(field) == null) {
            return null;
        }
        Object v = record.get(field);
        return v == null ? null : v.toString();
    }
}
