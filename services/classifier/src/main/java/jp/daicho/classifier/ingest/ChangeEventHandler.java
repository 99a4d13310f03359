package jp.daicho.classifier.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.daicho.classification.Classification;
import jp.daicho.classification.ColumnProfile;
import jp.daicho.classification.FieldClassifier;

/**
 * Handles one change event at a time (per consumer thread). Classifies per dataset schema version with a
 * few sampled rows, and does not parse events of a schema version whose sampling is done: their schema
 * part is compared byte for byte with the one already seen, which costs a memory compare.
 *
 * <p>Values drift (a free-text column starts to hold e-mail addresses), so a sampled version is sampled
 * again after {@link Sampling#resampleAfterEvents} events or {@link Sampling#resampleAfter} time, and a
 * changed decision is published. A table's neighbours in its schema are part of its context (a
 * {@code users} table beside {@code customers} holds staff logins), so a table whose subject depends on
 * them is classified again when a neighbour appears.
 */
public final class ChangeEventHandler {

    /**
     * @param rows                 rows sampled per schema version
     * @param resampleAfterEvents  events of a sampled version after which it is sampled again (0: never)
     * @param resampleAfter        time after which a sampled version is sampled again at its next event
     *                             (zero: never)
     */
    public record Sampling(int rows, long resampleAfterEvents, java.time.Duration resampleAfter) {

        /** Sample {@code rows} rows once per schema version, never again. */
        public static Sampling once(int rows) {
            return new Sampling(rows, 0, java.time.Duration.ZERO);
        }
    }

