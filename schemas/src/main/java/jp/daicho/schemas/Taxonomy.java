package jp.daicho.schemas;

import java.util.List;
import java.util.Map;
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

    /** The Japanese name of each item code, as the ledgers and exports print it. */
    private static final Map<String, String> JAPANESE = Map.ofEntries(
            Map.entry("name", "氏名"), Map.entry("name_kana", "フリガナ"), Map.entry("email", "メールアドレス"),
            Map.entry("phone", "電話番号"), Map.entry("address", "住所"), Map.entry("postal_code", "郵便番号"),
            Map.entry("birth_date", "生年月日"), Map.entry("age", "年齢"), Map.entry("gender", "性別"),
            Map.entry("nationality", "国籍"), Map.entry("photo", "顔写真"), Map.entry("identifier", "識別子"),
            Map.entry("credential", "認証情報"), Map.entry("government_id", "公的身分証番号"), Map.entry("my_number", "個人番号"),
            Map.entry("bank_account", "口座情報"), Map.entry("payment_card", "クレジットカード情報"), Map.entry("employment", "職歴・雇用情報"),
            Map.entry("ip_address", "IPアドレス"), Map.entry("device_id", "端末識別子"), Map.entry("location", "位置情報"),
            Map.entry("behavior", "行動履歴"), Map.entry("free_text", "自由記述"), Map.entry("other_personal", "その他の個人に関する情報"),
            Map.entry("medical", "病歴・健康情報"), Map.entry("disability", "障害"), Map.entry("criminal", "犯罪の経歴"),
            Map.entry("crime_victim", "犯罪被害の事実"), Map.entry("race_ethnicity", "人種"), Map.entry("creed", "信条"),
            Map.entry("social_status", "社会的身分"), Map.entry("union_membership", "労働組合への加盟"),
            Map.entry("family_origin", "門地・本籍地"), Map.entry("sex_life", "性生活"));

    /** The Japanese name of an item code (the code itself when it has none). */
    public static String japanese(String code) {
        return JAPANESE.getOrDefault(code, code);
    }

    private Taxonomy() {
    }
}
