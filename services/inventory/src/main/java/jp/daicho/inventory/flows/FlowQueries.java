package jp.daicho.inventory.flows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import jp.daicho.inventory.history.AsOf;

/**
 * "Where does X flow": from the fields matching a filter, along the registered pipelines, to systems and
 * parties, and on from each system along the pipelines that read matching fields there, up to a number of
 * hops, over the pipelines held in memory ({@link FlowGraph}). Each node reached has its shortest path; every
 * pipeline carrying matching data between nodes reached is a hop of its own, so two pipelines between the same
 * system and party are two flows, never one.
 */
@Repository
public class FlowQueries {

    /** Which fields to follow; null means any. */
    public record Filter(String item, String subject, Boolean sensitive, String dataset, String system) {
    }

    /** The shortest path to one system or party: the nodes it passes ({@code system:…}, {@code party:…}), the pipelines and legal bases between them. */
    public record Path(List<String> nodes, List<String> pipelines, List<String> bases, List<String> countries, int hops) {
    }

    /** One pipeline carrying matching data from a system ({@code system:…}) to a system or party. */
    public record Hop(String pipeline, String from, String to, String basis, String country) {
    }

    /** What a walk found: the shortest path to each node, and every pipeline that carries matching data on the way. */
    public record Walk(List<Path> paths, List<Hop> hops) {
    }

    /** An entrustment with the contractor's contract and supervision: {@code status} OK, NO_CONTRACT, NEVER_SUPERVISED or SUPERVISION_OVERDUE. */
    public record Entrustment(String pipeline, String name, String contractor, String contractorName, String country,
                              String contractReference, LocalDate lastSupervisedOn, String status) {
    }

    /** A pipeline to another country, with its Art. 28 basis. */
    public record CrossBorderFlow(String country, String pipeline, String name, String legalBasis, String crossBorderBasis,
                                  String destination) {
    }

    static final int MAX_PATHS = 5_000;

    private final JdbcClient jdbc;
    private final FlowGraph graph;

    FlowQueries(JdbcClient jdbc, FlowGraph graph) {
        this.jdbc = jdbc;
        this.graph = graph;
    }

    /** How the in-memory flow graph has kept up: whole builds, and updates from changes. */
    public record GraphStats(long rebuilds, long updates) {
    }

    public GraphStats graphStats() {
        return new GraphStats(graph.rebuilds(), graph.updates());
    }

    /** A pipeline reading matching fields, with where it starts and where it goes. */
    private record Edge(String pipeline, String from, String to, String basis, String country) {
    }

    /**
     * Breadth first over the in-memory flow graph, from the systems holding matching fields: each hop follows
     * the pipelines reading matching fields in the systems reached by the previous one. Every system or party
     * reached gets its shortest path, so the cost grows with what is reached, not with the number of paths.
     */
    public List<Path> paths(Filter filter, int maxHops) {
        return paths(filter, maxHops, AsOf.NOW);
    }

    /** {@link #paths(Filter, int)} as the pipelines, their destinations and the classifications stood at {@code asOf}. */
    public List<Path> paths(Filter filter, int maxHops, AsOf asOf) {
        return walk(filter, maxHops, false, asOf).paths();
    }

    /** {@link #paths} with every pipeline walked ({@link Walk#hops}), in the order they were reached. */
    public Walk walk(Filter filter, int maxHops, AsOf asOf) {
        return walk(filter, maxHops, true, asOf);
    }

    /** Now: over the graph kept in memory; in the past: over one built from the history for this question. */
    private Walk walk(Filter filter, int maxHops, boolean withHops, AsOf asOf) {
        return asOf.now() ? this.graph.read(graph -> walk(graph, filter, maxHops, withHops))
                : walk(this.graph.past(asOf), filter, maxHops, withHops);
    }

