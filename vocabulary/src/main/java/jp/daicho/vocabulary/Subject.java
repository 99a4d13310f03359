package jp.daicho.vocabulary;

import java.util.Locale;

/** Whose data a field holds: the policy's subject categories, or none for non-personal fields. */
public enum Subject implements Term {
    CUSTOMER("お客様", "Customers"),
    PARTNER("取引先", "Business partners"),
    EMPLOYEE("社員", "Employees"),
    APPLICANT("採用応募者", "Applicants"),
    NONE("個人に関しない", "Not personal");

    private final Words words;

    Subject(String japanese, String english) {
        this.words = new Words(japanese, english);
    }

    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Words words() {
        return words;
    }
}
