package jp.daicho.classifier.ingest;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the source catalogs say of each captured table ({@code SourceCatalogRead}: its columns in order with their
 * types, primary and foreign keys and comments), so that the stream decides with the evidence {@code classify --jdbc}
 * has, sees tables that have no rows yet, and can tell a real schema change from a stray event. Filled by the
 * catalog listener's thread, read by the change-event loop's, which {@link #drainChanges() drains} the ids of the
 * tables that arrived, changed or were dropped.
 */
public final class SourceCatalogs {

    /**
     * One column as the catalog describes it; {@code generated}: computed by the database, which change events may leave
     * out.
     */
    public record Column(String name, String sqlType, boolean optional, boolean primaryKey, String references,
                         String comment, boolean generated) {

        /** A column the database does not compute. */
        public Column(String name, String sqlType, boolean optional, boolean primaryKey, String references, String comment) {
            this(name, sqlType, optional, primaryKey, references, comment, false);
        }
    }

    /**
     * One table's catalog.
     *
     * @param columns by name, in the table's column order
     */
    public record Table(String system, String database, String schemaName, String table,
                        Map<String, Column> columns) {

        /** Whether the database computes any of the table's columns. */
        public boolean computes() {
            return columns.values().stream().anyMatch(Column::generated);
        }

        /** The column names in order. */
        public List<String> names() {
            return List.copyOf(columns.keySet());
        }

        /**
         * Whether change events with these columns may be of the table as the catalog has it: they have no column the
         * catalog lacks, and lack none but columns the database computes (which logical decoding leaves out). Events
         * without a column the catalog has and does not compute are older than the catalog (replayed after a restart,
         * or read behind a later ALTER) or of a column dropped since its last read: only the catalog can confirm them.
         */
        public boolean mayBeOf(List<String> eventColumns) {
            return columns.keySet().containsAll(eventColumns)
                    && columns.values().stream().allMatch(c -> c.generated() || eventColumns.contains(c.name()));
        }
    }

    /**
     * The columns, as lower-case {@code table.column}, that declared foreign keys of the tables of {@code table}'s
     * schema (or database) point at: each is its table's key, whatever its name.
     */
    public Set<String> referencedBeside(Table table) {
        List<String> schema = java.util.Arrays.asList(table.system(), table.database(), table.schemaName());
        long now = revision.get(); // read before the tables: a change meanwhile makes the next call read them again
        Referenced known = referenced.get(schema);
        if (known != null && known.revision() == now) {
            return known.targets();
        }
        var targets = new java.util.HashSet<String>();
        for (Table t : tables.values()) {
            if (java.util.Objects.equals(t.system(), table.system()) && java.util.Objects.equals(t.database(), table.database())
                    && java.util.Objects.equals(t.schemaName(), table.schemaName())) {
                for (Column c : t.columns().values()) {
                    if (c.references() != null) {
                        targets.add(c.references().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        var found = new Referenced(now, Set.copyOf(targets));
        referenced.put(schema, found);
        return found.targets();
    }

    /** A schema's referenced columns as of a revision of the catalogs: every table is classified with them, often. */
    private record Referenced(long revision, Set<String> targets) {
    }

    private final Map<List<String>, Referenced> referenced = new ConcurrentHashMap<>();
    /** Counts the changes to {@link #tables}. */
    private final java.util.concurrent.atomic.AtomicLong revision = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    /** The last catalog of each table since dropped. */
    private final Map<String, Table> gone = new ConcurrentHashMap<>();
    private final Set<String> systems = ConcurrentHashMap.newKeySet();
    private final Queue<String> changes = new ConcurrentLinkedQueue<>();

    public void read(String datasetId, String system, String database, String schemaName, String table,
                     Map<String, Column> columns) {
        systems.add(system);
        gone.remove(datasetId);
        Table previous = tables.get(datasetId);
        if (previous == null || !previous.columns().equals(columns)) {
            // LinkedHashMap copy: Map.copyOf would lose the column order.
            tables.put(datasetId, new Table(system, database, schemaName, table,
                    java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns))));
            revision.incrementAndGet();
            changes.add(datasetId);
        }
    }

    /** The source's catalog no longer has the table. */
    public void dropped(String datasetId) {
        Table was = tables.remove(datasetId);
        if (was != null) {
            revision.incrementAndGet();
            gone.put(datasetId, was);
            changes.add(datasetId);
        }
    }

    /** The catalog a dropped table last had, or null. */
    public Table lastKnown(String datasetId) {
        return gone.get(datasetId);
    }

    /** The catalog of a dataset, or null when none has been read (or the table was dropped). */
    public Table of(String datasetId) {
        return tables.get(datasetId);
    }

    /** Whether capture publishes catalogs of this source at all. */
    public boolean knows(String system) {
        return systems.contains(system);
    }

    /** Every table's catalog, and every drop, counts as changed again (after the handler forgot what it published). */
    public void replayAll() {
        changes.addAll(tables.keySet());
        changes.addAll(gone.keySet());
    }

    /** The ids of the datasets whose catalog arrived, changed or was dropped since the last call, once each. */
    public Set<String> drainChanges() {
        if (changes.isEmpty()) {
            return Set.of(); // the usual case, before every change event: no allocation
        }
        var ids = new java.util.LinkedHashSet<String>();
        for (String id; (id = changes.poll()) != null; ) {
            ids.add(id);
        }
        return ids;
    }
}
