package jp.daicho.vocabulary;

import java.util.Optional;

/**
 * The rules of the law and the policy that Daichō checks, each with one id (the {@link #code()} violations,
 * refusals and dead letters carry), the clause it rests on, and what it asks, in Japanese and English.
 * The inventory checks a pipeline against them when it is registered and whenever what it reads changes;
 * the ledger checks each occurrence; both name a broken rule by the same id.
 *
 * <p>The citations: 法 is the Act on the Protection of Personal Information (APPI, 個人情報保護法), 規則 the PPC's
 * Enforcement Rules (個人情報保護法施行規則), 番号法 the My Number Act. A rule resting on a promise of the
 * company's own privacy policy cites that; its violation adds the policy's own clause.
 */
public enum Rule implements Term {

    // What a pipeline may carry, and for which purposes
    UNKNOWN_CATEGORY("unknown-category",
            "個人情報保護法 第17条第1項（利用目的の特定）", "APPI Art. 17(1) (specifying the purpose)",
            "プライバシーポリシーにない本人の区分に利用目的を宣言しています。ポリシーの区分を使ってください。",
            "A purpose is declared for a category the privacy policy does not have: use one of the policy's categories."),
    PURPOSE_NOT_DECLARED("purpose-not-declared",
            "個人情報保護法 第18条第1項（利用目的による制限）", "APPI Art. 18(1) (use within the purpose)",
            "プライバシーポリシーがこの区分に宣言していない利用目的です。宣言された目的を選ぶか、本人の同意を得てください。",
            "The purpose is not one the privacy policy declares for the category: choose a declared purpose, or obtain the person's consent."),
    NO_PURPOSE_FOR_CATEGORY("no-purpose-for-category",
            "個人情報保護法 第17条第1項・第18条第1項", "APPI Art. 17(1), 18(1)",
            "この区分の個人データを読むのに、その区分の利用目的を宣言していません。ポリシーの利用目的を追加してください。",
            "The pipeline reads data of a category for which it declares no purpose: add one of the policy's purposes for it."),
    SENSITIVE_BY_OPT_OUT("sensitive-by-opt-out",
            "個人情報保護法 第27条第2項ただし書", "APPI Art. 27(2) proviso",
            "要配慮個人情報はオプトアウトで第三者に提供できません。項目を外すか、本人の同意を得て提供してください。",
            "Sensitive personal information can never be provided by opt-out: remove the field, or provide it with the person's consent."),
    SENSITIVE_TO_THIRD_PARTY("sensitive-to-third-party",
            "プライバシーポリシー（要配慮個人情報）", "The privacy policy (sensitive data)",
            "ポリシーは要配慮個人情報を第三者に提供しないと約束しています。項目を外してください。",
            "The policy promises that sensitive data is not provided to third parties: remove the field."),
    SENSITIVE_IN_JOINT_USE("sensitive-in-joint-use",
            "プライバシーポリシー（要配慮個人情報）", "The privacy policy (sensitive data)",
            "ポリシーは要配慮個人情報を共同利用しないと約束しています。項目を外してください。",
            "The policy promises that sensitive data is not used jointly: remove the field."),
    SPECIAL_CARE_PROVIDED("special-care-provided",
            "プライバシーポリシー（機微（センシティブ）情報）", "The privacy policy (special-care information)",
            "ポリシーは機微（センシティブ）情報を、法令に基づく場合や本人の同意に基づく場合などを除いて提供しないと約束しています。項目を外すか、本人の同意を得て提供してください。",
            "The policy promises that special-care information (sensitive in the financial-sector sense) is provided only in the cases it lists, such as by law or with the person's consent: remove the field, or provide it with consent."),
    PROCESSOR_DATA_COMBINED("processor-data-combined",
            "個人情報保護法 第27条第5項第1号（委託に伴う提供）", "APPI Art. 27(5)(i) (provision with an entrustment)",
            "委託元から預かった個人データを、自社の個人データや他の委託元のデータと組み合わせています。預かったデータは委託された業務の範囲でだけ扱えます。",
            "Data held for a client is combined with the company's own data or another client's: data entrusted to us may be handled only within the entrusted work."),
    PROCESSOR_DATA_PROVIDED("processor-data-provided",
            "個人情報保護法 第27条第5項第1号（委託に伴う提供）", "APPI Art. 27(5)(i) (provision with an entrustment)",
            "委託元から預かった個人データを第三者に提供しています。返却先の委託元か法令に基づく場合のほかは提供できません。",
            "Data held for a client is provided to a third party: it may go back to the client, or where a law requires, and nowhere else."),
    MY_NUMBER_PROVIDED("my-number-provided",
            "番号法 第19条（特定個人情報の提供の制限）", "My Number Act Art. 19",
            "個人番号は番号法が認める場合のほかは、本人の同意があっても提供できません。項目を外してください。",
            "My Numbers may be provided only in the cases of the My Number Act, whatever the consent: remove the field."),
    MY_NUMBER_USE_LIMIT("my-number-use-limit",
            "番号法 第9条（利用範囲）・第29条第3項", "My Number Act Art. 9 (scope of use)",
            "個人番号は番号法が定め、ポリシーが掲げる事務（源泉徴収、社会保険など）にしか利用できません。その事務の利用目的だけを宣言するか、項目を外してください。",
            "My Numbers may be used only for the tasks the My Number Act allows and the policy lists (tax withholding, social insurance): declare only those purposes, or remove the field."),
    ITEMS_OUTSIDE_PIPELINE("items-outside-pipeline",
            "個人情報保護法 第27条第1項", "APPI Art. 27(1)",
            "パイプラインに登録していない項目を提供しました。項目を含めてパイプラインを登録し直してください。",
            "Items were provided that the pipeline was not registered to provide: register the pipeline with them."),

