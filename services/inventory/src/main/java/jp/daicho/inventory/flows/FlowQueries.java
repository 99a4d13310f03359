package jp.daicho.inventory.flows;

import java.sql.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * "Where does X flow": from the fields matching a filter, along the registered pipelines, to systems and
 * parties, and on from each system along the pipelines that read matching fields there, up to a number of
 * hops. One recursive query; cycles are cut where a path would revisit a node.
 */
@Repository
public class FlowQueries {

    /** Which fields to follow; null means any. */
    public record Filter(String item, String subject, Boolean sensitive, String dataset, String system) {
    }

    /** One path: the nodes it passes ({@code system:…}, {@code party:…}), the pipelines and legal bases between them. */
    public record Path(List<String> nodes, List<String> pipelines, List<String> bases, List<String> countries, int hops) {
    }

    static final int MAX_PATHS = 5_000;

    private final JdbcClient jdbc;

    FlowQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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
        var placeParams = new ArrayList<Object>();
        if (filter.dataset() != null) {
            places.add("d.id = ?");
            placeParams.add(filter.dataset());
        }
        if (filter.system() != null) {
            places.add("d.system_name = ?");
            placeParams.add(filter.system());
        }
        // Pipelines reading matching fields of some datasets: from the datasets' pipeline fields when the place
        // is known (a few index probes), from the matching classifications when it is not (the item index).
        String byPlace = """
                select distinct pf.pipeline_id, d.system_name
                from dataset d join pipeline_field pf on pf.dataset_id = d.id
                where %s and exists (select 1 from field_classification c where c.dataset_id = pf.dataset_id
                                     and (pf.field_name = '*' or c.field_name = pf.field_name) and %s)
                """;
        String byClassification = """
                select distinct pf.pipeline_id, d.system_name
                from field_classification c
                join dataset d on d.id = c.dataset_id
                join pipeline_field pf on pf.dataset_id = c.dataset_id and pf.field_name = any (array[c.field_name, '*'])
                where %s
                """;
        var all = new ArrayList<Object>();
        String start;
        if (places.isEmpty()) {
            start = byClassification.formatted(classification);
            all.addAll(params);
        } else {
            start = byPlace.formatted(String.join(" and ", places), classification);
            all.addAll(placeParams);
            all.addAll(params);
        }
        all.addAll(params);
        all.add(maxHops);
        all.add(MAX_PATHS);
        String sql = """
                with recursive start as (%s),
                walk (node, depth, nodes, pipelines, bases, countries) as (
                    select coalesce('system:' || p.destination_system, 'party:' || p.destination_party), 1,
                           array['system:' || s.system_name, coalesce('system:' || p.destination_system, 'party:' || p.destination_party)],
                           array[p.id], array[p.legal_basis], array[p.country]
                    from start s join pipeline p on p.id = s.pipeline_id
                  union all
                    select coalesce('system:' || p.destination_system, 'party:' || p.destination_party), w.depth + 1,
                           w.nodes || coalesce('system:' || p.destination_system, 'party:' || p.destination_party),
                           w.pipelines || p.id, w.bases || p.legal_basis, w.countries || p.country
                    from walk w
                    join lateral (%s) next on w.node like 'system:%%'
                    join pipeline p on p.id = next.pipeline_id
                    where w.depth < ?
                      and not coalesce('system:' || p.destination_system, 'party:' || p.destination_party) = any (w.nodes)
                )
                select nodes, pipelines, bases, countries, depth from walk order by depth, nodes limit ?
                """.formatted(start, byPlace.formatted("d.system_name = substr(w.node, 8)", classification));
        // A graph walk: few rows per step, each found through an index. Hash joins would scan whole tables for
        // every step of the recursion, so they are off for this one statement (SET LOCAL ends with the transaction).
        jdbc.sql("set local enable_hashjoin = off").update();
        jdbc.sql("set local enable_mergejoin = off").update();
        if (Boolean.getBoolean("daicho.flows.explain")) {
            jdbc.sql("explain (analyze, buffers) " + sql).params(all).query(String.class).list().forEach(System.out::println);
        }
        return jdbc.sql(sql).params(all).query((rs, n) -> new Path(strings(rs.getArray(1)), strings(rs.getArray(2)),
                strings(rs.getArray(3)), strings(rs.getArray(4)), rs.getInt(5))).list();
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

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
