package jp.daicho.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The inventory's answers as this client reads them: one record per response body, named as the service's OpenAPI
 * description names them (checked by the inventory's contract test). Codes (items, subjects, bases, states) stay
 * strings here: the {@code jp.daicho.vocabulary} terms give their words, and a code a newer service adds reads too.
 */
public final class Inventory {

    private Inventory() {
    }

    public record Status(String service, long systems, long datasets, long fields, long personalFields,
                         long sensitiveFields, Instant lastObservedAt, List<Source> sources) {
    }

    /** A capture source as it last reported: {@code silent} when it stopped reporting. */
    public record Source(String name, String kind, String endpoint, String state, boolean ready, boolean silent,
                         String problem, int tables, Instant catalogReadAt, Instant lastChangeAt, Instant reportedAt) {
    }

    public record DatasetSummary(String id, String system, String database, String schema, String table,
                                 int schemaVersion, int fieldCount, int personalFieldCount, int sensitiveFieldCount,
                                 Instant firstSeenAt, Instant lastSeenAt, Instant droppedAt, String information,
                                 String declaredKind) {
    }

    public record DatasetDetail(String id, String system, String database, String schema, String table,
                                String sourceTopic, int schemaVersion, Instant firstSeenAt, Instant lastSeenAt,
                                List<SchemaVersion> versions, List<Field> fields, Instant droppedAt, String information,
                                String informationReason, String informationReasonEnglish, String declaredKind,
                                String linkedTo) {
    }

    public record SchemaVersion(int version, String fingerprint, int columnCount, Instant observedAt) {
    }

    public record Field(String name, int position, String sqlType, boolean optional, boolean primaryKey,
                        int sinceVersion, boolean present, Classification classification) {
    }

    public record Classification(String item, String subject, boolean sensitive, double confidence,
                                 List<String> evidence, int sampleCount, String reviewState, String classifierVersion,
                                 Instant classifiedAt, Review review) {
    }

    public record Review(String by, Instant at, String reason) {
    }

    public record FieldMatch(String datasetId, String system, String table, String field, String item, String subject,
                             boolean sensitive, double confidence, String reviewState) {
    }

    /** A field waiting for review; {@code drift}: a reviewed field's values no longer fit the decision (else null). */
    public record QueuedField(String datasetId, String field, String item, String subject, boolean sensitive,
                              double confidence, List<String> evidence, Drift drift) {
    }

    /** What the classifier now finds in a reviewed field's values. */
    public record Drift(String item, String subject, boolean sensitive, double confidence, List<String> evidence,
                        Instant at) {
    }

    /** A DPO's decision on a field: {@code decision} CONFIRM or OVERRIDE (with the item and subject it holds). */
    public record ReviewRequest(String decision, String item, String subject, String reason) {
    }

    public record Reviewed(String datasetId, String field, String item, String subject, boolean sensitive,
                           String reviewState, String reviewedBy, Instant reviewedAt, String reason) {
    }

    /**
     * {@code kind}: DATABASE, SERVICE, SAAS, FILE_STORE; {@code operatedBy}: US (the company) or CONTRACTOR;
     * {@code engineers}: the sign-in names of those who answer for it (they see its request tasks).
     */
    public record SystemRecord(String name, String kind, String ownerDepartment, String hostingCountry, String operatedBy,
                               String contractor, List<String> engineers) {

        public SystemRecord(String name, String kind, String ownerDepartment, String hostingCountry, String operatedBy,
                            String contractor) {
            this(name, kind, ownerDepartment, hostingCountry, operatedBy, contractor, List.of());
        }
    }

    /** {@code kind}: INTERNAL, CONTRACTOR, JOINT_USER, THIRD_PARTY, PUBLIC_BODY. */
    public record Party(String id, String kind, String name, String address, String representative, String country,
                        String contractReference, LocalDate lastSupervisedOn) {
    }

    public record PipelineSummary(String id, String name, String owner, String destinationSystem, String destinationParty,
                                  String legalBasis, String country, String recordMode, Instant registeredAt,
                                  String registeredBy, long openViolations, Retirement retired) {
    }

    /** A retired pipeline: when, by whom, why, for which request (null: none). */
    public record Retirement(Instant at, String by, String reason, String request) {
    }

    /** One step of a pipeline's life: REGISTERED or RETIRED. */
    public record PipelineStep(Instant at, String by, String action, String detail) {
    }

    /** {@code POST /api/pipelines/{id}/retire}. */
    public record Retire(String reason, String request) {
    }

    public record PipelineDetail(String id, String name, String owner, String destinationSystem, String destinationParty,
                                 String legalBasis, String legalExceptionItem, String jointUse, String country,
                                 String crossBorderBasis, String recordMode, Instant registeredAt, String registeredBy,
                                 String manifest, List<FieldRead> fields, List<DeclaredPurpose> purposes,
                                 List<StoredViolation> violations, Retirement retired, List<PipelineStep> history) {
    }

    public record FieldRead(String datasetId, String field) {
    }

    public record DeclaredPurpose(String category, String purpose) {
    }

    /** A violation of a pipeline, or ({@code unregistered-flow}) of a reader no pipeline names: {@code reader} instead. */
    public record StoredViolation(long id, String pipelineId, String datasetId, String field, String rule, String message,
                                  String clause, Instant raisedAt, String raisedBy, long occurrences, Instant resolvedAt,
                                  String resolvedBy, String reader) {
    }

    /** A manifest checked: valid, or the violations with the clause each breaks. */
    public record Validation(boolean valid, String pipelineId, String policyVersion, List<Violation> violations) {
    }

    public record Violation(String rule, String message, String clause, String datasetId, String field) {
    }

    public record Entrustment(String pipeline, String name, String contractor, String contractorName, String country,
                              String contractReference, LocalDate lastSupervisedOn, String status) {
    }

    /** What the DPO records for a dataset in the 個人情報管理台帳 (JIS Q 15001 A.3.3.1); null leaves a line empty. */
    public record RegisterEntryChange(String acquisitionMethod, Long persons, String storageMedium, String storagePlace,
                                      String usePeriod, String retention, String disposalMethod, String manager,
                                      List<String> access) {
    }

    /** A dataset's 台帳 entry: what was recorded, by whom and when, and the source's row estimate. */
    public record RegisterEntry(String datasetId, RegisterEntryChange recorded, Instant updatedAt, String updatedBy,
                                Long records, Instant recordsReadAt) {
    }

    /** The DPO's note on reviewing the 台帳. */
    public record RegisterReviewNote(String note) {
    }

    /** An annual review of the 台帳: who, when, the note, and what had changed since the review before. */
    public record RegisterReview(long id, Instant reviewedAt, String reviewedBy, String note, List<String> changes) {
    }

    /** The reviews, newest first, and when the next is due (Japan's date). */
    public record RegisterReviews(List<RegisterReview> reviews, LocalDate dueBy, boolean overdue) {
    }

    public record CrossBorderFlow(String country, String pipeline, String name, String legalBasis, String crossBorderBasis,
                                  String destination) {
    }

    public record Flows(List<String> destinations, List<Path> paths, List<Hop> hops, boolean truncated) {
    }

    public record Path(List<String> nodes, List<String> pipelines, List<String> bases, List<String> countries, int hops) {
    }

    public record Hop(String pipeline, String from, String to, String basis, String country) {
    }

    public record VersionSummary(String version, LocalDate effectiveFrom, Instant loadedAt, String loadedBy) {
    }

    public record LoadedVersion(Policy policy, String yaml, Instant loadedAt, String loadedBy) {
    }

    public record Policy(String version, LocalDate effectiveFrom, Company company, Map<String, Category> categories,
                         SensitiveRule sensitive, boolean entrustment, List<JointUse> jointUse, Provision provision,
                         List<Retention> retention, CrossBorder crossBorder, MyNumber myNumber, Requests requests,
                         List<SecurityMeasure> securityMeasures, PersonallyRelated personallyRelated) {
    }

    /** What the policy publishes about data subjects' requests (docs/requests.md). */
    public record Requests(String desk, String contact, List<String> channels, List<String> identityDocuments,
                           Integer feeYen, String feeText, int targetDays, String clause) {
    }

    public record Company(String name, String address, String representative) {
    }

    public record Category(String label, List<Purpose> purposes) {
    }

    public record Purpose(String id, String text, String clause) {
    }

    public record SensitiveRule(boolean thirdPartyProvision, boolean jointUse, String clause, boolean specialCare) {
    }

    public record JointUse(String id, List<String> items, String users, List<String> purposes, Company responsible,
                           String clause) {
    }

    public record Provision(boolean consent, boolean optOut, String clause) {
    }

    public record Retention(String category, String period, String text) {
    }

    /** Whether My Numbers are handled, and the purposes (category:purpose) they are used for. */
    public record MyNumber(boolean handled, List<String> purposes, String clause) {
    }

    /** A security-control measure the policy publishes, by kind ({@code TECHNICAL}, …), in its own words. */
    public record SecurityMeasure(String kind, String text, String clause) {
    }

    /** A foreign country's personal-information regime, as recorded. */
    public record CountryRegime(String country, String regime, String source, LocalDate checkedOn, Instant updatedAt,
                                String updatedBy) {
    }

    /** A security-control measure of the register, with the systems it protects. */
    public record MeasureRecord(String id, String kind, String description, List<String> systems, Instant updatedAt,
                                String updatedBy) {
    }

    /** Where systems, register and policy disagree: HOSTED_OUTSIDE_POLICY, FOREIGN_REGIME_UNKNOWN, … */
    public record Finding(String finding, String subject, String detail) {
    }

    /** What the policy publishes about personally-related information provided to third parties (Art. 31). */
    public record PersonallyRelated(boolean provided, String recipients, List<String> items, List<String> purposes,
                                    String clause) {
    }

    public record CrossBorder(List<String> countries, String clause) {
    }

    // --- Data subjects' requests (docs/requests.md) ---

    /** A code with its article and its words. */
    public record Described(String code, String article, String japanese, String english) {
    }

    public record Identity(String method, String checkedBy, Instant checkedAt) {
    }

    /** One request of the register: nothing identifying the person. */
    public record SubjectRequest(String id, Described kind, String category, String categoryLabel, LocalDate receivedOn,
                                 String channel, LocalDate dueOn, boolean overdue, Integer feeYen, String answerFormat,
                                 String status, Identity identity, List<Described> grounds, String outcomeNote,
                                 LocalDate answeredOn, LocalDate notifiedOn, String policyVersion, Instant createdAt,
                                 String createdBy, Instant updatedAt, String updatedBy) {
    }

    public record Step(Instant at, String by, String action, String detail) {
    }

    public record RequestDetail(SubjectRequest request, List<Step> history) {
    }

    public record PlannedDataset(String id, String system, String ownerDepartment, String hostingCountry,
                                 List<String> lookupFields, Map<String, String> categoryFields, List<String> sensitiveFields,
                                 String heldFor) {
    }

    public record PlannedFlow(String pipeline, String name, String legalBasis, String recipientKind, String recipient,
                              String destinationParty, String destinationSystem, String country, List<String> datasets) {
    }

    public record Plan(String request, String category, List<PlannedDataset> datasets, List<PlannedFlow> flows, String ledger) {
    }

    /** {@code POST /api/requests}. */
    public record Received(String kind, String category, LocalDate receivedOn, String channel, Person subject,
                           String answerFormat) {
    }

    public record Person(String key, Map<String, String> items) {
    }

    public record IdentityCheck(String method) {
    }

    public record Answer(String outcome, List<String> grounds, String note, LocalDate answeredOn, LocalDate notifiedOn) {
    }

    /**
     * What a correction or erasure/suspension asks of one place: {@code targetKind} SYSTEM or PARTY; {@code action}
     * CORRECT or ERASE_OR_SUSPEND; {@code status} OPEN or DONE.
     */
    public record Task(String request, int number, Described kind, LocalDate dueOn, boolean requestOpen, String targetKind,
                       String target, String targetName, String action, String actionJapanese, String actionEnglish,
                       List<String> datasets, List<String> lookupFields, List<String> pipelines, String status,
                       String doneBy, Instant doneAt, String doneNote) {
    }

    public record TaskDone(String note) {
    }

    /** The person as the request named them: {@code GET /api/requests/{id}/subject}, the DPO only. */
    public record Unsealed(String request, String key, Map<String, String> items) {
    }

    /** One table of a live lookup: {@code outcome} ROWS, NO_ROW, NOT_LOOKED_IN, NO_LOOKUP_FIELD, TIMED_OUT, FAILED. */
    public record LookupTable(String dataset, String system, List<String> fields, String outcome, Long rows, String reason) {
    }

    public record Lookup(String request, Instant at, String by, int tablesLookedIn, int tablesWithRows, List<LookupTable> tables,
                         String summaryJapanese, String summaryEnglish) {
    }

    /** An incident as recorded (APPI Art. 26): kind LEAK, LOSS or DAMAGE; deadlines count from {@code discoveredOn}. */
    public record Incident(String id, String title, String kind, LocalDate discoveredOn, Instant occurredFrom,
                           Instant occurredTo, List<String> systems, List<String> datasets, String cause,
                           boolean wrongfulPurpose, boolean highLevelEncryption, String secondaryDamage,
                           String responseToPersons, String publication, String recurrencePrevention, String other,
                           LocalDate preliminaryReportedOn, LocalDate finalReportedOn, LocalDate personsNotifiedOn,
                           String recordedBy, Instant recordedAt, String updatedBy, Instant updatedAt) {
    }

    /** What the DPO records or changes of an incident: the whole of it, as now known. */
    public record IncidentChange(String title, String kind, LocalDate discoveredOn, Instant occurredFrom, Instant occurredTo,
                                 List<String> systems, List<String> datasets, String cause, Boolean wrongfulPurpose,
                                 Boolean highLevelEncryption, String secondaryDamage, String responseToPersons,
                                 String publication, String recurrencePrevention, String other,
                                 LocalDate preliminaryReportedOn, LocalDate finalReportedOn, LocalDate personsNotifiedOn) {

        /** The record of {@code i}, to change a part of it. */
        public static IncidentChange of(Incident i) {
            return new IncidentChange(i.title(), i.kind(), i.discoveredOn(), i.occurredFrom(), i.occurredTo(), i.systems(),
                    i.datasets(), i.cause(), i.wrongfulPurpose(), i.highLevelEncryption(), i.secondaryDamage(),
                    i.responseToPersons(), i.publication(), i.recurrencePrevention(), i.other(), i.preliminaryReportedOn(),
                    i.finalReportedOn(), i.personsNotifiedOn());
        }
    }

    /** An incident in the register's list: what must be done by when. */
    public record IncidentSummary(String id, String title, String kind, LocalDate discoveredOn, boolean reportable,
                                  List<String> reasons, List<String> toConfirm, LocalDate preliminaryDueOn,
                                  LocalDate finalDueOn, LocalDate preliminaryReportedOn, LocalDate finalReportedOn,
                                  List<String> overdue) {
    }

    /** The report the inventory drafts of an incident. */
    public record IncidentReport(Incident incident, IncidentVerdict verdict, List<ReportField> fields,
                                 List<AffectedDataset> datasets, List<DownstreamRecipient> recipients,
                                 List<EntrustingClient> clients, List<String> unknown) {
    }

    public record IncidentVerdict(boolean personal, boolean reportable, boolean excepted, List<IncidentReason> reasons,
                                  List<IncidentReason> toConfirm, Long personsAtLeast, Long personsAtMost,
                                  boolean personsRecorded, LocalDate preliminaryDueOn, LocalDate finalDueOn,
                                  List<String> overdue, String summary, String summaryEnglish) {
    }

    public record IncidentReason(String code, String article, String articleEnglish, String japanese, String english) {
    }

    public record ReportField(int number, String label, String labelEnglish, String value) {
    }

    public record AffectedDataset(String datasetId, String system, String category, String categoryLabel,
                                  List<String> itemCodes, List<String> items, boolean requiresCare, Long persons, Long rows) {
    }

    public record DownstreamRecipient(String kind, String id, String name, String country, List<String> bases,
                                      List<String> pipelines, List<String> datasets, List<String> items) {
    }

    public record EntrustingClient(String datasetId, String party, String name) {
    }

    /**
     * A reader of personal data (issue 19 §1): a consumer group, replication slot, binary-log client or database role;
     * {@code status} REGISTERED (a pipeline names it), ACCEPTED (the DPO's, with the reason) or UNREGISTERED.
     */
    public record ReaderView(String kind, String name, String identity, List<String> sources, List<String> datasets,
                             List<String> items, List<String> categories, String detail, String status,
                             List<String> pipelines, String acceptedReason, String acceptedBy, Instant acceptedAt,
                             Instant firstSeenAt, Instant lastSeenAt) {
    }

    /** The DPO's acceptance of a reader as internal use (its withdrawal needs no reason). */
    public record ReaderAcceptance(String kind, String name, String reason) {
    }

    /** A declared dataset (a web tag, an app SDK, a SaaS, a file): its fields, and what it holds in the law's terms. */
    public record Declared(String id, String system, String kind, String name, String linkedTo, List<String> fields,
                           String information, String declaredBy, Instant declaredAt) {
    }
}