    // To whom, and on which basis
    INTERNAL_TO_OUTSIDE("internal-to-outside",
            "個人情報保護法 第27条", "APPI Art. 27",
            "提供先は自社が運用していません。社内利用ではなく委託・共同利用・第三者提供です。根拠を選び直してください。",
            "The destination is not operated by us: data going there is entrusted, shared or provided. Choose that basis."),
    ENTRUSTMENT_NOT_DECLARED("entrustment-not-declared",
            "プライバシーポリシー（委託）", "The privacy policy (entrustment)",
            "ポリシーは個人データの取扱いの委託を定めていません。ポリシーを改定するか、別の根拠にしてください。",
            "The policy does not say the company entrusts personal data to contractors: amend the policy or use another basis."),
    ENTRUSTMENT_TO_NON_CONTRACTOR("entrustment-to-non-contractor",
            "個人情報保護法 第27条第5項第1号", "APPI Art. 27(5)(i)",
            "委託の提供先が委託先として登録されていません。委託先として登録するか、別の根拠にしてください。",
            "The destination of an entrustment is not a contractor: register it as one or choose another basis."),
    ENTRUSTMENT_WITHOUT_CONTRACT("entrustment-without-contract",
            "個人情報保護法 第25条（委託先の監督）", "APPI Art. 25 (supervision of contractors)",
            "委託先に契約の記録がありません。委託契約を委託先に記録してください。",
            "The contractor has no contract reference: record the entrustment contract on the party."),
    SUPERVISION_OVERDUE("supervision-overdue",
            "個人情報保護法 第25条（委託先の監督）", "APPI Art. 25 (supervision of contractors)",
            "委託先の監督（取扱状況の確認）が1年以上行われていません。監督を行い、その日を委託先に記録してください。",
            "The contractor has not been supervised (its handling checked) for over a year: supervise it and record the day on the party."),
    JOINT_USE_NOT_DECLARED("joint-use-not-declared",
            "個人情報保護法 第27条第5項第3号", "APPI Art. 27(5)(iii)",
            "共同利用には、ポリシーの共同利用の宣言を指定する必要があります。",
            "Joint use must name one of the policy's joint-use declarations."),
    JOINT_USE_INCOMPLETE("joint-use-incomplete",
            "個人情報保護法 第27条第5項第3号", "APPI Art. 27(5)(iii)",
            "共同利用の宣言に、公表すべき事項（項目、共同利用者の範囲、目的、責任者の氏名・住所・代表者）が欠けています。",
            "The joint-use declaration does not publish all it must: the items, the joint users, their purposes, and the responsible party's name, address and representative."),
    LEGAL_EXCEPTION_WITHOUT_ITEM("legal-exception-without-item",
            "個人情報保護法 第27条第1項", "APPI Art. 27(1)",
            "法令に基づく場合等には、第27条第1項の該当号（1〜7）を指定してください。",
            "A legal exception must name its item of Art. 27(1) (1 to 7)."),
    BASIS_NOT_ALLOWED("basis-not-allowed",
            "個人情報保護法 第27条第1項", "APPI Art. 27(1)",
            "パイプラインの登録と異なる根拠で提供しました。その根拠のパイプラインを登録してください。",
            "The occurrence claims a basis other than its pipeline's: register a pipeline for that basis."),
    UNKNOWN_BASIS("unknown-basis",
            "個人情報保護法 第27条第1項・第30条第1項", "APPI Art. 27(1), 30(1)",
            "根拠が法の定めるいずれでもありません。CONSENT、OPT_OUT、ENTRUSTMENT、BUSINESS_SUCCESSION、JOINT_USE、LEGAL_EXCEPTION のいずれかにしてください。",
            "The basis is none the law knows: use CONSENT, OPT_OUT, ENTRUSTMENT, BUSINESS_SUCCESSION, JOINT_USE or LEGAL_EXCEPTION."),
    MISSING_BASIS("missing-basis",
            "個人情報保護法 第30条第1項", "APPI Art. 30(1)",
            "受領には、提供者がどの根拠で提供したかが必要です。",
            "A receipt must say on which basis the provider provided the data."),
    OPT_OUT_NOT_DECLARED("opt-out-not-declared",
            "プライバシーポリシー（第三者提供）", "The privacy policy (third-party provision)",
            "ポリシーはオプトアウトによる第三者提供を定めていません。",
            "The policy does not declare provision by opt-out."),

