package jp.daicho.inventory.requests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.vocabulary.Item;

/**
 * Where a person's data is, for a request: every captured dataset holding data of their category, the fields to find
 * them by and the sensitive ones among them, and every registered pipeline that carries it onwards — to contractors
 * (委託), joint users (共同利用) and third parties (第三者提供) — as the inventory knows them now.
 */
@Service
public class RequestPlan {

    /** Items a person can be looked up by in a table, besides its primary key. */
    static final Set<String> LOOKUP_ITEMS = Set.of(Item.IDENTIFIER.code(), Item.EMAIL.code(), Item.PHONE.code(),
            Item.MY_NUMBER.code(), Item.GOVERNMENT_ID.code());

    /**
     * @param lookupFields    the primary key and the fields holding identifiers, e-mail addresses, telephone numbers
     * @param categoryFields  every field of the category, with its item
     * @param sensitiveFields those of them that are 要配慮個人情報
     * @param heldFor         the client we hold the dataset for (the company as processor), or null: a request about
     *                        it is answered as the client's instructions say (seed 004, clause 5)
     */
    public record Dataset(String id, String system, String ownerDepartment, String hostingCountry, List<String> lookupFields,
                          Map<String, String> categoryFields, List<String> sensitiveFields, String heldFor) {
    }

    /**
     * A registered pipeline that carries the category's data out of those datasets.
     *
     * @param recipientKind INTERNAL, CONTRACTOR (委託), JOINT_USER (共同利用), THIRD_PARTY (第三者提供), PUBLIC_BODY
     */
    public record Flow(String pipeline, String name, String legalBasis, String recipientKind, String recipient,
                       String destinationParty, String destinationSystem, String country, List<String> datasets) {
    }

    /**
     * @param ledger how to obtain the person's provision records (Art. 33(5)): the ledger finds them by the same
     *               pseudonym, from the key the register keeps sealed
     */
    public record Plan(String request, String category, List<Dataset> datasets, List<Flow> flows, String ledger) {
    }

    private final JdbcClient jdbc;
    private final RequestRegister register;

    RequestPlan(JdbcClient jdbc, RequestRegister register) {
        this.jdbc = jdbc;
        this.register = register;
    }

    @Transactional
    public Plan of(String requestId, String by) {
        SubjectRequest request = register.find(requestId);
        register.seen(requestId, by, "plan");
        String category = request.category();
        var datasets = new LinkedHashMap<String, Dataset>();
        jdbc.sql("""
                select d.id, d.system_name, s.owner_department, s.hosting_country, f.name, f.primary_key,
                       c.item, c.subject, c.sensitive, (select pr.entruster from processing_for pr where pr.dataset_id = d.id) as held_for
                from dataset d
                join field f on f.dataset_id = d.id and f.present
                left join field_classification c on c.dataset_id = f.dataset_id and c.field_name = f.name
                left join system s on s.name = d.system_name
                where d.dropped_at is null and d.id in (select dataset_id from field_classification
                                                        where subject = ? and item <> 'none')
                order by d.id, f.position
                """).param(category).query(rs -> {
            String id = rs.getString("id");
            Dataset dataset = datasets.get(id);
            if (dataset == null) {
                dataset = new Dataset(id, rs.getString("system_name"), rs.getString("owner_department"),
                        rs.getString("hosting_country"), new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>(),
                        rs.getString("held_for"));
                datasets.put(id, dataset);
            }
            String field = rs.getString("name");
            String item = rs.getString("item");
            boolean ofCategory = category.equals(rs.getString("subject")) && item != null && !item.equals(Item.NONE.code());
            if (rs.getBoolean("primary_key") || ofCategory && LOOKUP_ITEMS.contains(item)) {
                dataset.lookupFields().add(field);
            }
            if (ofCategory) {
                dataset.categoryFields().put(field, item);
                if (rs.getBoolean("sensitive")) {
                    dataset.sensitiveFields().add(field);
                }
            }
        });
        var flows = jdbc.sql(jp.daicho.inventory.history.AsOf.NOW.with() + """
                select p.id, p.name, p.legal_basis, p.country, p.destination_system, p.destination_party, pa.name as party,
                       pa.kind as party_kind,
                       array_agg(distinct pf.dataset_id order by pf.dataset_id) as datasets
                from pipeline_at p
                join pipeline_field_at pf on pf.pipeline_id = p.id
                join classification_at c on c.dataset_id = pf.dataset_id and c.field_name = pf.field_name
                left join party_at pa on pa.id = p.destination_party
                where c.subject = ? and c.item <> 'none'
                group by p.id, p.name, p.legal_basis, p.country, p.destination_system, p.destination_party, pa.name, pa.kind
                order by p.id
                """).param(category).query((rs, n) -> new Flow(rs.getString("id"), rs.getString("name"),
                rs.getString("legal_basis"), rs.getString("party_kind") == null ? "INTERNAL" : rs.getString("party_kind"),
                rs.getString("party"), rs.getString("destination_party"), rs.getString("destination_system"), rs.getString("country"),
                Arrays.asList((String[]) rs.getArray("datasets").getArray()))).list();
        return new Plan(requestId, category, List.copyOf(datasets.values()), flows,
                "POST /api/records/disclosure on the ledger with the subject key of GET /api/requests/" + requestId
                        + "/subject: the person's provision records (Art. 33(5)), found by the same pseudonym");
    }
}
