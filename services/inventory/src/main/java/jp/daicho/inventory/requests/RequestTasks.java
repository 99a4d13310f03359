package jp.daicho.inventory.requests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.vocabulary.Words;
import jp.daicho.web.Rejected;

/**
 * What a correction (Art. 34) or an erasure or suspension of use (利用停止・消去, Art. 35) asks of each place holding the
 * person's data: one task per system of ours holding it, and one per system or recipient a registered pipeline carried
 * it to — our own downstream systems, contractors (委託先), joint users (共同利用者). The DPO, or an engineer who answers
 * for the system, records each done; the request is answered once all are. Engineers see the tasks of their systems
 * only, and nothing of the person: the task names the datasets and the fields to find them by, not the key.
 */
@Service
public class RequestTasks {

    /** Recipients whose copy the company must have corrected or erased too: they hold it for it, or with it. */
    static final Set<String> DOWNSTREAM = Set.of("INTERNAL", "CONTRACTOR", "JOINT_USER");
    static final int MAX_NOTE = 500;

    /** What is asked of a place. */
    public enum Action {
        CORRECT(new Words("訂正・追加・削除", "Correct, add or delete")),
        ERASE_OR_SUSPEND(new Words("利用停止・消去", "Suspend use or erase"));

        private final Words words;

        Action(Words words) {
            this.words = words;
        }

        public Words words() {
            return words;
        }

        static Action of(RequestKind kind) {
            return switch (kind) {
                case CORRECTION -> CORRECT;
                case SUSPENSION -> ERASE_OR_SUSPEND;
                default -> null;
            };
        }
    }

    /**
     * One place and what to do there.
     *
     * @param targetKind   SYSTEM (a system of the inventory) or PARTY (a recipient with no system of ours named)
     * @param datasets     the captured datasets there holding data of the person's category
     * @param lookupFields {@code dataset/field}: the keys and identifiers to find the person by
     * @param pipelines    for a downstream place, the registered pipelines that carried the data there
     */
    public record Task(String request, int number, SubjectRequest.Described kind, LocalDate dueOn, boolean requestOpen,
                       String targetKind, String target, String targetName, String action, String actionJapanese,
                       String actionEnglish, List<String> datasets, List<String> lookupFields, List<String> pipelines,
                       String status, String doneBy, Instant doneAt, String doneNote) {
    }

    /** Who asks, as the API signed them in. */
    public record Caller(String name, boolean seesAll) {
    }

    /** {@code POST /api/requests/{id}/tasks/{n}/done}. */
    public record Done(String note) {
    }

    private final JdbcClient jdbc;
    private final RequestRegister register;
    private final RequestPlan plans;

    RequestTasks(JdbcClient jdbc, RequestRegister register, RequestPlan plans) {
        this.jdbc = jdbc;
        this.register = register;
        this.plans = plans;
    }

