package jp.daicho.client;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import jp.daicho.client.Inventory.Answer;
import jp.daicho.client.Inventory.CountryRegime;
import jp.daicho.client.Inventory.CrossBorderFlow;
import jp.daicho.client.Inventory.Finding;
import jp.daicho.client.Inventory.MeasureRecord;
import jp.daicho.client.Inventory.IdentityCheck;
import jp.daicho.client.Inventory.Declared;
import jp.daicho.client.Inventory.IncidentChange;
import jp.daicho.client.Inventory.IncidentReport;
import jp.daicho.client.Inventory.IncidentSummary;
import jp.daicho.client.Inventory.ReaderAcceptance;
import jp.daicho.client.Inventory.ReaderView;
import jp.daicho.client.Inventory.Plan;
import jp.daicho.client.Inventory.Received;
import jp.daicho.client.Inventory.RegisterEntry;
import jp.daicho.client.Inventory.RegisterEntryChange;
import jp.daicho.client.Inventory.RegisterReview;
import jp.daicho.client.Inventory.RegisterReviewNote;
import jp.daicho.client.Inventory.RegisterReviews;
import jp.daicho.client.Inventory.RequestDetail;
import jp.daicho.client.Inventory.SubjectRequest;
import jp.daicho.client.Inventory.DatasetDetail;
import jp.daicho.client.Inventory.DatasetSummary;
import jp.daicho.client.Inventory.Entrustment;
import jp.daicho.client.Inventory.FieldMatch;
import jp.daicho.client.Inventory.Flows;
import jp.daicho.client.Inventory.LoadedVersion;
import jp.daicho.client.Inventory.Lookup;
import jp.daicho.client.Inventory.Party;
import jp.daicho.client.Inventory.PipelineDetail;
import jp.daicho.client.Inventory.PipelineSummary;
import jp.daicho.client.Inventory.Policy;
import jp.daicho.client.Inventory.QueuedField;
import jp.daicho.client.Inventory.ReviewRequest;
import jp.daicho.client.Inventory.Reviewed;
import jp.daicho.client.Inventory.Status;
import jp.daicho.client.Inventory.StoredViolation;
import jp.daicho.client.Inventory.SystemRecord;
import jp.daicho.client.Inventory.Task;
import jp.daicho.client.Inventory.Unsealed;
import jp.daicho.client.Inventory.Validation;
import jp.daicho.client.Inventory.VersionSummary;
import jp.daicho.client.Inventory.Violation;

/** The inventory's REST API, typed: each endpoint once, with the record it answers. */
public final class InventoryClient extends ServiceClient {

