package jp.daicho.vocabulary;

import java.util.Locale;

/**
 * The items of personal data a field can hold (see docs/classification.md). {@link #code()} is what
 * {@code FieldClassified}, the inventory, pipelines and the ledger's records carry; the Japanese name is the
 * one the ledgers and exports print.
 */
public enum Item implements Term {
    NONE("個人に関しない", "Not personal"),
    NAME("氏名", "Name"),
    NAME_KANA("フリガナ", "Name in kana"),
    EMAIL("メールアドレス", "E-mail address"),
    PHONE("電話番号", "Telephone number"),
    ADDRESS("住所", "Address"),
    POSTAL_CODE("郵便番号", "Postal code"),
    BIRTH_DATE("生年月日", "Date of birth"),
    AGE("年齢", "Age"),
    GENDER("性別", "Gender"),
    NATIONALITY("国籍", "Nationality"),
    PHOTO("顔写真", "Photograph"),
    IDENTIFIER("識別子", "Identifier"),
    CREDENTIAL("認証情報", "Credential"),
    GOVERNMENT_ID("公的身分証番号", "Government ID number"),
    MY_NUMBER("個人番号", "My Number"),
    BANK_ACCOUNT("口座情報", "Bank account"),
    PAYMENT_CARD("クレジットカード情報", "Payment card"),
    EMPLOYMENT("職歴・雇用情報", "Employment"),
    IP_ADDRESS("IPアドレス", "IP address"),
    DEVICE_ID("端末識別子", "Device identifier"),
    LOCATION("位置情報", "Location"),
    BEHAVIOR("行動履歴", "Behaviour history"),
    FREE_TEXT("自由記述", "Free text"),
    OTHER_PERSONAL("その他の個人に関する情報", "Other personal information"),
    // 要配慮個人情報 (APPI Art. 2(3), Order Art. 2) and the financial guidelines' 機微情報
    MEDICAL("病歴・健康情報", "Medical history and health", true),
    DISABILITY("障害", "Disability", true),
    CRIMINAL("犯罪の経歴", "Criminal record", true),
    CRIME_VICTIM("犯罪被害の事実", "Having been a victim of crime", true),
    RACE_ETHNICITY("人種", "Race", true),
    CREED("信条", "Creed", true),
    SOCIAL_STATUS("社会的身分", "Social status", true),
    UNION_MEMBERSHIP("労働組合への加盟", "Trade union membership", true),
    FAMILY_ORIGIN("門地・本籍地", "Family origin and registered domicile", true),
    SEX_LIFE("性生活", "Sex life", true);

    private final Words words;
    private final boolean sensitive;

    Item(String japanese, String english) {
        this(japanese, english, false);
    }

    Item(String japanese, String english, boolean sensitive) {
        this.words = new Words(japanese, english);
        this.sensitive = sensitive;
    }

    /**
     * Special care: 機微（センシティブ）情報 in the sense of the financial-sector guidelines (金融分野ガイドライン Art. 5) —
     * 要配慮個人情報 together with trade-union membership, family origin and registered domicile, and sex life. What the
     * classifier flags as {@code sensitive}; the statute's narrower class is {@link #requiresCare()}.
     */
    public boolean sensitive() {
        return sensitive;
    }

    /**
     * 要配慮個人情報 as the statute defines it (APPI Art. 2(3), Cabinet Order Art. 2): never by opt-out, acquired only with
     * consent (Art. 20(2), 27(2) proviso). Union membership, family origin and sex life are special care (機微) only.
     */
    public boolean requiresCare() {
        return sensitive && this != UNION_MEMBERSHIP && this != FAMILY_ORIGIN && this != SEX_LIFE;
    }

    /**
     * Whether a field flagged sensitive with item {@code code} is 要配慮個人情報 in the statute's sense: yes unless its item is
     * one of the special-care-only kinds (a field flagged sensitive by other evidence stays so).
     */
    public static boolean requiresCare(String code, boolean sensitive) {
        return sensitive && Term.find(Item.class, code).map(i -> !i.sensitive() || i.requiresCare()).orElse(true);
    }

    public boolean personal() {
        return this != NONE;
    }

    /**
     * Whether the item identifies a person by itself, or lets the company find who it is (a member number, an account):
     * a dataset holding one is personal information (個人情報). A dataset holding only items that do not (a cookie or
     * device id, browsing history, location, age, gender) is personally-related information (個人関連情報, Art. 2(7)).
     */
    public boolean identifying() {
        return switch (this) {
            case NAME, NAME_KANA, EMAIL, PHONE, ADDRESS, PHOTO, IDENTIFIER, CREDENTIAL, GOVERNMENT_ID, MY_NUMBER, BANK_ACCOUNT,
                 PAYMENT_CARD -> true;
            default -> false;
        };
    }

    /** Whether {@code code} is the code of an identifying item ({@link #identifying()}). */
    public static boolean identifying(String code) {
        return Term.find(Item.class, code).map(Item::identifying).orElse(false);
    }

    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Words words() {
        return words;
    }

    /** Whether {@code code} is the code of an item of 要配慮個人情報 in the statute's sense. */
    public static boolean requiresCare(String code) {
        return Term.find(Item.class, code).map(Item::requiresCare).orElse(false);
    }

    /** Whether {@code code} is a sensitive (special-care, 機微) item's code. */
    public static boolean isSensitive(String code) {
        return Term.find(Item.class, code).map(Item::sensitive).orElse(false);
    }

    /** The Japanese name of an item code, or the code itself when it is none of ours. */
    public static String japanese(String code) {
        return Term.find(Item.class, code).map(Item::japanese).orElse(code);
    }
}
