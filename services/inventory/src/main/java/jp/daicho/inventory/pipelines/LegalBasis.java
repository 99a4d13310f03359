package jp.daicho.inventory.pipelines;

/** Why personal data may go where a pipeline sends it (APPI Art. 27). */
public enum LegalBasis {
    /** Use inside the company, for the declared purposes: no provision at all. */
    INTERNAL,
    /** 委託, Art. 27(5)(i): to a contractor handling it on our behalf, under contract and supervision. */
    ENTRUSTMENT,
    /** 事業承継, Art. 27(5)(ii): with a merger or business transfer. */
    BUSINESS_SUCCESSION,
    /** 共同利用, Art. 27(5)(iii): with joint users published in advance with the five items. */
    JOINT_USE,
    /** 本人の同意, Art. 27(1): third-party provision with the person's prior consent. */
    CONSENT,
    /** オプトアウト, Art. 27(2): third-party provision filed with the PPC; never for sensitive data. */
    OPT_OUT,
    /** One of the exceptions of Art. 27(1)(i)–(vii) (laws, life and body, public health, public bodies, …). */
    LEGAL_EXCEPTION;

    /** Whether this is a provision to a third party that an Art. 29 record may be owed for. */
    public boolean thirdPartyProvision() {
        return this == CONSENT || this == OPT_OUT;
    }
}
