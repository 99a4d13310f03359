package jp.daicho.inventory.flows;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registered pipelines as a graph in memory: for each pipeline, its destination and what it reads (the
 * classification of every field, with the dataset and system it comes from); a walk over it costs microseconds.
 * <p>
 * Kept up to date from what changed: triggers leave each changed pipeline and dataset in {@code flow_graph_change}
 * (V10 migration); before a walk, the changes not yet applied are read and only the pipelines they touch are loaded
 * again — those changed, and those reading a dataset whose classifications changed. A transaction may commit after a
 * later one, so the last {@link #OVERLAP} of changes is read again each time (what was applied is skipped). The
 * graph is built whole at the first walk and then every {@link #MAX_AGE}, as a safety net for a change committed
 * later than that: well within the {@link #KEEP} that changes are kept.
 */
@Component
class FlowGraph {

    private static final Logger log = LoggerFactory.getLogger(FlowGraph.class);
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** How far back changes are read again: longer than a transaction of the inventory takes from write to commit. */
    static final Duration OVERLAP = Duration.ofSeconds(10);
    /** Changes are kept this long for the instances reading them. */
    static final Duration KEEP = Duration.ofMinutes(10);

    /** A field a pipeline reads: where it is and how it is classified. */
    record Fact(String dataset, String system, String item, String subject, boolean sensitive) {
    }

    /** A pipeline: where it sends data, on which basis, to which country, and what it reads. */
    record Pipeline(String id, String destination, String basis, String country, List<Fact> reads) {
    }

    /** The graph as a walk sees it, consistent for the walk's duration ({@link #read}). */
    interface Snapshot {
        Collection<Pipeline> all();

        List<Pipeline> bySystem(String system);

        List<Pipeline> byDataset(String dataset);
    }

    /** What changed since the graph last looked: one row of {@code flow_graph_change}. */
    private record Change(long seq, String pipeline, String dataset, Timestamp at) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshotRead;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object refreshing = new Object();
    // Guarded by lock (written under its write lock, read under its read lock).
    private final Map<String, Pipeline> pipelines = new HashMap<>();
    private final Map<String, List<Pipeline>> bySystem = new HashMap<>();
    private final Map<String, List<Pipeline>> byDataset = new HashMap<>();
    private final Snapshot view = new Indexed(pipelines.values(), bySystem, byDataset);
    // Guarded by refreshing.
    private boolean built;
    private long builtAt;
    /** The database's clock when changes were last read: the next read starts {@link #OVERLAP} before it. */
    private Timestamp lookedAt;
    /** Changes applied within the overlap, by sequence number, with when they were made. */
    private final Map<Long, Timestamp> applied = new HashMap<>();
    private long lastPruned;
    private volatile long rebuilds;
    private volatile long updates;

    FlowGraph(DataSource dataSource, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(10_000);
        this.snapshotRead = new TransactionTemplate(transactions);
        this.snapshotRead.setIsolationLevel(TransactionTemplate.ISOLATION_REPEATABLE_READ);
        this.snapshotRead.setReadOnly(true);
    }

    /** Runs a walk over the graph brought up to date, holding it still meanwhile (updates wait). */
    <T> T read(Function<Snapshot, T> walk) {
        refresh();
        lock.readLock().lock();
        try {
            return walk.apply(view);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whole builds so far (the first included), for tests and the benchmark. */
    long rebuilds() {
        return rebuilds;
    }

    /** Updates from changes so far. */
    long updates() {
        return updates;
    }

    private void refresh() {
        synchronized (refreshing) {
            long now = System.currentTimeMillis();
            if (!built || now - builtAt >= MAX_AGE.toMillis()) {
                build();
                return;
            }
            var since = new Timestamp(lookedAt.getTime() - OVERLAP.toMillis());
            var changes = new ArrayList<Change>();
            Timestamp[] clock = new Timestamp[1];
            jdbc.query("select seq, pipeline_id, dataset_id, at, clock_timestamp() from flow_graph_change where at > ?",
                    rs -> {
                        clock[0] = rs.getTimestamp(5);
                        long seq = rs.getLong(1);
                        if (!applied.containsKey(seq)) {
                            changes.add(new Change(seq, rs.getString(2), rs.getString(3), rs.getTimestamp(4)));
                        }
                    }, since);
            lookedAt = clock[0] != null ? clock[0] : jdbc.queryForObject("select clock_timestamp()", Timestamp.class);
            if (!changes.isEmpty()) {
                update(changes);
            }
            applied.values().removeIf(at -> at.before(new Timestamp(lookedAt.getTime() - 2 * OVERLAP.toMillis())));
            if (now - lastPruned > KEEP.toMillis() / 10) {
                lastPruned = now;
                jdbc.update("delete from flow_graph_change where at < clock_timestamp() - make_interval(secs => ?)",
                        (double) KEEP.toSeconds());
            }
        }
    }

    /** Loads again the pipelines the changes touch, and puts them in place of what the graph had of them. */
    private void update(List<Change> changes) {
        long started = System.nanoTime();
        var touched = new HashSet<String>();
        var datasets = new HashSet<String>();
        for (var change : changes) {
            if (change.pipeline() != null) {
                touched.add(change.pipeline());
            }
            if (change.dataset() != null) {
                datasets.add(change.dataset());
            }
        }
        if (!datasets.isEmpty()) {
            // Every pipeline reading a dataset has a field of it listed; one that stopped reading it is itself a change.
            touched.addAll(jdbc.queryForList("select distinct pipeline_id from pipeline_field where dataset_id = any(?)",
                    String.class, (Object) datasets.toArray(String[]::new)));
        }
        var loaded = load(touched.toArray(String[]::new));
        lock.writeLock().lock();
        try {
            for (String id : touched) {
                unindex(pipelines.remove(id));
                var fresh = loaded.get(id);
                if (fresh != null) {
                    pipelines.put(id, fresh);
                    index(fresh);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        changes.forEach(c -> applied.put(c.seq(), c.at()));
        updates++;
        log.debug("Flow graph: {} changes touched {} pipelines, applied in {} ms", changes.size(), touched.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** What one snapshot of the database held: every pipeline, the changes already in it, and the database's clock. */
    private record Built(Map<String, Pipeline> pipelines, Map<Long, Timestamp> seen, Timestamp clock) {
    }

    /** Builds the graph whole, from one snapshot of the database, and marks the changes it saw as applied. */
    private void build() {
        long started = System.nanoTime();
        Built read = snapshotRead.execute(tx -> {
            var seen = new HashMap<Long, Timestamp>();
            Timestamp clock = jdbc.queryForObject("select clock_timestamp()", Timestamp.class);
            jdbc.query("select seq, at from flow_graph_change where at > ?",
                    (RowCallbackHandler) rs -> seen.put(rs.getLong(1), rs.getTimestamp(2)),
                    new Timestamp(clock.getTime() - 2 * OVERLAP.toMillis()));
            return new Built(load(null), seen, clock);
        });
        lock.writeLock().lock();
        try {
            pipelines.clear();
            bySystem.clear();
            byDataset.clear();
            pipelines.putAll(read.pipelines());
            read.pipelines().values().forEach(this::index);
        } finally {
            lock.writeLock().unlock();
        }
        applied.clear();
        applied.putAll(read.seen());
        lookedAt = read.clock();
        built = true;
        builtAt = System.currentTimeMillis();
        rebuilds++;
        log.info("Flow graph built: {} pipelines in {} ms", read.pipelines().size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Pipelines with what they read now: those named, or every active pipeline when {@code ids} is null. */
    private Map<String, Pipeline> load(String[] ids) {
        return load(jdbc, jp.daicho.inventory.history.AsOf.NOW, ids);
    }

    /**
     * The graph as it stood at a past moment, built whole from the history (pipelines' versions, their destinations'
     * countries then, the classifications then), for one question: {@code asOf=} on the flows.
     */
    Snapshot past(jp.daicho.inventory.history.AsOf asOf) {
        var graph = new Indexed(new ArrayList<>(), new HashMap<>(), new HashMap<>());
        load(jdbc, asOf, null).values().forEach(p -> {
            graph.all().add(p);
            index(p, graph.systems(), graph.datasets());
        });
        return graph;
    }

    /** The graph's indexes as a walk reads them: the live ones (under the lock), or those built for one question. */
    private record Indexed(Collection<Pipeline> all, Map<String, List<Pipeline>> systems, Map<String, List<Pipeline>> datasets)
            implements Snapshot {

        @Override
        public List<Pipeline> bySystem(String system) {
            return systems.getOrDefault(system, List.of());
        }

        @Override
        public List<Pipeline> byDataset(String dataset) {
            return datasets.getOrDefault(dataset, List.of());
        }
    }

    /**
     * Pipelines active at {@code asOf} with what they read then: those named, or all when {@code ids} is null. One query
     * for now and for the past ({@link jp.daicho.inventory.history.AsOf#with()}).
     */
    private static Map<String, Pipeline> load(JdbcTemplate jdbc, jp.daicho.inventory.history.AsOf asOf, String[] ids) {
        var loaded = new HashMap<String, Pipeline>();
        if (ids != null && ids.length == 0) {
            return loaded;
        }
        String with = asOf.with();
        Object[] args = ids == null ? new Object[0] : new Object[] {ids};
        jdbc.query(with + " select p.id, coalesce('system:' || p.destination_system, 'party:' || p.destination_party),"
                        + " p.legal_basis, p.country from pipeline_at p" + (ids == null ? "" : " where p.id = any(?)"),
                (RowCallbackHandler) rs -> loaded.put(rs.getString(1), new Pipeline(rs.getString(1), rs.getString(2).intern(),
                        rs.getString(3).intern(), rs.getString(4) == null ? "?" : rs.getString(4).intern(), new ArrayList<>())),
                args);
        var interned = new HashMap<Fact, Fact>();
        RowCallbackHandler read = rs -> {
            Pipeline p = loaded.get(rs.getString(1));
            if (p != null) {
                var fact = new Fact(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6));
                p.reads().add(interned.computeIfAbsent(fact, f -> f));
            }
        };
        String andOnly = ids == null ? "" : " and pf.pipeline_id = any(?)";
        // Named fields, and every field of a dataset read as "*".
        jdbc.query(with + """
                select pf.pipeline_id, d.id, d.system_name, c.item, c.subject, c.sensitive
                from pipeline_field_at pf join dataset_at d on d.id = pf.dataset_id
                join classification_at c on c.dataset_id = pf.dataset_id and c.field_name = pf.field_name
                where c.item <> 'none'""" + andOnly, read, args);
        jdbc.query(with + """
                select pf.pipeline_id, d.id, d.system_name, c.item, c.subject, c.sensitive
                from pipeline_field_at pf join dataset_at d on d.id = pf.dataset_id
                join classification_at c on c.dataset_id = pf.dataset_id
                where pf.field_name = '*' and c.item <> 'none'""" + andOnly, read, args);
        return loaded;
    }

    private void index(Pipeline p) {
        index(p, bySystem, byDataset);
    }

    private static void index(Pipeline p, Map<String, List<Pipeline>> bySystem, Map<String, List<Pipeline>> byDataset) {
        p.reads().stream().map(Fact::system).distinct().forEach(s -> bySystem.computeIfAbsent(s, k -> new ArrayList<>()).add(p));
        p.reads().stream().map(Fact::dataset).distinct().forEach(d -> byDataset.computeIfAbsent(d, k -> new ArrayList<>()).add(p));
    }

    private void unindex(Pipeline p) {
        if (p == null) {
            return;
        }
        Set<String> systems = new HashSet<>();
        Set<String> datasets = new HashSet<>();
        p.reads().forEach(f -> {
            systems.add(f.system());
            datasets.add(f.dataset());
        });
        systems.forEach(s -> remove(bySystem, s, p));
        datasets.forEach(d -> remove(byDataset, d, p));
    }

    private static void remove(Map<String, List<Pipeline>> index, String key, Pipeline p) {
        var list = index.get(key);
        if (list != null) {
            list.remove(p);
            if (list.isEmpty()) {
                index.remove(key);
            }
        }
    }
}
