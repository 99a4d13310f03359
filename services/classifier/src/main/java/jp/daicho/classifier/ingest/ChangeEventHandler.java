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
import jp.daicho.vocabulary.Subject;

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
 *
 * <p>What an event may change is guarded ({@link Guard}): it must come on its own source's topic
 * ({@link Provenance}), and a schema version the source's catalog does not have (or, without a catalog, one that is
 * not the table's first) is held — neither observed nor classified — until the catalog agrees with its columns or,
 * where the catalog cannot speak against it, {@link Guard#confirmEvents} further events of it arrive. So one stray
 * event cannot mark a table's fields dropped. The catalog is also a source of
 * observations in its own right: a table with no rows yet, a column added without a row change, a dropped table.
 */
public final class ChangeEventHandler {

    /**
     * @param provenance    which sources and topics an event may come from
     * @param confirmEvents further events of a new schema version that confirm it when the catalog does not
     */
    public record Guard(Provenance provenance, int confirmEvents) {

        public static final Guard DEFAULT = new Guard(Provenance.TOPIC_ONLY, 2);
    }

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

    private static final byte[] PAYLOAD_MARK = EnvelopeCheck.PAYLOAD_MARK;

    private final ChangeEventReader reader;
    private final FieldClassifier classifier;
    private final Publications publications;
    private final Sampling sampling;
    private final ReviewedFields reviewed;
    private final SourceCatalogs catalogs;
    private final ObservedDatasets shared;
    private final Guard guard;
    /** The version the inventory was last told of, per dataset. */
    private final Map<String, SchemaVersion> current = new HashMap<>();
    /** Datasets whose table the catalog says was dropped: only the catalog brings them back. */
    private final java.util.Set<String> dropped = new java.util.HashSet<>();
    private final long resampleAfterMillis;
    private final java.util.function.LongSupplier clock;
    private final Map<String, SchemaVersion> lastByTopic = new HashMap<>();
    /** Schema versions by dataset id, then fingerprint. */
    private final Map<String, Map<String, SchemaVersion>> versions = new HashMap<>();
    /** Table names per source schema ({@code system.schema}): the neighbours of each table. */
    private final Map<String, java.util.Set<String>> tablesBySchema = new HashMap<>();
    /** Per source schema, the datasets whose subject depends on their neighbours: the only ones a newcomer can change. */
    private final Map<String, java.util.Set<String>> dependentsBySchema = new HashMap<>();
    /** Per source schema, whose rows each table holds by its own columns (lower-case table name): what references mean. */
    private final Map<String, Map<String, Subject>> rowsBySchema = new HashMap<>();
    private long skipped;
    private long resampled;
    private long reclassified;
    private long heldVersions;

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
        this(reader, classifier, publications, sampling, clock, reviewed, catalogs, new ObservedDatasets(), Guard.DEFAULT);
    }

    /**
     * @param shared what every instance of the group published of each dataset: their agreement on schema versions
     *               and neighbours
     */
    public ChangeEventHandler(ChangeEventReader reader, FieldClassifier classifier, Publications publications,
                              Sampling sampling, java.util.function.LongSupplier clock, ReviewedFields reviewed,
                              SourceCatalogs catalogs, ObservedDatasets shared, Guard guard) {
        this.guard = guard;
        this.shared = shared;
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
        sharedStateChanged();
        if (value == null) {
            return; // tombstone after a delete: nothing to learn
        }
        SchemaVersion last = lastByTopic.get(topic);
        if (last != null && !last.held && last.samplingDone() && last.sameSchemaAs(value)) {
            try {
                if (last.envelope != null) {
                    last.envelope.check(value, last.schemaBytes.length); // not parsed, but not taken unseen either
                }
            } catch (RejectedEvent rejected) {
                publications.rejected(topic, partition, offset, value, rejected);
                return;
            }
            if (!last.dueForResampling()) {
                skipped++;
                return;
            }
            last.startResampling();
        }
        ChangeEvent event;
        SchemaVersion version;
        EnvelopeCheck envelope;
        DatasetSchema schema;
        try {
            event = reader.read(key, value);
            guard.provenance().verify(topic, event.schema());
            schema = withComputedColumns(event.schema());
            version = versions.getOrDefault(schema.datasetId(), Map.of()).get(schema.fingerprint());
            envelope = version != null && version.envelope != null ? version.envelope : EnvelopeCheck.of(event);
            envelope.check(value);
        } catch (RejectedEvent rejected) {
            publications.rejected(topic, partition, offset, value, rejected);
            return;
        }
        Map<String, SchemaVersion> ofDataset = versions.computeIfAbsent(schema.datasetId(), k -> new HashMap<>());
        if (version == null) {
            version = new SchemaVersion(schema, topic, envelope);
            ofDataset.put(schema.fingerprint(), version);
            version.held = mustBeConfirmed(version);
            if (version.held) {
                heldVersions++;
            } else {
                observe(version);
            }
        } else if (version.held && ++version.confirmations >= guard.confirmEvents() && confirmableByEvents(version)) {
            release(version, true);
        }
        if (version.envelope == null) {
            version.envelope = envelope;
        }
        version.rememberSchemaBytes(value);
        lastByTopic.put(topic, version);
        if (event.row() != null && !version.samplingDone()) {
            version.sample(event.row());
            // First sampling: an early answer at rows 1 and 5; a resampling answers once, with all its rows.
            boolean early = !version.resampling && (version.sampledRows == 1 || version.sampledRows == 5);
            if (!version.held && (early || version.samplingDone())) {
                classify(version);
            }
        }
    }

    /**
     * Whether a new schema version must wait for confirmation before the inventory hears of it: when the source's
     * catalog is known and does not (yet) have these columns (but for columns the database computes), or, without a
     * catalog, when the dataset already has a version — here or, as published, at another instance — that is not this
     * one (the new one could mark its fields dropped). A dropped table's events wait for its catalog.
     */
    private boolean mustBeConfirmed(SchemaVersion version) {
        String id = version.schema.datasetId();
        if (dropped.contains(id)) {
            return true;
        }
        SourceCatalogs.Table catalog = catalogs.of(id);
        if (catalog != null) {
            return !catalog.mayBeOf(version.names());
        }
        ObservedDatasets.Dataset published = shared.of(id);
        if (published != null && !published.dropped() && published.fingerprint().equals(version.schema.fingerprint())) {
            return false; // the version the dataset is at: an instance confirmed it
        }
        return catalogs.knows(version.schema.system()) || current.containsKey(id) || published != null;
    }

    /**
     * Whether further events may confirm a held version: when capture publishes no catalog of the source, or when the
     * version differs from the table's catalog only by columns the database computes, which logical decoding leaves
     * out ({@link SourceCatalogs.Table#mayBeOf}). Otherwise only the catalog confirms: a version with columns the
     * catalog does not have, a table the catalog does not know, a dropped table — and a version without a column the
     * catalog has, which is older than the catalog (events replayed after a restart, or read behind a second ALTER):
     * published, it would mark a live column dropped (bin/daicho-chaos restart found this).
     */
    private boolean confirmableByEvents(SchemaVersion version) {
        String id = version.schema.datasetId();
        if (dropped.contains(id)) {
            return false;
        }
        SourceCatalogs.Table catalog = catalogs.of(id);
        return !catalogs.knows(version.schema.system()) || catalog != null && catalog.mayBeOf(version.names());
    }

    private void observe(SchemaVersion version) {
        publications.datasetObserved(version.topic, version.schema);
        becomeCurrent(version);
    }

    /** The version the dataset is at, here: a table of its schema, a neighbour of the others. */
    private void becomeCurrent(SchemaVersion version) {
        current.put(version.schema.datasetId(), version);
        newNeighbour(ObservedDatasets.namespace(version.schema), version.schema.table(), version.schema.datasetId());
    }

    /**
     * A held version is confirmed, by the catalog or further events (the inventory hears of it from here) or by another
     * instance, which told the inventory already: it is classified with what it sampled.
     */
    private void release(SchemaVersion version, boolean publish) {
        version.held = false;
        if (publish) {
            observe(version);
        } else {
            becomeCurrent(version);
        }
        if (version.sampledRows > 0) {
            classify(version);
        }
    }

    /**
     * Applies what the catalogs brought since last time: a dropped table is reported dropped; a table whose catalog
     * arrived confirms the held version that has its columns, or, when no version has them (no rows yet, a column
     * added without a row change), is observed from the catalog and classified from names and types; versions
     * already classified are classified again with the catalog's keys and comments. And applies what the instances
     * published of each dataset ({@link ObservedDatasets}). Called before each event and whenever the change topics
     * are idle.
     */
    public void sharedStateChanged() {
        for (ObservedDatasets.Dataset published : shared.drainChanges()) {
            publishedElsewhere(published);
        }
        for (String datasetId : catalogs.drainChanges()) {
            SourceCatalogs.Table catalog = catalogs.of(datasetId);
            if (catalog == null) {
                tableDropped(datasetId);
            } else {
                catalogArrived(datasetId, catalog);
            }
        }
    }

    /**
     * A dataset as an instance (maybe this one) published it: a version held here that it confirmed is released; a
     * table observed there is a neighbour here too; a dropped one is a neighbour no more.
     */
    private void publishedElsewhere(ObservedDatasets.Dataset published) {
        if (published.dropped()) {
            if (!current.containsKey(published.datasetId())) {
                noLongerANeighbour(published.namespace(), published.table(), published.datasetId());
            }
            return;
        }
        SchemaVersion same = versions.getOrDefault(published.datasetId(), Map.of()).get(published.fingerprint());
        if (same != null && same.held && !dropped.contains(published.datasetId())) {
            release(same, false);
        }
        newNeighbour(published.namespace(), published.table(), published.datasetId());
    }

    private void tableDropped(String datasetId) {
        SchemaVersion last = current.remove(datasetId);
        if (dropped.add(datasetId)) {
            if (last != null) {
                publications.datasetDropped(last.topic, last.schema);
                noLongerANeighbour(ObservedDatasets.namespace(last.schema), last.schema.table(), datasetId);
            } else {
                droppedUnseen(datasetId);
            }
        }
        if (versions.remove(datasetId) != null) {
            lastByTopic.values().removeIf(v -> v.schema.datasetId().equals(datasetId));
        }
    }

    /**
     * A table dropped that this instance never had as current — it started after the table's last change event (a
     * restart), and read the table's catalog and its tombstone together: the catalog it last had speaks for it, so that
     * the inventory hears of the drop all the same (bin/daicho-chaos restart found such drops lost). Unless the drop is
     * already published; published twice, it is marked once (the inventory is idempotent).
     */
    private void droppedUnseen(String datasetId) {
        SourceCatalogs.Table gone = catalogs.lastKnown(datasetId);
        ObservedDatasets.Dataset published = shared.of(datasetId);
        if (gone == null || !typed(gone) || published != null && published.dropped()) {
            return;
        }
        var schema = fromCatalog(datasetId, gone);
        publications.datasetDropped(jp.daicho.schemas.ChangeTopicNames.escaped(datasetId), schema);
        noLongerANeighbour(ObservedDatasets.namespace(schema), schema.table(), datasetId);
    }

    private void catalogArrived(String datasetId, SourceCatalogs.Table catalog) {
        dropped.remove(datasetId);
        Map<String, SchemaVersion> ofDataset = versions.computeIfAbsent(datasetId, k -> new HashMap<>());
        SchemaVersion agreeing = null;
        for (SchemaVersion version : ofDataset.values()) {
            if (version.held && catalog.mayBeOf(version.names())) {
                // the version with every column the catalog has, if events carry them all
                agreeing = agreeing == null || version.names().size() > agreeing.names().size() ? version : agreeing;
            } else if (!version.held && version.sampledRows > 0) {
                reclassified++;
                classify(version); // with the catalog's keys and comments
            }
        }
        SchemaVersion now = current.get(datasetId);
        if (agreeing != null) {
            release(agreeing, true);
        } else if (now != null && catalog.mayBeOf(now.names())) {
            completeWithComputedColumns(ofDataset, now);
        } else if ((now == null || !catalog.mayBeOf(now.names())) && typed(catalog)) {
            var schema = fromCatalog(datasetId, catalog);
            SchemaVersion version = ofDataset.computeIfAbsent(schema.fingerprint(),
                    k -> new SchemaVersion(schema, jp.daicho.schemas.ChangeTopicNames.escaped(datasetId), null));
            version.held = false;
            observe(version);
            classify(version);
        }
    }

    /**
     * The current version came from events, which lack the columns the database computes: the version with them takes
     * its place, with what it sampled and its events' shape, so that the inventory has the computed columns too.
     */
    private void completeWithComputedColumns(Map<String, SchemaVersion> ofDataset, SchemaVersion now) {
        DatasetSchema schema = withComputedColumns(now.schema);
        if (schema.fingerprint().equals(now.schema.fingerprint())) {
            return;
        }
        SchemaVersion completed = ofDataset.computeIfAbsent(schema.fingerprint(),
                k -> new SchemaVersion(schema, now.topic, now.envelope));
        if (completed.sampledRows == 0) {
            now.samples.forEach((column, values) -> completed.samples.put(column, new ArrayList<>(values)));
            completed.sampledRows = now.sampledRows;
            completed.sampledAt = now.sampledAt;
        }
        if (completed.envelope == null) {
            completed.envelope = now.envelope;
        }
        completed.schemaBytes = now.schemaBytes;
        lastByTopic.replace(now.topic, now, completed);
        completed.held = false;
        observe(completed);
        classify(completed);
    }

    private static boolean typed(SourceCatalogs.Table catalog) {
        return catalog.system() != null && catalog.columns().values().stream().allMatch(c -> c.sqlType() != null);
    }

    /** The dataset schema the catalog describes, spelled as change events spell it (so one version, not two). */
    private static DatasetSchema fromCatalog(String datasetId, SourceCatalogs.Table catalog) {
        var columns = new ArrayList<DatasetSchema.Column>();
        int position = 1;
        for (SourceCatalogs.Column c : catalog.columns().values()) {
            columns.add(catalogColumn(c, position++));
        }
        return new DatasetSchema(datasetId, catalog.system(), catalog.database(), catalog.schemaName(), catalog.table(),
                ChangeEventReader.fingerprint(columns), columns);
    }

    private static DatasetSchema.Column catalogColumn(SourceCatalogs.Column c, int position) {
        return new DatasetSchema.Column(c.name(), position,
                ChangeEventReader.canonicalType(c.sqlType().toUpperCase(java.util.Locale.ROOT)), c.optional(), c.primaryKey(),
                false);
    }

    /**
     * An event's schema with the columns the database computes and the event leaves out (PostgreSQL's logical decoding
     * does), taken from the table's catalog in their places: the events and the catalog then make one schema version, so
     * that a computed column — a full name made of two, say — is in the inventory and is never taken for dropped. An
     * event that differs from the catalog otherwise is left as it is (held, see {@link #mustBeConfirmed}).
     */
    private DatasetSchema withComputedColumns(DatasetSchema schema) {
        SourceCatalogs.Table catalog = catalogs.of(schema.datasetId());
        if (catalog == null || !catalog.computes() || schema.columns().size() >= catalog.columns().size() || !typed(catalog)) {
            return schema;
        }
        var byName = new HashMap<String, DatasetSchema.Column>();
        schema.columns().forEach(c -> byName.put(c.name(), c));
        if (!catalog.mayBeOf(List.copyOf(byName.keySet()))) {
            return schema;
        }
        var columns = new ArrayList<DatasetSchema.Column>(catalog.columns().size());
        int position = 1;
        for (SourceCatalogs.Column c : catalog.columns().values()) {
            DatasetSchema.Column carried = byName.get(c.name());
            columns.add(carried == null ? catalogColumn(c, position)
                    : new DatasetSchema.Column(carried.name(), position, carried.sqlType(), carried.optional(),
                            carried.primaryKey(), carried.binary()));
            position++;
        }
        return new DatasetSchema(schema.datasetId(), schema.system(), schema.database(), schema.schemaName(), schema.table(),
                ChangeEventReader.fingerprint(columns), columns);
    }

    /**
     * A table appeared in a schema (here or at another instance): the tables whose subject depends on their
     * neighbours are classified again.
     */
    private void newNeighbour(String namespace, String table, String datasetId) {
        if (!tablesBySchema.computeIfAbsent(namespace, k -> new java.util.HashSet<>()).add(table)) {
            return;
        }
        var dependents = dependentsBySchema.computeIfAbsent(namespace, k -> new java.util.HashSet<>());
        reclassifyChangedContext(namespace); // only the tables whose context the newcomer changed
        if (classifier.dependsOnNeighbours(table)) {
            dependents.add(datasetId);
        }
    }

    /** Classifies again the tables of a schema whose context (neighbours, what their references hold) has changed. */
    private void reclassifyChangedContext(String namespace) {
        for (String dependent : List.copyOf(dependentsBySchema.getOrDefault(namespace, java.util.Set.of()))) {
            for (SchemaVersion other : List.copyOf(versions.getOrDefault(dependent, Map.of()).values())) {
                if (!other.held && other.sampledRows > 0 && !neighbourhood(other).equals(other.neighbourhood)) {
                    reclassified++;
                    classify(other);
                }
            }
        }
    }

    private void noLongerANeighbour(String namespace, String table, String datasetId) {
        var tables = tablesBySchema.get(namespace);
        if (tables != null) {
            tables.remove(table);
        }
        // (not getOrDefault with an immutable empty map or set: their remove throws, even of an absent key — a drop in a
        // schema this instance had not seen yet stopped the classifier's loop)
        var rows = rowsBySchema.get(namespace);
        if (rows != null) {
            rows.remove(table.toLowerCase(java.util.Locale.ROOT));
        }
        var dependents = dependentsBySchema.get(namespace);
        if (dependents != null) {
            dependents.remove(datasetId);
        }
    }

    /** Drops all state, so that the next events are observed and classified as if for the first time. */
    public void forget() {
        lastByTopic.clear();
        versions.clear();
        current.clear();
        dropped.clear();
        catalogs.replayAll(); // what the catalogs taught is published again too, drops included
    }

    /** New schema versions held for confirmation (by the catalog or further events). */
    public long held() {
        return heldVersions;
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
        var neighbours = new java.util.HashSet<>(
                tablesBySchema.getOrDefault(ObservedDatasets.namespace(version.schema), java.util.Set.of()));
        neighbours.remove(version.schema.table());
        return neighbours;
    }

    private List<ColumnProfile> profiles(SchemaVersion version) {
        var profiles = new ArrayList<ColumnProfile>();
        SourceCatalogs.Table catalog = catalogs.of(version.schema.datasetId());
        java.util.Set<String> referenced = catalog == null ? java.util.Set.of() : catalogs.referencedBeside(catalog);
        String table = version.schema.table();
        for (var column : version.schema.columns()) {
            SourceCatalogs.Column described = catalog == null ? null : catalog.columns().get(column.name());
            profiles.add(new ColumnProfile(table, column.name(), column.sqlType(),
                    described == null ? null : described.references(), version.samples.getOrDefault(column.name(), List.of()),
                    described == null ? null : described.comment(),
                    referenced.contains(ColumnProfile.referenceKey(table, column.name()))));
        }
        return profiles;
    }

    private String neighbourhood(SchemaVersion version) {
        return classifier.neighbourhood(version.schema.table(), profiles(version), neighbours(version), rowsOf(version));
    }

    /**
     * Whose rows the tables of the version's schema hold, as far as their own columns have shown it (its own entry
     * included: the classifier never reads a table's own rows through a reference to itself).
     */
    private Map<String, Subject> rowsOf(SchemaVersion version) {
        return java.util.Collections.unmodifiableMap(
                rowsBySchema.getOrDefault(ObservedDatasets.namespace(version.schema), Map.of()));
    }

    private void classify(SchemaVersion version) {
        var profiles = profiles(version);
        var neighbours = neighbours(version);
        var rowsOf = rowsOf(version);
        version.neighbourhood = classifier.neighbourhood(version.schema.table(), profiles, neighbours, rowsOf);
        FieldClassifier.Decided decided = classifier.decide(version.schema.table(), profiles, neighbours, rowsOf);
        String namespace = ObservedDatasets.namespace(version.schema);
        Subject before = rowsBySchema.computeIfAbsent(namespace, k -> new HashMap<>())
                .put(version.schema.table().toLowerCase(java.util.Locale.ROOT), decided.rows());
        decided.columns().forEach((column, decision) -> {
            if (reviewed.contains(version.schema.datasetId(), column)) {
                return; // a person decided this field: automation does not speak for it any more
            }
            Classification published = version.published.get(column);
            // Published again when it changed, or when values now back what names alone decided (the catalog's).
            if (!decision.sameDecisionAs(published) || published.sampleCount() == 0 && decision.sampleCount() > 0) {
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
        if (before != decided.rows()) {
            reclassifyChangedContext(namespace); // the tables that point at this one now know whose rows it holds
        }
    }

    private final class SchemaVersion {
        final DatasetSchema schema;
        /** The topic its events come on. */
        final String topic;
        /** What each of its events must be, parsed or not; null until its first event (a version the catalog made). */
        EnvelopeCheck envelope;
        /** Waiting for confirmation: neither observed nor classified yet. */
        boolean held;
        int confirmations;
        final Map<String, List<String>> samples = new LinkedHashMap<>();
        final Map<String, Classification> published = new HashMap<>();
        /** What its last classification took from its neighbours. */
        String neighbourhood = "";
        byte[] schemaBytes;
        int sampledRows;
        boolean resampling;
        long sampledAt;
        long eventsSinceSampled;

        SchemaVersion(DatasetSchema schema, String topic, EnvelopeCheck envelope) {
            this.schema = schema;
            this.envelope = envelope;
            this.topic = topic;
        }

        List<String> names() {
            return schema.columns().stream().map(DatasetSchema.Column::name).toList();
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
         * part. (Snapshot and streaming events of one version may spell it differently.) Of an Avro event, its
         * first five bytes: the wire format's magic byte and the writer schema's id.
         */
        void rememberSchemaBytes(byte[] value) {
            if (sameSchemaAs(value)) {
                return;
            }
            if (AvroChangeEventReader.isConfluentWireFormat(value)) {
                schemaBytes = Arrays.copyOf(value, AvroChangeEventReader.HEADER);
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
