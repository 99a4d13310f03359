package jp.daicho.classifier.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * What every JSON change event of one schema version must be, checked on each event — those the classifier does not
 * otherwise read too (a sampled version's events are recognised by their schema bytes, not parsed): its payload is
 * well-formed JSON in valid UTF-8, without a key twice in any object, not nested deeper than 500, ending where the
 * envelope ends; its {@code before} and {@code after} rows name only the version's columns, each value of the JSON
 * type its Connect type is written as; its {@code source} names this version's connector, database, schema and table;
 * it has an {@code op}. An event that is not is rejected with what is wrong, and so dead-lettered: issue 16's fuzzing
 * found such events passing unread.
 *
 * <p>One pass over the payload's bytes by a strict JSON reader of its own ({@link Scan}), which allocates nothing on
 * the common path: this runs for every change event, and a general parser made per event was half of the classifier's
 * time (docs/operations.md, benchmark). Its limits are Jackson's defaults (nesting 500, a number of 1,000 characters, a
 * key of 50,000); it is stricter only where JSON itself is (UTF-8 that is overlong or encodes a surrogate is refused).
 *
 * <p>A connector writes every event of a version alike but for its values: the same keys in the same order, the same
 * {@code source} table, the same {@code op} for the same kind of change. So an event that passed the whole check leaves
 * its {@link Shape}: its bytes but for the values, which are slots. A later event that has those bytes exactly, and in
 * each slot one well-formed value of a kind its column takes, passes as the first did without its keys being read,
 * looked up or compared with each other; anything else is checked whole, and refused (or learnt) as before. A version
 * keeps at most {@link #MAX_SHAPES}: inserts, updates, deletes and snapshot reads make four.
 */
final class EnvelopeCheck {

    /** Avro and schemaless JSON events: the readers check those whole (a schemaless event has no types to hold to). */
    static final EnvelopeCheck NONE = new EnvelopeCheck(null, null);

    static final byte[] PAYLOAD_MARK = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    static final int MAX_DEPTH = 500;
    static final int MAX_NUMBER_CHARS = 1000;
    static final int MAX_KEY_BYTES = 50_000;
    static final int MAX_SHAPES = 8;

    private static final byte[] BEFORE = bytes("before");
    private static final byte[] AFTER = bytes("after");
    private static final byte[] SOURCE = bytes("source");
    private static final byte[] OP = bytes("op");
    private static final byte[] NAME = bytes("name");
    private static final byte[] TABLE = bytes("table");
    private static final byte[] DB = bytes("db");
    private static final byte[] SCHEMA = bytes("schema");
    private static final String OPS = "crudtm";
    private static final byte[][] PAYLOAD_KEYS = {BEFORE, AFTER, SOURCE, OP};
    private static final byte[][] SOURCE_KEYS = {NAME, TABLE, DB, SCHEMA};

    /** The JSON kinds of value, named as Jackson names its tokens (the reasons have always said so). */
    enum Kind {
        START_OBJECT, START_ARRAY, VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL;

        final String text = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The version's columns: their names as UTF-8 and Connect types, found by a small hash of the name's bytes. */
    private final String[] names;
    private final byte[][] columns;
    private final String[] types;
    private final Map<String, Integer> byName;
    private final int[] slots;
    /** Per column, the kinds of JSON value its Connect type is written as: bit {@code Kind.ordinal()}. */
    private final int[] accepts;
    private final DatasetSchema schema;
    private final byte[][] expectedSource;
    /** The shapes of events that passed the whole check, in the order learnt. */
    private final Shape[] shapes = new Shape[MAX_SHAPES];
    private int shapeCount;
    /** The reader of every check: a check is made by one thread at a time (the handler's), event after event. */
    private final Scan scan = new Scan();

    private EnvelopeCheck(Map<String, String> types, DatasetSchema schema) {
        this.schema = schema;
        if (types == null) {
            this.names = null;
            this.columns = null;
            this.types = null;
            this.byName = null;
            this.slots = null;
            this.accepts = null;
            this.expectedSource = null;
            return;
        }
        var names = types.keySet().stream().sorted().toList();
        this.names = names.toArray(String[]::new);
        this.columns = new byte[names.size()][];
        this.types = new String[names.size()];
        this.accepts = new int[names.size()];
        var index = new java.util.HashMap<String, Integer>();
        int size = Integer.highestOneBit(Math.max(4, names.size() * 4));
        this.slots = new int[size];
        Arrays.fill(slots, -1);
        for (int k = 0; k < names.size(); k++) {
            columns[k] = bytes(names.get(k));
            this.types[k] = types.get(names.get(k));
            for (Kind kind : Kind.values()) {
                accepts[k] |= kind == Kind.VALUE_NULL || fits(this.types[k], kind) ? 1 << kind.ordinal() : 0;
            }
            index.put(names.get(k), k);
            int slot = hash(columns[k], 0, columns[k].length) & (size - 1);
            while (slots[slot] >= 0) {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = k;
        }
        this.byName = Map.copyOf(index);
        this.expectedSource = new byte[][] {bytesOrNull(schema.system()), bytesOrNull(schema.table()),
                bytesOrNull(schema.database()), bytesOrNull(schema.schemaName())};
    }

    /** The check of a version, from its first event as {@link ChangeEventReader} read it: its columns' Connect types. */
    static EnvelopeCheck of(ChangeEvent event) {
        return event.connectTypes() == null ? NONE : new EnvelopeCheck(event.connectTypes(), event.schema());
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
        while (end > start && isWhitespace(value[end - 1])) {
            end--;
        }
        if (end <= start || value[end - 1] != '}') {
            throw new RejectedEvent("NOT_JSON", "The record (" + value.length + " bytes) ends before its envelope does: "
                    + "truncated or not JSON.");
        }
        var scan = this.scan;
        scan.reset(value, start, end - 1);
        for (int k = 0; k < shapeCount; k++) {
            if (shapes[k].fits(scan)) {
                return;
            }
            scan.i = start;
        }
        scan.shape = shapeCount < MAX_SHAPES ? new Shape.Builder(start) : null;
        scan.payload();
        int payloadEnd = scan.i;
        scan.whitespace();
        if (scan.i != scan.end) {
            throw new RejectedEvent("NOT_JSON", "The record has more after its payload than the envelope's end.");
        }
        if (scan.shape != null) {
            shapes[shapeCount++] = scan.shape.build(value, payloadEnd);
        }
    }

    /** Shapes learnt so far (for tests). */
    int shapes() {
        return shapeCount;
    }

    /**
     * What events of a version have alike: the bytes of an event that passed the whole check, its values cut out.
     * Literal {@code k} ({@code [literalStarts[k], literalStarts[k + 1])} of {@code literals}) comes before slot
     * {@code k}; the last literal ends the payload. A slot holds one value: of a row's column ({@code column[k] >= 0},
     * of a kind it takes) or anything else's (a timestamp, the connector's version, a transaction), at the depth of
     * nesting where the whole check reads it. The source's table, database, schema and connector name and the op stay
     * literal: they are what the whole check compares.
     */
    private record Shape(byte[] literals, int[] literalStarts, int[] column, int[] depth) {

        /** Whether the scan's payload is of this shape; the scan is then at the payload's end, after whitespace. */
        boolean fits(Scan scan) {
            byte[] b = scan.b;
            int i = scan.i;
            int slots = column.length;
            try {
                for (int k = 0; ; k++) {
                    int from = literalStarts[k];
                    int length = literalStarts[k + 1] - from;
                    if (i + length > scan.end || !Arrays.equals(b, i, i + length, literals, from, from + length)) {
                        return false;
                    }
                    scan.i = i + length;
                    if (k == slots) {
                        scan.whitespace();
                        return scan.i == scan.end;
                    }
                    Kind kind = scan.kind();
                    if (column[k] >= 0 && (scan.accepts()[column[k]] & (1 << kind.ordinal())) == 0) {
                        return false;
                    }
                    scan.value(kind, depth[k]);
                    i = scan.i;
                }
            } catch (RejectedEvent malformed) {
                return false; // the whole check says what is wrong
            }
        }

        /** Records a shape while the whole check reads an event: where each slot's value starts and ends. */
        static final class Builder {

            private final int start;
            private int[] marks = new int[64];
            private int[] column = new int[32];
            private int[] depth = new int[32];
            private int slots;

            Builder(int start) {
                this.start = start;
            }

            void slot(int from, int to, int column, int depth) {
                if (slots == this.column.length) {
                    marks = Arrays.copyOf(marks, marks.length * 2);
                    this.column = Arrays.copyOf(this.column, this.column.length * 2);
                    this.depth = Arrays.copyOf(this.depth, this.depth.length * 2);
                }
                marks[2 * slots] = from;
                marks[2 * slots + 1] = to;
                this.column[slots] = column;
                this.depth[slots] = depth;
                slots++;
            }

            Shape build(byte[] b, int end) {
                var literals = new java.io.ByteArrayOutputStream(end - start);
                int[] starts = new int[slots + 2];
                int at = start;
                for (int k = 0; k < slots; k++) {
                    starts[k] = literals.size();
                    literals.write(b, at, marks[2 * k] - at);
                    at = marks[2 * k + 1];
                }
                starts[slots] = literals.size();
                literals.write(b, at, end - at);
                starts[slots + 1] = literals.size();
                return new Shape(literals.toByteArray(), starts, Arrays.copyOf(column, slots), Arrays.copyOf(depth, slots));
            }
        }
    }

    /** The column a row's key names, or -1 when the version has none of that name. */
    private int column(byte[] b, int from, int to) {
        int slot = hash(b, from, to) & (slots.length - 1);
        for (int k; (k = slots[slot]) >= 0; slot = (slot + 1) & (slots.length - 1)) {
            byte[] name = columns[k];
            if (name.length == to - from && Arrays.equals(name, 0, name.length, b, from, to)) {
                return k;
            }
        }
        return -1;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0x811c9dc5;
        for (int k = from; k < to; k++) {
            h = (h ^ b[k]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    /** Whether a value of kind {@code v} is how Kafka Connect's JsonConverter writes a value of {@code type}. */
    static boolean fits(String type, Kind v) {
        return switch (type) {
            case "int8", "int16", "int32", "int64" -> v == Kind.VALUE_NUMBER_INT;
            // NaN and infinities are written as strings
            case "float32", "float64" -> v == Kind.VALUE_NUMBER_FLOAT || v == Kind.VALUE_NUMBER_INT || v == Kind.VALUE_STRING;
            case "boolean" -> v == Kind.VALUE_TRUE || v == Kind.VALUE_FALSE;
            case "string", "bytes" -> v == Kind.VALUE_STRING;
            case "array" -> v == Kind.START_ARRAY;
            case "map" -> v == Kind.START_OBJECT || v == Kind.START_ARRAY;
            case "struct" -> v == Kind.START_OBJECT;
            default -> false;
        };
    }

    private RejectedEvent rejected(String what) {
        return new RejectedEvent("NOT_A_CHANGE_EVENT", "A change event of " + schema.datasetId() + " is malformed: " + what + ".");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytesOrNull(String s) {
        return s == null ? null : bytes(s);
    }

    /** A letter, as {@link Character#isLetter(int)} says of a byte: only ASCII's (a byte of 0x80 or more is negative). */
    private static boolean isAsciiLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** One payload read: a position in its bytes, and what the last string read was. */
    private final class Scan {

        byte[] b;
        int end;
        int i;
        /** The shape being learnt from this event, or null. */
        Shape.Builder shape;
        /** The last string read: its content's bytes {@code [from, to)} and whether it holds an escape. */
        int from;
        int to;
        boolean escaped;

        /** Starts reading another payload, {@code [start, end)} of {@code b}. */
        void reset(byte[] b, int start, int end) {
            this.b = b;
            this.i = start;
            this.end = end;
            this.shape = null;
        }

        int[] accepts() {
            return accepts;
        }

        /** A value just read from {@code from} to here that later events of this shape may have otherwise. */
        private void slot(int from, int column, int depth) {
            if (shape != null) {
                shape.slot(from, i, column, depth);
            }
        }

        void payload() throws RejectedEvent {
            if (kind() != Kind.START_OBJECT) {
                throw rejected("the payload is not a JSON object");
            }
            i++;
            var keys = new Keys();
            boolean op = false;
            boolean source = false;
            for (boolean more = firstKey(); more; more = nextKey()) {
                int which = member(keys, "payload.", PAYLOAD_KEYS);
                Kind v = kind();
                if (which == 0) {
                    row(v, "before");
                } else if (which == 1) {
                    row(v, "after");
                } else if (which == 2) {
                    source(v);
                    source = true;
                } else if (which == 3) {
                    if (v != Kind.VALUE_STRING) {
                        throw rejected("payload.op must be one of c, r, u, d, t, m");
                    }
                    string();
                    String text = escaped ? text() : null;
                    boolean known = text == null ? to - from == 1 && OPS.indexOf(b[from]) >= 0
                            : text.length() == 1 && OPS.indexOf(text.charAt(0)) >= 0;
                    if (!known) {
                        throw rejected("payload.op must be one of c, r, u, d, t, m");
                    }
                    op = true;
                } else {
                    int from = i;
                    value(v, 1); // ts_ms, transaction, and whatever later Debezium versions add
                    slot(from, -1, 1);
                }
            }
            if (!op || !source) {
                throw rejected("the payload lacks " + (op ? "source" : "op"));
            }
        }

        /**
         * A member's key and its colon: refused when the object had the key already; which of {@code names} it is, or -1.
         */
        private int member(Keys keys, String where, byte[][] names) throws RejectedEvent {
            key(keys, where);
            String text = escaped ? decoded(from, to) : null;
            int which = -1;
            for (int k = 0; k < names.length && which < 0; k++) {
                byte[] name = names[k];
                which = (text == null ? Arrays.equals(b, from, to, name, 0, name.length)
                        : text.equals(new String(name, StandardCharsets.UTF_8))) ? k : -1;
            }
            colon();
            return which;
        }

        private void row(Kind v, String which) throws RejectedEvent {
            if (v == Kind.VALUE_NULL) {
                literal(v);
                return;
            }
            if (v != Kind.START_OBJECT) {
                throw rejected("payload." + which + " must be an object or null");
            }
            i++;
            long[] seen = new long[(columns.length + 63) >>> 6];
            for (boolean more = firstKey(); more; more = nextKey()) {
                key();
                int k = escaped ? byName.getOrDefault(decoded(from, to), -1) : column(b, from, to);
                if (k < 0) {
                    throw rejected("payload." + which + " has a column its schema does not declare ('"
                            + ChangeEventReader.clip(text()) + "')");
                }
                // reasons name the declared column (however the key spelled it): schema metadata, never a value
                if ((seen[k >>> 6] & (1L << k)) != 0) {
                    throw rejected("payload." + which + "." + ChangeEventReader.clip(names[k]) + " is there twice");
                }
                seen[k >>> 6] |= 1L << k;
                colon();
                Kind kind = kind();
                if ((accepts[k] & (1 << kind.ordinal())) == 0) {
                    throw rejected("payload." + which + "." + ChangeEventReader.clip(names[k]) + " is a JSON " + kind.text
                            + " where its schema says " + types[k]);
                }
                int from = i;
                value(kind, 2);
                slot(from, k, 2);
            }
        }

        private void source(Kind v) throws RejectedEvent {
            if (v != Kind.START_OBJECT) {
                throw rejected("payload.source must be an object");
            }
            i++;
            var keys = new Keys();
            // name, table, db, schema: where each string is (-1: absent or not a string, as a missing one reads)
            int[] at = {-1, -1, -1, -1, -1, -1, -1, -1};
            int escapes = 0;
            for (boolean more = firstKey(); more; more = nextKey()) {
                int field = member(keys, "payload.source.", SOURCE_KEYS);
                Kind kind = kind();
                if (field >= 0 && kind == Kind.VALUE_STRING) {
                    string();
                    at[2 * field] = from;
                    at[2 * field + 1] = to;
                    escapes |= escaped ? 1 << field : 0;
                } else {
                    int from = i;
                    value(kind, 2);
                    if (field >= 0) {
                        at[2 * field] = -1; // stays literal: a later event must have it as this one did
                    } else {
                        slot(from, -1, 2);
                    }
                }
            }
            String[] found = new String[4];
            boolean agree = true;
            for (int f = 0; f < 4; f++) {
                byte[] expected = expectedSource[f];
                int s = at[2 * f];
                int e = at[2 * f + 1];
                if (s < 0) {
                    agree &= expected == null;
                } else if ((escapes & (1 << f)) != 0) {
                    found[f] = decoded(s, e);
                    agree &= expected != null && found[f].equals(new String(expected, StandardCharsets.UTF_8));
                } else {
                    agree &= expected != null && Arrays.equals(b, s, e, expected, 0, expected.length);
                }
            }
            if (!agree) {
                for (int f = 0; f < 4; f++) {
                    if (found[f] == null && at[2 * f] >= 0) {
                        found[f] = new String(b, at[2 * f], at[2 * f + 1] - at[2 * f], StandardCharsets.UTF_8);
                    }
                }
                throw new RejectedEvent("SOURCE_TOPIC_MISMATCH", "The event has the schema of dataset " + schema.datasetId()
                        + " but its payload.source names " + ChangeEventReader.clip(String.valueOf(found[0])) + "."
                        + ChangeEventReader.clip(String.valueOf(found[3] != null ? found[3] : found[2])) + "."
                        + ChangeEventReader.clip(String.valueOf(found[1])) + ": one event's source must be the table of its topic.");
            }
        }

        /**
         * A key of an object whose keys are named in reasons ({@code payload.}, {@code payload.source.}): read, and
         * refused when the object had it already.
         */
        private void key(Keys keys, String where) throws RejectedEvent {
            key();
            if (!keys.add(this)) {
                throw rejected(where + ChangeEventReader.clip(text()) + " is there twice");
            }
        }

        /** A key: a string no longer than a key may be. */
        private void key() throws RejectedEvent {
            string();
            if (to - from > MAX_KEY_BYTES) {
                throw malformed("a key longer than " + MAX_KEY_BYTES + " bytes");
            }
        }

        /** Any JSON value of the kind found, read to its end; inside objects, a key twice is refused as the rest are. */
        private void value(Kind kind, int depth) throws RejectedEvent {
            switch (kind) {
                case VALUE_STRING -> string();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number();
                case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> literal(kind);
                case START_OBJECT -> {
                    deeper(depth);
                    i++;
                    var keys = new Keys();
                    for (boolean more = firstKey(); more; more = nextKey()) {
                        key();
                        if (!keys.add(this)) {
                            // not quoted: inside a row, the keys of a JSON column's value may be a person's data
                            throw rejected("a key is there twice inside an object (" + text().length() + " characters)");
                        }
                        colon();
                        value(kind(), depth + 1);
                    }
                }
                case START_ARRAY -> {
                    deeper(depth);
                    i++;
                    whitespace();
                    if (i < end && b[i] == ']') {
                        i++;
                        return;
                    }
                    while (true) {
                        value(kind(), depth + 1);
                        whitespace();
                        if (i < end && b[i] == ',') {
                            i++;
                        } else if (i < end && b[i] == ']') {
                            i++;
                            return;
                        } else {
                            throw malformed("an array's elements are not separated or closed");
                        }
                    }
                }
            }
        }

        private void deeper(int depth) throws RejectedEvent {
            if (depth >= MAX_DEPTH) {
                throw malformed("nested deeper than " + MAX_DEPTH);
            }
        }

        /** After an object's {@code {}: whether a key follows (else the object is empty and closed). */
        private boolean firstKey() throws RejectedEvent {
            whitespace();
            if (i < end && b[i] == '}') {
                i++;
                return false;
            }
            if (i >= end || b[i] != '"') {
                throw malformed("a key is expected");
            }
            return true;
        }

        /** After a member: whether another key follows (else the object is closed). */
        private boolean nextKey() throws RejectedEvent {
            whitespace();
            if (i < end && b[i] == ',') {
                i++;
                whitespace();
                if (i >= end || b[i] != '"') {
                    throw malformed("a key is expected");
                }
                return true;
            }
            if (i < end && b[i] == '}') {
                i++;
                return false;
            }
            throw malformed("an object's members are not separated or closed");
        }

        private void colon() throws RejectedEvent {
            whitespace();
            if (i >= end || b[i] != ':') {
                throw malformed("a key is not followed by ':'");
            }
            i++;
        }

        void whitespace() {
            while (i < end && isWhitespace(b[i])) {
                i++;
            }
        }

        /** The kind of the value that starts here (after whitespace). */
        private Kind kind() throws RejectedEvent {
            whitespace();
            if (i >= end) {
                throw malformed("a value is expected");
            }
            return switch (b[i]) {
                case '{' -> Kind.START_OBJECT;
                case '[' -> Kind.START_ARRAY;
                case '"' -> Kind.VALUE_STRING;
                case 't' -> Kind.VALUE_TRUE;
                case 'f' -> Kind.VALUE_FALSE;
                case 'n' -> Kind.VALUE_NULL;
                case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> numberKind();
                default -> throw malformed("no JSON value starts with this byte");
            };
        }

        private Kind numberKind() {
            int k = i + (b[i] == '-' ? 1 : 0);
            while (k < end && b[k] >= '0' && b[k] <= '9') {
                k++;
            }
            return k < end && (b[k] == '.' || b[k] == 'e' || b[k] == 'E') ? Kind.VALUE_NUMBER_FLOAT : Kind.VALUE_NUMBER_INT;
        }

        /** A number as JSON writes it: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
        private void number() throws RejectedEvent {
            int start = i;
            if (b[i] == '-') {
                i++;
            }
            if (i < end && b[i] == '0') {
                i++;
            } else if (!digits()) {
                throw malformed("a number without digits");
            }
            if (i < end && b[i] == '.') {
                i++;
                if (!digits()) {
                    throw malformed("a number without digits after its point");
                }
            }
            if (i < end && (b[i] == 'e' || b[i] == 'E')) {
                i++;
                if (i < end && (b[i] == '+' || b[i] == '-')) {
                    i++;
                }
                if (!digits()) {
                    throw malformed("a number without digits in its exponent");
                }
            }
            if (i - start > MAX_NUMBER_CHARS) {
                throw malformed("a number longer than " + MAX_NUMBER_CHARS + " characters");
            }
            if (i < end && (b[i] == '.' || (b[i] >= '0' && b[i] <= '9') || isAsciiLetter(b[i]))) {
                throw malformed("a number runs into another character");
            }
        }

        private boolean digits() {
            int start = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            return i > start;
        }

        private void literal(Kind kind) throws RejectedEvent {
            String word = switch (kind) {
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                default -> "null";
            };
            int n = word.length();
            if (i + n > end) {
                throw malformed("a literal cut short");
            }
            for (int k = 0; k < n; k++) {
                if (b[i + k] != word.charAt(k)) {
                    throw malformed("not true, false or null");
                }
            }
            i += n;
            if (i < end && (isAsciiLetter(b[i]) || (b[i] >= '0' && b[i] <= '9') || b[i] == '_')) {
                throw malformed("a literal runs into another character");
            }
        }

        /** A string (at its opening quote): its bytes valid UTF-8, its escapes JSON's, no raw control character. */
        private void string() throws RejectedEvent {
            i++;
            from = i;
            escaped = false;
            while (true) {
                // the common case: printable ASCII
                while (i < end && b[i] >= 0x20 && b[i] != '"' && b[i] != '\\') {
                    i++;
                }
                if (i >= end) {
                    throw malformed("a string is not closed");
                }
                int c = b[i] & 0xff;
                if (c == '"') {
                    to = i;
                    i++;
                    return;
                }
                if (c == '\\') {
                    escaped = true;
                    escape();
                } else if (c < 0x20) {
                    throw malformed("a control character inside a string");
                } else if (c >= 0xe1 && c <= 0xef && c != 0xed && i + 2 < end
                        && (b[i + 1] & 0xc0) == 0x80 && (b[i + 2] & 0xc0) == 0x80) {
                    i += 3; // kana and kanji: three bytes that can be neither overlong nor a surrogate
                } else {
                    utf8(c);
                }
            }
        }

        private void escape() throws RejectedEvent {
            if (i + 1 >= end) {
                throw malformed("an escape cut short");
            }
            byte e = b[i + 1];
            if (e == 'u') {
                if (i + 6 > end) {
                    throw malformed("an escape cut short");
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(b[k], 16) < 0) {
                        throw malformed("a \\u escape without four hexadecimal digits");
                    }
                }
                i += 6;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                i += 2;
            } else {
                throw malformed("an escape JSON does not have");
            }
        }

        /** One UTF-8 sequence whose first byte is {@code c} (0x80 or more): well-formed, shortest, not a surrogate. */
        private void utf8(int c) throws RejectedEvent {
            int n;
            int min;
            int cp;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
                min = 0x80;
                cp = c & 0x1f;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                min = 0x800;
                cp = c & 0x0f;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                min = 0x10000;
                cp = c & 0x07;
            } else {
                throw malformed("a byte that begins no UTF-8 character");
            }
            if (i + n >= end) {
                throw malformed("a UTF-8 character cut short");
            }
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    throw malformed("a UTF-8 character with a bad continuation byte");
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                throw malformed("a UTF-8 sequence that encodes no character");
            }
            i += n + 1;
        }

        /** The last string read, as text (its escapes decoded). */
        String text() {
            return escaped ? decoded(from, to) : new String(b, from, to - from, StandardCharsets.UTF_8);
        }

        /** A string's content, escapes decoded (it has been checked). */
        String decoded(int from, int to) {
            var s = new StringBuilder(to - from);
            int k = from;
            while (k < to) {
                if (b[k] != '\\') {
                    int run = k;
                    while (k < to && b[k] != '\\') {
                        k++;
                    }
                    s.append(new String(b, run, k - run, StandardCharsets.UTF_8));
                    continue;
                }
                byte e = b[k + 1];
                switch (e) {
                    case 'u' -> {
                        s.append((char) Integer.parseInt(new String(b, k + 2, 4, StandardCharsets.US_ASCII), 16));
                        k += 6;
                        continue;
                    }
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    default -> s.append((char) e);
                }
                k += 2;
            }
            return s.toString();
        }

        private RejectedEvent malformed(String what) {
            return new RejectedEvent("NOT_JSON", "The payload of a change event of " + schema.datasetId()
                    + " is not valid JSON (" + what + " at byte " + i + ").");
        }
    }

    /**
     * The keys of one object so far, to refuse one twice: their byte ranges, compared as bytes while none has an
     * escape and there are few; as decoded text otherwise (two spellings of one key are one key).
     */
    private static final class Keys {

        private int[] ranges = new int[16];
        private int count;
        private java.util.Set<String> text;

        boolean add(Scan scan) {
            if (text == null && (scan.escaped || count == 32)) {
                text = new java.util.HashSet<>();
                for (int k = 0; k < count; k++) {
                    text.add(new String(scan.b, ranges[2 * k], ranges[2 * k + 1] - ranges[2 * k], StandardCharsets.UTF_8));
                }
            }
            if (text != null) {
                return text.add(scan.text());
            }
            byte[] b = scan.b;
            int length = scan.to - scan.from;
            for (int k = 0; k < count; k++) {
                int from = ranges[2 * k];
                int to = ranges[2 * k + 1];
                if (to - from == length && Arrays.equals(b, from, to, b, scan.from, scan.to)) {
                    return false;
                }
            }
            if (2 * count + 2 > ranges.length) {
                ranges = Arrays.copyOf(ranges, ranges.length * 2);
            }
            ranges[2 * count] = scan.from;
            ranges[2 * count + 1] = scan.to;
            count++;
            return true;
        }
    }
}