    public static final Endpoint<Status> STATUS = Endpoint.get("/api/status", Status.class);
    public static final Endpoint<List<DatasetSummary>> DATASETS = Endpoint.getList("/api/datasets", DatasetSummary.class);
    public static final Endpoint<DatasetDetail> DATASET = Endpoint.get("/api/datasets/{id}", DatasetDetail.class);
    public static final Endpoint<List<FieldMatch>> FIELDS = Endpoint.getList("/api/fields", FieldMatch.class);
    public static final Endpoint<List<QueuedField>> REVIEW_QUEUE = Endpoint.getList("/api/review-queue", QueuedField.class);
    public static final Endpoint<Reviewed> REVIEW = Endpoint.post("/api/datasets/{id}/fields/{field}/review", Reviewed.class);
    public static final Endpoint<List<SystemRecord>> SYSTEMS = Endpoint.getList("/api/systems", SystemRecord.class);
    public static final Endpoint<SystemRecord> ADD_SYSTEM = Endpoint.post("/api/systems", SystemRecord.class);
    public static final Endpoint<List<Party>> PARTIES = Endpoint.getList("/api/parties", Party.class);
    public static final Endpoint<Party> ADD_PARTY = Endpoint.post("/api/parties", Party.class);
    public static final Endpoint<List<PipelineSummary>> PIPELINES = Endpoint.getList("/api/pipelines", PipelineSummary.class);
    public static final Endpoint<PipelineDetail> PIPELINE = Endpoint.get("/api/pipelines/{id}", PipelineDetail.class);
    public static final Endpoint<Validation> VALIDATE = Endpoint.post("/api/pipelines/validate", Validation.class);
    public static final Endpoint<Validation> REGISTER = Endpoint.post("/api/pipelines", Validation.class);
    public static final Endpoint<List<StoredViolation>> VIOLATIONS = Endpoint.getList("/api/violations", StoredViolation.class);
    public static final Endpoint<Flows> FLOWS = Endpoint.get("/api/flows", Flows.class);
    public static final Endpoint<List<CrossBorderFlow>> CROSS_BORDER = Endpoint.getList("/api/flows/cross-border", CrossBorderFlow.class);
    public static final Endpoint<List<Entrustment>> ENTRUSTMENTS = Endpoint.getList("/api/entrustments", Entrustment.class);
    public static final Endpoint<Policy> POLICY = Endpoint.get("/api/policy", Policy.class);
    public static final Endpoint<List<VersionSummary>> POLICY_VERSIONS = Endpoint.getList("/api/policy/versions", VersionSummary.class);
    public static final Endpoint<LoadedVersion> POLICY_VERSION = Endpoint.get("/api/policy/versions/{version}", LoadedVersion.class);
    public static final Endpoint<PipelineDetail> RETIRE = Endpoint.post("/api/pipelines/{id}/retire", PipelineDetail.class);
    public static final Endpoint<List<SubjectRequest>> REQUESTS = Endpoint.getList("/api/requests", SubjectRequest.class);
    public static final Endpoint<RequestDetail> REQUEST = Endpoint.get("/api/requests/{id}", RequestDetail.class);
    public static final Endpoint<Plan> REQUEST_PLAN = Endpoint.get("/api/requests/{id}/plan", Plan.class);
    public static final Endpoint<SubjectRequest> RECEIVE = Endpoint.post("/api/requests", SubjectRequest.class);
    public static final Endpoint<SubjectRequest> IDENTITY_CHECK = Endpoint.post("/api/requests/{id}/identity-check",
            SubjectRequest.class);
    public static final Endpoint<SubjectRequest> ANSWER = Endpoint.post("/api/requests/{id}/answer", SubjectRequest.class);
    public static final Endpoint<List<Task>> PRODUCE_TASKS = Endpoint.postList("/api/requests/{id}/tasks", Task.class);
    public static final Endpoint<List<Task>> REQUEST_TASKS = Endpoint.getList("/api/requests/{id}/tasks", Task.class);
    public static final Endpoint<Task> TASK_DONE = Endpoint.post("/api/requests/{id}/tasks/{number}/done", Task.class);
    public static final Endpoint<List<Task>> OPEN_TASKS = Endpoint.getList("/api/tasks", Task.class);
    public static final Endpoint<SubjectRequest> PERMIT_LOOKUP = Endpoint.post("/api/requests/{id}/lookup/permit",
            SubjectRequest.class);
    public static final Endpoint<Lookup> LOOKUP = Endpoint.post("/api/requests/{id}/lookup", Lookup.class);
    public static final Endpoint<Validation> CHANGE = Endpoint.put("/api/pipelines/{id}", Validation.class);
    public static final Endpoint<Unsealed> SUBJECT = Endpoint.get("/api/requests/{id}/subject", Unsealed.class);
    public static final Endpoint<RegisterEntry> LEDGER_ENTRY = Endpoint.get("/api/ledger/entries/{dataset}", RegisterEntry.class);
    public static final Endpoint<RegisterEntry> RECORD_LEDGER_ENTRY = Endpoint.put("/api/ledger/entries/{dataset}",
            RegisterEntry.class);
    public static final Endpoint<RegisterReviews> LEDGER_REVIEWS = Endpoint.get("/api/ledger/reviews", RegisterReviews.class);
    public static final Endpoint<RegisterReview> REVIEW_LEDGER = Endpoint.post("/api/ledger/reviews", RegisterReview.class);
    public static final Endpoint<List<CountryRegime>> COUNTRY_REGIMES = Endpoint.getList("/api/country-regimes", CountryRegime.class);
    public static final Endpoint<List<MeasureRecord>> SECURITY_MEASURES = Endpoint.getList("/api/security-measures",
            MeasureRecord.class);
    public static final Endpoint<List<Finding>> SAFEGUARD_FINDINGS = Endpoint.getList("/api/safeguards/findings", Finding.class);
    public static final Endpoint<List<IncidentSummary>> INCIDENTS = Endpoint.getList("/api/incidents", IncidentSummary.class);
    public static final Endpoint<IncidentReport> INCIDENT = Endpoint.get("/api/incidents/{id}", IncidentReport.class);
    public static final Endpoint<IncidentReport> RECORD_INCIDENT = Endpoint.post("/api/incidents", IncidentReport.class);
    public static final Endpoint<IncidentReport> CHANGE_INCIDENT = Endpoint.put("/api/incidents/{id}", IncidentReport.class);
    public static final Endpoint<List<Declared>> DECLARED_DATASETS = Endpoint.getList("/api/declared-datasets", Declared.class);
    public static final Endpoint<DatasetDetail> DECLARE_DATASET = Endpoint.post("/api/declared-datasets", DatasetDetail.class);
    public static final Endpoint<List<ReaderView>> READERS = Endpoint.getList("/api/readers", ReaderView.class);
    public static final Endpoint<ReaderView> ACCEPT_READER = Endpoint.post("/api/readers/accept", ReaderView.class);
    public static final Endpoint<List<ReaderView>> WITHDRAW_READER = Endpoint.postList("/api/readers/withdraw", ReaderView.class);
    /** An incident's report as a file, its fields in Japanese: csv or json. */
    public static final Endpoint<Void> INCIDENT_REPORT = Endpoint.get("/api/incidents/{id}/report", Void.class);
    /** The personal-information ledger (個人情報管理台帳), streamed: csv, json or xlsx. */
    public static final Endpoint<Void> INFORMATION_LEDGER = Endpoint.get("/api/ledger", Void.class)
            .within(java.time.Duration.ofHours(1));

