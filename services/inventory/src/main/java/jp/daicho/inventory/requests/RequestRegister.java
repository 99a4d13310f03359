package jp.daicho.inventory.requests;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.inventory.policy.Policy;
import jp.daicho.inventory.policy.PolicyRepository;
import jp.daicho.subjects.KeysProperties;
import jp.daicho.subjects.SubjectVault;
import jp.daicho.vocabulary.Words;
import jp.daicho.web.Rejected;

/**
 * The register of data subjects' requests: received, identity checked, answered (or refused, with grounds) and the
 * person notified, each step with who and when; every view logged. The person is kept findable by the keyed pseudonym
 * the ledger uses and their key and items sealed with the ledger's keys — never in clear.
 */
@Service
public class RequestRegister {

    /** Dates and "today" are Japan's: a request received at 08:00 in Tokyo is received that day. */
    public static final ZoneId JAPAN = jp.daicho.vocabulary.Japan.ZONE;
    static final int MAX_TEXT = 500;
    static final int MAX_NOTE = 2000;
    static final int MAX_ITEMS = 20;

    /** A query of the register. */
    public record Filter(LocalDate from, LocalDate to, RequestKind kind, Boolean open) {

        public static final Filter ALL = new Filter(null, null, null, null);
    }

    /** A request with its history. */
    public record Detail(SubjectRequest request, List<SubjectRequest.Step> history) {
    }

    /** How many requests of a kind were received in a year, and how they ended — what companies publish yearly. */
    public record Count(SubjectRequest.Described kind, int received, int answered, int partlyAnswered, int refused,
                        int withdrawn, int open, int answeredLate) {
    }

    private final JdbcClient jdbc;
    private final PolicyRepository policies;
    private final RequestEvents events;
    private final SubjectVault vault;
    private final Clock clock;
    /** The categories' labels by policy version (a version never changes once loaded). */
    private final Map<String, Map<String, String>> labels = new java.util.concurrent.ConcurrentHashMap<>();

    @Autowired
    RequestRegister(JdbcClient jdbc, PolicyRepository policies, RequestEvents events, KeysProperties keys) {
        this(jdbc, policies, events, keys.configured() ? new SubjectVault(keys) : null, Clock.system(JAPAN));
    }