    private static final byte[] PAYLOAD_MARK = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);

    private final ChangeEventReader reader;
    private final FieldClassifier classifier;
    private final Publications publications;
    private final Sampling sampling;
    private final ReviewedFields reviewed;
    private final SourceCatalogs catalogs;
    /** The catalogs' generation the versions were last checked against. */
    private long catalogsSeen;
    private final long resampleAfterMillis;
    private final java.util.function.LongSupplier clock;
    private final Map<String, SchemaVersion> lastByTopic = new HashMap<>();
    private final Map<String, SchemaVersion> versions = new HashMap<>();
    /** Table names per source schema ({@code system.schema}): the neighbours of each table. */
    private final Map<String, java.util.Set<String>> tablesBySchema = new HashMap<>();
    private long skipped;
    private long resampled;
    private long reclassified;

    public ChangeEventHandler(ChangeEventReader reader, FieldClassifier classifier, Publications publications,
                              int maxSampleRows) {
        this(reader, classifier, publications, Sampling.once(maxSampleRows), System::currentTimeMillis, new ReviewedFields());
    }

    public ChangeEventHandler(ChangeEventReader reader, FieldClassifier classifier, Publications publications,
                              Sampling sampling, java.util.function.LongSupplier clock, ReviewedFields reviewed) {
        this(reader, classifier, publications, sampling, clock, reviewed, new SourceCatalogs());
    }

    public ChangeEventHandler(ChangeEventReader reader, FieldClassifier classifier, Publications publications,
                              Sampling sampling, java.util.function.LongSupplier clock, ReviewedFields reviewed,
                              SourceCatalogs catalogs) {
        this.catalogs = catalogs;
        this.reviewed = reviewed;
        this.reader = reader;
        this.classifier = classifier;
        this.publications = publications;
        this.sampling = sampling;
        this.resampleAfterMillis = sampling.resampleAfter().toMillis();
        this.clock = clock;
    }

    public void handle(String topic, int partition, long offset, byte[] key, byte[] value) {
        if (catalogs.generation() != catalogsSeen) {
            catalogsArrived();
        }
        if (value == null) {
            return; // tombstone after a delete: nothing to learn
        }
        SchemaVersion last = lastByTopic.get(topic);
        if (last != null && last.samplingDone() && last.sameSchemaAs(value)) {
            if (!last.dueForResampling()) {
                skipped++;
                return;
            }
            last.startResampling();
        }
        ChangeEvent event;
        try {
            event = reader.read(key, value);
        } catch (RejectedEvent rejected) {
            publications.rejected(topic, partition, offset, value, rejected);
            return;
        }
        DatasetSchema schema = event.schema();
        SchemaVersion version = versions.get(schema.datasetId() + "|" + schema.fingerprint());
        if (version == null) {
            publications.datasetObserved(topic, schema);
            version = new SchemaVersion(schema);
            versions.put(schema.datasetId() + "|" + schema.fingerprint(), version);
            newNeighbour(schema);
        }
        version.rememberSchemaBytes(value);
        lastByTopic.put(topic, version);
        if (event.row() != null && !version.samplingDone()) {
            version.sample(event.row());
            // First sampling: an early answer at rows 1 and 5; a resampling answers once, with all its rows.
            boolean early = !version.resampling && (version.sampledRows == 1 || version.sampledRows == 5);
            if (early || version.samplingDone()) {
                classify(version);
            }
        }
    }

    /** A table appeared in a schema: the tables whose subject depends on their neighbours are classified again. */
    private void newNeighbour(DatasetSchema schema) {
        var tables = tablesBySchema.computeIfAbsent(schemaKey(schema), k -> new java.util.HashSet<>());
        if (!tables.add(schema.table())) {
            return;
        }
        for (SchemaVersion other : versions.values()) {
            if (schemaKey(other.schema).equals(schemaKey(schema)) && other.schema != schema
                    && classifier.dependsOnNeighbours(other.schema.table()) && other.sampledRows > 0
                    && !neighbourhood(other).equals(other.neighbourhood)) {
                reclassified++;
                classify(other); // only a table whose context the newcomer changed
            }
        }
    }

    private static String schemaKey(DatasetSchema schema) {
        return schema.system() + "|" + (schema.schemaName() == null ? schema.database() : schema.schemaName());
    }

    /** Drops all state, so that the next events are observed and classified as if for the first time. */
    public void forget() {
        lastByTopic.clear();
        versions.clear();
    }

    /** Times a sampled version was sampled again to notice drifting values. */
    public long resampled() {
        return resampled;
    }

    /** Times a table was classified again because a new neighbour changed its context. */
    public long reclassified() {
        return reclassified;
    }

    /** Events recognised as an already-sampled schema version without parsing them. */
    public long skipped() {
        return skipped;
    }

    private java.util.Set<String> neighbours(SchemaVersion version) {
        var neighbours = new java.util.HashSet<>(tablesBySchema.getOrDefault(schemaKey(version.schema), java.util.Set.of()));
        neighbours.remove(version.schema.table());
        return neighbours;
    }

    private List<ColumnProfile> profiles(SchemaVersion version) {
        var profiles = new ArrayList<ColumnProfile>();
        SourceCatalogs.Table catalog = catalogs.of(version.schema.datasetId());
        for (var column : version.schema.columns()) {
            SourceCatalogs.Column described = catalog == null ? null : catalog.columns().get(column.name());
            profiles.add(new ColumnProfile(version.schema.table(), column.name(), column.sqlType(),
                    described == null ? null : described.references(), version.samples.getOrDefault(column.name(), List.of()),
                    described == null ? null : described.comment()));
        }
        return profiles;
    }

    /**
     * A table's catalog arrived or changed (its foreign keys, its comments): the versions of that table already
     * classified are classified again with it.
     */
    private void catalogsArrived() {
        catalogsSeen = catalogs.generation();
        for (SchemaVersion version : versions.values()) {
            SourceCatalogs.Table catalog = catalogs.of(version.schema.datasetId());
            if (catalog != null && catalog.generation() != version.catalogGeneration && version.sampledRows > 0) {
                reclassified++;
                classify(version);
            }
        }
    }

    private String neighbourhood(SchemaVersion version) {
        return classifier.neighbourhood(version.schema.table(), profiles(version), neighbours(version));
    }

    private void classify(SchemaVersion version) {
        var profiles = profiles(version);
        var neighbours = neighbours(version);
        SourceCatalogs.Table catalog = catalogs.of(version.schema.datasetId());
        version.catalogGeneration = catalog == null ? 0 : catalog.generation();
        version.neighbourhood = classifier.neighbourhood(version.schema.table(), profiles, neighbours);
        classifier.classifyTable(version.schema.table(), profiles, neighbours).forEach((column, decision) -> {
            if (reviewed.contains(version.schema.datasetId(), column)) {
                return; // a person decided this field: automation does not speak for it any more
            }
            if (!decision.sameDecisionAs(version.published.get(column))) {
                publications.fieldClassified(version.schema, column, decision);
                version.published.put(column, decision);
            }
        });
        if (version.samplingDone()) {
            version.resampling = false;
            version.sampledAt = clock.getAsLong();
            version.eventsSinceSampled = 0;
            if (!classifier.dependsOnNeighbours(version.schema.table())) {
                version.samples.clear(); // the values are not needed any more: free them
            }
        }
    }

    private final class SchemaVersion {
        final DatasetSchema schema;
        final Map<String, List<String>> samples = new LinkedHashMap<>();
        final Map<String, Classification> published = new HashMap<>();
        /** What its last classification took from its neighbours. */
        String neighbourhood = "";
        /** The generation of the catalog its last classification used (0: none). */
        long catalogGeneration;
        byte[] schemaBytes;
        int sampledRows;
        boolean resampling;
        long sampledAt;
        long eventsSinceSampled;

        SchemaVersion(DatasetSchema schema) {
            this.schema = schema;
        }

        boolean samplingDone() {
            return sampledRows >= sampling.rows();
        }

        boolean dueForResampling() {
            eventsSinceSampled++;
            return (sampling.resampleAfterEvents() > 0 && eventsSinceSampled >= sampling.resampleAfterEvents())
                    || (resampleAfterMillis > 0 && clock.getAsLong() - sampledAt >= resampleAfterMillis);
        }

        void startResampling() {
            resampled++;
            resampling = true;
            sampledRows = 0;
            samples.clear();
        }

        void sample(Map<String, String> row) {
            sampledRows++;
            row.forEach((column, v) -> samples.computeIfAbsent(column, c -> new ArrayList<>()).add(v));
        }

        /**
         * Keeps the bytes up to {@code ,"payload":} of the latest parsed event: the JSON converter's schema
         * part. (Snapshot and streaming events of one version may spell it differently.)
         */
        void rememberSchemaBytes(byte[] value) {
            if (sameSchemaAs(value)) {
                return;
            }
            int at = indexOf(value, PAYLOAD_MARK);
            if (at > 0) {
                schemaBytes = Arrays.copyOf(value, at + PAYLOAD_MARK.length);
            }
        }

        boolean sameSchemaAs(byte[] value) {
            return schemaBytes != null && value.length > schemaBytes.length
                    && Arrays.equals(value, 0, schemaBytes.length, schemaBytes, 0, schemaBytes.length);
        }
    }

    /**
     * First occurrence of {@code mark}. In the JSON converter's compact output, quotes inside strings are
     * escaped, so the first {@code ,"payload":} is the boundary between schema and payload.
     */
    static int indexOf(byte[] haystack, byte[] mark) {
        outer:
        for (int i = 0; i <= haystack.length - mark.length; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (haystack[i + j] != mark[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