    /**
     * Every endpoint this client calls with a JSON answer, for the contract test that holds them to the inventory's OpenAPI
     * description (the streamed {@link #INFORMATION_LEDGER} file has no JSON schema to hold it to).
     */
    public static final List<Endpoint<?>> ENDPOINTS = List.of(STATUS, DATASETS, DATASET, FIELDS, REVIEW_QUEUE, REVIEW, SYSTEMS,
            ADD_SYSTEM, PARTIES, ADD_PARTY, PIPELINES, PIPELINE, VALIDATE, REGISTER, VIOLATIONS, FLOWS, CROSS_BORDER,
            ENTRUSTMENTS, POLICY, POLICY_VERSIONS, POLICY_VERSION, RETIRE, REQUESTS, REQUEST, REQUEST_PLAN, RECEIVE, IDENTITY_CHECK,
            ANSWER, PRODUCE_TASKS, REQUEST_TASKS, TASK_DONE, OPEN_TASKS, PERMIT_LOOKUP, LOOKUP, CHANGE, SUBJECT, LEDGER_ENTRY,
            RECORD_LEDGER_ENTRY, LEDGER_REVIEWS, REVIEW_LEDGER, COUNTRY_REGIMES, SECURITY_MEASURES, SAFEGUARD_FINDINGS, INCIDENTS,
            INCIDENT, RECORD_INCIDENT, CHANGE_INCIDENT, READERS, ACCEPT_READER, WITHDRAW_READER, DECLARED_DATASETS, DECLARE_DATASET);

    private static final String YAML = "application/yaml; charset=UTF-8";

    public InventoryClient(String baseUrl, Supplier<String> authorization) {
        this(baseUrl, authorization, null);
    }

    /** @param language the language refusals are worded in, asked per call (null: English) */
    public InventoryClient(String baseUrl, Supplier<String> authorization, Supplier<java.util.Locale> language) {
        super("the inventory", baseUrl, authorization, language);
    }

    public Status status() {
        return api.get(STATUS, Query.of());
    }

    public List<DatasetSummary> datasets() {
        return api.get(DATASETS, Query.of());
    }

    /** A dataset now, or as it was at the end of {@code asOf} in Japan (null: now). */
    public DatasetDetail dataset(String id, LocalDate asOf) {
        return api.get(DATASET, Query.of().with("asOf", asOf), id);
    }

    /** Personal fields by item, subject or sensitivity (each optional). */
    public List<FieldMatch> fields(String item, String subject, Boolean sensitive, Integer limit) {
        return api.get(FIELDS, Query.of().with("item", item).with("subject", subject).with("sensitive", sensitive)
                .with("limit", limit));
    }

    public List<QueuedField> reviewQueue(int limit) {
        return api.get(REVIEW_QUEUE, Query.of().with("limit", limit));
    }

    public Reviewed review(String datasetId, String field, ReviewRequest review) {
        return api.send(REVIEW, review, null, datasetId, field);
    }

    public List<SystemRecord> systems() {
        return api.get(SYSTEMS, Query.of());
    }

    public SystemRecord addSystem(SystemRecord system) {
        return api.send(ADD_SYSTEM, system, null);
    }

    public List<Party> parties() {
        return parties(null);
    }

    /** The parties as they stood at the end of {@code asOf} in Japan (null: now). */
    public List<Party> parties(LocalDate asOf) {
        return api.get(PARTIES, Query.of().with("asOf", asOf));
    }

    public Party addParty(Party party) {
        return api.send(ADD_PARTY, party, null);
    }

    public List<PipelineSummary> pipelines() {
        return api.get(PIPELINES, Query.of());
    }

