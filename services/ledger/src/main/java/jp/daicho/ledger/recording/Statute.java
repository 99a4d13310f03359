package jp.daicho.ledger.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.LegalBasis;
import jp.daicho.vocabulary.RecordMode;
import jp.daicho.vocabulary.Rule;
import jp.daicho.vocabulary.Term;


/**
 * What APPI asks of one occurrence, as a pure function: the Art. 29 provision record or Art. 30
 * confirmation record with the items of its case (Rules 20 and 24), no record for the cases the law
 * exempts (with the reason), or a refusal that says what is wrong and how to fix it.
 */
public final class Statute {

    private Statute() {
    }

    public static Decision decide(Occurrence o, Optional<KnownPipeline> pipeline) {
        if (blank(o.eventId())) {
            return Decision.Rejected.of(Rule.MISSING_EVENT_ID, "the occurrence has no eventId; give every occurrence a unique id "
                    + "so that a repeated delivery is recorded once");
        }
        if (o.occurredAt() == null) {
            return Decision.Rejected.of(Rule.MISSING_DATE, "the occurrence has no occurredAt; the record needs the date of "
                    + "provision or receipt");
        }
        return o.direction() == Occurrence.Direction.RECEIVED ? receipt(o, pipeline) : provision(o, pipeline);
    }

    private static Decision provision(Occurrence o, Optional<KnownPipeline> known) {
        if (blank(o.pipelineId())) {
            return Decision.Rejected.of(Rule.UNKNOWN_PIPELINE, "a provision must name its registered pipeline (pipelineId)");
        }
        if (known.isEmpty()) {
            return Decision.Rejected.of(Rule.UNKNOWN_PIPELINE, "pipeline '" + o.pipelineId() + "' is not registered: register "
                    + "it (bin/daicho pipeline register) before it runs, then send the occurrence again");
        }
        KnownPipeline p = known.get();
        String basis = p.legalBasis();
        if (!blank(o.basis()) && !o.basis().equals(basis)) {
            return Decision.Rejected.of(Rule.BASIS_NOT_ALLOWED, "the occurrence claims basis " + o.basis() + " but pipeline '"
                    + p.id() + "' is registered for " + basis + "; register a pipeline for that basis");
        }
        List<String> items = o.dataItems().isEmpty() ? p.dataItems() : o.dataItems();
        if (!p.dataItems().isEmpty()) {
            var outside = items.stream().filter(i -> !p.dataItems().contains(i)).toList();
            if (!outside.isEmpty()) {
                return Decision.Rejected.of(Rule.ITEMS_OUTSIDE_PIPELINE, "items " + outside + " are not among what pipeline '"
                        + p.id() + "' was registered to provide " + p.dataItems() + "; register the pipeline with them");
            }
        }
        var sensitive = items.stream().filter(Item::requiresCare).toList();
        if ("OPT_OUT".equals(basis) && !sensitive.isEmpty()) {
            return Decision.Rejected.of(Rule.SENSITIVE_BY_OPT_OUT, "sensitive items " + sensitive + " can never be provided "
                    + "by opt-out; obtain the person's consent and use a CONSENT pipeline");
        }
        if (items.contains(Item.MY_NUMBER.code()) && !Term.find(LegalBasis.class, basis).map(LegalBasis::allowsMyNumber).orElse(false)) {
            return Decision.Rejected.of(Rule.MY_NUMBER_PROVIDED, "My Number may be provided only as the My Number Act "
                    + "allows (not by " + basis + ")");
        }
        Counterparty recipient = p.recipient();
        if (recipient != null && "PUBLIC_BODY".equals(recipient.kind())) {
            return new Decision.Exempt(basis, "provision to a public body of Art. 16(2): no record is owed (Art. 29(1) proviso)");
        }
        boolean crossBorderConsent = !"JP".equals(p.country()) && "CONSENT".equals(p.crossBorderBasis());
        switch (basis) {
            case "INTERNAL" -> {
                return new Decision.Exempt(basis, "use within the company, not a provision to a third party: no record");
            }
            case "LEGAL_EXCEPTION" -> {
                return new Decision.Exempt(basis, "provision under Art. 27(1)" + (p.legalExceptionItem() == null ? ""
                        : "(" + p.legalExceptionItem() + ")") + ": no record is owed (Art. 29(1) proviso)");
            }
            case "ENTRUSTMENT", "BUSINESS_SUCCESSION", "JOINT_USE" -> {
                if (!crossBorderConsent) {
                    return new Decision.Exempt(basis, "the recipient is not a third party under Art. 27(5)("
                            + switch (basis) { case "ENTRUSTMENT" -> "i"; case "BUSINESS_SUCCESSION" -> "ii"; default -> "iii"; }
                            + "): no record is owed (Art. 29(1) proviso)");
                }
                // Art. 28 consent to a country without adequacy or equivalent measures: 27(5) does not apply,
                // so this is a consent-based provision to a third party and needs its record.
            }
            case "CONSENT", "OPT_OUT" -> {
            }
            case "ART31" -> {
                return personallyRelated(o, p, items);
            }
            default -> {
                return Decision.Rejected.of(Rule.UNKNOWN_BASIS, "pipeline '" + p.id() + "' has legal basis '" + basis
                        + "', which the ledger does not know");
            }
        }
        String mode = p.recordMode() == null ? "EACH_TIME" : p.recordMode();
        boolean optOut = "OPT_OUT".equals(basis);
        var missing = new ArrayList<String>();
        if (recipient == null || blank(recipient.name())) {
            missing.add("the recipient's name (register the pipeline's destination party)");
        } else if (optOut && (blank(recipient.address()) || blank(recipient.representative()))) {
            missing.add("the recipient's address and representative (complete the party in the inventory)");
        }
        requireSubjectAndItems(o, items, missing);
        if (!optOut && blank(o.consentReference())) {
            missing.add("the fact of the person's consent (consentReference)");
        }
        if (!missing.isEmpty()) {
            return missingItems(optOut ? "PPC Rules Art. 20(1)(i)" : "PPC Rules Art. 20(1)(ii)", missing);
        }
        if (optOut && !"EACH_TIME".equals(mode)) {
            return Decision.Rejected.of(Rule.OPT_OUT_RECORD_MODE, "a provision by opt-out is recorded each time; pipeline '"
                    + p.id() + "' says " + mode);
        }
        String effectiveBasis = crossBorderConsent && !"CONSENT".equals(basis) ? "CONSENT" : basis;
        return record("PROVISION", effectiveBasis, mode, recipient, items, optOut ? null : o.consentReference(), null, null,
                o.pipelineId());
    }

