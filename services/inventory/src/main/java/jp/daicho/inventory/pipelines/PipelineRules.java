package jp.daicho.inventory.pipelines;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.daicho.inventory.policy.Policy;

/**
 * The checks a pipeline must pass against the policy and the law. A pure function of the manifest, the
 * policy, the classified fields it reads and its destination: each violation says what is wrong, how to
 * fix it, and which clause or article it breaks.
 */
public final class PipelineRules {

    /** Countries whose regime the PPC recognises as equivalent (Art. 28, Rule 15): the EEA and the UK. */
    static final Set<String> ADEQUATE = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
            "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB");

    /** A classified field the pipeline reads. */
    public record FieldFact(String datasetId, String field, String item, String subject, boolean sensitive) {
    }

    /** Where the pipeline sends data: one of our systems, or a party, with what the inventory knows of it. */
    public record Destination(String id, boolean system, String kind, String country, String contractReference) {

        boolean ours() {
            return system ? "US".equals(kind) : "INTERNAL".equals(kind);
        }
    }

    /** One broken rule: {@code rule} is a short id, {@code clause} the policy clause or article. */
    public record Violation(String rule, String message, String clause, String datasetId, String field) {

        static Violation of(String rule, String message, String clause) {
            return new Violation(rule, message, clause, null, null);
        }
    }

    private PipelineRules() {
    }

    public static List<Violation> check(PipelineManifest m, Policy policy, List<FieldFact> fields, Destination destination) {
        var violations = new ArrayList<Violation>();
        purposes(m, policy, fields, violations);
        violations.addAll(fieldRules(m, policy, fields, destination));
        basis(m, policy, destination, violations);
        crossBorder(m, policy, destination, violations);
        return violations;
    }

    /** The checks that depend on the fields' classification: run again whenever a classification changes. */
    public static List<Violation> fieldRules(PipelineManifest m, Policy policy, List<FieldFact> fields, Destination destination) {
        var violations = new ArrayList<Violation>();
        LegalBasis basis = m.legalBasis();
        for (FieldFact f : fields) {
            if (f.sensitive() && basis == LegalBasis.OPT_OUT) {
                violations.add(new Violation("sensitive-by-opt-out", f.datasetId() + "." + f.field() + " is sensitive ("
                        + f.item() + ", 要配慮個人情報) and can never be provided by opt-out: remove the field or provide it "
                        + "with the person's consent.", "APPI Art. 27(2) proviso", f.datasetId(), f.field()));
            }
            if (f.sensitive() && basis.thirdPartyProvision() && !policy.sensitive().thirdPartyProvision()) {
                violations.add(new Violation("sensitive-to-third-party", f.datasetId() + "." + f.field()
                        + " is sensitive and the policy says sensitive data is not provided to third parties: remove the field.",
                        clause(policy.sensitive().clause(), "policy: sensitive data"), f.datasetId(), f.field()));
            }
            if (f.sensitive() && basis == LegalBasis.JOINT_USE && !policy.sensitive().jointUse()) {
                violations.add(new Violation("sensitive-in-joint-use", f.datasetId() + "." + f.field()
                        + " is sensitive and the policy says sensitive data is not used jointly: remove the field.",
                        clause(policy.sensitive().clause(), "policy: sensitive data"), f.datasetId(), f.field()));
            }
            if ("my_number".equals(f.item()) && basis != LegalBasis.INTERNAL && basis != LegalBasis.ENTRUSTMENT) {
                violations.add(new Violation("my-number-provided", f.datasetId() + "." + f.field()
                        + " holds My Numbers (個人番号), which may not be provided outside the cases of the My Number Act, "
                        + "whatever the consent: remove the field.", "番号法 第19条 (My Number Act Art. 19)", f.datasetId(), f.field()));
            }
        }
        return violations;
    }

    private static void purposes(PipelineManifest m, Policy policy, List<FieldFact> fields, List<Violation> violations) {
        var declared = new LinkedHashSet<String>();
        for (var p : m.purposes()) {
            if (!policy.categories().containsKey(p.category())) {
                violations.add(Violation.of("unknown-category", "line " + p.line() + ": '" + p.category()
                        + "' is not a category of the policy; it declares " + policy.categories().keySet() + ".",
                        "policy " + policy.version() + ": 利用目的"));
            } else if (policy.purpose(p.category(), p.id()).isEmpty()) {
                violations.add(Violation.of("purpose-not-declared", "line " + p.line() + ": '" + p.id()
                        + "' is not a purpose the policy declares for " + p.category() + "; it declares "
                        + policy.categories().get(p.category()).purposes().stream().map(Policy.Purpose::id).toList()
                        + ". Using data outside the declared purposes needs the person's consent.",
                        "APPI Art. 18(1); policy " + policy.version() + ": " + policy.categories().get(p.category()).label()));
            } else {
                declared.add(p.category());
            }
        }
        var involved = new LinkedHashSet<String>();
        fields.stream().filter(f -> !"none".equals(f.subject())).forEach(f -> involved.add(f.subject()));
        for (String category : involved) {
            if (!declared.contains(category) && m.purposes().stream().noneMatch(p -> p.category().equals(category))) {
                var example = fields.stream().filter(f -> f.subject().equals(category)).findFirst().orElseThrow();
                violations.add(new Violation("no-purpose-for-category", "the pipeline reads " + category + " data ("
                        + example.datasetId() + "." + example.field() + ") but declares no purpose for " + category
                        + ": add one of the policy's purposes under purposes." + category + ".",
                        "APPI Art. 17(1), 18(1)", example.datasetId(), example.field()));
            }
        }
    }

    private static void basis(PipelineManifest m, Policy policy, Destination d, List<Violation> violations) {
        switch (m.legalBasis()) {
            case INTERNAL -> {
                if (!d.ours()) {
                    violations.add(Violation.of("internal-to-outside", d.id() + " is not operated by us: data going there "
                            + "is entrusted or provided; choose ENTRUSTMENT, JOINT_USE, CONSENT, OPT_OUT or LEGAL_EXCEPTION.",
                            "APPI Art. 27"));
                }
            }
            case ENTRUSTMENT -> {
                if (!policy.entrustment()) {
                    violations.add(Violation.of("entrustment-not-declared", "the policy does not say the company entrusts "
                            + "personal data to contractors.", "policy " + policy.version() + ": 委託"));
                }
                boolean contractor = d.system() ? "CONTRACTOR".equals(d.kind()) || "US".equals(d.kind())
                        : "CONTRACTOR".equals(d.kind());
                if (!contractor) {
                    violations.add(Violation.of("entrustment-to-non-contractor", d.id() + " is a " + d.kind()
                            + ", not a contractor (委託先).", "APPI Art. 27(5)(i)"));
                }
                if (d.contractReference() == null || d.contractReference().isBlank()) {
                    violations.add(Violation.of("entrustment-without-contract", d.id() + " has no contract reference: "
                            + "record the entrustment contract on the party (PUT /api/parties/" + d.id() + ").",
                            "APPI Art. 25 (supervision of contractors)"));
                }
            }
            case JOINT_USE -> jointUse(m, policy, violations);
            case LEGAL_EXCEPTION -> {
                if (m.legalExceptionItem() == null || m.legalExceptionItem() < 1 || m.legalExceptionItem() > 7) {
                    violations.add(Violation.of("legal-exception-without-item", "LEGAL_EXCEPTION needs legal_exception_item: "
                            + "the item of Art. 27(1) (1: laws and regulations, 2: life, body or property, 3: public health "
                            + "or children, 4: public bodies, 5–7: academic research).", "APPI Art. 27(1)"));
                }
            }
            case OPT_OUT -> {
                if (!policy.provision().optOut()) {
                    violations.add(Violation.of("opt-out-not-declared", "the policy does not declare provision by opt-out.",
                            clause(policy.provision().clause(), "policy: 第三者提供")));
                }
                if (m.recordMode() == PipelineManifest.RecordMode.BATCH) {
                    violations.add(Violation.of("batch-record-for-opt-out", "an opt-out provision must be recorded each "
                            + "time: record_mode BATCH is not allowed.", "PPC Rules Art. 19(2)"));
                }
            }
            default -> {
            }
        }
        if (m.legalBasis().thirdPartyProvision() && m.recordMode() == null) {
            violations.add(Violation.of("record-mode-missing", "a provision by " + m.legalBasis() + " needs a record "
                    + "(Art. 29): set record_mode to EACH_TIME, BATCH or CONTRACT_SUBSTITUTE.", "APPI Art. 29"));
        }
        if (m.recordMode() == PipelineManifest.RecordMode.CONTRACT_SUBSTITUTE && m.legalBasis() != LegalBasis.CONSENT) {
            violations.add(Violation.of("contract-substitute-without-consent", "a contract can stand in for the record "
                    + "only for provision with consent.", "PPC Rules Art. 19(3)"));
        }
    }

    private static void jointUse(PipelineManifest m, Policy policy, List<Violation> violations) {
        Optional<Policy.JointUse> declaration = m.jointUse() == null ? Optional.empty() : policy.jointUse(m.jointUse());
        if (declaration.isEmpty()) {
            violations.add(Violation.of("joint-use-not-declared", "JOINT_USE needs joint_use: the id of a joint-use "
                    + "declaration of the policy (it declares " + policy.jointUse().stream().map(Policy.JointUse::id).toList()
                    + ").", "APPI Art. 27(5)(iii)"));
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
            violations.add(Violation.of("joint-use-incomplete", "the joint-use declaration '" + j.id()
                    + "' does not publish " + String.join(", ", missing) + ".",
                    "APPI Art. 27(5)(iii); policy: " + clause(j.clause(), "共同利用")));
        }
    }

    private static void crossBorder(PipelineManifest m, Policy policy, Destination d, List<Violation> violations) {
        if (d.country() == null || "JP".equals(d.country())) {
            return;
        }
        if (!policy.crossBorder().countries().isEmpty() && !policy.crossBorder().countries().contains(d.country())) {
            violations.add(Violation.of("country-not-in-policy", d.id() + " is in " + d.country() + ", a country the policy "
                    + "does not name for storage or provision (" + policy.crossBorder().countries() + ").",
                    "APPI Art. 23 (外的環境の把握); policy: " + clause(policy.crossBorder().clause(), "外国")));
        }
        if (m.legalBasis() == LegalBasis.INTERNAL) {
            return;
        }
        if (m.crossBorderBasis() == null) {
            violations.add(Violation.of("cross-border-without-basis", d.id() + " is in " + d.country() + ": set "
                    + "cross_border.basis to ADEQUACY (EEA, UK), EQUIVALENT_MEASURES (a contract or certification) or "
                    + "CONSENT (with information on that country's regime).", "APPI Art. 28"));
        } else if (m.crossBorderBasis() == PipelineManifest.CrossBorderBasis.ADEQUACY && !ADEQUATE.contains(d.country())) {
            violations.add(Violation.of("cross-border-not-adequate", d.country() + " is not on the PPC's list of countries "
                    + "with an equivalent regime (the EEA and the UK): use EQUIVALENT_MEASURES or CONSENT.", "APPI Art. 28(1)"));
        }
    }

    private static String clause(String clause, String otherwise) {
        return clause == null || clause.isBlank() ? otherwise : clause;
    }
}
