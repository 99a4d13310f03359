package jp.daicho.inventory.datasets;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import jp.daicho.inventory.datasets.DatasetViews.Classification;
import jp.daicho.inventory.datasets.DatasetViews.DatasetDetail;
import jp.daicho.inventory.datasets.DatasetViews.DatasetSummary;
import jp.daicho.inventory.datasets.DatasetViews.Field;
import jp.daicho.inventory.datasets.DatasetViews.FieldMatch;
import jp.daicho.inventory.datasets.DatasetViews.Review;
import jp.daicho.inventory.datasets.DatasetViews.SchemaVersion;
import jp.daicho.vocabulary.ReviewState;

/** Read side of the inventory. */
@Repository
public class DatasetRepository {

    private final JdbcClient jdbc;

    DatasetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<DatasetSummary> findAll() {
        return jdbc.sql("""
                select d.*,
                       (select count(*) from field f where f.dataset_id = d.id and f.present) as field_count,
                       (select count(*) from field f join field_classification c
                            on c.dataset_id = f.dataset_id and c.field_name = f.name
                         where f.dataset_id = d.id and f.present and c.item <> 'none') as personal_count,
                       (select count(*) from field f join field_classification c
                            on c.dataset_id = f.dataset_id and c.field_name = f.name
                         where f.dataset_id = d.id and f.present and c.sensitive) as sensitive_count,
                       (select count(*) from field f join field_classification c
                            on c.dataset_id = f.dataset_id and c.field_name = f.name
                         where f.dataset_id = d.id and f.present and c.item in (%s)) as identifying_count,
                       dd.kind as declared_kind, dd.linked_to
                from dataset d left join declared_dataset dd on dd.id = d.id order by d.id
                """.formatted(InformationKind.identifyingCodes())).query((rs, n) -> new DatasetSummary(rs.getString("id"),
                        rs.getString("system_name"), rs.getString("database_name"), rs.getString("schema_name"),
                        rs.getString("table_name"), rs.getInt("current_version"), rs.getInt("field_count"),
                        rs.getInt("personal_count"), rs.getInt("sensitive_count"), instant(rs, "first_seen_at"),
                        instant(rs, "last_seen_at"), instant(rs, "dropped_at"), information(rs), rs.getString("declared_kind")))
                .list();
    }

    /** The datasets the inventory knew at {@code asOf}, with their fields' decisions as they stood then. */
    public List<DatasetSummary> findAll(Instant asOf) {
        Timestamp at = Timestamp.from(asOf);
        return jdbc.sql("""
                select d.*, v.version as known_version,
                       (select count(*) from field f where f.dataset_id = d.id and f.since_version <= v.version) as field_count,
                       (select count(*) from classification_history h where h.dataset_id = d.id and h.item <> 'none'
                          and h.valid_from <= ? and (h.valid_to is null or h.valid_to > ?)) as personal_count,
                       (select count(*) from classification_history h where h.dataset_id = d.id and h.sensitive
                          and h.valid_from <= ? and (h.valid_to is null or h.valid_to > ?)) as sensitive_count,
                       (select count(*) from classification_history h where h.dataset_id = d.id and h.item in (%s)
                          and h.valid_from <= ? and (h.valid_to is null or h.valid_to > ?)) as identifying_count,
                       dd.kind as declared_kind, dd.linked_to
                from dataset d
                join lateral (select max(version) as version from dataset_version dv
                              where dv.dataset_id = d.id and dv.observed_at <= ?) v on v.version is not null
                left join declared_dataset dd on dd.id = d.id
                order by d.id
                """.formatted(InformationKind.identifyingCodes())).params(at, at, at, at, at, at, at)
                .query((rs, n) -> new DatasetSummary(rs.getString("id"), rs.getString("system_name"),
                        rs.getString("database_name"), rs.getString("schema_name"), rs.getString("table_name"),
                        rs.getInt("known_version"), rs.getInt("field_count"), rs.getInt("personal_count"),
                        rs.getInt("sensitive_count"), instant(rs, "first_seen_at"), asOf, droppedBy(rs, asOf), information(rs),
                        rs.getString("declared_kind")))
                .list();
    }

    public Optional<DatasetDetail> findById(String id) {
        var versions = jdbc.sql("select * from dataset_version where dataset_id = ? order by version").param(id)
                .query((rs, n) -> new SchemaVersion(rs.getInt("version"), rs.getString("fingerprint"),
                        rs.getInt("column_count"), instant(rs, "observed_at")))
                .list();
        var fields = jdbc.sql("""
                select f.*, c.item, c.subject, c.sensitive, c.confidence, c.evidence, c.sample_count, c.review_state,
                       c.classifier_version, c.classified_at, c.reviewed_by, c.reviewed_at, c.review_reason
                from field f left join field_classification c on c.dataset_id = f.dataset_id and c.field_name = f.name
                where f.dataset_id = ? order by f.present desc, f.position
                """).param(id).query((rs, n) -> new Field(rs.getString("name"), rs.getInt("position"),
                        rs.getString("sql_type"), rs.getBoolean("optional"), rs.getBoolean("primary_key"),
                        rs.getInt("since_version"), rs.getBoolean("present"), classification(rs)))
                .list();
        return jdbc.sql("select d.*, dd.kind as declared_kind, dd.linked_to from dataset d "
                        + "left join declared_dataset dd on dd.id = d.id where d.id = ?").param(id)
                .query((rs, n) -> {
                    var judged = judge(fields, rs.getString("linked_to"));
                    return new DatasetDetail(rs.getString("id"), rs.getString("system_name"),
                            rs.getString("database_name"), rs.getString("schema_name"), rs.getString("table_name"),
                            rs.getString("source_topic"), rs.getInt("current_version"), instant(rs, "first_seen_at"),
                            instant(rs, "last_seen_at"), versions, fields, instant(rs, "dropped_at"), judged.kind().name(),
                            judged.reason(), judged.reasonEnglish(), rs.getString("declared_kind"), rs.getString("linked_to"));
                })
                .optional();
    }