    /**
     * The request's tasks from its plan as it stands: places not yet listed are added (numbered on), those listed stay as
     * they are. For an open correction or erasure/suspension request whose identity is checked.
     */
    @Transactional
    public List<Task> produce(String requestId, String by) {
        SubjectRequest request = register.find(requestId);
        RequestKind kind = RequestKind.valueOf(request.kind().code());
        Action action = Action.of(kind);
        if (action == null) {
            throw new Rejected(HttpStatus.CONFLICT, new Words("作業一覧は訂正等（第34条）と利用停止・消去（第35条）の請求のものです。"
                    + request.kind().japanese() + "の請求には作りません" + (kind == RequestKind.STOP_PROVISION
                    ? "（第三者提供の停止は該当するパイプラインの廃止で行います: POST /api/pipelines/{id}/retire）。" : "。"),
                    "Task lists are for corrections (Art. 34) and erasure or suspension (Art. 35), not for a request for "
                            + request.kind().english() + (kind == RequestKind.STOP_PROVISION
                            ? " (a stop of provision retires the pipelines concerned: POST /api/pipelines/{id}/retire)." : ".")),
                    List.of(), Map.of("request", requestId));
        }
        if (request.status() != SubjectRequest.Status.IDENTITY_CHECKED) {
            throw new Rejected(HttpStatus.CONFLICT, request.status().open()
                    ? new Words("本人確認の前に作業を出すことはできません。先に POST /api/requests/" + requestId + "/identity-check で確認を記録してください。",
                            "No tasks before the identity check: record it first (POST /api/requests/" + requestId + "/identity-check).")
                    : new Words("請求 " + requestId + " は完了しています（" + request.status().japanese() + "）。作業は追加できません。",
                            "Request " + requestId + " is closed (" + request.status().english() + "): no tasks can be added."),
                    List.of(), Map.of("request", requestId));
        }
        var plan = plans.of(requestId, by);
        var places = new LinkedHashMap<String, Place>();
        for (var dataset : plan.datasets()) {
            Place place = places.computeIfAbsent("SYSTEM/" + dataset.system(), k -> new Place("SYSTEM", dataset.system()));
            place.datasets.add(dataset.id());
            dataset.lookupFields().forEach(f -> place.lookupFields.add(dataset.id() + "/" + f));
        }
        for (var flow : plan.flows()) {
            if (!DOWNSTREAM.contains(flow.recipientKind())) {
                continue;
            }
            Place place = flow.destinationSystem() != null
                    ? places.computeIfAbsent("SYSTEM/" + flow.destinationSystem(), k -> new Place("SYSTEM", flow.destinationSystem()))
                    : places.computeIfAbsent("PARTY/" + flow.destinationParty(), k -> new Place("PARTY", flow.destinationParty()));
            place.pipelines.add(flow.pipeline());
        }
        Instant now = Instant.now();
        int added = 0;
        for (Place place : places.values()) {
            added += jdbc.sql("""
                    insert into subject_request_task (request_id, number, target_kind, target, action, datasets, lookup_fields,
                                                      pipelines, created_at, created_by)
                    select ?, coalesce((select max(number) from subject_request_task where request_id = ?), 0) + 1,
                           ?, ?, ?, ?, ?, ?, ?, ?
                    on conflict (request_id, target_kind, target) do nothing
                    """).params(requestId, requestId, place.kind, place.target, action.name(),
                    place.datasets.toArray(String[]::new), place.lookupFields.toArray(String[]::new),
                    place.pipelines.toArray(String[]::new), Timestamp.from(now), by).update();
        }
        register.history(requestId, now, by, "tasks", added + " added, " + places.size() + " in the plan");
        return tasks(requestId, new Caller(by, true), "tasks");
    }

    /** The request's tasks the caller may see: all for the DPO and auditors, their systems' for an engineer. */
    @Transactional
    public List<Task> of(String requestId, Caller caller) {
        register.find(requestId);
        return tasks(requestId, caller, "tasks");
    }

