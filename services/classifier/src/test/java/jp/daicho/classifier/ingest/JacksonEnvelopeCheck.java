package jp.daicho.classifier.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The envelope check as it was before {@link EnvelopeCheck} read the bytes itself: Jackson's streaming parser, kept
 * here as the reference {@code EnvelopeCheckTest} compares the new reader with, event by mutated event.
 *
 * <p>What every JSON change event of one schema version must be, checked on each event — those the classifier does not
 * otherwise read too (a sampled version's events are recognised by their schema bytes, not parsed): its payload is
 * well-formed JSON in valid UTF-8 (the parser checks a string's bytes even when it skips it), without a key twice, not
 * nested deeper than the parser allows, ending where the envelope ends; its {@code before} and {@code after} rows name
 * only the version's columns, each value of the JSON type its Connect type is written as; its {@code source} names
 * this version's connector, database, schema and table; it has an {@code op}. One streaming pass over the payload, no
 * tree. An event that is not is rejected with what is wrong, and so dead-lettered: issue 16's fuzzing found such events
 * passing unread.
 */
final class JacksonEnvelopeCheck {

    /** Avro and schemaless JSON events: the readers check those whole (a schemaless event has no types to hold to). */
    static final JacksonEnvelopeCheck NONE = new JacksonEnvelopeCheck(null, null);

    static final byte[] PAYLOAD_MARK = ",\"payload\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Reads each payload; a key twice is found by {@link #row}, {@link #payload} and {@link #skip} themselves. */
    private static final JsonMapper PAYLOADS = JsonMapper.builder().build();
    private static final Set<String> OPS = Set.of("c", "r", "u", "d", "t", "m");

    /** Column name → Kafka Connect type, from the event's {@code after} (or {@code before}) struct. */
    private final Map<String, String> types;
    /** Column name → its position, to find a column named twice in a row. */
    private final Map<String, Integer> positions;
    private final DatasetSchema schema;

    private JacksonEnvelopeCheck(Map<String, String> types, DatasetSchema schema) {
        this.types = types;
        this.schema = schema;
        var positions = new HashMap<String, Integer>();
        if (types != null) {
            types.keySet().stream().sorted().forEach(name -> positions.put(name, positions.size()));
        }
        this.positions = Map.copyOf(positions);
    }

    /** The check of a version, from its first event as {@link ChangeEventReader} read it: its columns' Connect types. */
    static JacksonEnvelopeCheck of(ChangeEvent event) {
        return event.connectTypes() == null ? NONE : new JacksonEnvelopeCheck(event.connectTypes(), event.schema());
    }

    /**
     * Checks the payload of a parsed event of this version. JSON not in the converter's compact form (no {@code
     * ,"payload":}) is left as the reader found it: such events never take the fast path, so each is read whole.
     */
    void check(byte[] value) throws RejectedEvent {
        int at = types == null ? -1 : ChangeEventHandler.indexOf(value, PAYLOAD_MARK);
        if (at >= 0) {
            check(value, at + PAYLOAD_MARK.length);
        }
    }

    /** Checks the payload of an event of this version that starts at {@code start} (after {@code ,"payload":}). */
    void check(byte[] value, int start) throws RejectedEvent {
        if (types == null) {
            return;
        }
        int end = value.length;
        while (end > start && Character.isWhitespace(value[end - 1])) {
            end--;
        }
        if (end <= start || value[end - 1] != '}') {
            throw new RejectedEvent("NOT_JSON", "The record (" + value.length + " bytes) ends before its envelope does: "
                    + "truncated or not JSON.");
        }
        try (JsonParser parser = PAYLOADS.createParser(value, start, end - 1 - start)) {
            payload(parser);
            if (parser.nextToken() != null) {
                throw new RejectedEvent("NOT_JSON", "The record has more after its payload than the envelope's end.");
            }
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new RejectedEvent("NOT_JSON", "The payload of a change event of " + schema.datasetId() + " is not valid JSON ("
                    + e.getClass().getSimpleName() + (at == null ? "" : " at byte " + (start + at.getByteOffset())) + ").");
        }
    }

    private void payload(JsonParser parser) throws RejectedEvent {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw rejected("the payload is not a JSON object");
        }
        boolean op = false;
        boolean source = false;
        var seen = new java.util.HashSet<String>(8);
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            if (!seen.add(field)) {
                throw rejected("payload." + ChangeEventReader.clip(field) + " is there twice");
            }
            JsonToken token = parser.nextToken();
            switch (field) {
                case "before", "after" -> row(parser, token, field);
                case "source" -> {
                    source(parser, token);
                    source = true;
                }
                case "op" -> {
                    if (token != JsonToken.VALUE_STRING || !OPS.contains(parser.getString())) {
                        throw rejected("payload.op must be one of c, r, u, d, t, m");
                    }
                    op = true;
                }
                default -> skip(parser); // ts_ms, transaction, and whatever later Debezium versions add
            }
        }
        if (!op || !source) {
            throw rejected("the payload lacks " + (op ? "source" : "op"));
        }
    }

    private void row(JsonParser parser, JsonToken token, String which) throws RejectedEvent {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw rejected("payload." + which + " must be an object or null");
        }
        var seen = new java.util.BitSet(positions.size());
        for (String column = parser.nextName(); column != null; column = parser.nextName()) {
            JsonToken v = parser.nextToken();
            String type = types.get(column);
            if (type == null) {
                throw rejected("payload." + which + " has a column its schema does not declare ('"
                        + ChangeEventReader.clip(column) + "')");
            }
            int position = positions.get(column);
            if (seen.get(position)) {
                throw rejected("payload." + which + "." + ChangeEventReader.clip(column) + " is there twice");
            }
            seen.set(position);
            if (v != JsonToken.VALUE_NULL && !fits(type, v)) {
                throw rejected("payload." + which + "." + ChangeEventReader.clip(column) + " is a JSON " + v.name().toLowerCase(java.util.Locale.ROOT)
                        + " where its schema says " + type);
            }
            skip(parser);
        }
    }

    /** Skips a value; inside objects, a key twice is refused as the rest are. */
    private void skip(JsonParser parser) throws RejectedEvent {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            var seen = new java.util.HashSet<String>();
            for (String field = parser.nextName(); field != null; field = parser.nextName()) {
                if (!seen.add(field)) {
                    // not quoted: inside a row, the keys of a JSON column's value may be a person's data
                    throw rejected("a key is there twice inside an object (" + field.length() + " characters)");
                }
                parser.nextToken();
                skip(parser);
            }
        } else if (token == JsonToken.START_ARRAY) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                skip(parser);
            }
        }
    }

    /** The production check's table of Connect types and JSON kinds, whose kinds are named as Jackson's tokens are. */
    private static boolean fits(String type, JsonToken v) {
        return EnvelopeCheck.fits(type, EnvelopeCheck.Kind.valueOf(v.name()));
    }

    private void source(JsonParser parser, JsonToken token) throws RejectedEvent {
        if (token != JsonToken.START_OBJECT) {
            throw rejected("payload.source must be an object");
        }
        String name = null;
        String table = null;
        String db = null;
        String schemaName = null;
        for (String field = parser.nextName(); field != null; field = parser.nextName()) {
            JsonToken v = parser.nextToken();
            String text = v == JsonToken.VALUE_STRING ? parser.getString() : null;
            switch (field) {
                case "name" -> name = once(name, text, field);
                case "table" -> table = once(table, text, field);
                case "db" -> db = once(db, text, field);
                case "schema" -> schemaName = once(schemaName, text, field);
                default -> skip(parser);
            }
        }
        if (!java.util.Objects.equals(name, schema.system()) || !java.util.Objects.equals(table, schema.table())
                || !java.util.Objects.equals(db, schema.database()) || !java.util.Objects.equals(schemaName, schema.schemaName())) {
            throw new RejectedEvent("SOURCE_TOPIC_MISMATCH", "The event has the schema of dataset " + schema.datasetId()
                    + " but its payload.source names " + ChangeEventReader.clip(String.valueOf(name)) + "."
                    + ChangeEventReader.clip(String.valueOf(schemaName != null ? schemaName : db)) + "."
                    + ChangeEventReader.clip(String.valueOf(table)) + ": one event's source must be the table of its topic.");
        }
    }

    private String once(String before, String value, String field) throws RejectedEvent {
        if (before != null) {
            throw rejected("payload.source." + field + " is there twice");
        }
        return value;
    }

    private RejectedEvent rejected(String what) {
        return new RejectedEvent("NOT_A_CHANGE_EVENT", "A change event of " + schema.datasetId() + " is malformed: " + what + ".");
    }
}
