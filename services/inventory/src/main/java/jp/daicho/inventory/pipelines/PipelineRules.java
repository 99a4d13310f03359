package jp.daicho.inventory.pipelines;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.daicho.inventory.policy.Policy;
import jp.daicho.vocabulary.CrossBorderBasis;
import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.LegalBasis;
import jp.daicho.vocabulary.RecordMode;
import jp.daicho.vocabulary.Rule;

/**
 * The checks a pipeline must pass against the policy and the law. A pure function of the manifest, the
 * policy, the classified fields it reads and its destination: each violation says what is wrong, how to
 * fix it, and which clause or article it breaks.
 */
public final class PipelineRules {

    /** How often a contractor's handling is checked (Art. 25 supervision): last supervised longer ago is overdue. */
    public static final java.time.Period SUPERVISION_INTERVAL = java.time.Period.ofYears(1);

    /** Countries whose regime the PPC recognises as equivalent (Art. 28, Rule 15): the EEA and the UK. */
    static final Set<String> ADEQUATE = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
            "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB");

    /**
     * A classified field the pipeline reads; {@code heldFor} the party we hold its dataset for (the company as processor),
     * or null for our own data.
     */
    public record FieldFact(String datasetId, String field, String item, String subject, boolean sensitive, String heldFor,
                            boolean identifiable) {

        public FieldFact(String datasetId, String field, String item, String subject, boolean sensitive) {
            this(datasetId, field, item, subject, sensitive, null, true);
        }

        public FieldFact(String datasetId, String field, String item, String subject, boolean sensitive, String heldFor) {
            this(datasetId, field, item, subject, sensitive, heldFor, true);
        }
    }

    /** Where the pipeline sends data: one of our systems, or a party, with what the inventory knows of it. */
    public record Destination(String id, boolean system, String kind, String country, String contractReference,
                              boolean supervisionOverdue, boolean regimeRecorded) {

        public Destination(String id, boolean system, String kind, String country, String contractReference) {
            this(id, system, kind, country, contractReference, false, true);
        }

        public Destination(String id, boolean system, String kind, String country, String contractReference,
                           boolean supervisionOverdue) {
            this(id, system, kind, country, contractReference, supervisionOverdue, true);
        }

        boolean ours() {
            return system ? "US".equals(kind) : "INTERNAL".equals(kind);
        }
    }

    /**
     * (The record above) {@code identifiable}: its dataset is personal information here (an identifying item, or linked to
     * a dataset that identifies the person); false for personally-related information ({@code InformationKind}).
     */

    /**
     * One broken rule: {@code rule} is the {@link Rule}'s id, {@code clause} the article it rests on (followed by the
     * policy's clause where the policy is at stake), or the policy's own clause for a rule resting on its promise.
     */
    public record Violation(String rule, String message, String clause, String datasetId, String field) {

        static Violation of(Rule rule, String message) {
            return at(rule, message, null, null, null);
        }

        static Violation of(Rule rule, String message, String policyClause) {
            return at(rule, message, policyClause, null, null);
        }

        static Violation at(Rule rule, String message, String policyClause, String datasetId, String field) {
            String clause = policyClause == null || policyClause.isBlank() ? rule.clause()
                    : rule.policyPromise() ? policyClause : rule.clause() + "; " + policyClause;
            return new Violation(rule.code(), message, clause, datasetId, field);
        }
    }

    /** The routes by which a policy handling special care (機微) as the financial-sector guidelines ask never provides it. */
    static final java.util.Set<LegalBasis> SPECIAL_CARE_UNLISTED = java.util.EnumSet.of(LegalBasis.OPT_OUT, LegalBasis.JOINT_USE,
            LegalBasis.BUSINESS_SUCCESSION);

    /** The routes by which data held for a client would leave the entrusted work. */
    static final java.util.Set<LegalBasis> PROCESSOR_ONWARD = java.util.EnumSet.of(LegalBasis.CONSENT, LegalBasis.OPT_OUT,
            LegalBasis.JOINT_USE, LegalBasis.BUSINESS_SUCCESSION);

    private PipelineRules() {
    }

    public static List<Violation> check(PipelineManifest m, Policy policy, List<FieldFact> fields, Destination destination) {
        var violations = new ArrayList<Violation>();
        purposes(m, policy, fields, violations);
        violations.addAll(fieldRules(m, policy, fields, destination));
        basis(m, policy, destination, violations);
        crossBorder(m, policy, destination, violations);
        processorData(m, fields, destination, violations);
        personallyRelated(m, policy, fields, destination, violations);
        return violations;
    }

    /**
     * ART31 provides personally-related information to a third party that will link it to personal data (Art. 31): never
     * to one of our systems, never data that identifies persons here (that is personal data, under Art. 27, judged at
     * the provider), only as the policy publishes, and with the confirmation recorded (record_mode, Rule 28).
     */
    private static void personallyRelated(PipelineManifest m, Policy policy, List<FieldFact> fields, Destination d,
                                          List<Violation> violations) {
        if (m.legalBasis() != LegalBasis.ART31) {
            return;
        }
        if (d.system() || d.ours()) {
            violations.add(Violation.of(Rule.ART31_NOT_A_PROVISION, d.id() + " is ours: Art. 31 is about provision to a third "
                    + "party; a flow to our own system is INTERNAL."));
        }
        var identified = new java.util.TreeSet<String>();
        for (FieldFact f : fields) {
            if (Item.identifying(f.item())) {
                violations.add(Violation.at(Rule.ART31_CARRIES_PERSONAL_DATA, f.datasetId() + "." + f.field() + " is "
                        + f.item() + ", which identifies a person: what the pipeline provides is personal data (Art. 27), "
                        + "not personally-related information: remove the field, or provide it with CONSENT.", null,
                        f.datasetId(), f.field()));
            } else if (f.identifiable() && !"none".equals(f.item())) {
                identified.add(f.datasetId());
            }
        }
        for (String dataset : identified) {
            violations.add(Violation.at(Rule.ART31_CARRIES_PERSONAL_DATA, dataset + " identifies persons here (it holds an "
                    + "identifying item or is linked to one): its data is personal data even without the identifying "
                    + "fields, provided under Art. 27 (CONSENT), not Art. 31.", null, dataset, null));
        }
        if (!policy.personallyRelated().provided()) {
            violations.add(Violation.of(Rule.ART31_NOT_IN_POLICY, "the policy does not publish that personally-related "
                    + "information is provided to third parties (personally_related).", "policy " + policy.version()
                    + ": 個人関連情報"));
        }
        if (m.recordMode() == null) {
            violations.add(Violation.of(Rule.RECORD_MODE_MISSING, "a provision of personally-related information needs the "
                    + "record of the confirmation (Rule 28): set record_mode to EACH_TIME, BATCH or CONTRACT_SUBSTITUTE."));
        }
    }

    /**
     * Data held for a client stays within the entrusted work: never combined with our own data or another client's in
     * one pipeline, never provided onwards — back to the client, within the company, to a subcontractor, or as a law
     * requires only.
     */
    private static void processorData(PipelineManifest m, List<FieldFact> fields, Destination d, List<Violation> violations) {
        var clients = new java.util.TreeSet<String>();
        var own = new java.util.TreeSet<String>();
        var held = new java.util.TreeSet<String>();
        for (FieldFact f : fields) {
            if (f.heldFor() != null) {
                clients.add(f.heldFor());
                held.add(f.datasetId());
            } else if (!"none".equals(f.item())) {
                own.add(f.datasetId());
            }
        }
        if (clients.isEmpty()) {
            return;
        }
        if (clients.size() > 1 || !own.isEmpty()) {
            violations.add(Violation.of(Rule.PROCESSOR_DATA_COMBINED, "the pipeline combines " + held + ", held for "
                    + clients + ", with " + (own.isEmpty() ? "another client's data" : "our own data " + own)
                    + ": carry data held for a client in a pipeline of its own."));
        }
        boolean backToClient = !d.system() && clients.size() == 1 && clients.contains(d.id());
        if (PROCESSOR_ONWARD.contains(m.legalBasis()) && !backToClient) {
            violations.add(Violation.of(Rule.PROCESSOR_DATA_PROVIDED, held + " are held for " + clients + " and the pipeline "
                    + "provides them to " + d.id() + " (" + m.legalBasis().name() + "): data entrusted to us goes back to the "
                    + "client, or where a law requires, and nowhere else."));
        }
    }

    /** The checks that depend on the fields' classification. */
    public static List<Violation> fieldRules(PipelineManifest m, Policy policy, List<FieldFact> fields, Destination destination) {
        var violations = new ArrayList<Violation>();
        LegalBasis basis = m.legalBasis();
        for (FieldFact f : fields) {
            // 要配慮個人情報 in the statute's sense; special care (機微) also covers union membership, family origin, sex life.
            boolean requiresCare = Item.requiresCare(f.item(), f.sensitive());
            if (requiresCare && basis == LegalBasis.OPT_OUT) {
                violations.add(Violation.at(Rule.SENSITIVE_BY_OPT_OUT, f.datasetId() + "." + f.field() + " is sensitive ("
                        + f.item() + ", 要配慮個人情報) and can never be provided by opt-out: remove the field or provide it "
                        + "with the person's consent.", null, f.datasetId(), f.field()));
            }
            if (requiresCare && basis.thirdPartyProvision() && !policy.sensitive().thirdPartyProvision()) {
                violations.add(Violation.at(Rule.SENSITIVE_TO_THIRD_PARTY, f.datasetId() + "." + f.field()
                        + " is sensitive and the policy says sensitive data is not provided to third parties: remove the field.",
                        policy.sensitive().clause(), f.datasetId(), f.field()));
            }
            if (requiresCare && basis == LegalBasis.JOINT_USE && !policy.sensitive().jointUse()) {
                violations.add(Violation.at(Rule.SENSITIVE_IN_JOINT_USE, f.datasetId() + "." + f.field()
                        + " is sensitive and the policy says sensitive data is not used jointly: remove the field.",
                        policy.sensitive().clause(), f.datasetId(), f.field()));
            }
            if (f.sensitive() && policy.sensitive().specialCare() && SPECIAL_CARE_UNLISTED.contains(basis)) {
                violations.add(Violation.at(Rule.SPECIAL_CARE_PROVIDED, f.datasetId() + "." + f.field() + " is special-care "
                        + "information (" + f.item() + ", 機微) and the policy provides it only by law or with the person's "
                        + "consent, not by " + basis.name() + ": remove the field, or provide it with consent.",
                        policy.sensitive().clause(), f.datasetId(), f.field()));
            }
            if (Item.MY_NUMBER.code().equals(f.item()) && !basis.allowsMyNumber()) {
                violations.add(Violation.at(Rule.MY_NUMBER_PROVIDED, f.datasetId() + "." + f.field()
                        + " holds My Numbers (個人番号), which may not be provided outside the cases of the My Number Act, "
                        + "whatever the consent: remove the field.", null, f.datasetId(), f.field()));
            }
            if (Item.MY_NUMBER.code().equals(f.item())) {
                myNumberUse(m, policy, f, violations);
            }
        }
        return violations;
    }

    /**
     * My Numbers are used only for the tasks the My Number Act allows and the policy lists (番号法 Art. 9): a pipeline
     * carrying them declares, for their category, only those purposes — payroll for tax withholding, never marketing.
     */
    private static void myNumberUse(PipelineManifest m, Policy policy, FieldFact f, List<Violation> violations) {
        String where = f.datasetId() + "." + f.field();
        if (!policy.myNumber().handled()) {
            violations.add(Violation.at(Rule.MY_NUMBER_USE_LIMIT, where + " holds My Numbers (個人番号) and the policy says "
                    + "the company does not handle them: remove the field, or list the tasks they are used for under "
                    + "my_number.purposes in a new policy version.", policy.myNumber().clause(), f.datasetId(), f.field()));
            return;
        }
        var outside = m.purposes().stream().filter(p -> p.category().equals(f.subject()))
                .map(p -> p.category() + ":" + p.id()).filter(p -> !policy.myNumber().purposes().contains(p)).toList();
        if (!outside.isEmpty()) {
            violations.add(Violation.at(Rule.MY_NUMBER_USE_LIMIT, where + " holds My Numbers (個人番号), used only for "
                    + policy.myNumber().purposes() + "; the pipeline also declares " + outside
                    + ": carry the My Numbers in a pipeline of their own for those tasks, or remove the field.",
                    policy.myNumber().clause(), f.datasetId(), f.field()));
        }
    }

    private static void purposes(PipelineManifest m, Policy policy, List<FieldFact> fields, List<Violation> violations) {
        var declared = new LinkedHashSet<String>();
        for (var p : m.purposes()) {
            if (!policy.categories().containsKey(p.category())) {
                violations.add(Violation.of(Rule.UNKNOWN_CATEGORY, "line " + p.line() + ": '" + p.category()
                        + "' is not a category of the policy; it declares " + policy.categories().keySet() + ".",
                        "policy " + policy.version() + ": 利用目的"));
            } else if (policy.purpose(p.category(), p.id()).isEmpty()) {
                violations.add(Violation.of(Rule.PURPOSE_NOT_DECLARED, "line " + p.line() + ": '" + p.id()
                        + "' is not a purpose the policy declares for " + p.category() + "; it declares "
                        + policy.categories().get(p.category()).purposes().stream().map(Policy.Purpose::id).toList()
                        + ". Using data outside the declared purposes needs the person's consent.",
                        "policy " + policy.version() + ": " + policy.categories().get(p.category()).label()));
            } else {
                declared.add(p.category());
            }
        }
        var involved = new LinkedHashSet<String>();
        fields.stream().filter(f -> !"none".equals(f.subject())).forEach(f -> involved.add(f.subject()));
        for (String category : involved) {
            if (!declared.contains(category) && m.purposes().stream().noneMatch(p -> p.category().equals(category))) {
                var example = fields.stream().filter(f -> f.subject().equals(category)).findFirst().orElseThrow();
                violations.add(Violation.at(Rule.NO_PURPOSE_FOR_CATEGORY, "the pipeline reads " + category + " data ("
                        + example.datasetId() + "." + example.field() + ") but declares no purpose for " + category
                        + ": add one of the policy's purposes under purposes." + category + ".",
                        null, example.datasetId(), example.field()));
            }
        }
    }

    private static void basis(PipelineManifest m, Policy policy, Destination d, List<Violation> violations) {
        switch (m.legalBasis()) {
            case INTERNAL -> {
                if (!d.ours()) {
                    violations.add(Violation.of(Rule.INTERNAL_TO_OUTSIDE, d.id() + " is not operated by us: data going there "
                            + "is entrusted or provided; choose ENTRUSTMENT, JOINT_USE, CONSENT, OPT_OUT or LEGAL_EXCEPTION."));
                }
            }
            case ENTRUSTMENT -> {
                if (!policy.entrustment()) {
                    violations.add(Violation.of(Rule.ENTRUSTMENT_NOT_DECLARED, "the policy does not say the company entrusts "
                            + "personal data to contractors.", "policy " + policy.version() + ": 委託"));
                }
                boolean contractor = d.system() ? "CONTRACTOR".equals(d.kind()) || "US".equals(d.kind())
                        : "CONTRACTOR".equals(d.kind());
                if (!contractor) {
                    violations.add(Violation.of(Rule.ENTRUSTMENT_TO_NON_CONTRACTOR, d.id() + " is a " + d.kind()
                            + ", not a contractor (委託先)."));
                }
                if (d.contractReference() == null || d.contractReference().isBlank()) {
                    violations.add(Violation.of(Rule.ENTRUSTMENT_WITHOUT_CONTRACT, d.id() + " has no contract reference: "
                            + "record the entrustment contract on the party (PUT /api/parties/" + d.id() + ")."));
                }
                if (d.supervisionOverdue()) {
                    violations.add(Violation.of(Rule.SUPERVISION_OVERDUE, d.id() + " was last supervised over "
                            + SUPERVISION_INTERVAL.getYears() + " year ago: check its handling and record the day "
                            + "(lastSupervisedOn, PUT /api/parties/" + d.id() + ")."));
                }
            }
            case JOINT_USE -> jointUse(m, policy, violations);
            case LEGAL_EXCEPTION -> {
                if (m.legalExceptionItem() == null || m.legalExceptionItem() < 1 || m.legalExceptionItem() > 7) {
                    violations.add(Violation.of(Rule.LEGAL_EXCEPTION_WITHOUT_ITEM, "LEGAL_EXCEPTION needs legal_exception_item: "
                            + "the item of Art. 27(1) (1: laws and regulations, 2: life, body or property, 3: public health "
                            + "or children, 4: public bodies, 5–7: academic research)."));
                }
            }
            case OPT_OUT -> {
                if (!policy.provision().optOut()) {
                    violations.add(Violation.of(Rule.OPT_OUT_NOT_DECLARED, "the policy does not declare provision by opt-out.",
                            policy.provision().clause()));
                }
                if (m.recordMode() == RecordMode.BATCH) {
                    violations.add(Violation.of(Rule.OPT_OUT_RECORD_MODE, "an opt-out provision must be recorded each "
                            + "time: record_mode BATCH is not allowed."));
                }
            }
            default -> {
            }
        }
        if (m.legalBasis().thirdPartyProvision() && m.recordMode() == null) {
            violations.add(Violation.of(Rule.RECORD_MODE_MISSING, "a provision by " + m.legalBasis() + " needs a record "
                    + "(Art. 29): set record_mode to EACH_TIME, BATCH or CONTRACT_SUBSTITUTE."));
        }
        if (m.recordMode() == RecordMode.CONTRACT_SUBSTITUTE && m.legalBasis() != LegalBasis.CONSENT
                && m.legalBasis() != LegalBasis.ART31) {
            violations.add(Violation.of(Rule.CONTRACT_SUBSTITUTE_WITHOUT_CONSENT, "a contract can stand in for the record "
                    + "only for provision with consent."));
        }
    }

    private static void jointUse(PipelineManifest m, Policy policy, List<Violation> violations) {
        Optional<Policy.JointUse> declaration = m.jointUse() == null ? Optional.empty() : policy.jointUse(m.jointUse());
        if (declaration.isEmpty()) {
            violations.add(Violation.of(Rule.JOINT_USE_NOT_DECLARED, "JOINT_USE needs joint_use: the id of a joint-use "
                    + "declaration of the policy (it declares " + policy.jointUse().stream().map(Policy.JointUse::id).toList()
                    + ")."));
            return;
        }
        var j = declaration.get();
        var missing = new ArrayList<String>();
        if (j.items().isEmpty()) {
            missing.add("the data items");
        }
        if (j.users() == null || j.users().isBlank()) {
            missing.add("the scope of joint users");
        }
        if (j.purposes().isEmpty()) {
            missing.add("the joint users' purposes");
        }
        if (j.responsible() == null || j.responsible().name().isBlank()) {
            missing.add("the responsible party's name");
        } else {
            if (j.responsible().address().isBlank()) {
                missing.add("the responsible party's address");
            }
            if (j.responsible().representative().isBlank()) {
                missing.add("the responsible party's representative");
            }
        }
        if (!missing.isEmpty()) {
            violations.add(Violation.of(Rule.JOINT_USE_INCOMPLETE, "the joint-use declaration '" + j.id()
                    + "' does not publish " + String.join(", ", missing) + ".", "policy: " + clause(j.clause(), "共同利用")));
        }
    }

    private static void crossBorder(PipelineManifest m, Policy policy, Destination d, List<Violation> violations) {
        if (d.country() == null || "JP".equals(d.country())) {
            return;
        }
        if (!policy.crossBorder().countries().isEmpty() && !policy.crossBorder().countries().contains(d.country())) {
            violations.add(Violation.of(Rule.COUNTRY_NOT_IN_POLICY, d.id() + " is in " + d.country() + ", a country the policy "
                    + "does not name for storage or provision (" + policy.crossBorder().countries() + ").",
                    "policy: " + clause(policy.crossBorder().clause(), "外国")));
        }
        if (!d.regimeRecorded()) {
            violations.add(Violation.of(Rule.FOREIGN_REGIME_UNKNOWN, d.id() + " is in " + d.country() + ", whose personal-"
                    + "information regime is not recorded: PUT /api/country-regimes/" + d.country() + " with what it is "
                    + "and when it was checked."));
        }
        if (m.legalBasis() == LegalBasis.INTERNAL) {
            return;
        }
        if (m.crossBorderBasis() == null) {
            violations.add(Violation.of(Rule.CROSS_BORDER_WITHOUT_BASIS, d.id() + " is in " + d.country() + ": set "
                    + "cross_border.basis to ADEQUACY (EEA, UK), EQUIVALENT_MEASURES (a contract or certification) or "
                    + "CONSENT (with information on that country's regime)."));
        } else if (m.crossBorderBasis() == CrossBorderBasis.ADEQUACY && !ADEQUATE.contains(d.country())) {
            violations.add(Violation.of(Rule.CROSS_BORDER_NOT_ADEQUATE, d.country() + " is not on the PPC's list of countries "
                    + "with an equivalent regime (the EEA and the UK): use EQUIVALENT_MEASURES or CONSENT."));
        }
    }

    private static String clause(String clause, String otherwise) {
        return clause == null || clause.isBlank() ? otherwise : clause;
    }
}