    /**
     * Personally-related information provided to a third party that links it to personal data (Art. 31): the record of
     * the confirmation that the recipient obtained the person's consent (Rule 28(1): that it was confirmed — and, abroad,
     * that the person was informed — the date, the recipient's name, address and representative, the items), kept 1 or 3
     * years as Art. 29 records are (Rule 29).
     */
    private static Decision personallyRelated(Occurrence o, KnownPipeline p, List<String> items) {
        Counterparty recipient = p.recipient();
        var missing = new ArrayList<String>();
        if (recipient == null || blank(recipient.name()) || blank(recipient.address()) || blank(recipient.representative())) {
            missing.add("the recipient's name, address and representative (complete the party in the inventory)");
        }
        requireSubjectAndItems(o, items, missing);
        if (blank(o.consentReference())) {
            missing.add("how it was confirmed that the recipient obtained the person's consent (consentReference, Rule 26"
                    + (!"JP".equals(p.country()) ? "; abroad, also that the person was informed of the country's regime" : "")
                    + ")");
        }
        if (!missing.isEmpty()) {
            return missingItems("PPC Rules Art. 28(1)", missing);
        }
        String mode = p.recordMode() == null ? "EACH_TIME" : p.recordMode();
        return record("CONFIRMATION", "ART31", mode, recipient, items, o.consentReference(), null, null, o.pipelineId());
    }

