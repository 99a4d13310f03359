package jp.daicho.inventory.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * "Where does X flow": from the fields matching a filter, along the registered pipelines, to systems and
 * parties, and on from each system along the pipelines that read matching fields there, up to a number of
 * hops. Breadth first, one indexed query per hop; each node reached once, by its shortest path.
 */
@Repository
public class FlowQueries {

    /** Which fields to follow; null means any. */
    public record Filter(String item, String subject, Boolean sensitive, String dataset, String system) {
    }

    /** The shortest path to one system or party: the nodes it passes ({@code system:…}, {@code party:…}), the pipelines and legal bases between them. */
    public record Path(List<String> nodes, List<String> pipelines, List<String> bases, List<String> countries, int hops) {
    }

    static final int MAX_PATHS = 5_000;

    private final JdbcClient jdbc;

    FlowQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A pipeline reading matching fields, with where it starts and where it goes. */
    private record Edge(String pipeline, String from, String to, String basis, String country) {
    }

    /**
     * Breadth first from the systems holding matching fields: each hop is one indexed query for the pipelines
     * reading matching fields in the systems reached by the previous hop. Every system or party reached gets
     * its shortest path, so the cost grows with what is reached, not with the number of paths to it.
     */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public List<Path> paths(Filter filter, int maxHops) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (filter.item() != null) {
            where.add("c.item = ?");
            params.add(filter.item());
        }
        if (filter.subject() != null) {
            where.add("c.subject = ?");
            params.add(filter.subject());
        }
        if (filter.sensitive() != null) {
            where.add("c.sensitive = ?");
            params.add(filter.sensitive());
        }
        String classification = where.isEmpty() ? "c.item <> 'none'" : String.join(" and ", where);
        var places = new ArrayList<String>();
        var startParams = new ArrayList<Object>();
        if (filter.dataset() != null) {
            places.add("d.id = ?");
            startParams.add(filter.dataset());
        }
        if (filter.system() != null) {
            places.add("d.system_name = ?");
            startParams.add(filter.system());
        }
        String edges = """
                select distinct p.id, d.system_name, coalesce('system:' || p.destination_system, 'party:' || p.destination_party),
                       p.legal_basis, p.country
                from %s
                """;
        // From a known place, its datasets' pipeline fields (a few index probes); from anywhere, the matching
        // classifications (the item index).
        String byPlace = """
                dataset d join pipeline_field pf on pf.dataset_id = d.id join pipeline p on p.id = pf.pipeline_id
                where %s and exists (select 1 from field_classification c where c.dataset_id = pf.dataset_id
                                     and (pf.field_name = '*' or c.field_name = pf.field_name) and %s)
                """;
        String byClassification = """
                field_classification c
                join dataset d on d.id = c.dataset_id
                join pipeline_field pf on pf.dataset_id = c.dataset_id and pf.field_name = any (array[c.field_name, '*'])
                join pipeline p on p.id = pf.pipeline_id
                where %s
                """;
        java.util.List<Edge> hop;
        if (places.isEmpty()) {
            hop = edges(edges.formatted(byClassification.formatted(classification)), params);
        } else {
            startParams.addAll(params);
            hop = edges(edges.formatted(byPlace.formatted(String.join(" and ", places), classification)), startParams);
        }
        // Shortest path to every node reached: the edge that first reached it, and the node it came from.
        var reachedBy = new java.util.LinkedHashMap<String, Edge>();
        var origins = new java.util.HashSet<String>();
        hop.forEach(e -> origins.add("system:" + e.from()));
        String next = edges.formatted(byPlace.formatted("d.system_name = any (?)", classification));
        for (int d = 1; d <= maxHops && !hop.isEmpty() && reachedBy.size() < MAX_PATHS; d++) {
            var frontier = new java.util.ArrayList<String>();
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
            var nextParams = new ArrayList<Object>();
            nextParams.add(frontier.toArray(String[]::new));
            nextParams.addAll(params);
            hop = edges(next, nextParams);
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
        return paths.size() > MAX_PATHS ? paths.subList(0, MAX_PATHS) : paths;
    }

    private List<Edge> edges(String sql, List<Object> params) {
        // A graph walk: few rows per step, each found through an index; a hash join would scan whole tables.
        jdbc.sql("set local enable_hashjoin = off").update();
        jdbc.sql("set local enable_mergejoin = off").update();
        return jdbc.sql(sql).params(params).query((rs, n) -> new Edge(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5))).list();
    }

    /** Registered entrustments with the contractor's contract and when it was last supervised. */
    public List<Map<String, Object>> entrustments() {
        return jdbc.sql("""
                select p.id as pipeline, p.name, coalesce(p.destination_party, s.contractor) as contractor, pa.name as contractor_name,
                       pa.country, pa.contract_reference, pa.last_supervised_on,
                       case when pa.contract_reference is null then 'NO_CONTRACT'
                            when pa.last_supervised_on is null then 'NEVER_SUPERVISED'
                            when pa.last_supervised_on < current_date - interval '1 year' then 'SUPERVISION_OVERDUE'
                            else 'OK' end as status
                from pipeline p
                left join system s on s.name = p.destination_system
                left join party pa on pa.id = coalesce(p.destination_party, s.contractor)
                where p.legal_basis = 'ENTRUSTMENT' order by p.id
                """).query().listOfRows();
    }

    /** Pipelines whose destination is outside Japan, by country, with their Art. 28 basis. */
    public List<Map<String, Object>> crossBorder() {
        return jdbc.sql("""
                select p.country, p.id as pipeline, p.name, p.legal_basis, p.cross_border_basis,
                       coalesce(p.destination_system, p.destination_party) as destination
                from pipeline p where p.country <> 'JP' order by p.country, p.id
                """).query().listOfRows();
    }
}