    /** One task; an engineer may read it only if they answer for its system. */
    @Transactional
    public Task one(String requestId, int number, Caller caller) {
        register.find(requestId);
        Task task = select("where t.request_id = ? and t.number = ?", requestId, number).stream().findFirst()
                .orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "請求 " + requestId + " に作業 " + number + " はありません。一覧は GET /api/requests/"
                        + requestId + "/tasks です。", "Request " + requestId + " has no task " + number + "; GET /api/requests/"
                        + requestId + "/tasks lists them."));
        mayAct(task, caller, "読む", "read");
        register.seen(requestId, caller.name(), "task");
        return task;
    }

    /** Open tasks of open requests the caller may see, the most urgent first: an engineer's work list. */
    @Transactional
    public List<Task> open(Caller caller) {
        var tasks = select("""
                where t.status = 'OPEN' and r.status in ('RECEIVED', 'IDENTITY_CHECKED')
                  and (? or (t.target_kind = 'SYSTEM' and ? = any(coalesce(s.engineers, '{}'))))
                """, caller.seesAll(), caller.name());
        tasks.stream().map(Task::request).distinct().forEach(id -> register.seen(id, caller.name(), "tasks"));
        return tasks;
    }

    /** Records a task done: the DPO, or an engineer who answers for its system; the request stays open until answered. */
    @Transactional
    public Task done(String requestId, int number, Done done, Caller caller) {
        Task task = one(requestId, number, caller);
        if (!task.requestOpen()) {
            throw new Rejected(HttpStatus.CONFLICT, "請求 " + requestId + " は完了しています。作業の記録は変更できません。",
                    "Request " + requestId + " is closed: its tasks cannot change.");
        }
        if (task.status().equals("DONE")) {
            throw new Rejected(HttpStatus.CONFLICT, "作業 " + number + " は " + task.doneBy() + " が完了を記録済みです。",
                    "Task " + number + " was recorded done already, by " + task.doneBy() + ".");
        }
        String note = done == null || done.note() == null || done.note().isBlank() ? null : done.note();
        if (note != null && note.length() > MAX_NOTE) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "note が" + MAX_NOTE + "文字を超えています。",
                    "note is longer than " + MAX_NOTE + " characters.");
        }
        Instant now = Instant.now();
        jdbc.sql("update subject_request_task set status = 'DONE', done_by = ?, done_at = ?, done_note = ? where request_id = ? and number = ?")
                .params(caller.name(), Timestamp.from(now), note, requestId, number).update();
        register.history(requestId, now, caller.name(), "task-done", "#" + number + " " + task.targetKind() + " " + task.target());
        return select("where t.request_id = ? and t.number = ?", requestId, number).getFirst();
    }

    private List<Task> tasks(String requestId, Caller caller, String view) {
        var tasks = select("""
                where t.request_id = ? and (? or (t.target_kind = 'SYSTEM' and ? = any(coalesce(s.engineers, '{}'))))
                """, requestId, caller.seesAll(), caller.name());
        register.seen(requestId, caller.name(), view);
        return tasks;
    }

    private void mayAct(Task task, Caller caller, String japanese, String english) {
        if (caller.seesAll()) {
            return;
        }
        boolean theirs = task.targetKind().equals("SYSTEM") && jdbc.sql("select count(*) from system where name = ? and ? = any(engineers)")
                .params(task.target(), caller.name()).query(Integer.class).single() > 0;
        if (!theirs) {
            throw new Rejected(HttpStatus.FORBIDDEN, "作業 " + task.number() + " は" + (task.targetKind().equals("SYSTEM")
                    ? "システム " + task.target() + " のもので、あなたはその担当エンジニアではありません（担当は DPO が PUT /api/systems/"
                    + task.target() + " の engineers で決めます）。" : "提供先 " + task.target() + " のもので、DPO が扱います。") + "この作業を" + japanese + "ことはできません。",
                    "Task " + task.number() + " is " + (task.targetKind().equals("SYSTEM") ? "for system " + task.target()
                    + ", and you are not one of its engineers (the DPO names them: engineers of PUT /api/systems/" + task.target() + ")"
                    : "for recipient " + task.target() + ", which the DPO handles") + "; you may not " + english + " it.");
        }
    }

    /** Tasks with their request's kind and due date, the most urgent request first. */
    private List<Task> select(String where, Object... params) {
        LocalDate today = register.today();
        return jdbc.sql("""
                select t.*, r.kind, r.due_on, r.status as request_status, coalesce(s.name, p.name) as target_name
                from subject_request_task t
                join subject_request r on r.id = t.request_id
                left join system s on t.target_kind = 'SYSTEM' and s.name = t.target
                left join party p on t.target_kind = 'PARTY' and p.id = t.target
                """ + where + """
                 order by r.due_on, t.request_id, t.number
                """).params(params).query((rs, n) -> task(rs, today)).list();
    }

    private static Task task(ResultSet rs, LocalDate today) throws SQLException {
        RequestKind kind = RequestKind.valueOf(rs.getString("kind"));
        Action action = Action.valueOf(rs.getString("action"));
        boolean open = SubjectRequest.Status.valueOf(rs.getString("request_status")).open();
        Timestamp doneAt = rs.getTimestamp("done_at");
        return new Task(rs.getString("request_id"), rs.getInt("number"), SubjectRequest.Described.of(kind),
                rs.getObject("due_on", LocalDate.class), open, rs.getString("target_kind"), rs.getString("target"),
                rs.getString("target_name") == null ? rs.getString("target") : rs.getString("target_name"), action.name(),
                action.words().japanese(), action.words().english(), strings(rs, "datasets"), strings(rs, "lookup_fields"),
                strings(rs, "pipelines"), rs.getString("status"), rs.getString("done_by"),
                doneAt == null ? null : doneAt.toInstant(), rs.getString("done_note"));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
    }

    /** A place the person's data is, while the tasks are worked out. */
    private static final class Place {
        final String kind;
        final String target;
        final Set<String> datasets = new LinkedHashSet<>();
        final Set<String> lookupFields = new LinkedHashSet<>();
        final Set<String> pipelines = new LinkedHashSet<>();

        Place(String kind, String target) {
            this.kind = kind;
            this.target = target;
        }
    }
}