    RequestRegister(JdbcClient jdbc, PolicyRepository policies, RequestEvents events, SubjectVault vault, Clock clock) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.events = events;
        this.vault = vault;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(JAPAN));
    }

    @Transactional
    public SubjectRequest receive(SubjectRequest.Received r, String by) {
        SubjectVault vault = vault();
        var problems = new ArrayList<Words>();
        RequestKind kind = kind(r.kind(), problems);
        LocalDate today = today();
        if (r.receivedOn() == null) {
            problems.add(new Words("receivedOn（受付日、YYYY-MM-DD）がありません", "receivedOn (the day it was received, YYYY-MM-DD) is missing"));
        } else if (r.receivedOn().isAfter(today)) {
            problems.add(new Words("receivedOn " + r.receivedOn() + " は未来の日付です（今日は " + today + "）",
                    "receivedOn " + r.receivedOn() + " is in the future (today is " + today + ")"));
        }
        PolicyRepository.Version policy = r.receivedOn() == null ? policies.current()
                : policies.inForceOn(r.receivedOn()).orElse(policies.current());
        if (r.category() == null || !policy.policy().categories().containsKey(r.category())) {
            problems.add(new Words("category '" + r.category() + "' は方針（版 " + policy.policy().version() + "）の区分 "
                    + policy.policy().categories().keySet() + " にありません。区分を選ぶか、その区分を方針に加えてください（POST /api/policy）",
                    "category '" + r.category() + "' is not one of the policy's (version " + policy.policy().version() + ") "
                            + policy.policy().categories().keySet() + ": choose one, or add the category to the policy (POST /api/policy)"));
        }
        if (r.channel() == null || !Policy.Requests.CHANNELS.contains(r.channel())) {
            problems.add(new Words("channel（受付方法）は " + Policy.Requests.CHANNELS + " のいずれかです",
                    "channel must be one of " + Policy.Requests.CHANNELS));
        }
        AnswerFormat format = r.answerFormat() == null ? null : oneOf(AnswerFormat.class, r.answerFormat(), "answerFormat", problems);
        person(r.subject(), problems);
        fail(problems);

        Instant now = clock.instant();
        long number = jdbc.sql("select nextval('subject_request_number')").query(Long.class).single();
        String id = "DSR-" + r.receivedOn().getYear() + "-" + String.format("%05d", number);
        LocalDate due = r.receivedOn().plusDays(policy.policy().requests().targetDays());
        Integer fee = kind.feeAllowed() ? policy.policy().requests().feeYen() : null;
        String pseudonym = vault.pseudonym(r.subject().key());
        var sealed = vault.seal(r.subject().key(), r.subject().items() == null ? Map.of() : r.subject().items());
        jdbc.sql("""
                insert into subject_request (id, kind, category, received_on, channel, subject_pseudonym, subject_sealed,
                    subject_key_id, policy_version, due_on, fee_yen, answer_format, status, created_at, created_by,
                    updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?)
                """).params(id, kind.name(), r.category(), r.receivedOn(), r.channel(), pseudonym, sealed.cipher(),
                        sealed.keyId(), policy.policy().version(), due, fee, format == null ? null : format.name(),
                        Timestamp.from(now), by, Timestamp.from(now), by)
                .update();
        history(id, now, by, "received", kind.name() + " / " + r.category() + " / " + r.channel());
        events.requestChanged(id, kind.name(), r.category(), pseudonym, SubjectRequest.Status.RECEIVED.name(), List.of(),
                r.receivedOn(), due, by, now);
        return find(id);
    }

    @Transactional
    public SubjectRequest identityChecked(String id, SubjectRequest.IdentityCheck check, String by) {
        SubjectRequest request = open(id);
        if (check == null || check.method() == null || check.method().isBlank()) {
            fail(List.of(new Words("method（本人確認の方法。例: 運転免許証の提示を受けて確認、写しは保存せず）がありません",
                    "method (how the identity was checked, e.g. a driving licence shown, no copy kept) is missing")));
        }
        if (check.method().length() > MAX_TEXT) {
            fail(List.of(new Words("method が" + MAX_TEXT + "文字を超えています", "method is longer than " + MAX_TEXT + " characters")));
        }
        Instant now = clock.instant();
        jdbc.sql("""
                update subject_request set status = 'IDENTITY_CHECKED', identity_method = ?, identity_checked_by = ?,
                    identity_checked_at = ?, updated_at = ?, updated_by = ? where id = ?
                """).params(check.method(), by, Timestamp.from(now), Timestamp.from(now), by, id).update();
        history(id, now, by, "identity-checked", check.method());
        changed(request, SubjectRequest.Status.IDENTITY_CHECKED, List.of(), by, now);
        return find(id);
    }

    @Transactional
    public SubjectRequest answer(String id, SubjectRequest.Answer answer, String by) {
        SubjectRequest request = open(id);
        RequestKind kind = RequestKind.valueOf(request.kind().code());
        var problems = new ArrayList<Words>();
        if (answer == null || answer.outcome() == null || answer.outcome().open()) {
            fail(List.of(new Words("outcome は ANSWERED、PARTLY_ANSWERED、REFUSED 又は WITHDRAWN です",
                    "outcome must be ANSWERED, PARTLY_ANSWERED, REFUSED or WITHDRAWN")));
        }
        var grounds = new ArrayList<Grounds>();
        for (String g : answer.grounds() == null ? List.<String>of() : answer.grounds()) {
            Grounds ground = oneOf(Grounds.class, g, "grounds", problems);
            if (ground != null && !ground.answers(kind)) {
                problems.add(new Words("理由 " + g + "（" + ground.article().number() + "）は「" + kind.article().japanese() + "」の請求には使えません",
                        "ground " + g + " (" + ground.article().number() + ") does not apply to a request for " + kind.article().english()));
            } else if (ground != null) {
                grounds.add(ground);
            }
        }
        var outcome = answer.outcome();
        boolean refusedUnidentified = outcome == SubjectRequest.Status.REFUSED && grounds.equals(List.of(Grounds.IDENTITY_NOT_CONFIRMED));
        if (outcome != SubjectRequest.Status.WITHDRAWN && request.status() != SubjectRequest.Status.IDENTITY_CHECKED
                && !refusedUnidentified) {
            throw new Rejected(HttpStatus.CONFLICT, new Words("本人確認の記録がない請求には回答できません。先に POST /api/requests/" + id
                    + "/identity-check で確認の方法を記録するか、確認できなかった場合は理由 IDENTITY_NOT_CONFIRMED で REFUSED としてください。",
                    "A request without an identity check cannot be answered: record the check first (POST /api/requests/" + id
                            + "/identity-check), or, if it could not be confirmed, answer REFUSED with the ground IDENTITY_NOT_CONFIRMED."),
                    List.of(), Map.of("request", id));
        }
        if (outcome == SubjectRequest.Status.ANSWERED || outcome == SubjectRequest.Status.PARTLY_ANSWERED) {
            var open = jdbc.sql("select number from subject_request_task where request_id = ? and status = 'OPEN' order by number")
                    .param(id).query(Integer.class).list();
            if (!open.isEmpty()) {
                throw new Rejected(HttpStatus.CONFLICT, new Words("作業 " + open + " が未完了です。各システムでの訂正・消去等の完了を記録してから"
                        + "回答してください（POST /api/requests/" + id + "/tasks/{番号}/done）。",
                        "Tasks " + open + " are still open: record each done where it was carried out (POST /api/requests/" + id
                                + "/tasks/{number}/done), then answer."), List.of(), Map.of("request", id, "openTasks", open));
            }
        }
        if ((outcome == SubjectRequest.Status.REFUSED || outcome == SubjectRequest.Status.PARTLY_ANSWERED) && grounds.isEmpty()
                && problems.isEmpty()) {
            problems.add(new Words("不開示・一部回答には理由（grounds）が必要です（第36条: 理由の説明）: " + Article.names(Grounds.class),
                    "a refusal or partial answer needs its grounds (Art. 36): " + Article.names(Grounds.class)));
        }
        if (outcome == SubjectRequest.Status.ANSWERED && grounds.stream().anyMatch(g -> g != Grounds.NO_SUCH_DATA)) {
            problems.add(new Words("回答（ANSWERED）に付けられる理由は NO_SUCH_DATA（該当データなしの通知）だけです。一部を開示しないなら PARTLY_ANSWERED です",
                    "an ANSWERED request carries no ground but NO_SUCH_DATA; withholding part of it is PARTLY_ANSWERED"));
        }
        LocalDate today = today();
        LocalDate answeredOn = answer.answeredOn() == null ? today : answer.answeredOn();
        date(answeredOn, "answeredOn", request.receivedOn(), today, problems);
        if (outcome != SubjectRequest.Status.WITHDRAWN) {
            if (answer.notifiedOn() == null) {
                problems.add(new Words("notifiedOn（結果をご本人に通知した日）がありません。通知してから記録してください",
                        "notifiedOn (the day the person was told the outcome) is missing: record the answer once they are told"));
            } else {
                date(answer.notifiedOn(), "notifiedOn", request.receivedOn(), today, problems);
            }
        }
        if (answer.note() != null && answer.note().length() > MAX_NOTE) {
            problems.add(new Words("note が" + MAX_NOTE + "文字を超えています", "note is longer than " + MAX_NOTE + " characters"));
        }
        fail(problems);
        Instant now = clock.instant();
        String[] codes = grounds.stream().map(Enum::name).toArray(String[]::new);
        jdbc.sql("""
                update subject_request set status = ?, grounds = ?, outcome_note = ?, answered_on = ?, notified_on = ?,
                    updated_at = ?, updated_by = ? where id = ?
                """).params(outcome.name(), codes, answer.note(), answeredOn, answer.notifiedOn(), Timestamp.from(now), by, id)
                .update();
        history(id, now, by, outcome.name().toLowerCase(java.util.Locale.ROOT), String.join(",", codes));
        changed(request, outcome, List.of(codes), by, now);
        return find(id);
    }

    /** One request and its history; the view is logged. */
    @Transactional
    public Detail detail(String id, String by) {
        SubjectRequest request = find(id);
        viewed(List.of(id), by, "one");
        var history = jdbc.sql("select at, by, action, detail from subject_request_history where request_id = ? order by at, action")
                .param(id).query((rs, n) -> new SubjectRequest.Step(rs.getTimestamp("at").toInstant(), rs.getString("by"),
                        rs.getString("action"), rs.getString("detail"))).list();
        return new Detail(request, history);
    }

    /** Requests, overdue ones first, then by due date; each one listed is logged as seen. */
    @Transactional
    public List<SubjectRequest> list(Filter filter, String by) {
        var found = new ArrayList<SubjectRequest>();
        each(filter, found::add);
        viewed(found.stream().map(SubjectRequest::id).toList(), by, "list");
        return found;
    }

    /** Every request the filter selects, in the register's order, each logged as exported. */
    @Transactional
    public void export(Filter filter, String by, Consumer<SubjectRequest> out) {
        var ids = new ArrayList<String>();
        each(filter, r -> {
            ids.add(r.id());
            out.accept(r);
        });
        viewed(ids, by, "export");
    }

    /** The person's items as the request named them, unsealed for the DPO who answers; the view is logged. */
    @Transactional
    public SubjectRequest.Unsealed subject(String id, String by) {
        var opened = unsealed(id, by, "subject");
        return new SubjectRequest.Unsealed(id, opened.subjectKey(), opened.items());
    }

    /** The person's key alone, unsealed for a use the view names (a lookup); logged like any view. */
    String key(String id, String by, String view) {
        return unsealed(id, by, view).subjectKey();
    }

    private SubjectVault.Opened unsealed(String id, String by, String view) {
        SubjectVault vault = vault();
        find(id);
        var sealed = jdbc.sql("select subject_sealed, subject_key_id from subject_request where id = ?").param(id)
                .query((rs, n) -> new SubjectVault.Sealed(rs.getString(1), rs.getString(2))).single();
        viewed(List.of(id), by, view);
        return vault.unseal(sealed);
    }

    /** Who saw the request, when and how. */
    public List<SubjectRequest.View> views(String id) {
        find(id);
        return jdbc.sql("select viewed_by, viewed_at, view from subject_request_view where request_id = ? order by viewed_at")
                .param(id).query((rs, n) -> new SubjectRequest.View(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getString(3))).list();
    }

    /** The year's figures by kind, for the company's yearly publication. */
    public List<Count> counts(int year) {
        var counts = new ArrayList<Count>();
        LocalDate today = today();
        for (RequestKind kind : RequestKind.values()) {
            counts.add(jdbc.sql("""
                    select count(*) as received,
                           count(*) filter (where status = 'ANSWERED') as answered,
                           count(*) filter (where status = 'PARTLY_ANSWERED') as partly,
                           count(*) filter (where status = 'REFUSED') as refused,
                           count(*) filter (where status = 'WITHDRAWN') as withdrawn,
                           count(*) filter (where status in ('RECEIVED', 'IDENTITY_CHECKED')) as open,
                           count(*) filter (where coalesce(answered_on, case when status in ('RECEIVED', 'IDENTITY_CHECKED')
                               then ? end) > due_on) as late
                    from subject_request where kind = ? and extract(year from received_on) = ?
                    """).params(today, kind.name(), year).query((rs, n) -> new Count(SubjectRequest.Described.of(kind),
                    rs.getInt("received"), rs.getInt("answered"), rs.getInt("partly"), rs.getInt("refused"),
                    rs.getInt("withdrawn"), rs.getInt("open"), rs.getInt("late"))).single());
        }
        return counts;
    }

    /** The request, or 404 saying where the register is. */
    public SubjectRequest find(String id) {
        return jdbc.sql("select * from subject_request where id = ?").param(id).query(this::request).optional()
                .orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "請求 '" + id + "' は登録されていません。一覧は GET /api/requests です。",
                        "No request '" + id + "'. GET /api/requests lists them."));
    }

    private SubjectRequest open(String id) {
        SubjectRequest request = find(id);
        if (!request.status().open()) {
            throw new Rejected(HttpStatus.CONFLICT, "請求 " + id + " は完了しています（" + request.status().japanese()
                    + "）。記録は変更できません。新たな請求として登録してください。",
                    "Request " + id + " is closed (" + request.status().english() + "): its record cannot change; "
                            + "register a new request.");
        }
        return request;
    }

    private void each(Filter f, Consumer<SubjectRequest> out) {
        LocalDate today = today();
        jdbc.sql("""
                select * from subject_request
                where (cast(? as date) is null or received_on >= ?) and (cast(? as date) is null or received_on <= ?)
                  and (cast(? as text) is null or kind = ?)
                  and (cast(? as boolean) is null or (status in ('RECEIVED', 'IDENTITY_CHECKED')) = ?)
                order by (status in ('RECEIVED', 'IDENTITY_CHECKED') and due_on < ?) desc,
                         (status in ('RECEIVED', 'IDENTITY_CHECKED')) desc, due_on, received_on, id
                """).params(f.from(), f.from(), f.to(), f.to(), f.kind() == null ? null : f.kind().name(),
                        f.kind() == null ? null : f.kind().name(), f.open(), f.open(), today)
                .query((ResultSet rs) -> {
                    out.accept(request(rs, 0));
                });
    }

    private SubjectRequest request(ResultSet rs, int n) throws SQLException {
        RequestKind kind = RequestKind.valueOf(rs.getString("kind"));
        var status = SubjectRequest.Status.valueOf(rs.getString("status"));
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        String category = rs.getString("category");
        String label = labels.computeIfAbsent(rs.getString("policy_version"), version -> policies.version(version)
                .map(v -> v.policy().categories().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().label()))).orElse(Map.of())).getOrDefault(category, category);
        Timestamp checkedAt = rs.getTimestamp("identity_checked_at");
        var identity = checkedAt == null ? null : new SubjectRequest.Identity(rs.getString("identity_method"),
                rs.getString("identity_checked_by"), checkedAt.toInstant());
        Array grounds = rs.getArray("grounds");
        return new SubjectRequest(rs.getString("id"), SubjectRequest.Described.of(kind), category, label,
                rs.getObject("received_on", LocalDate.class), rs.getString("channel"), due,
                status.open() && today().isAfter(due), (Integer) rs.getObject("fee_yen"), rs.getString("answer_format"),
                status, identity, Arrays.stream((String[]) grounds.getArray()).map(g -> SubjectRequest.Described.of(Grounds.valueOf(g)))
                        .toList(), rs.getString("outcome_note"), rs.getObject("answered_on", LocalDate.class),
                rs.getObject("notified_on", LocalDate.class), rs.getString("policy_version"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }

    private void changed(SubjectRequest request, SubjectRequest.Status status, List<String> grounds, String by, Instant at) {
        String pseudonym = jdbc.sql("select subject_pseudonym from subject_request where id = ?").param(request.id())
                .query(String.class).single();
        events.requestChanged(request.id(), request.kind().code(), request.category(), pseudonym, status.name(), grounds,
                request.receivedOn(), request.dueOn(), by, at);
    }

    void history(String id, Instant at, String by, String action, String detail) {
        jdbc.sql("insert into subject_request_history (request_id, at, by, action, detail) values (?, ?, ?, ?, ?)")
                .params(id, Timestamp.from(at), by, action, detail).update();
    }

    /** Logs a view of the request made elsewhere (its plan). */
    void seen(String id, String by, String view) {
        viewed(List.of(id), by, view);
    }

    /** One row per request seen, in one statement however many a list or an export shows. */
    private void viewed(List<String> ids, String by, String view) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("insert into subject_request_view (request_id, viewed_by, viewed_at, view) select unnest(?), ?, ?, ?")
                .params(ids.toArray(String[]::new), by, Timestamp.from(clock.instant()), view).update();
    }

    private SubjectVault vault() {
        if (vault == null) {
            throw new Rejected(HttpStatus.SERVICE_UNAVAILABLE, "請求の登録簿には台帳と同じ鍵が必要です。在庫サービスに "
                    + "DAICHO_LEDGER_PSEUDONYM_KEY と DAICHO_LEDGER_ENCRYPTION_KEY（台帳と同じ値）を設定してください（docs/requests.md）。",
                    "The request register needs the ledger's keys: give the inventory DAICHO_LEDGER_PSEUDONYM_KEY and "
                            + "DAICHO_LEDGER_ENCRYPTION_KEY, the ledger's values (docs/requests.md).");
        }
        return vault;
    }

    private static RequestKind kind(String kind, List<Words> problems) {
        return oneOf(RequestKind.class, kind, "kind", problems);
    }

    private static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field, List<Words> problems) {
        try {
            return Enum.valueOf(type, value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            var allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            problems.add(new Words(field + " '" + value + "' は " + allowed + " のいずれでもありません",
                    field + " '" + value + "' is not one of " + allowed));
            return null;
        }
    }

    private static void person(SubjectRequest.Person p, List<Words> problems) {
        if (p == null || p.key() == null || p.key().isBlank()) {
            problems.add(new Words("subject.key（会員番号、メールアドレス、社員番号など、ご本人を社内で特定する値）がありません",
                    "subject.key (how the company's systems know the person: member number, e-mail address, employee number) is missing"));
            return;
        }
        if (p.key().length() > MAX_TEXT) {
            problems.add(new Words("subject.key が" + MAX_TEXT + "文字を超えています", "subject.key is longer than " + MAX_TEXT + " characters"));
        }
        if (p.items() != null && (p.items().size() > MAX_ITEMS
                || p.items().values().stream().anyMatch(v -> v == null || v.length() > MAX_TEXT))) {
            problems.add(new Words("subject.items は" + MAX_ITEMS + "項目まで、各" + MAX_TEXT + "文字までの値です",
                    "subject.items holds at most " + MAX_ITEMS + " items of at most " + MAX_TEXT + " characters each"));
        }
    }

    private static void date(LocalDate day, String field, LocalDate receivedOn, LocalDate today, List<Words> problems) {
        if (day.isBefore(receivedOn) || day.isAfter(today)) {
            problems.add(new Words(field + " " + day + " は受付日 " + receivedOn + " から今日 " + today + " までの日付です",
                    field + " " + day + " must fall between the day received, " + receivedOn + ", and today, " + today));
        }
    }

    private static void fail(List<Words> problems) {
        if (!problems.isEmpty()) {
            throw new Rejected(HttpStatus.BAD_REQUEST, new Words("請求の内容に誤りがあります。何も記録していません。",
                    "The request is not valid; nothing was recorded"), problems, Map.of());
        }
    }

    /** How the person asked to receive a disclosure (Art. 33(1): electronic records, paper, or as the company sets). */
    enum AnswerFormat {
        ELECTRONIC, PAPER, AS_THE_COMPANY_SPECIFIES
    }
}