    /**
     * The dataset as the record stood at {@code asOf}: the schema versions observed by then, the fields of
     * the version current then, and each field's decision as it stood then (classification history).
     */
    public Optional<DatasetDetail> findById(String id, Instant asOf) {
        Timestamp at = Timestamp.from(asOf);
        var versions = jdbc.sql("select * from dataset_version where dataset_id = ? and observed_at <= ? order by version")
                .params(id, at).query((rs, n) -> new SchemaVersion(rs.getInt("version"), rs.getString("fingerprint"),
                        rs.getInt("column_count"), instant(rs, "observed_at")))
                .list();
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        int version = versions.getLast().version();
        var fields = jdbc.sql("""
                select f.*, h.item, h.subject, h.sensitive, h.confidence, array[]::text[] as evidence, 0 as sample_count,
                       h.review_state, h.decided_by as classifier_version, h.valid_from as classified_at,
                       h.decided_by as reviewed_by, h.valid_from as reviewed_at, h.reason as review_reason
                from field f
                left join classification_history h on h.dataset_id = f.dataset_id and h.field_name = f.name
                     and h.valid_from <= ? and (h.valid_to is null or h.valid_to > ?)
                where f.dataset_id = ? and f.since_version <= ? order by f.position
                """).params(at, at, id, version).query((rs, n) -> new Field(rs.getString("name"), rs.getInt("position"),
                        rs.getString("sql_type"), rs.getBoolean("optional"), rs.getBoolean("primary_key"),
                        rs.getInt("since_version"), true, classification(rs)))
                .list();
        return jdbc.sql("select d.*, dd.kind as declared_kind, dd.linked_to from dataset d "
                        + "left join declared_dataset dd on dd.id = d.id where d.id = ?").param(id)
                .query((rs, n) -> {
                    var judged = judge(fields, rs.getString("linked_to"));
                    return new DatasetDetail(rs.getString("id"), rs.getString("system_name"),
                            rs.getString("database_name"), rs.getString("schema_name"), rs.getString("table_name"),
                            rs.getString("source_topic"), version, instant(rs, "first_seen_at"),
                            versions.getLast().observedAt(), versions, fields, droppedBy(rs, asOf), judged.kind().name(),
                            judged.reason(), judged.reasonEnglish(), rs.getString("declared_kind"), rs.getString("linked_to"));
                })
                .optional();
    }

    /** Personal information, personally-related information or neither, from the present fields' items and the declared link. */
    private static InformationKind.Judgement judge(List<Field> fields, String linkedTo) {
        return InformationKind.judge(fields.stream().filter(Field::present)
                .map(f -> f.classification() == null ? "none" : f.classification().item()).toList(), linkedTo);
    }

    private static String information(ResultSet rs) throws SQLException {
        return InformationKind.of(rs.getInt("personal_count"), rs.getInt("identifying_count"), rs.getString("linked_to") != null)
                .name();
    }

    /** Present fields whose classification matches every given criterion (null means any). */
    public List<FieldMatch> findFields(String item, String subject, Boolean sensitive, int limit) {
        var where = new ArrayList<String>(List.of("f.present"));
        var params = new ArrayList<Object>();
        if (item != null) {
            where.add("c.item = ?");
            params.add(item);
        }
        if (subject != null) {
            where.add("c.subject = ?");
            params.add(subject);
        }
        if (sensitive != null) {
            where.add("c.sensitive = ?");
            params.add(sensitive);
        }
        params.add(limit);
        return jdbc.sql("""
                select d.id, d.system_name, d.table_name, f.name, c.item, c.subject, c.sensitive, c.confidence, c.review_state
                from field_classification c
                join field f on f.dataset_id = c.dataset_id and f.name = c.field_name
                join dataset d on d.id = f.dataset_id
                where %s order by d.id, f.position limit ?
                """.formatted(String.join(" and ", where))).params(params)
                .query((rs, n) -> new FieldMatch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getDouble(8), rs.getString(9)))
                .list();
    }

    private static Classification classification(ResultSet rs) throws SQLException {
        if (rs.getString("item") == null) {
            return null;
        }
        Array evidence = rs.getArray("evidence");
        return new Classification(rs.getString("item"), rs.getString("subject"), rs.getBoolean("sensitive"),
                rs.getDouble("confidence"), Arrays.asList((String[]) evidence.getArray()), rs.getInt("sample_count"),
                rs.getString("review_state"), rs.getString("classifier_version"), instant(rs, "classified_at"),
                ReviewState.AUTO.code().equals(rs.getString("review_state")) ? null
                        : new Review(rs.getString("reviewed_by"), instant(rs, "reviewed_at"), rs.getString("review_reason")));
    }

    /** When the table was dropped, if it was by {@code asOf}. */
    private static Instant droppedBy(ResultSet rs, Instant asOf) throws SQLException {
        Instant dropped = instant(rs, "dropped_at");
        return dropped != null && !dropped.isAfter(asOf) ? dropped : null;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
