package jp.daicho.inventory.pipelines;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import jp.daicho.inventory.pipelines.PipelineViews.DeclaredPurpose;
import jp.daicho.inventory.pipelines.PipelineViews.FieldRead;
import jp.daicho.inventory.pipelines.PipelineViews.PipelineDetail;
import jp.daicho.inventory.pipelines.PipelineViews.PipelineSummary;
import jp.daicho.inventory.pipelines.PipelineViews.StoredViolation;
import jp.daicho.vocabulary.Words;

/** Pipelines in PostgreSQL, and what the inventory knows about their fields and destinations. */
@Repository
public class PipelineRepository {

    /** A pipeline {@code p}'s country: its destination's as it stands, retired pipelines included. */
    private static final String COUNTRY = jp.daicho.inventory.history.AsOf.country("system", "party");

    private final JdbcClient jdbc;

    PipelineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The classified fields the manifest reads; a dataset or field the inventory does not know is a problem. */
    List<PipelineRules.FieldFact> fields(PipelineManifest m, List<Words> problems) {
        var facts = new ArrayList<PipelineRules.FieldFact>();
        for (var source : m.sources()) {
            if (jdbc.sql("select count(*) from dataset where id = ?").param(source.dataset()).query(Integer.class).single() == 0) {
                problems.add(new Words(source.line() + "行目: データセット '" + source.dataset() + "' は台帳にありません"
                        + "（取り込み済みの一覧は GET /api/datasets）", "line " + source.line() + ": dataset '" + source.dataset()
                        + "' is not in the inventory (GET /api/datasets lists the captured ones)"));
                continue;
            }
            record Row(String field, String item, String subject, boolean sensitive, String heldFor) {
            }
            var rows = jdbc.sql("""
                    select f.name, coalesce(c.item, 'none'), coalesce(c.subject, 'none'), coalesce(c.sensitive, false),
                           (select pr.entruster from processing_for pr where pr.dataset_id = f.dataset_id)
                    from field f left join field_classification c on c.dataset_id = f.dataset_id and c.field_name = f.name
                    where f.dataset_id = ? and f.present
                    """).param(source.dataset()).query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getBoolean(4), rs.getString(5))).list();
            // Whether its dataset identifies persons here: all its present items, and the link a declaration may make.
            boolean identifiable = jp.daicho.inventory.datasets.InformationKind.judge(rows.stream().map(Row::item).toList(),
                    jdbc.sql("select linked_to from declared_dataset where id = ?").param(source.dataset()).query(String.class)
                            .optional().orElse(null)).kind() == jp.daicho.inventory.datasets.InformationKind.PERSONAL_INFORMATION;
            var known = rows.stream().map(r -> new PipelineRules.FieldFact(source.dataset(), r.field(), r.item(), r.subject(),
                    r.sensitive(), r.heldFor(), identifiable)).toList();
            if (source.allFields()) {
                facts.addAll(known);
                continue;
            }
            for (String field : source.fields()) {
                known.stream().filter(f -> f.field().equals(field)).findFirst().ifPresentOrElse(facts::add,
                        () -> problems.add(new Words(source.line() + "行目: データセット '" + source.dataset() + "' に項目 '"
                                + field + "' はありません。あるのは " + known.stream().map(PipelineRules.FieldFact::field).toList(),
                                "line " + source.line() + ": dataset '" + source.dataset() + "' has no field '"
                                + field + "'; it has " + known.stream().map(PipelineRules.FieldFact::field).toList())));
            }
        }
        return facts;
    }

    Optional<PipelineRules.Destination> destination(PipelineManifest m) {
        return destination(m, jp.daicho.vocabulary.Japan.today());
    }

    /**
     * Where the pipeline goes, as the inventory knows it now; on {@code day}, a contractor (the party, or the one
     * operating the system) last supervised longer ago than {@link PipelineRules#SUPERVISION_INTERVAL} is overdue (one
     * never supervised is not yet: a new contractor).
     */
    Optional<PipelineRules.Destination> destination(PipelineManifest m, java.time.LocalDate day) {
        java.time.LocalDate due = day.minus(PipelineRules.SUPERVISION_INTERVAL);
        if (m.destinationSystem() != null) {
            return jdbc.sql("""
                    select s.name, s.operated_by, s.hosting_country, p.contract_reference, p.last_supervised_on,
                           s.hosting_country = 'JP' or exists (select 1 from country_regime r where r.country = s.hosting_country)
                    from system s left join party p on p.id = s.contractor where s.name = ?
                    """).param(m.destinationSystem()).query((rs, n) -> new PipelineRules.Destination(rs.getString(1), true,
                    rs.getString(2), rs.getString(3), rs.getString(4), overdue(rs.getObject(5, java.time.LocalDate.class), due),
                    rs.getBoolean(6)))
                    .optional();
        }
        return jdbc.sql("""
                select id, kind, country, contract_reference, last_supervised_on,
                       country = 'JP' or exists (select 1 from country_regime r where r.country = party.country)
                from party where id = ?
                """).param(m.destinationParty()).query((rs, n) -> new PipelineRules.Destination(rs.getString(1), false,
                        rs.getString(2), rs.getString(3), rs.getString(4),
                        overdue(rs.getObject(5, java.time.LocalDate.class), due), rs.getBoolean(6))).optional();
    }

    private static boolean overdue(java.time.LocalDate lastSupervised, java.time.LocalDate due) {
        return lastSupervised != null && lastSupervised.isBefore(due);
    }

    /**
     * Who receives the pipeline's data: the party, or for one of our systems the contractor operating it
     * (INTERNAL, under our own name, when we operate it ourselves).
     */
    PipelineEvents.Recipient recipient(PipelineManifest m) {
        String party = m.destinationParty() != null ? m.destinationParty()
                : jdbc.sql("select contractor from system where name = ?").param(m.destinationSystem()).query(String.class)
                        .optional().orElse(null);
        if (party == null) {
            String country = jdbc.sql("select hosting_country from system where name = ?").param(m.destinationSystem())
                    .query(String.class).single();
            return new PipelineEvents.Recipient(m.destinationSystem(), "INTERNAL", null, null, country);
        }
        return jdbc.sql("select name, kind, address, representative, country from party where id = ?").param(party)
                .query((rs, n) -> new PipelineEvents.Recipient(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))).single();
    }

    boolean exists(String id) {
        return jdbc.sql("select count(*) from pipeline where id = ?").param(id).query(Integer.class).single() > 0;
    }

    void insert(PipelineManifest m, String by, Instant at) {
        jdbc.sql("""
                insert into pipeline (id, name, owner, manifest, destination_system, destination_party, legal_basis,
                    legal_exception_item, cross_border_basis, record_mode, joint_use, registered_at, registered_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(m.id(), m.name(), m.owner(), m.yaml(), m.destinationSystem(), m.destinationParty(),
                        m.legalBasis().name(), m.legalExceptionItem() == null ? null : m.legalExceptionItem().toString(),
                        m.crossBorderBasis() == null ? null : m.crossBorderBasis().name(),
                        m.recordMode() == null ? null : m.recordMode().name(), m.jointUse(), Timestamp.from(at), by)
                .update();
        history(m.id(), at, by, "REGISTERED", null);
        parts(m);
        version(m.id(), by, at);
    }

    /**
     * Keeps the pipeline's terms as they now are as a new version from {@code at}, closing the one before: what the
     * flows, entrustments, cross-border list and 台帳 as of a past moment are read from.
     */
    private void version(String id, String by, Instant at) {
        Timestamp from = Timestamp.from(at);
        jdbc.sql("update pipeline_version set valid_to = ? where pipeline_id = ? and valid_to is null").params(from, id).update();
        jdbc.sql("""
                insert into pipeline_version (pipeline_id, version, name, destination_system, destination_party, legal_basis,
                    legal_exception_item, cross_border_basis, record_mode, joint_use, manifest, changed_by, valid_from)
                select id, coalesce((select max(version) from pipeline_version where pipeline_id = p.id), 0) + 1, name,
                       destination_system, destination_party, legal_basis, legal_exception_item, cross_border_basis,
                       record_mode, joint_use, manifest, ?, ?
                from pipeline p where id = ?
                """).params(by, from, id).update();
        jdbc.sql("""
                insert into pipeline_version_field (pipeline_id, version, dataset_id, field_name)
                select pf.pipeline_id, v.version, pf.dataset_id, pf.field_name from pipeline_field pf
                join pipeline_version v on v.pipeline_id = pf.pipeline_id and v.valid_to is null where pf.pipeline_id = ?
                """).param(id).update();
        jdbc.sql("""
                insert into pipeline_version_purpose (pipeline_id, version, category, purpose)
                select pu.pipeline_id, v.version, pu.category, pu.purpose from pipeline_purpose pu
                join pipeline_version v on v.pipeline_id = pu.pipeline_id and v.valid_to is null where pu.pipeline_id = ?
                """).param(id).update();
    }

    /** Replaces a registered pipeline's manifest, destination, basis, purposes and fields; the history says what changed. */
    void change(PipelineManifest m, String by, Instant at) {
        var before = jdbc.sql("""
                select coalesce(destination_system, destination_party) as destination, legal_basis,
                       array(select dataset_id || '/' || field_name from pipeline_field where pipeline_id = p.id
                             order by 1) as fields
                from pipeline p where id = ?
                """).param(m.id()).query((rs, n) -> new Terms(rs.getString(1), rs.getString(2),
                java.util.Arrays.asList((String[]) rs.getArray(3).getArray()))).single();
        jdbc.sql("""
                update pipeline set name = ?, owner = ?, manifest = ?, destination_system = ?, destination_party = ?,
                    legal_basis = ?, legal_exception_item = ?, cross_border_basis = ?, record_mode = ?,
                    joint_use = ?, changed_at = ?, changed_by = ?
                where id = ?
                """).params(m.name(), m.owner(), m.yaml(), m.destinationSystem(), m.destinationParty(), m.legalBasis().name(),
                        m.legalExceptionItem() == null ? null : m.legalExceptionItem().toString(),
                        m.crossBorderBasis() == null ? null : m.crossBorderBasis().name(),
                        m.recordMode() == null ? null : m.recordMode().name(), m.jointUse(), Timestamp.from(at), by, m.id())
                .update();
        jdbc.sql("delete from pipeline_purpose where pipeline_id = ?").param(m.id()).update();
        jdbc.sql("delete from pipeline_field where pipeline_id = ?").param(m.id()).update();
        jdbc.sql("delete from pipeline_reader where pipeline_id = ?").param(m.id()).update();
        jdbc.sql("delete from pipeline_topic where pipeline_id = ?").param(m.id()).update();
        parts(m);
        version(m.id(), by, at);
        var oldFields = new java.util.TreeSet<>(before.fields());
        var newFields = new java.util.TreeSet<String>();
        m.sources().forEach(s -> s.fields().forEach(f -> newFields.add(s.dataset() + "/" + f)));
        var changes = new ArrayList<String>();
        var added = new java.util.TreeSet<>(newFields);
        added.removeAll(oldFields);
        var removed = new java.util.TreeSet<>(oldFields);
        removed.removeAll(newFields);
        if (!added.isEmpty()) {
            changes.add("fields + " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            changes.add("fields - " + String.join(", ", removed));
        }
        String destination = m.destinationSystem() != null ? m.destinationSystem() : m.destinationParty();
        if (!destination.equals(before.destination())) {
            changes.add("destination " + before.destination() + " -> " + destination);
        }
        if (!m.legalBasis().name().equals(before.legalBasis())) {
            changes.add("legal basis " + before.legalBasis() + " -> " + m.legalBasis().name());
        }
        // The changed pipeline passed every rule: what the inventory found against its earlier terms no longer stands.
        // (The ledger's findings are about occurrences that happened; they stay for the DPO.)
        int resolved = jdbc.sql("""
                update violation set resolved_at = ?, resolved_by = ?, resolution = 'PIPELINE_CHANGED'
                where pipeline_id = ? and resolved_at is null and raised_by = 'inventory'
                """).params(Timestamp.from(at), by + " (pipeline changed)", m.id()).update();
        if (resolved > 0) {
            changes.add(resolved + " violation(s) resolved");
        }
        history(m.id(), at, by, "CHANGED", changes.isEmpty() ? "manifest" : String.join("; ", changes));
    }

    /** What a change is described by. */
    private record Terms(String destination, String legalBasis, List<String> fields) {
    }

    private void parts(PipelineManifest m) {
        for (var r : m.readers()) {
            jdbc.sql("insert into pipeline_reader (pipeline_id, reader) values (?, ?) on conflict do nothing")
                    .params(m.id(), r.identity()).update();
        }
        for (String topic : m.topics()) {
            jdbc.sql("insert into pipeline_topic (pipeline_id, topic) values (?, ?) on conflict do nothing")
                    .params(m.id(), topic).update();
        }
        for (var p : m.purposes()) {
            jdbc.sql("insert into pipeline_purpose (pipeline_id, category, purpose) values (?, ?, ?) on conflict do nothing")
                    .params(m.id(), p.category(), p.id()).update();
        }
        for (var s : m.sources()) {
            for (String field : s.fields()) {
                jdbc.sql("insert into pipeline_field (pipeline_id, dataset_id, field_name) values (?, ?, ?) on conflict do nothing")
                        .params(m.id(), s.dataset(), field).update();
            }
        }
    }

    /** Ids of the pipelines reading this field, by name or by "*"; a retired pipeline reads nothing any more. */
    List<String> readers(String datasetId, String field) {
        return jdbc.sql("""
                select distinct pf.pipeline_id from pipeline_field pf join pipeline p on p.id = pf.pipeline_id
                where pf.dataset_id = ? and (pf.field_name = ? or pf.field_name = '*') and p.retired_at is null
                """).params(datasetId, field).query(String.class).list();
    }

    /** Every version of the pipeline's terms, oldest first. */
    List<PipelineViews.Version> versions(String id) {
        return jdbc.sql("select * from pipeline_version where pipeline_id = ? order by version").param(id)
                .query((rs, n) -> new PipelineViews.Version(rs.getInt("version"), instant(rs, "valid_from"),
                        instant(rs, "valid_to"), rs.getString("changed_by"), rs.getString("destination_system"),
                        rs.getString("destination_party"), rs.getString("legal_basis"), rs.getString("cross_border_basis"),
                        jdbc.sql("select dataset_id, field_name from pipeline_version_field where pipeline_id = ? and version = ? order by 1, 2")
                                .params(id, rs.getInt("version")).query((f, m) -> new FieldRead(f.getString(1), f.getString(2))).list(),
                        jdbc.sql("select category, purpose from pipeline_version_purpose where pipeline_id = ? and version = ? order by 1, 2")
                                .params(id, rs.getInt("version")).query((p, m) -> new DeclaredPurpose(p.getString(1), p.getString(2))).list()))
                .list();
    }

    /** Ids of the active pipelines reading any field of this dataset. */
    List<String> readersOf(String datasetId) {
        return jdbc.sql("""
                select distinct pf.pipeline_id from pipeline_field pf join pipeline p on p.id = pf.pipeline_id
                where pf.dataset_id = ? and p.retired_at is null order by 1
                """).param(datasetId).query(String.class).list();
    }

    /** Retires a pipeline still active: true if it was. */
    boolean retire(String id, String reason, String request, String by, Instant at) {
        boolean retired = jdbc.sql("""
                update pipeline set retired_at = ?, retired_by = ?, retirement_reason = ?, retired_for_request = ?
                where id = ? and retired_at is null
                """).params(Timestamp.from(at), by, reason, request, id).update() > 0;
        if (retired) {
            history(id, at, by, "RETIRED", reason + (request == null ? "" : " (" + request + ")"));
            jdbc.sql("update pipeline_version set valid_to = ? where pipeline_id = ? and valid_to is null")
                    .params(Timestamp.from(at), id).update();
        }
        return retired;
    }

    boolean requestExists(String request) {
        return jdbc.sql("select count(*) from subject_request where id = ?").param(request).query(Integer.class).single() > 0;
    }

    private void history(String id, Instant at, String by, String action, String detail) {
        jdbc.sql("insert into pipeline_history (pipeline_id, at, by, action, detail) values (?, ?, ?, ?, ?)")
                .params(id, Timestamp.from(at), by, action, detail).update();
    }

    private static PipelineViews.Retirement retirement(ResultSet rs) throws SQLException {
        Instant at = instant(rs, "retired_at");
        return at == null ? null : new PipelineViews.Retirement(at, rs.getString("retired_by"), rs.getString("retirement_reason"),
                rs.getString("retired_for_request"));
    }

    Optional<String> manifest(String id) {
        return jdbc.sql("select manifest from pipeline where id = ?").param(id).query(String.class).optional();
    }

    /** Records a violation once (by pipeline, field and rule); true if it is new. */
    boolean raise(String pipelineId, PipelineRules.Violation v, Instant at) {
        // Not again if its last occurrence was the DPO's to resolve: their decision stands until the pipeline changes.
        return jdbc.sql("""
                insert into violation (pipeline_id, dataset_id, field_name, rule, message, clause, raised_at)
                select ?, ?, ?, ?, ?, ?, ?
                where coalesce((select resolution from violation o
                                where o.pipeline_id = ? and o.dataset_id is not distinct from ?
                                  and o.field_name is not distinct from ? and o.rule = ?
                                order by o.raised_at desc, o.id desc limit 1), '') <> 'DPO'
                on conflict (pipeline_id, dataset_id, field_name, rule) where resolved_at is null and reader is null do nothing
                """).params(pipelineId, v.datasetId(), v.field(), v.rule(), v.message(), v.clause(), Timestamp.from(at),
                        pipelineId, v.datasetId(), v.field(), v.rule())
                .update() > 0;
    }

    /** Records a violation another service found; a repeat of an open one counts one more occurrence. */
    void raisedElsewhere(String pipelineId, PipelineRules.Violation v, String by, Instant at) {
        jdbc.sql("""
                insert into violation (pipeline_id, dataset_id, field_name, rule, message, clause, raised_at, raised_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (pipeline_id, dataset_id, field_name, rule) where resolved_at is null and reader is null do update set occurrences = violation.occurrences + 1, message = excluded.message
                """).params(pipelineId, v.datasetId(), v.field(), v.rule(), v.message(), v.clause(), Timestamp.from(at), by)
                .update();
    }

    public List<PipelineSummary> list() {
        return jdbc.sql("select p.id, p.name, p.owner, p.destination_system, p.destination_party, p.legal_basis, " + COUNTRY
                + " as country," + """
                       p.record_mode, p.registered_at, p.registered_by, p.retired_at, p.retired_by, p.retirement_reason,
                       p.retired_for_request,
                       (select count(*) from violation v where v.pipeline_id = p.id and v.resolved_at is null) as open_violations
                from pipeline p order by p.id
                """).query((rs, n) -> new PipelineSummary(rs.getString("id"), rs.getString("name"), rs.getString("owner"),
                        rs.getString("destination_system"), rs.getString("destination_party"), rs.getString("legal_basis"),
                        rs.getString("country"), rs.getString("record_mode"), instant(rs, "registered_at"),
                        rs.getString("registered_by"), rs.getLong("open_violations"), retirement(rs)))
                .list();
    }

    public Optional<PipelineDetail> find(String id) {
        var fields = jdbc.sql("select dataset_id, field_name from pipeline_field where pipeline_id = ? order by 1, 2")
                .param(id).query((rs, n) -> new FieldRead(rs.getString(1), rs.getString(2))).list();
        var purposes = jdbc.sql("select category, purpose from pipeline_purpose where pipeline_id = ? order by 1, 2")
                .param(id).query((rs, n) -> new DeclaredPurpose(rs.getString(1), rs.getString(2))).list();
        var history = jdbc.sql("select at, by, action, detail from pipeline_history where pipeline_id = ? order by at, action")
                .param(id).query((rs, n) -> new PipelineViews.Step(instant(rs, "at"), rs.getString("by"), rs.getString("action"),
                        rs.getString("detail"))).list();
        return jdbc.sql("select p.*, " + COUNTRY + " as country from pipeline p where id = ?").param(id)
                .query((rs, n) -> new PipelineDetail(rs.getString("id"), rs.getString("name"), rs.getString("owner"),
                        rs.getString("destination_system"), rs.getString("destination_party"), rs.getString("legal_basis"),
                        rs.getString("legal_exception_item"),
                        rs.getString("joint_use"), rs.getString("country"), rs.getString("cross_border_basis"),
                        rs.getString("record_mode"), instant(rs, "registered_at"), rs.getString("registered_by"),
                        rs.getString("manifest"), fields, purposes, violations(id, false), retirement(rs), history))
                .optional();
    }

    public List<StoredViolation> violations(String pipelineId, boolean openOnly) {
        return violations(pipelineId, openOnly, null);
    }

    /**
     * The violations as the record stood at {@code asOf} (null: now): raised by then, and open then if {@code openOnly}
     * (a violation resolved later was still open); a resolution after {@code asOf} is not shown.
     */
    public List<StoredViolation> violations(String pipelineId, boolean openOnly, Instant asOf) {
        Timestamp at = asOf == null ? null : Timestamp.from(asOf);
        return jdbc.sql("""
                select id, pipeline_id, dataset_id, field_name, rule, message, clause, raised_at, raised_by, occurrences, reader,
                       case when cast(? as timestamptz) is null or resolved_at <= ? then resolved_at end as resolved_at,
                       case when cast(? as timestamptz) is null or resolved_at <= ? then resolved_by end as resolved_by
                from violation where (cast(? as text) is null or pipeline_id = ?)
                  and (cast(? as timestamptz) is null or raised_at <= ?)
                  and (not ? or resolved_at is null or resolved_at > coalesce(cast(? as timestamptz), 'infinity'))
                order by raised_at desc, id desc limit 10000
                """).params(at, at, at, at, pipelineId, pipelineId, at, at, openOnly, at)
                .query((rs, n) -> new StoredViolation(rs.getLong("id"), rs.getString("pipeline_id"), rs.getString("dataset_id"),
                        rs.getString("field_name"), rs.getString("rule"), rs.getString("message"), rs.getString("clause"),
                        instant(rs, "raised_at"), rs.getString("raised_by"), rs.getLong("occurrences"),
                        instant(rs, "resolved_at"), rs.getString("resolved_by"), rs.getString("reader")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** The ids of the pipelines not retired. */
    List<String> active() {
        return jdbc.sql("select id from pipeline where retired_at is null order by id").query(String.class).list();
    }

    /** The active pipelines whose destination is now in {@code country}. */
    List<String> goingToCountry(String country) {
        return jdbc.sql(jp.daicho.inventory.history.AsOf.NOW.with() + " select id from pipeline_at where country = ? order by id")
                .param(country).query(String.class).list();
    }

    /** The active pipelines going to a party (directly, or to a system it operates for us) or to a system. */
    List<String> goingTo(boolean party, String id) {
        return jdbc.sql(party ? """
                select id from pipeline where retired_at is null and (destination_party = ?
                    or destination_system in (select name from system where contractor = ?)) order by id
                """ : "select id from pipeline where retired_at is null and destination_system = ? order by id")
                .params(party ? new Object[] {id, id} : new Object[] {id}).query(String.class).list();
    }

    /**
     * Resolves the pipeline's open violations the inventory raised that a check of it, whole, no longer finds. The
     * ledger's findings stay. Returns the rules resolved.
     */
    List<String> resolveGone(String pipelineId, List<PipelineRules.Violation> found, String by, Instant at) {
        record Open(long id, String datasetId, String field, String rule) {
        }
        var still = new java.util.HashSet<List<String>>();
        found.forEach(v -> still.add(java.util.Arrays.asList(v.datasetId(), v.field(), v.rule())));
        var gone = jdbc.sql("""
                select id, dataset_id, field_name, rule from violation
                where pipeline_id = ? and resolved_at is null and raised_by = 'inventory'
                """).param(pipelineId)
                .query((rs, n) -> new Open(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list()
                .stream().filter(o -> !still.contains(java.util.Arrays.asList(o.datasetId(), o.field(), o.rule()))).toList();
        for (Open o : gone) {
            jdbc.sql("update violation set resolved_at = ?, resolved_by = ?, resolution = 'CAUSE_GONE' where id = ?")
                    .params(Timestamp.from(at), by, o.id()).update();
        }
        return gone.stream().map(Open::rule).toList();
    }

    boolean resolve(long id, String by) {
        return jdbc.sql("update violation set resolved_at = now(), resolved_by = ?, resolution = 'DPO' where id = ? and resolved_at is null")
                .params(by, id).update() > 0;
    }
}
