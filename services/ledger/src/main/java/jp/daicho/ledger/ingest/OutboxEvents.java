package jp.daicho.ledger.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.daicho.ledger.recording.Counterparty;
import jp.daicho.ledger.recording.Occurrence;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an occurrence from a Debezium change event (JSON, with or without schemas) of a pipeline's outbox
 * table {@code daicho_provision_outbox} (docs/ledger.md, "Outbox"): inserts and snapshot reads become
 * occurrences; updates, deletes and tombstones are ignored (an outbox row is written once, then usually
 * deleted). Errors name the column, never its value.
 */
final class OutboxEvents {

    /** A change event the ledger cannot read, with a machine-readable type. */
    static final class Unreadable extends RuntimeException {
        private final String errorType;

        Unreadable(String errorType, String message) {
            super(message);
            this.errorType = errorType;
        }

        String errorType() {
            return errorType;
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();

    Optional<Occurrence> occurrence(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = json.readTree(value);
        } catch (JacksonException e) {
            throw new Unreadable("NOT_JSON", "the outbox change event is not JSON (configure Debezium's JsonConverter for this topic)");
        }
        JsonNode event = root.has("payload") && root.get("payload").isObject() ? root.get("payload") : root;
        String op = text(event, "op");
        if (op == null) {
            throw new Unreadable("NOT_A_CHANGE_EVENT", "the message has no 'op': not a Debezium change event");
        }
        if (!op.equals("c") && !op.equals("r")) {
            return Optional.empty();
        }
        JsonNode row = event.get("after");
        if (row == null || !row.isObject()) {
            throw new Unreadable("NOT_A_CHANGE_EVENT", "the change event has no 'after' row");
        }
        String direction = text(row, "direction");
        Occurrence.Direction d;
        try {
            d = direction == null ? Occurrence.Direction.PROVIDED : Occurrence.Direction.valueOf(direction);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("BAD_COLUMN", "column direction must be PROVIDED or RECEIVED");
        }
        String providerName = text(row, "provider_name");
        return Optional.of(new Occurrence(text(row, "event_id"), d, text(row, "pipeline_id"), instant(row, "occurred_at"),
                text(row, "subject_key"), map(row, "subject_items"), list(row, "data_items"), text(row, "consent_reference"),
                text(row, "basis"), providerName == null ? null : new Counterparty(providerName, null,
                text(row, "provider_address"), text(row, "provider_representative"),
                Optional.ofNullable(text(row, "provider_country")).orElse("JP")),
                text(row, "acquisition"), row.has("opt_out_published") && !row.get("opt_out_published").isNull()
                        ? row.get("opt_out_published").asBoolean() : null, text(row, "record_mode")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** timestamptz arrives as an ISO string (ZonedTimestamp); timestamp as epoch millis or micros. */
    private static Instant instant(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            long n = v.asLong();
            return n > 100_000_000_000_000L ? Instant.ofEpochSecond(n / 1_000_000, (n % 1_000_000) * 1000) : Instant.ofEpochMilli(n);
        }
        try {
            return Instant.parse(v.asString());
        } catch (java.time.format.DateTimeParseException e) {
            throw new Unreadable("BAD_COLUMN", "column " + field + " is not a timestamp with time zone");
        }
    }

    /** A JSON object, as a json/jsonb column or text holding JSON. */
    private Map<String, String> map(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        try {
            JsonNode object = v.isString() ? json.readTree(v.asString()) : v;
            if (!object.isObject()) {
                throw new Unreadable("BAD_COLUMN", "column " + field + " must hold a JSON object of item name to value");
            }
            var items = new LinkedHashMap<String, String>();
            object.properties().forEach(e -> items.put(e.getKey(), e.getValue().asString()));
            return items;
        } catch (JacksonException e) {
            throw new Unreadable("BAD_COLUMN", "column " + field + " is not JSON");
        }
    }

    /** A text[] column, or text with comma-separated item codes. */
    private static List<String> list(JsonNode row, String field) {
        JsonNode v = row.get(field);
        var items = new ArrayList<String>();
        if (v == null || v.isNull()) {
            return items;
        }
        if (v.isArray()) {
            v.forEach(i -> items.add(i.asString()));
        } else {
            for (String s : v.asString().split(",")) {
                if (!s.isBlank()) {
                    items.add(s.strip());
                }
            }
        }
        return items;
    }
}