    private static Walk walk(FlowGraph.Snapshot graph, Filter filter, int maxHops, boolean withHops) {
        java.util.function.Predicate<FlowGraph.Fact> matches = f -> (filter.item() == null || filter.item().equals(f.item()))
                && (filter.subject() == null || filter.subject().equals(f.subject()))
                && (filter.sensitive() == null || filter.sensitive() == f.sensitive());
        java.util.function.Predicate<FlowGraph.Fact> atPlace = f -> (filter.dataset() == null || filter.dataset().equals(f.dataset()))
                && (filter.system() == null || filter.system().equals(f.system()));
        java.util.Collection<FlowGraph.Pipeline> candidates = filter.dataset() != null ? graph.byDataset(filter.dataset())
                : filter.system() != null ? graph.bySystem(filter.system()) : graph.all();
        var hop = edges(candidates, matches.and(atPlace));
        // Shortest path to every node reached: the edge that first reached it, and the node it came from.
        var reachedBy = new java.util.LinkedHashMap<String, Edge>();
        // Each (pipeline, system) pair is an edge of one hop only: a system is expanded once, origins in the first.
        var walked = new ArrayList<Edge>();
        var origins = new java.util.HashSet<String>();
        hop.forEach(e -> origins.add("system:" + e.from()));
        for (int d = 1; d <= maxHops && !hop.isEmpty() && reachedBy.size() < MAX_PATHS; d++) {
            var frontier = new java.util.LinkedHashSet<String>();
            if (withHops) {
                walked.addAll(hop);
            }
            for (Edge e : hop) {
                if (!reachedBy.containsKey(e.to())) {
                    reachedBy.put(e.to(), e);
                    // An origin's own pipelines were in the first hop already.
                    if (e.to().startsWith("system:") && !origins.contains(e.to())) {
                        frontier.add(e.to().substring(7));
                    }
                }
            }
            if (frontier.isEmpty() || d == maxHops) {
                break;
            }
            var next = new ArrayList<FlowGraph.Pipeline>();
            frontier.forEach(system -> next.addAll(graph.bySystem(system)));
            hop = edges(next, matches.and(f -> frontier.contains(f.system())));
        }
        var paths = new ArrayList<Path>();
        for (var node : reachedBy.keySet()) {
            var nodes = new java.util.ArrayDeque<String>();
            var pipelines = new java.util.ArrayDeque<String>();
            var bases = new java.util.ArrayDeque<String>();
            var countries = new java.util.ArrayDeque<String>();
            String at = node;
            for (Edge e = reachedBy.get(at); e != null; e = reachedBy.get(at)) {
                nodes.addFirst(at);
                pipelines.addFirst(e.pipeline());
                bases.addFirst(e.basis());
                countries.addFirst(e.country());
                at = "system:" + e.from();
                if (origins.contains(at)) {
                    break;
                }
            }
            nodes.addFirst(at);
            paths.add(new Path(List.copyOf(nodes), List.copyOf(pipelines), List.copyOf(bases), List.copyOf(countries),
                    pipelines.size()));
        }
        paths.sort(java.util.Comparator.comparingInt(Path::hops).thenComparing(p -> String.join(">", p.nodes())));
        var hops = new ArrayList<Hop>(Math.min(walked.size(), MAX_PATHS));
        for (Edge e : walked.subList(0, Math.min(walked.size(), MAX_PATHS))) {
            hops.add(new Hop(e.pipeline(), "system:" + e.from(), e.to(), e.basis(), e.country()));
        }
        return new Walk(paths.size() > MAX_PATHS ? paths.subList(0, MAX_PATHS) : paths, hops);
    }

    /** Each pipeline among {@code candidates} reading a field that {@code reads} accepts, once per source system. */
    private static List<Edge> edges(java.util.Collection<FlowGraph.Pipeline> candidates, java.util.function.Predicate<FlowGraph.Fact> reads) {
        var edges = new ArrayList<Edge>();
        var seen = new java.util.HashSet<String>();
        for (var p : candidates) {
            for (var f : p.reads()) {
                if (reads.test(f) && seen.add(p.id() + "|" + f.system())) {
                    edges.add(new Edge(p.id(), f.system(), p.destination(), p.basis(), p.country()));
                }
            }
        }
        return edges;
    }

    /**
     * The entrustments active at {@code asOf} with the contractor's contract and when it was last supervised, as they
     * stood then; overdue by the same interval, on Japan's date then, as the {@code supervision-overdue} rule.
     */
    public List<Entrustment> entrustments(AsOf asOf) {
        return jdbc.sql(asOf.with() + """
                select p.id as pipeline, p.name, coalesce(p.destination_party, s.contractor) as contractor, pa.name as contractor_name,
                       pa.country, pa.contract_reference, pa.last_supervised_on,
                       case when pa.contract_reference is null then 'NO_CONTRACT'
                            when pa.last_supervised_on is null then 'NEVER_SUPERVISED'
                            when pa.last_supervised_on < ? then 'SUPERVISION_OVERDUE'
                            else 'OK' end as status
                from pipeline_at p
                left join system_at s on s.name = p.destination_system
                left join party_at pa on pa.id = coalesce(p.destination_party, s.contractor)
                where p.legal_basis = 'ENTRUSTMENT' order by p.id
                """).param(asOf.day().minus(jp.daicho.inventory.pipelines.PipelineRules.SUPERVISION_INTERVAL))
                .query((rs, n) -> new Entrustment(rs.getString("pipeline"), rs.getString("name"), rs.getString("contractor"),
                        rs.getString("contractor_name"), rs.getString("country"), rs.getString("contract_reference"),
                        rs.getObject("last_supervised_on", LocalDate.class), rs.getString("status")))
                .list();
    }

    /**
     * The pipelines active at {@code asOf} whose destination was then outside Japan, by country, with their Art. 28
     * basis. The country is the destination's as it stood (a contractor that moved abroad is abroad from that day).
     */
    public List<CrossBorderFlow> crossBorder(AsOf asOf) {
        return jdbc.sql(asOf.with() + """
                select p.country, p.id as pipeline, p.name, p.legal_basis, p.cross_border_basis,
                       coalesce(p.destination_system, p.destination_party) as destination
                from pipeline_at p where p.country <> 'JP' order by p.country, p.id
                """).query((rs, n) -> new CrossBorderFlow(rs.getString("country"), rs.getString("pipeline"), rs.getString("name"),
                        rs.getString("legal_basis"), rs.getString("cross_border_basis"), rs.getString("destination")))
                .list();
    }
}
