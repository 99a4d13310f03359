package jp.daicho.classification;

import java.util.Locale;

/** The item codes of the taxonomy (see docs/classification.md). Their {@link #code()} is part of the product. */
public enum Item {
    NONE, NAME, NAME_KANA, EMAIL, PHONE, ADDRESS, POSTAL_CODE, BIRTH_DATE, AGE, GENDER, NATIONALITY, PHOTO,
    IDENTIFIER, CREDENTIAL, GOVERNMENT_ID, MY_NUMBER, BANK_ACCOUNT, PAYMENT_CARD, EMPLOYMENT, IP_ADDRESS,
    DEVICE_ID, LOCATION, BEHAVIOR, FREE_TEXT, OTHER_PERSONAL,
    // 要配慮個人情報 and the financial guidelines' 機微情報
    MEDICAL(true), DISABILITY(true), CRIMINAL(true), CRIME_VICTIM(true), RACE_ETHNICITY(true), CREED(true),
    SOCIAL_STATUS(true), UNION_MEMBERSHIP(true), FAMILY_ORIGIN(true), SEX_LIFE(true);

    private final boolean sensitive;

    Item() {
        this(false);
    }

    Item(boolean sensitive) {
        this.sensitive = sensitive;
    }

    public boolean sensitive() {
        return sensitive;
    }

    public boolean personal() {
        return this != NONE;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