    // Abroad
    COUNTRY_NOT_IN_POLICY("country-not-in-policy",
            "個人情報保護法 第23条（外的環境の把握）", "APPI Art. 23 (knowing the foreign environment)",
            "提供先の国は、ポリシーが保管・提供先として示す国にありません。ポリシーを改定するか、提供先を見直してください。",
            "The destination's country is not one the policy names for storage or provision: amend the policy or the destination."),
    CROSS_BORDER_WITHOUT_BASIS("cross-border-without-basis",
            "個人情報保護法 第28条第1項", "APPI Art. 28(1)",
            "外国への提供に根拠がありません。ADEQUACY（EEA・英国）、EQUIVALENT_MEASURES（契約・認証）、CONSENT（外国の制度の情報を添えた同意）のいずれかにしてください。",
            "A provision abroad has no basis: use ADEQUACY (EEA, UK), EQUIVALENT_MEASURES (a contract or certification) or CONSENT (with information on that country's regime)."),
    FOREIGN_REGIME_UNKNOWN("foreign-regime-unknown",
            "個人情報保護法 第28条第2項・第23条、施行規則 第17条", "APPI Art. 28(2), 23, PPC Rules Art. 17",
            "提供先の国の個人情報保護制度が記録されていません。本人への情報提供と外的環境の把握のため、その国の制度を記録してください。",
            "The destination country's personal-information regime is not recorded: record it (PUT /api/country-regimes/{country}), as informing the person and knowing the foreign environment require."),
    CROSS_BORDER_NOT_ADEQUATE("cross-border-not-adequate",
            "個人情報保護法 第28条第1項、施行規則 第15条", "APPI Art. 28(1), PPC Rules Art. 15",
            "その国は個人情報保護委員会が同等の水準と認める国（EEA・英国）ではありません。EQUIVALENT_MEASURES か CONSENT にしてください。",
            "The country is not on the PPC's list of countries with an equivalent regime (the EEA and the UK): use EQUIVALENT_MEASURES or CONSENT."),

    // Personally-related information (個人関連情報, Art. 31)
    ART31_NOT_A_PROVISION("related-info-not-a-provision",
            "個人情報保護法 第31条第1項", "APPI Art. 31(1)",
            "第31条は第三者への提供の規律です。自社のシステムへの流れには INTERNAL を使ってください。",
            "Art. 31 governs provision to a third party: a flow to one of our own systems is INTERNAL."),
    ART31_CARRIES_PERSONAL_DATA("related-info-is-personal-data",
            "個人情報保護法 第2条第7項・第27条第1項", "APPI Art. 2(7), 27(1)",
            "提供するデータは当社で個人を識別できる個人データです（提供元基準）。個人関連情報ではないため第31条ではなく第27条によります: 識別できる項目を外すか、CONSENT で提供してください。",
            "What the pipeline provides identifies persons here (the provider's standard): it is personal data under Art. 27, not personally-related information: remove the identifying items, or provide it with CONSENT."),
    ART31_NOT_IN_POLICY("related-info-not-in-policy",
            "プライバシーポリシー（個人関連情報の提供）", "The privacy policy (provision of personally-related information)",
            "プライバシーポリシーは個人関連情報の第三者提供を公表していません。ポリシーに宣言（personally_related）を加えてください。",
            "The privacy policy does not publish that personally-related information is provided to third parties: declare it (personally_related) in a new policy version."),

    // What Daichō observes reading personal data
    UNREGISTERED_FLOW("unregistered-flow",
            "個人情報保護法 第18条第1項（利用目的による制限）・第27条第1項（第三者提供の制限）", "APPI Art. 18(1), 27(1)",
            "個人データを読んでいる者がいますが、それを名指す登録済みのパイプラインがありません。パイプラインとして登録する（readers に名前を書く）か、社内の利用として理由を付けて承認するか、読むのを止めてください。",
            "Something reads personal data and no registered pipeline names it: register it as a pipeline (naming it under readers), accept it as internal use with a reason, or stop it."),