    public PipelineDetail pipeline(String id) {
        return api.get(PIPELINE, Query.of(), id);
    }

    /** Checks a manifest (YAML) against the policy and the law without registering it. */
    public Validation validate(String manifest) {
        return api.send(VALIDATE, manifest, YAML);
    }

    /**
     * Registers a manifest (YAML): valid and registered, or not registered with the violations found (the
     * inventory's 422). Other refusals (a manifest it cannot read, a taken id) are {@link ApiRefused}.
     */
    public Validation register(String manifest) {
        return checked(REGISTER, manifest);
    }

    /** Changes a registered pipeline to a manifest with the same id: changed, or unchanged with its violations (422). */
    public Validation change(String id, String manifest) {
        return checked(CHANGE, manifest, id);
    }

    private Validation checked(Endpoint<Validation> endpoint, String manifest, Object... pathValues) {
        try {
            return api.send(endpoint, manifest, YAML, pathValues);
        } catch (ApiRefused e) {
            Object violations = e.problem().properties().get("violations");
            if (e.status() != 422 || violations == null) {
                throw e;
            }
            List<Violation> found = Api.JSON.convertValue(violations, Api.JSON.getTypeFactory()
                    .constructCollectionType(List.class, Violation.class));
            return new Validation(false, null, (String) e.problem().properties().get("policyVersion"), found);
        }
    }

    /** Violations, open ones only or all; of one pipeline or all (null). */
    public List<StoredViolation> violations(boolean open, String pipeline) {
        return api.get(VIOLATIONS, Query.of().with("open", open).with("pipeline", pipeline));
    }

    /** Where data of an item, subject or sensitivity flows (each optional), up to {@code maxHops} pipelines on. */
    public Flows flows(String item, String subject, Boolean sensitive, int maxHops) {
        return flows(item, subject, sensitive, maxHops, null);
    }

    /** {@link #flows(String, String, Boolean, int)} as they stood at the end of {@code asOf} in Japan (null: now). */
    public Flows flows(String item, String subject, Boolean sensitive, int maxHops, LocalDate asOf) {
        return api.get(FLOWS, Query.of().with("item", item).with("subject", subject).with("sensitive", sensitive)
                .with("maxHops", maxHops).with("asOf", asOf));
    }

    public List<CrossBorderFlow> crossBorder() {
        return crossBorder(null);
    }

    /** The pipelines abroad as they stood at the end of {@code asOf} in Japan (null: now). */
    public List<CrossBorderFlow> crossBorder(LocalDate asOf) {
        return api.get(CROSS_BORDER, Query.of().with("asOf", asOf));
    }

    public List<Entrustment> entrustments() {
        return entrustments(null);
    }

    /** The entrustments as they stood at the end of {@code asOf} in Japan (null: now). */
    public List<Entrustment> entrustments(LocalDate asOf) {
        return api.get(ENTRUSTMENTS, Query.of().with("asOf", asOf));
    }

    /** A dataset's 台帳 entry (DPOs, auditors, administrators). */
    public RegisterEntry ledgerEntry(String datasetId) {
        return api.get(LEDGER_ENTRY, Query.of(), datasetId);
    }

    /** Records a dataset's 台帳 entry whole (the DPO). */
    public RegisterEntry recordLedgerEntry(String datasetId, RegisterEntryChange entry) {
        return api.send(RECORD_LEDGER_ENTRY, entry, null, datasetId);
    }

    public List<CountryRegime> countryRegimes() {
        return api.get(COUNTRY_REGIMES, Query.of());
    }

    public List<MeasureRecord> securityMeasures() {
        return api.get(SECURITY_MEASURES, Query.of());
    }

    /** Where the systems, the regimes, the measures and the policy's promises disagree, now. */
    public List<Finding> safeguardFindings() {
        return api.get(SAFEGUARD_FINDINGS, Query.of());
    }

    public RegisterReviews ledgerReviews() {
        return api.get(LEDGER_REVIEWS, Query.of());
    }

    /** Records that the DPO reviewed the 台帳, with a note (optional). */
    public RegisterReview reviewLedger(String note) {
        return api.send(REVIEW_LEDGER, new RegisterReviewNote(note), null);
    }

    /**
     * Streams the personal-information ledger (個人情報管理台帳) as it stood at the end of {@code asOf} in Japan (null: now),
     * as {@code csv}, {@code json} or {@code xlsx}. DPOs, auditors and administrators.
     */
    public void informationLedger(String format, LocalDate asOf, java.io.OutputStream out) throws java.io.IOException {
        api.download(INFORMATION_LEDGER, Query.of().with("format", format).with("asOf", asOf), out);
    }

