package jp.daicho.inventory.ledger;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.vocabulary.Japan;
import jp.daicho.vocabulary.Words;
import jp.daicho.web.Rejected;

/**
 * What the 個人情報管理台帳 cannot observe, recorded by the DPO per dataset (JIS Q 15001 A.3.3.1: acquisition method,
 * number of persons, storage medium and place, use period, retention, disposal method, manager in charge, who has
 * access), with every version kept; and the annual review of the 台帳 (who, when, what had changed since the last).
 * Dataset ids contain dots and may be Japanese: URL-encode them.
 */
@RestController
@RequestMapping("/api/ledger")
class RegisterController {

    /** A review is due a year after the last one (JIS Q 15001: at least once a year). */
    static final java.time.Period REVIEW_INTERVAL = java.time.Period.ofYears(1);

    /** What the DPO records for a dataset; null leaves a line of the 台帳 empty. */
    public record RegisterEntryChange(String acquisitionMethod, Long persons, String storageMedium, String storagePlace,
                              String usePeriod, String retention, String disposalMethod, String manager, List<String> access) {

        public RegisterEntryChange {
            access = access == null ? List.of() : List.copyOf(access);
        }
    }

    /**
     * A dataset's entry: what was recorded ({@code updatedAt} and {@code updatedBy} null until it is), beside what the
     * source's statistics say of its rows ({@code records}, read at {@code recordsReadAt}).
     */
    public record RegisterEntry(String datasetId, RegisterEntryChange recorded, Instant updatedAt, String updatedBy, Long records,
                        Instant recordsReadAt) {
    }

    /** A version of an entry: what it said from {@code validFrom} until {@code validTo} (null: still), and who set it. */
    public record RegisterEntryVersion(RegisterEntryChange recorded, Instant validFrom, Instant validTo, String changedBy) {
    }

    /** The DPO's note on reviewing the 台帳. */
    public record RegisterReviewNote(String note) {
    }

    /** A review: who, when, the note, and what had changed since the review before (as Daichō counted it). */
    public record RegisterReview(long id, Instant reviewedAt, String reviewedBy, String note, List<String> changes) {
    }

    /** Every review, newest first, and when the next is due (Japan's date); overdue also when there was none. */
    public record RegisterReviews(List<RegisterReview> reviews, LocalDate dueBy, boolean overdue) {
    }

    private final JdbcClient jdbc;

    RegisterController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/entries/{dataset}")
    RegisterEntry entry(@PathVariable String dataset) {
        known(dataset);
        var entry = jdbc.sql("select * from register_entry where dataset_id = ?").param(dataset)
                .query((rs, n) -> new RegisterEntry(dataset, change(rs), instant(rs, "updated_at"), rs.getString("updated_by"), null, null))
                .optional().orElse(new RegisterEntry(dataset, new RegisterEntryChange(null, null, null, null, null, null, null, null, null),
                        null, null, null, null));
        return jdbc.sql("select rows, read_at from dataset_rows where dataset_id = ? order by read_at desc limit 1").param(dataset)
                .query((rs, n) -> new RegisterEntry(dataset, entry.recorded(), entry.updatedAt(), entry.updatedBy(),
                        (Long) rs.getObject("rows"), instant(rs, "read_at")))
                .optional().orElse(entry);
    }

    /** Records the entry whole (a field left out is emptied); the version before is kept. */
    @PutMapping("/entries/{dataset}")
    @Transactional
    RegisterEntry record(@PathVariable String dataset, @RequestBody RegisterEntryChange change, Principal who) {
        known(dataset);
        check(change);
        jdbc.sql("""
                insert into register_entry (dataset_id, acquisition_method, persons, storage_medium, storage_place, use_period,
                                            retention, disposal_method, manager, access, updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (dataset_id) do update set acquisition_method = excluded.acquisition_method,
                    persons = excluded.persons, storage_medium = excluded.storage_medium,
                    storage_place = excluded.storage_place, use_period = excluded.use_period, retention = excluded.retention,
                    disposal_method = excluded.disposal_method, manager = excluded.manager, access = excluded.access,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """).params(dataset, blank(change.acquisitionMethod()), change.persons(), blank(change.storageMedium()),
                        blank(change.storagePlace()), blank(change.usePeriod()), blank(change.retention()),
                        blank(change.disposalMethod()), blank(change.manager()),
                        change.access().stream().map(String::strip).toArray(String[]::new), Timestamp.from(Instant.now()),
                        who.getName())
                .update();
        return entry(dataset);
    }

    @GetMapping("/entries/{dataset}/history")
    List<RegisterEntryVersion> history(@PathVariable String dataset) {
        known(dataset);
        return jdbc.sql("select * from register_entry_version where dataset_id = ? order by valid_from").param(dataset)
                .query((rs, n) -> new RegisterEntryVersion(change(rs), instant(rs, "valid_from"), instant(rs, "valid_to"),
                        rs.getString("changed_by"))).list();
    }