    // The Art. 29/30 record
    RECORD_MODE_MISSING("record-mode-missing",
            "個人情報保護法 第29条第1項", "APPI Art. 29(1)",
            "第三者提供には記録が必要です。record_mode を EACH_TIME、BATCH、CONTRACT_SUBSTITUTE のいずれかにしてください。",
            "A provision to a third party needs a record: set record_mode to EACH_TIME, BATCH or CONTRACT_SUBSTITUTE."),
    OPT_OUT_RECORD_MODE("opt-out-record-mode",
            "施行規則 第19条第2項・第23条第2項", "PPC Rules Art. 19(2), 23(2)",
            "オプトアウトによる提供・受領は、その都度記録しなければなりません（EACH_TIME）。",
            "A provision or receipt by opt-out is recorded each time (EACH_TIME)."),
    CONTRACT_SUBSTITUTE_WITHOUT_CONSENT("contract-substitute-without-consent",
            "施行規則 第19条第3項", "PPC Rules Art. 19(3)",
            "契約書等で記録に代えられるのは、本人の同意に基づく提供だけです。",
            "A contract can stand in for the record only for provision with consent."),
    UNKNOWN_RECORD_MODE("unknown-record-mode",
            "施行規則 第19条・第23条", "PPC Rules Art. 19, 23",
            "記録の方法は EACH_TIME、BATCH、CONTRACT_SUBSTITUTE のいずれかです。",
            "The record mode must be EACH_TIME, BATCH or CONTRACT_SUBSTITUTE."),
    MISSING_STATUTORY_ITEMS("missing-statutory-items",
            "施行規則 第20条第1項・第24条第1項（記録事項）", "PPC Rules Art. 20(1), 24(1) (the record's items)",
            "記録に法定の記録事項が欠けます。欠けている事項を付けて送り直してください。",
            "The record would lack items the Rules require: send the occurrence again with them."),
    PROVISION_STOPPED("provision-stopped",
            "個人情報保護法 第35条第3項・第4項（第三者提供の停止）", "APPI Art. 35(3), (4) (stop of provision to third parties)",
            "本人の請求により、この本人の個人データの第三者提供は停止されています。この本人を提供の対象から除いてください。",
            "The person asked for provision of their data to third parties to stop, and it was stopped: leave them out of the provision."),
    PIPELINE_RETIRED("pipeline-retired",
            "個人情報保護法 第29条第1項・第35条", "APPI Art. 29(1), 35",
            "このパイプラインは廃止されています。廃止後の提供・受領は記録できません。提供を止めてください。",
            "The pipeline was retired: nothing it provides or receives after that is recorded. Stop the provision."),
    UNKNOWN_PIPELINE("unknown-pipeline",
            "個人情報保護法 第29条第1項・第30条第1項", "APPI Art. 29(1), 30(1)",
            "提供は登録済みのパイプラインを名指す必要があります。先にパイプラインを登録してください。",
            "A provision must name its registered pipeline: register the pipeline before it runs."),
    MISSING_EVENT_ID("missing-event-id",
            "個人情報保護法 第29条第1項・第30条第1項", "APPI Art. 29(1), 30(1)",
            "提供・受領ごとに一意の eventId を付けてください。繰り返し届いても一度だけ記録するためです。",
            "Give every occurrence a unique eventId, so that a repeated delivery is recorded once."),
    MISSING_DATE("missing-date",
            "施行規則 第20条第1項・第24条第1項", "PPC Rules Art. 20(1), 24(1)",
            "記録には提供又は受領の日付が必要です（occurredAt）。",
            "The record needs the date of provision or receipt (occurredAt).");

    private final String code;
    private final Words clause;
    private final Words asks;

    Rule(String code, String clauseJapanese, String clauseEnglish, String japanese, String english) {
        this.code = code;
        this.clause = new Words(clauseJapanese, clauseEnglish);
        this.asks = new Words(japanese, english);
    }

    @Override
    public String code() {
        return code;
    }

    /** What the rule asks, and how to meet it. */
    @Override
    public Words words() {
        return asks;
    }

    /** The clause the rule rests on, as a Japanese or English reader cites it. */
    public Words clauses() {
        return clause;
    }

    /** The clause the rule rests on, in English: what a violation's {@code clause} starts with. */
    public String clause() {
        return clause.english();
    }

    /** Whether the rule rests on a promise of the company's privacy policy rather than the law. */
    public boolean policyPromise() {
        return clause.english().startsWith("The privacy policy");
    }

    /**
     * The rule an id names; ids of earlier versions ({@code my-number-provision}, {@code batch-record-for-opt-out},
     * the ledger's {@code ledger:} prefix) are read as the rule they became.
     */
    public static Optional<Rule> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String bare = id.startsWith("ledger:") ? id.substring("ledger:".length()) : id;
        String current = switch (bare) {
            case "my-number-provision" -> MY_NUMBER_PROVIDED.code;
            case "batch-record-for-opt-out" -> OPT_OUT_RECORD_MODE.code;
            default -> bare;
        };
        return Term.find(Rule.class, current);
    }
}