    /** Datasets declared outside the captured databases (web tags, app SDKs, SaaS, files). */
    public List<Declared> declaredDatasets() {
        return api.get(DECLARED_DATASETS, Query.of());
    }

    /** Declares a dataset from its manifest (YAML): the dataset as recorded, with what it holds in the law's terms. */
    public DatasetDetail declareDataset(String manifest) {
        return api.send(DECLARE_DATASET, manifest, YAML);
    }

    /** Who reads personal data: consumer groups, slots, binary-log clients, roles; unregistered first. */
    public List<ReaderView> readers() {
        return api.get(READERS, Query.of());
    }

    /** Accepts a reader as internal use, with the reason (the DPO). */
    public ReaderView acceptReader(String kind, String name, String reason) {
        return api.send(ACCEPT_READER, new ReaderAcceptance(kind, name, reason), null);
    }

    /** Withdraws an acceptance (the DPO): the reader is judged again. */
    public List<ReaderView> withdrawReader(String kind, String name) {
        return api.send(WITHDRAW_READER, new ReaderAcceptance(kind, name, null), null);
    }

    /** The register of incidents, the most recently discovered first (DPOs, auditors). */
    public List<IncidentSummary> incidents() {
        return api.get(INCIDENTS, Query.of());
    }

    public IncidentReport incident(String id) {
        return api.get(INCIDENT, Query.of(), id);
    }

    /** Records an incident (the DPO); the answer is its report as drafted. */
    public IncidentReport recordIncident(IncidentChange incident) {
        return api.send(RECORD_INCIDENT, incident, null);
    }

    /** Replaces an incident's record with {@code incident} (the DPO). */
    public IncidentReport changeIncident(String id, IncidentChange incident) {
        return api.send(CHANGE_INCIDENT, incident, null, id);
    }

    /** Streams an incident's report, its fields in Japanese, as {@code csv} or {@code json}. */
    public void incidentReport(String id, String format, java.io.OutputStream out) throws java.io.IOException {
        api.download(INCIDENT_REPORT, Query.of().with("format", format), out, id);
    }

    public Policy policy() {
        return api.get(POLICY, Query.of());
    }

    public List<VersionSummary> policyVersions() {
        return api.get(POLICY_VERSIONS, Query.of());
    }

    public LoadedVersion policyVersion(String version) {
        return api.get(POLICY_VERSION, Query.of(), version);
    }

    /** The register of data subjects' requests, overdue first; {@code state}: open, closed or all. */
    public List<SubjectRequest> requests(String state) {
        return api.get(REQUESTS, Query.of().with("state", state));
    }

    public RequestDetail request(String id) {
        return api.get(REQUEST, Query.of(), id);
    }

    public Plan requestPlan(String id) {
        return api.get(REQUEST_PLAN, Query.of(), id);
    }

    public SubjectRequest receive(Received request) {
        return api.send(RECEIVE, request, null);
    }

    public SubjectRequest identityChecked(String id, String method) {
        return api.send(IDENTITY_CHECK, new IdentityCheck(method), null, id);
    }

    public SubjectRequest answer(String id, Answer answer) {
        return api.send(ANSWER, answer, null, id);
    }

    /** The task list of a correction or erasure/suspension request, from its plan (the DPO); tasks listed stay. */
    public List<Task> produceTasks(String id) {
        return api.send(PRODUCE_TASKS, null, null, id);
    }

    /** The request's tasks the caller may see (an engineer: their systems'). */
    public List<Task> tasks(String id) {
        return api.get(REQUEST_TASKS, Query.of(), id);
    }

    public Task taskDone(String id, int number, String note) {
        return api.send(TASK_DONE, new Inventory.TaskDone(note), null, id, number);
    }

    /** Open tasks of open requests the caller may see, the most urgent first. */
    public List<Task> openTasks() {
        return api.get(OPEN_TASKS, Query.of());
    }

    public SubjectRequest permitLookup(String id) {
        return api.send(PERMIT_LOOKUP, null, null, id);
    }

    /** The person's key and items as the request named them (the DPO only; the inventory logs the view). */
    public Unsealed subject(String id) {
        return api.get(SUBJECT, Query.of(), id);
    }

    /** The live lookup of the person's rows (the DPO, once permitted): counts per table, never kept. */
    public Lookup lookup(String id) {
        return api.send(LOOKUP, null, null, id);
    }

    /** Retires a pipeline (the DPO), with the reason and the data subject's request behind it (or null). */
    public PipelineDetail retire(String id, String reason, String request) {
        return api.send(RETIRE, new Inventory.Retire(reason, request), null, id);
    }
}
