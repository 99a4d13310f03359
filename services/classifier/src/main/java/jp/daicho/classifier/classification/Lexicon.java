package jp.daicho.classifier.classification;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Column- and table-name vocabulary in English, romaji and Japanese. Tokens match whole tokens of the
 * normalized name; Japanese terms match as substrings (Japanese has no separators).
 */
final class Lexicon {

    record Term(Item item, Set<String> tokens, List<String> japanese, List<String> compounds) {
    }

    /** Order matters: the first matching term wins, so specific terms come before generic ones. */
    static final List<Term> COLUMN_TERMS = List.of(
            new Term(Item.NAME_KANA, Set.of("kana", "furigana", "yomi", "kananame", "namekana"),
                    List.of("フリガナ", "ふりがな", "カナ", "かな", "読み", "ヨミ"), List.of("name_kana", "kana_name", "kana_sei", "kana_mei")),
            new Term(Item.EMAIL, Set.of("email", "mail", "emailaddress", "mailaddress"),
                    List.of("メール", "ﾒｰﾙ"), List.of("e_mail")),
            new Term(Item.PHONE, Set.of("phone", "tel", "telephone", "mobile", "cellphone", "fax", "denwa", "keitai", "phonenumber"),
                    List.of("電話", "携帯", "ファックス", "FAX"), List.of("contact_number", "phone_no", "tel_no")),
            new Term(Item.POSTAL_CODE, Set.of("zip", "zipcode", "postcode", "postal", "postalcode", "yubin", "yubinbango"),
                    List.of("郵便番号", "〒"), List.of("post_code", "zip_code", "postal_code")),
            new Term(Item.ADDRESS, Set.of("address", "addr", "street", "jusho", "juusho", "prefecture", "city", "todofuken"),
                    List.of("住所", "所在地", "番地", "都道府県", "市区町村"), List.of()),
            new Term(Item.BIRTH_DATE, Set.of("dob", "birthday", "birthdate", "seinengappi", "birth"),
                    List.of("生年月日", "誕生日"), List.of("date_of_birth", "birth_date")),
            new Term(Item.GENDER, Set.of("gender", "sex", "seibetsu"),
                    List.of("性別"), List.of()),
            new Term(Item.MEDICAL, Set.of("diagnosis", "medical", "disease", "illness", "symptom", "allergy", "allergies",
                    "medication", "prescription", "byoreki", "condition", "health"),
                    List.of("病歴", "病名", "診断", "既往", "健康診断", "服薬", "処方", "症状", "アレルギー"), List.of("blood_pressure", "health_check")),
            new Term(Item.NAME, Set.of("name", "firstname", "lastname", "fullname", "surname", "givenname", "shimei",
                    "namae", "sei", "mei", "username", "nickname"),
                    List.of("氏名", "名前", "お名前", "姓名", "担当者"), List.of("first_name", "last_name", "full_name", "family_name", "given_name")));

    /** Table-name vocabulary that decides whose data a table holds. */
    static final Map<Subject, List<String>> SUBJECT_TERMS = Map.of(
            Subject.EMPLOYEE, List.of("employee", "emp", "staff", "shain", "jugyoin", "worker", "personnel", "payroll",
                    "社員", "従業員", "職員", "人事", "給与"),
            Subject.APPLICANT, List.of("applicant", "candidate", "recruit", "recruitment", "oubo", "entry", "resume",
                    "応募", "候補者", "採用"),
            Subject.PARTNER, List.of("partner", "vendor", "supplier", "contractor", "torihikisaki", "agency",
                    "取引先", "仕入", "協力会社", "委託先"),
            Subject.CUSTOMER, List.of("customer", "member", "user", "client", "patient", "guest", "consumer", "subscriber",
                    "kaiin", "kokyaku", "会員", "顧客", "利用者", "お客様", "患者"));

    private Lexicon() {
    }

    static Optional<Term> columnTerm(String columnName) {
        String normalized = Names.normalize(columnName);
        String lower = normalized.toLowerCase(java.util.Locale.ROOT);
        List<String> tokens = Names.tokens(columnName);
        String joined = String.join("", tokens);
        for (Term term : COLUMN_TERMS) {
            if (term.japanese().stream().anyMatch(normalized::contains)
                    || term.compounds().stream().anyMatch(lower::contains)
                    || tokens.stream().anyMatch(term.tokens()::contains)
                    || term.tokens().contains(joined)) {
                return Optional.of(term);
            }
        }
        return Optional.empty();
    }

    /**
     * Whose data a table holds: from its name, or else from a column that points at a person table
     * ({@code employee_id} in {@code health_checkups}).
     */
    static Optional<Subject> tableSubject(String tableName, List<String> columnNames) {
        Optional<Subject> byName = tableSubject(tableName);
        if (byName.isPresent()) {
            return byName;
        }
        for (String column : columnNames) {
            List<String> tokens = Names.tokens(column);
            if (tokens.size() >= 2 && List.of("id", "no", "code", "number").contains(tokens.getLast())) {
                Optional<Subject> referenced = tableSubject(String.join("_", tokens.subList(0, tokens.size() - 1)));
                if (referenced.isPresent()) {
                    return referenced;
                }
            }
        }
        return Optional.empty();
    }

    static Optional<Subject> tableSubject(String tableName) {
        String normalized = Names.normalize(tableName);
        List<String> tokens = Names.tokens(tableName);
        for (Subject subject : List.of(Subject.EMPLOYEE, Subject.APPLICANT, Subject.PARTNER, Subject.CUSTOMER)) {
            for (String term : SUBJECT_TERMS.get(subject)) {
                boolean japanese = term.codePoints().anyMatch(c -> c > 0x7f);
                if (japanese ? normalized.contains(term)
                        : tokens.stream().anyMatch(t -> t.equals(term) || t.equals(term + "s") || t.equals(term + "es"))) {
                    return Optional.of(subject);
                }
            }
        }
        return Optional.empty();
    }
}
