package jp.daicho.inventory.pipelines;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.inventory.policy.PolicyRepository;
import jp.daicho.vocabulary.Words;
import jp.daicho.web.Rejected;

/**
 * Validates a pipeline manifest against the policy in force and the inventory, and registers it: stored
 * and published as {@code PipelineRegistered} in one transaction (nothing half-written if either fails).
 */
@Service
public class RegisterPipeline {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RegisterPipeline.class);

    /** The outcome of a validation: the violations, each with its clause; valid when there are none. */
    public record Validation(boolean valid, String pipelineId, String policyVersion, List<PipelineRules.Violation> violations) {
    }

    /** A validation, and the destination and fields it was checked against. */
    private record Checked(Validation validation, PipelineRules.Destination destination, List<PipelineRules.FieldFact> fields) {
    }

    private final PipelineRepository pipelines;
    private final PolicyRepository policies;
    private final PipelineEvents events;

    RegisterPipeline(PipelineRepository pipelines, PolicyRepository policies, PipelineEvents events) {
        this.pipelines = pipelines;
        this.policies = policies;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Validation validate(String yaml, String file) {
        return validate(PipelineManifest.read(yaml, file));
    }

    Validation validate(PipelineManifest m) {
        return check(m).validation();
    }

    private Checked check(PipelineManifest m) {
        var policy = policies.current().policy();
        var problems = new ArrayList<Words>();
        var fields = pipelines.fields(m, problems);
        var destination = pipelines.destination(m);
        if (destination.isEmpty()) {
            problems.add(m.destinationSystem() != null
                    ? new Words("送り先のシステム '" + m.destinationSystem() + "' は台帳にありません（先に POST /api/systems）",
                            "destination system '" + m.destinationSystem() + "' is not in the inventory (POST /api/systems first)")
                    : new Words("送り先 '" + m.destinationParty() + "' は台帳にありません（先に POST /api/parties）",
                            "destination party '" + m.destinationParty() + "' is not in the inventory (POST /api/parties first)"));
        }
        if (!problems.isEmpty()) {
            throw new Rejected(HttpStatus.UNPROCESSABLE_CONTENT, new Words("マニフェストが台帳にないものを指しています。何も登録していません。",
                    "The manifest names what the inventory does not know; nothing was registered"),
                    problems, Map.of());
        }
        var violations = PipelineRules.check(m, policy, fields, destination.get());
        return new Checked(new Validation(violations.isEmpty(), m.id(), policy.version(), violations), destination.get(), fields);
    }

    @Transactional
    public Validation register(String yaml, String file, String by) {
        var m = PipelineManifest.read(yaml, file);
        if (pipelines.exists(m.id())) {
            throw new Rejected(HttpStatus.CONFLICT, "パイプライン '" + m.id() + "' はすでに登録されています。変更は PUT /api/pipelines/"
                    + m.id() + " です（履歴に残ります）。", "Pipeline '" + m.id() + "' is registered already: PUT /api/pipelines/"
                    + m.id() + " changes it (the change is kept in its history).");
        }
        var checked = checkedValid(m);
        Instant now = Instant.now();
        pipelines.insert(m, by, now);
        published(m, checked, by, now);
        return checked.validation();
    }

    /**
     * Changes a registered pipeline to a new manifest of the same id, checked as a registration is: its fields, purposes,
     * destination and basis are replaced, the change is kept in its history, and {@code PipelineRegistered} is published
     * again so that the ledger records its occurrences under the new terms. A retired pipeline cannot change.
     */
    @Transactional
    public Validation change(String id, String yaml, String file, String by) {
        var m = PipelineManifest.read(yaml, file);
        if (!id.equals(m.id())) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "マニフェストの id '" + m.id() + "' がパスの '" + id + "' と違います。何も変更していません。",
                    "The manifest's id '" + m.id() + "' is not the path's '" + id + "'; nothing changed.");
        }
        var current = pipelines.find(id).orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "パイプライン '" + id
                + "' はありません。登録は POST /api/pipelines です。", "No pipeline '" + id + "': POST /api/pipelines registers one."));
        if (current.retired() != null) {
            throw new Rejected(HttpStatus.CONFLICT, "パイプライン '" + id + "' は廃止されています（" + current.retired().reason()
                    + "）。変更はできません。再開するなら新しい id で登録してください。", "Pipeline '" + id + "' is retired ("
                    + current.retired().reason() + ") and cannot change; register it under a new id to start it again.");
        }
        var checked = checkedValid(m);
        Instant now = Instant.now();
        pipelines.change(m, by, now);
        published(m, checked, by, now);
        return checked.validation();
    }

    /**
     * A party or system changed: each active pipeline going there is announced again ({@code PipelineRegistered}) with
     * the recipient and country as they now are, so that the ledger's records of its next occurrences name the recipient
     * as it then is (Art. 29 records the recipient's name, address and representative). A pipeline whose manifest no
     * longer matches the inventory keeps its earlier announcement; its check raises what is wrong.
     */
    @org.springframework.context.event.EventListener
    public void onReferenceChanged(jp.daicho.inventory.parties.ReferenceChanged change) {
        String by = "daicho (" + (change.party() ? "party " : "system ") + change.id() + " changed)";
        for (String id : pipelines.goingTo(change.party(), change.id())) {
            var m = PipelineManifest.read(pipelines.manifest(id).orElseThrow(), "pipeline " + id);
            try {
                published(m, check(m), by, Instant.now());
            } catch (Rejected notMatching) {
                log.warn("Pipeline {} not announced again after {}: {}", id, by, notMatching.getMessage());
            }
        }
    }

    private void published(PipelineManifest m, Checked checked, String by, Instant now) {
        var fields = m.sources().stream().flatMap(s -> s.fields().stream().map(f -> s.dataset() + "/" + f)).toList();
        var items = checked.fields().stream().map(PipelineRules.FieldFact::item).filter(i -> !"none".equals(i)).distinct().toList();
        events.registered(m, fields, items, pipelines.recipient(m), checked.destination().country(),
                checked.validation().policyVersion(), by, now);
    }

    /** The manifest checked, or 422 with its violations. */
    private Checked checkedValid(PipelineManifest m) {
        var checked = check(m);
        var validation = checked.validation();
        if (!validation.valid()) {
            var details = new LinkedHashMap<String, Object>();
            details.put("violations", validation.violations());
            details.put("policyVersion", validation.policyVersion());
            throw new Rejected(HttpStatus.UNPROCESSABLE_CONTENT, new Words("このパイプラインはプライバシーポリシー又は法令に反します。何も登録していません。",
                    "The pipeline breaks the policy or the law; nothing was registered"),
                    validation.violations().stream().map(v -> {
                        var rule = jp.daicho.vocabulary.Rule.byId(v.rule());
                        String ja = rule.map(r -> r.words().japanese() + "〔" + r.clauses().japanese() + "〕").orElse(v.message());
                        return new Words(ja, v.message() + " [" + v.clause() + "]");
                    }).toList(), details);
        }
        return checked;
    }

    /** Retires a registered pipeline, with the reason and the data subject's request behind it (optional). */
    @Transactional
    public void retire(String id, PipelineViews.Retire retire, String by) {
        if (!pipelines.exists(id)) {
            throw new Rejected(HttpStatus.NOT_FOUND, "パイプライン '" + id
                    + "' はありません。一覧は GET /api/pipelines です。", "No pipeline '" + id + "'. GET /api/pipelines lists them.");
        }
        var problems = new ArrayList<Words>();
        if (retire == null || retire.reason() == null || retire.reason().isBlank()) {
            problems.add(new Words("reason（廃止の理由。例: 第三者提供の停止の請求に応じたため）がありません",
                    "reason (why it is retired, e.g. a request to stop provision was granted) is missing"));
        } else if (retire.reason().length() > 500) {
            problems.add(new Words("reason が500文字を超えています", "reason is longer than 500 characters"));
        }
        String request = retire == null || retire.request() == null || retire.request().isBlank() ? null : retire.request();
        if (request != null && !pipelines.requestExists(request)) {
            problems.add(new Words("request '" + request + "' は開示等の請求の登録簿にありません（GET /api/requests）",
                    "request '" + request + "' is not in the register of requests (GET /api/requests)"));
        }
        if (!problems.isEmpty()) {
            throw new Rejected(HttpStatus.BAD_REQUEST, new Words(
                    "廃止の内容に誤りがあります。何も変更していません。", "The retirement is not valid; nothing changed"), problems,
                    Map.of());
        }
        var now = Instant.now();
        if (!pipelines.retire(id, retire.reason(), request, by, now)) {
            throw new Rejected(HttpStatus.CONFLICT, "パイプライン '" + id
                    + "' はすでに廃止されています。", "Pipeline '" + id + "' is retired already.");
        }
        events.retired(id, retire.reason(), request, by, now);
    }
}
