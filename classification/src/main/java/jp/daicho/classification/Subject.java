package jp.daicho.classification;

import java.util.Locale;

/** Whose data a field holds: the policy's subject categories, or none for non-personal fields. */
public enum Subject {
    CUSTOMER, PARTNER, EMPLOYEE, APPLICANT, NONE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
