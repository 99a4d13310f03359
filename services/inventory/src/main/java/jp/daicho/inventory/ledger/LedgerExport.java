package jp.daicho.inventory.ledger;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.inventory.history.AsOf;
import jp.daicho.inventory.policy.Policy;
import jp.daicho.inventory.policy.PolicyRepository;
import jp.daicho.vocabulary.Item;

/**
 * Streams the personal-information ledger from PostgreSQL: one aggregated query read with a cursor
 * (a fetch size inside a read-only transaction), each row handed on as it arrives, so memory stays
 * bounded however many datasets there are.
 */
@Service
public class LedgerExport {

    /** After {@link AsOf#with()}: the same question now and at a past moment. */
    private static final String SQL = """
            , classified as (
                select c.dataset_id, c.subject, array_agg(distinct c.item order by c.item) as items,
                       bool_or(c.sensitive and c.item not in (%s)) as requires_care,
                       bool_or(c.sensitive) as special_care, count(*) as fields
                from classification_at c
                join field_at f on f.dataset_id = c.dataset_id and f.name = c.field_name
                where c.subject <> 'none'
                group by c.dataset_id, c.subject
            ),
            reads as (select distinct pf.pipeline_id, pf.dataset_id from pipeline_field_at pf
                      join pipeline_at p on p.id = pf.pipeline_id),
            purposes as (
                select r.dataset_id, pu.category, array_agg(distinct pu.purpose) as purposes
                from reads r join pipeline_purpose_at pu on pu.pipeline_id = r.pipeline_id
                group by r.dataset_id, pu.category
            ),
            destinations as (
                select r.dataset_id,
                       string_agg(distinct case when p.legal_basis in ('CONSENT', 'OPT_OUT', 'LEGAL_EXCEPTION', 'BUSINESS_SUCCESSION', 'ART31')
                           then coalesce(pa.name, p.destination_party) || ' (' || p.legal_basis || ', ' || p.country || ')' end, '、') as provisions,
                       string_agg(distinct case when p.legal_basis = 'ENTRUSTMENT'
                           then coalesce(pa.name, p.destination_system, p.destination_party) || ' (' || p.country || ')' end, '、') as entrustments,
                       string_agg(distinct case when p.legal_basis = 'JOINT_USE'
                           then coalesce(pa.name, p.destination_party) || ' (' || p.country || ')' end, '、') as joint_use,
                       string_agg(distinct p.destination_system, '、') as systems
                from reads r join pipeline_at p on p.id = r.pipeline_id left join party_at pa on pa.id = p.destination_party
                group by r.dataset_id
            )
            select d.id, d.system_name, s.owner_department, s.hosting_country, c.subject, c.items, c.requires_care,
                   c.special_care, c.fields,
                   pu.purposes, de.provisions, de.entrustments, de.joint_use, de.systems,
                   r.acquisition_method, r.persons, r.storage_medium, r.storage_place, r.use_period, r.retention,
                   r.disposal_method, r.manager, r.access, n.rows
            from classified c
            join dataset_at d on d.id = c.dataset_id
            left join system_at s on s.name = d.system_name
            left join register_entry_at r on r.dataset_id = d.id
            left join dataset_rows_at n on n.dataset_id = d.id
            left join purposes pu on pu.dataset_id = c.dataset_id and pu.category = c.subject
            left join destinations de on de.dataset_id = c.dataset_id
            order by d.id, c.subject
            """.formatted(String.join(", ", java.util.Arrays.stream(Item.values())
                    .filter(i -> i.sensitive() && !i.requiresCare()).map(i -> "'" + i.code() + "'").toList()));

    /** What the 台帳 says where the DPO has not recorded who has access: it is recorded, never inferred. */
    static final String NOT_RECORDED = "未記録 (not recorded: PUT /api/ledger/entries/{dataset})";

    private final JdbcTemplate jdbc;
    private final PolicyRepository policies;

    LedgerExport(DataSource dataSource, PolicyRepository policies) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.policies = policies;
    }

    @Transactional(readOnly = true)
    public void rows(Consumer<LedgerRow> out) {
        rows(AsOf.NOW, out);
    }

    /**
     * The 台帳 as it stood at {@code asOf}: the datasets and fields known then, their classifications then, the pipelines
     * active then with their destinations then, read against the policy version in force on that day.
     */
    @Transactional(readOnly = true)
    public void rows(AsOf asOf, Consumer<LedgerRow> out) {
        Policy policy = asOf.now() ? policies.current().policy()
                : policies.inForceOn(asOf.day()).orElseGet(policies::current).policy();
        jdbc.query(asOf.with() + SQL, rs -> {
            String category = rs.getString("subject");
            var c = policy.categories().get(category);
            List<String> purposeIds = rs.getArray("purposes") == null ? List.of()
                    : Arrays.asList((String[]) rs.getArray("purposes").getArray());
            // The purposes pipelines declare for this data, in the policy's words; else all the policy declares for the category.
            List<String> purposes = c == null ? purposeIds : (purposeIds.isEmpty() ? c.purposes()
                    : c.purposes().stream().filter(p -> purposeIds.contains(p.id())).toList())
                    .stream().map(Policy.Purpose::text).toList();
            // What the DPO recorded for the dataset comes first; the policy's retention for the category otherwise.
            String retention = rs.getString("retention") != null ? rs.getString("retention")
                    : policy.retention().stream().filter(r -> r.category().equals(category))
                    .map(r -> r.text().isBlank() ? r.period() : r.text()).findFirst().orElse("方針に定めなし (not stated in the policy)");
            String owner = rs.getString("owner_department");
            var access = rs.getArray("access") == null ? List.<String>of() : Arrays.asList((String[]) rs.getArray("access").getArray());
            out.accept(new LedgerRow(rs.getString("id"), rs.getString("system_name"), owner, rs.getString("hosting_country"),
                    category, c == null ? category : c.label(),
                    Arrays.stream((String[]) rs.getArray("items").getArray()).map(Item::japanese).toList(),
                    rs.getBoolean("requires_care"), rs.getBoolean("special_care"), rs.getInt("fields"), purposes,
                    access.isEmpty() ? NOT_RECORDED : String.join("、", access), retention,
                    rs.getString("provisions"), rs.getString("entrustments"), rs.getString("joint_use"),
                    rs.getString("acquisition_method"), (Long) rs.getObject("rows"), (Long) rs.getObject("persons"),
                    rs.getString("storage_medium"), rs.getString("storage_place"), rs.getString("use_period"),
                    rs.getString("disposal_method"), rs.getString("manager"), rs.getString("systems")));
        });
    }
}
