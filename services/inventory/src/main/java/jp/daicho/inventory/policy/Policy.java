package jp.daicho.inventory.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The company's privacy policy as data: what it promises, per category of data subject, so that every
 * registered pipeline can be checked against it. One version of it, effective from a date.
 */
public record Policy(String version, LocalDate effectiveFrom, Company company, Map<String, Category> categories,
                     SensitiveRule sensitive, boolean entrustment, List<JointUse> jointUse, Provision provision,
                     List<Retention> retention, CrossBorder crossBorder, MyNumber myNumber, Requests requests,
                     List<SecurityMeasure> securityMeasures, PersonallyRelated personallyRelated) {

    /**
     * What the policy publishes about personally-related information (個人関連情報: cookies, device ids, browsing history)
     * provided to third parties that link it to personal data (Art. 31): to whom, which items, for what; {@code provided}
     * false when it says nothing of it (an ART31 pipeline is then refused).
     */
    public record PersonallyRelated(boolean provided, String recipients, List<String> items, List<String> purposes,
                                    String clause) {

        public static final PersonallyRelated NOT_PROVIDED = new PersonallyRelated(false, "", List.of(), List.of(), "");
    }

    /**
     * The four categories of data subject the classifier tells apart, in the order policies list them. A policy may
     * declare more (patients, shareholders, visitors, family members): a person's review assigns fields to them.
     */
    public static final List<String> SUBJECTS = List.of("customer", "partner", "employee", "applicant");

    /** How a category's code is written. */
    public static final java.util.regex.Pattern CATEGORY_CODE = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /** A name, address and representative: the company, a joint-use responsible party. */
    public record Company(String name, String address, String representative) {
    }

    /** お客様情報, 取引先情報, 社員情報, 採用応募者情報: the purposes of use (利用目的) declared for it. */
    public record Category(String label, List<Purpose> purposes) {
    }

    /** One declared purpose, with a short id that pipelines cite and the policy's own words. */
    public record Purpose(String id, String text, String clause) {
    }

    /**
     * 要配慮個人情報: acquired only with consent (Art. 20(2)); whether the policy allows providing it to third
     * parties or sharing it in joint use. Opt-out provision of it is never lawful (Art. 27(2)). {@code specialCare}: the
     * policy also handles 機微（センシティブ）情報 as the financial-sector guidelines ask — union membership, family origin,
     * registered domicile and sex life as well — providing it only by law or with consent (seed 001, clause 3).
     */
    public record SensitiveRule(boolean thirdPartyProvision, boolean jointUse, String clause, boolean specialCare) {
    }

    /**
     * A joint-use declaration (共同利用, Art. 27(5)(iii)) with the five items it must publish in advance: the
     * fact, the data items, the scope of joint users, their purposes, and the responsible party.
     */
    public record JointUse(String id, List<String> items, String users, List<String> purposes, Company responsible,
                           String clause) {
    }

    /** Whether the policy provides data to third parties with consent, by opt-out (Art. 27(2)). */
    public record Provision(boolean consent, boolean optOut, String clause) {
    }

    /** How long data of a category is kept (ISO-8601 period, e.g. P1Y) and the policy's words. */
    public record Retention(String category, String period, String text) {
    }

    /**
     * Whether the company handles My Numbers (個人番号), and for which of its purposes — the tasks the My Number Act
     * allows (番号法 Art. 9: tax withholding, social insurance …), as {@code category:purpose} of this policy. A pipeline
     * carrying My Numbers may declare only these.
     */
    public record MyNumber(boolean handled, List<String> purposes, String clause) {

        public static final MyNumber NOT_HANDLED = new MyNumber(false, List.of(), "");
    }

    /** A security-control measure the policy publishes (安全管理措置, Art. 32(1)(iv)), by kind, in its own words. */
    public record SecurityMeasure(jp.daicho.vocabulary.MeasureKind kind, String text, String clause) {
    }

    /** Countries where data is stored or provided, and the policy's statement on foreign regimes (Art. 28). */
    public record CrossBorder(List<String> countries, String clause) {
    }

    /**
     * What the policy publishes about requests from the persons themselves (開示等の請求, Art. 32–39): where to make
     * them, how, the identity check, the fee (Art. 38), and the company's own target for answering 遅滞なく.
     *
     * @param desk              the contact desk's name (窓口)
     * @param contact           its address, telephone, e-mail or form, as published
     * @param channels          how requests are accepted: {@link #CHANNELS}
     * @param identityDocuments what the identity check accepts (運転免許証, マイナンバーカード, ...)
     * @param feeYen            the fee for a purpose notice or a disclosure (Art. 38); null when none is charged
     * @param feeText           the policy's words on the fee
     * @param targetDays        calendar days from receipt the company gives itself to answer (the law says 遅滞なく)
     */
    public record Requests(String desk, String contact, List<String> channels, List<String> identityDocuments,
                           Integer feeYen, String feeText, int targetDays, String clause) {

        public static final List<String> CHANNELS = List.of("form", "email", "post", "phone", "in_person");
        /** When the policy names no target: two weeks, a common internal rule for 遅滞なく. */
        public static final int DEFAULT_TARGET_DAYS = 14;
        public static final Requests UNSTATED = new Requests("", "", CHANNELS, List.of(), null, "", DEFAULT_TARGET_DAYS, "");
    }

    public Optional<Purpose> purpose(String category, String id) {
        Category c = categories.get(category);
        return c == null ? Optional.empty() : c.purposes().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<JointUse> jointUse(String id) {
        return jointUse.stream().filter(j -> j.id().equals(id)).findFirst();
    }
}