    private static Decision receipt(Occurrence o, Optional<KnownPipeline> known) {
        if (!blank(o.pipelineId()) && known.isEmpty()) {
            return Decision.Rejected.of(Rule.UNKNOWN_PIPELINE, "pipeline '" + o.pipelineId() + "' is not registered: register "
                    + "it, or leave pipelineId out for a receipt no pipeline of ours carries");
        }
        String basis = blank(o.basis()) ? null : o.basis();
        if (basis == null) {
            return Decision.Rejected.of(Rule.MISSING_BASIS, "a receipt must say on which basis the provider provided the data "
                    + "(basis: CONSENT, OPT_OUT, ART31, ENTRUSTMENT, BUSINESS_SUCCESSION, JOINT_USE or LEGAL_EXCEPTION)");
        }
        switch (basis) {
            case "ENTRUSTMENT", "BUSINESS_SUCCESSION", "JOINT_USE", "LEGAL_EXCEPTION" -> {
                return new Decision.Exempt(basis, "received under " + basis + ": no confirmation record is owed (Art. 30(1) proviso)");
            }
            case "CONSENT", "OPT_OUT", "ART31" -> {
            }
            default -> {
                return Decision.Rejected.of(Rule.UNKNOWN_BASIS, "basis '" + basis + "' is not one the ledger knows");
            }
        }
        boolean optOut = "OPT_OUT".equals(basis);
        List<String> items = o.dataItems().isEmpty() && known.isPresent() ? known.get().dataItems() : o.dataItems();
        var sensitive = items.stream().filter(Item::requiresCare).toList();
        if (optOut && !sensitive.isEmpty()) {
            return Decision.Rejected.of(Rule.SENSITIVE_BY_OPT_OUT, "sensitive items " + sensitive + " cannot have been provided "
                    + "by opt-out; do not receive them");
        }
        var missing = new ArrayList<String>();
        Counterparty provider = o.provider();
        if (provider == null || blank(provider.name()) || blank(provider.address()) || blank(provider.representative())) {
            missing.add("the provider's name, address and representative (provider)");
        }
        boolean art31 = "ART31".equals(basis);
        if (blank(o.acquisition()) && !art31) {
            missing.add("how the provider acquired the data (acquisition, 取得の経緯)");
        }
        requireSubjectAndItems(o, items, missing);
        if (optOut && !Boolean.TRUE.equals(o.optOutPublished())) {
            missing.add("the fact that the PPC published the provider's opt-out filing (optOutPublished: true)");
        }
        if (!optOut && blank(o.consentReference())) {
            missing.add(art31 ? "the person's consent to our acquiring it as personal data (consentReference, Art. 31(1)(i))"
                    : "the fact of the person's consent (consentReference)");
        }
        if (!missing.isEmpty()) {
            return missingItems("PPC Rules Art. 24(1)", missing);
        }
        String mode = blank(o.recordMode()) ? "EACH_TIME" : o.recordMode();
        if (!List.of("EACH_TIME", "BATCH", "CONTRACT_SUBSTITUTE").contains(mode)) {
            return Decision.Rejected.of(Rule.UNKNOWN_RECORD_MODE, "recordMode must be EACH_TIME, BATCH or CONTRACT_SUBSTITUTE");
        }
        if (optOut && !"EACH_TIME".equals(mode)) {
            return Decision.Rejected.of(Rule.OPT_OUT_RECORD_MODE, "a receipt by opt-out is recorded each time");
        }
        return record("RECEIPT", basis, mode, provider, items, optOut ? null : o.consentReference(), o.acquisition(),
                optOut ? Boolean.TRUE : null, blank(o.pipelineId()) ? "provider:" + provider.name() : o.pipelineId());
    }

    private static void requireSubjectAndItems(Occurrence o, List<String> items, List<String> missing) {
        if (blank(o.subjectKey())) {
            missing.add("the data subject's key (subjectKey), by which they can ask for disclosure");
        }
        if (o.subjectItems().isEmpty() || o.subjectItems().values().stream().allMatch(Statute::blank)) {
            missing.add("the items identifying the data subject (subjectItems)");
        }
        if (items.isEmpty()) {
            missing.add("the data items provided (dataItems, or register them with the pipeline)");
        }
    }

    private static Decision missingItems(String clause, List<String> missing) {
        return Decision.Rejected.of(Rule.MISSING_STATUTORY_ITEMS, "the record would lack " + String.join("; ", missing)
                + " (" + clause + ")");
    }

    private static Decision record(String kind, String basis, String mode, Counterparty counterparty, List<String> items,
                                   String consent, String acquisition, Boolean optOutPublished, String groupOwner) {
        // Retention (Rules 21 and 25): a contract standing in for the record, 1 year after the last provision; otherwise 3.
        int years = RecordMode.valueOf(mode).retentionYears();
        // Batch and contract-substitute records cover repeated provisions to one counterparty: they are kept
        // until a fixed time after the last provision of the group.
        String group = "EACH_TIME".equals(mode) ? null : mode + "|" + groupOwner + "|" + counterparty.name();
        return new Decision.Record(kind, basis, mode, counterparty, items, consent, acquisition, optOutPublished, years, group);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
