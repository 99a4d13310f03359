package jp.daicho.vocabulary;

/** Why personal data may go where a pipeline sends it (APPI Art. 27). The code is the constant's name. */
public enum LegalBasis implements Term {
    /** Use inside the company, for the declared purposes: no provision at all. */
    INTERNAL("社内利用", "Internal use"),
    /** 委託, Art. 27(5)(i): to a contractor handling it on our behalf, under contract and supervision. */
    ENTRUSTMENT("委託", "Entrustment"),
    /** 事業承継, Art. 27(5)(ii): with a merger or business transfer. */
    BUSINESS_SUCCESSION("事業承継", "Business succession"),
    /** 共同利用, Art. 27(5)(iii): with joint users published in advance with the five items. */
    JOINT_USE("共同利用", "Joint use"),
    /** 本人の同意, Art. 27(1): third-party provision with the person's prior consent. */
    CONSENT("本人の同意", "Consent"),
    /** オプトアウト, Art. 27(2): third-party provision filed with the PPC; never for sensitive data. */
    OPT_OUT("オプトアウト", "Opt-out"),
    /** One of the exceptions of Art. 27(1)(i)–(vii) (laws, life and body, public health, public bodies, …). */
    LEGAL_EXCEPTION("法令に基づく場合等", "Legal exception"),
    /**
     * 個人関連情報の第三者提供, Art. 31: personally-related information (a cookie id, browsing history, a device id — no one
     * identified by it here) provided to a third party expected to link it to personal data, after confirming the
     * recipient obtained the person's consent (Rule 26); the confirmation is recorded (Rule 28).
     */
    ART31("個人関連情報の第三者提供（第31条）", "Personally-related information (Art. 31)");

    private final Words words;

    LegalBasis(String japanese, String english) {
        this.words = new Words(japanese, english);
    }

    /** Whether this is a provision to a third party that an Art. 29 record may be owed for. */
    public boolean thirdPartyProvision() {
        return this == CONSENT || this == OPT_OUT;
    }

    /**
     * Whether this basis allows providing My Numbers at all: use within the company, and 番号法 Art. 19's case of
     * entrusting the handling or succeeding to a business by merger or otherwise (委託・事業の承継); never consent,
     * opt-out, joint use or the APPI's own exceptions.
     */
    public boolean allowsMyNumber() {
        return this == INTERNAL || this == ENTRUSTMENT || this == BUSINESS_SUCCESSION;
    }

    @Override
    public Words words() {
        return words;
    }
}
