package jp.daicho.inventory.flows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The registered pipelines as a graph in memory: for each pipeline, its destination and what it reads (the
 * classification of every field, with the dataset and system it comes from). Rebuilt from PostgreSQL when
 * the version the database keeps (bumped by triggers on pipelines and classifications, V4 migration)
 * moves, and at the latest every {@link #MAX_AGE} as a safety net; a walk over it costs microseconds.
 */
@Component
class FlowGraph {

    private static final Logger log = LoggerFactory.getLogger(FlowGraph.class);
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** A field a pipeline reads: where it is and how it is classified. */
    record Fact(String dataset, String system, String item, String subject, boolean sensitive) {
    }

    /** A pipeline: where it sends data, on which basis, to which country, and what it reads. */
    record Pipeline(String id, String destination, String basis, String country, List<Fact> reads) {
    }

    /** One consistent picture: pipelines by the systems and datasets they read from. */
    record Snapshot(long version, long builtAt, List<Pipeline> all, Map<String, List<Pipeline>> bySystem,
                    Map<String, List<Pipeline>> byDataset) {
    }

    private final JdbcTemplate jdbc;
    private volatile Snapshot current;

    FlowGraph(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(10_000);
    }

    Snapshot snapshot() {
        long version = jdbc.queryForObject("select last_value from flow_graph_version", Long.class);
        Snapshot s = current;
        if (s != null && s.version() == version && System.currentTimeMillis() - s.builtAt() < MAX_AGE.toMillis()) {
            return s;
        }
        synchronized (this) {
            s = current;
            if (s == null || s.version() != version || System.currentTimeMillis() - s.builtAt() >= MAX_AGE.toMillis()) {
                current = s = build(version);
            }
            return s;
        }
    }

    private Snapshot build(long version) {
        long started = System.nanoTime();
        var pipelines = new HashMap<String, Pipeline>();
        jdbc.query("select id, coalesce('system:' || destination_system, 'party:' || destination_party), legal_basis, country from pipeline",
                rs -> {
                    pipelines.put(rs.getString(1), new Pipeline(rs.getString(1), rs.getString(2).intern(),
                            rs.getString(3).intern(), rs.getString(4).intern(), new ArrayList<>()));
                });
        var interned = new HashMap<Fact, Fact>();
        org.springframework.jdbc.core.RowCallbackHandler read = rs -> {
            Pipeline p = pipelines.get(rs.getString(1));
            if (p != null) {
                var fact = new Fact(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6));
                p.reads().add(interned.computeIfAbsent(fact, f -> f));
            }
        };
        // Named fields, and every field of a dataset read as "*".
        jdbc.query("""
                select pf.pipeline_id, d.id, d.system_name, c.item, c.subject, c.sensitive
                from pipeline_field pf join dataset d on d.id = pf.dataset_id
                join field_classification c on c.dataset_id = pf.dataset_id and c.field_name = pf.field_name
                where c.item <> 'none'
                """, read);
        jdbc.query("""
                select pf.pipeline_id, d.id, d.system_name, c.item, c.subject, c.sensitive
                from pipeline_field pf join dataset d on d.id = pf.dataset_id
                join field_classification c on c.dataset_id = pf.dataset_id
                where pf.field_name = '*' and c.item <> 'none'
                """, read);
        var bySystem = new HashMap<String, List<Pipeline>>();
        var byDataset = new HashMap<String, List<Pipeline>>();
        for (Pipeline p : pipelines.values()) {
            p.reads().stream().map(Fact::system).distinct().forEach(s -> bySystem.computeIfAbsent(s, k -> new ArrayList<>()).add(p));
            p.reads().stream().map(Fact::dataset).distinct().forEach(d -> byDataset.computeIfAbsent(d, k -> new ArrayList<>()).add(p));
        }
        log.info("Flow graph version {}: {} pipelines reading {} classified fields, built in {} ms", version,
                pipelines.size(), interned.size(), (System.nanoTime() - started) / 1_000_000);
        return new Snapshot(version, System.currentTimeMillis(), List.copyOf(pipelines.values()), bySystem, byDataset);
    }
}