    /** Records that the DPO reviewed the 台帳, with what had changed since the review before. */
    @PostMapping("/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    RegisterReview review(@RequestBody(required = false) RegisterReviewNote note, Principal who) {
        String text = note == null || note.note() == null || note.note().isBlank() ? null : note.note().strip();
        if (text != null && text.length() > 2000) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "note（見直しの所見）は2000文字までです。何も記録していません。",
                    "note is longer than 2000 characters; nothing was recorded.");
        }
        Instant since = jdbc.sql("select max(reviewed_at) from register_review").query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(Instant.EPOCH);
        var changes = changesSince(since);
        Instant now = Instant.now();
        long id = jdbc.sql("""
                insert into register_review (reviewed_at, reviewed_by, note, changes) values (?, ?, ?, ?) returning id
                """).params(Timestamp.from(now), who.getName(), text, String.join("\n", changes)).query(Long.class).single();
        return new RegisterReview(id, now, who.getName(), text, changes);
    }

    @GetMapping("/reviews")
    RegisterReviews reviews() {
        var reviews = jdbc.sql("select * from register_review order by reviewed_at desc, id desc limit 100")
                .query((rs, n) -> new RegisterReview(rs.getLong("id"), instant(rs, "reviewed_at"), rs.getString("reviewed_by"),
                        rs.getString("note"), List.of(rs.getString("changes").split("\n")))).list();
        LocalDate due = reviews.isEmpty() ? null
                : LocalDate.ofInstant(reviews.getFirst().reviewedAt(), Japan.ZONE).plus(REVIEW_INTERVAL);
        return new RegisterReviews(reviews, due, due == null || Japan.today().isAfter(due));
    }

    /** What changed in what the 台帳 is made of since {@code since}: one line each, in Japanese with the English. */
    private List<String> changesSince(Instant since) {
        Timestamp at = Timestamp.from(since);
        var lines = new ArrayList<String>();
        line(lines, "新たなデータセット (datasets new)", "select id from dataset where first_seen_at > ? order by id", at);
        line(lines, "削除されたデータセット (datasets dropped)", "select id from dataset where dropped_at > ? order by id", at);
        for (var action : List.of("REGISTERED", "CHANGED", "RETIRED")) {
            line(lines, Map.of("REGISTERED", "登録されたパイプライン (pipelines registered)", "CHANGED",
                    "変更されたパイプライン (pipelines changed)", "RETIRED", "廃止されたパイプライン (pipelines retired)").get(action),
                    "select distinct pipeline_id from pipeline_history where at > ? and action = '" + action + "' order by 1", at);
        }
        line(lines, "変更された提供先・委託先 (parties changed)",
                "select distinct id from party_version where valid_from > ? order by 1", at);
        line(lines, "変更されたシステム (systems changed)",
                "select distinct name from system_version where valid_from > ? order by 1", at);
        line(lines, "記載を更新したデータセット (entries recorded)",
                "select distinct dataset_id from register_entry_version where valid_from > ? order by 1", at);
        line(lines, "人が判断した項目 (fields decided by a person)",
                "select distinct dataset_id || '.' || field_name from classification_history where valid_from > ?"
                        + " and review_state <> 'AUTO' order by 1", at);
        return lines;
    }

    private void line(List<String> lines, String what, String sql, Timestamp since) {
        var ids = jdbc.sql(sql).param(since).query(String.class).list();
        lines.add(what + ": " + ids.size() + (ids.isEmpty() ? "" : " — " + String.join(", ", ids.subList(0, Math.min(20, ids.size())))
                + (ids.size() > 20 ? " …" : "")));
    }

    private void known(String dataset) {
        if (jdbc.sql("select count(*) from dataset where id = ?").param(dataset).query(Integer.class).single() == 0) {
            throw new Rejected(HttpStatus.NOT_FOUND, "データセット '" + dataset + "' は台帳にありません。一覧は GET /api/datasets です。",
                    "No dataset '" + dataset + "'. GET /api/datasets lists the known ids.");
        }
    }

    private static void check(RegisterEntryChange c) {
        var problems = new ArrayList<Words>();
        var texts = new java.util.LinkedHashMap<String, String>();
        texts.put("acquisitionMethod（取得方法）", c.acquisitionMethod());
        texts.put("storageMedium（保管媒体）", c.storageMedium());
        texts.put("storagePlace（保管場所）", c.storagePlace());
        texts.put("usePeriod（利用期間）", c.usePeriod());
        texts.put("retention（保存期間）", c.retention());
        texts.put("disposalMethod（廃棄方法）", c.disposalMethod());
        texts.put("manager（管理責任者）", c.manager());
        texts.forEach((name, value) -> {
            if (value != null && value.length() > 500) {
                problems.add(new Words(name + " が500文字を超えています", name.substring(0, name.indexOf('（'))
                        + " is longer than 500 characters"));
            }
        });
        if (c.persons() != null && c.persons() < 0) {
            problems.add(new Words("persons（本人の数）は0以上の数です", "persons must be 0 or more"));
        }
        if (c.access().size() > 100 || c.access().stream().anyMatch(a -> a == null || a.isBlank() || a.length() > 200)) {
            problems.add(new Words("access（アクセス権者）は部署・役割・人の一覧です: 100件まで、各200文字まで、空の名前なし",
                    "access lists departments, roles or people: at most 100, each of at most 200 characters, none blank"));
        }
        if (!problems.isEmpty()) {
            throw new Rejected(HttpStatus.BAD_REQUEST, new Words("台帳の記載に誤りがあります。何も保存していません。",
                    "The entry is not valid; nothing was stored"), problems, Map.of());
        }
    }

    private static RegisterEntryChange change(ResultSet rs) throws SQLException {
        long persons = rs.getLong("persons");
        return new RegisterEntryChange(rs.getString("acquisition_method"), rs.wasNull() ? null : persons, rs.getString("storage_medium"),
                rs.getString("storage_place"), rs.getString("use_period"), rs.getString("retention"),
                rs.getString("disposal_method"), rs.getString("manager"),
                Arrays.asList((String[]) rs.getArray("access").getArray()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
