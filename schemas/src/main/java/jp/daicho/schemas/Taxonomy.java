package jp.daicho.schemas;

import java.util.List;
import java.util.Set;

/**
 * The classification codes carried by {@code FieldClassified}: part of the product, kept exactly. Their
 * meanings are in docs/classification.md.
 */
public final class Taxonomy {

    public static final List<String> SENSITIVE_ITEMS = List.of(
            "medical", "disability", "criminal", "crime_victim", "race_ethnicity", "creed", "social_status",
            "union_membership", "family_origin", "sex_life");

    public static final List<String> ITEMS = List.of(
            "none", "name", "name_kana", "email", "phone", "address", "postal_code", "birth_date", "age", "gender",
            "nationality", "photo", "identifier", "credential", "government_id", "my_number", "bank_account",
            "payment_card", "employment", "ip_address", "device_id", "location", "behavior", "free_text",
            "other_personal", "medical", "disability", "criminal", "crime_victim", "race_ethnicity", "creed",
            "social_status", "union_membership", "family_origin", "sex_life");

    public static final List<String> SUBJECTS = List.of("customer", "partner", "employee", "applicant", "none");

    private static final Set<String> ITEM_SET = Set.copyOf(ITEMS);
    private static final Set<String> SUBJECT_SET = Set.copyOf(SUBJECTS);

    public static boolean isItem(String code) {
        return ITEM_SET.contains(code);
    }

    public static boolean isSubject(String code) {
        return SUBJECT_SET.contains(code);
    }

    private Taxonomy() {
    }
}
