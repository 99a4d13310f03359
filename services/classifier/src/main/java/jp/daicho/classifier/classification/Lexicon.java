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
            new Term(Item.MY_NUMBER, Set.of("mynumber", "kojinbango"),
                    List.of("個人番号", "マイナンバー"), List.of("my_number", "individual_number")),
            new Term(Item.CREDENTIAL, Set.of("password", "passwd", "pwd", "salt", "secret", "token", "otp", "pin",
                    "passcode", "apikey", "hash"),
                    List.of("パスワード", "暗証番号", "秘密の質問"), List.of("activation_key", "api_key", "remember_token",
                    "secret_question", "secret_answer", "security_question", "security_answer", "reset_key")),
            new Term(Item.NAME_KANA, Set.of("kana", "furigana", "yomi", "kananame", "namekana"),
                    List.of("フリガナ", "ふりがな", "カナ", "かな", "読み", "ヨミ"), List.of("name_kana", "kana_name", "kana_sei", "kana_mei")),
            new Term(Item.EMAIL, Set.of("email", "mail", "emailaddress", "mailaddress"),
                    List.of("メール", "ﾒｰﾙ"), List.of("e_mail")),
            new Term(Item.PHONE, Set.of("phone", "tel", "telephone", "mobile", "cellphone", "fax", "denwa", "keitai", "phonenumber"),
                    List.of("電話", "携帯", "ファックス", "FAX"), List.of("contact_number", "phone_no", "tel_no")),
            new Term(Item.POSTAL_CODE, Set.of("zip", "zipcode", "postcode", "postal", "postalcode", "yubin", "yubinbango"),
                    List.of("郵便番号", "〒"), List.of("post_code", "zip_code", "postal_code")),
            new Term(Item.IP_ADDRESS, Set.of("ip", "ipaddress", "ipaddr"), List.of("IPアドレス"), List.of("ip_address", "remote_addr")),
            new Term(Item.ADDRESS, Set.of("address", "addr", "street", "jusho", "juusho", "prefecture", "city", "todofuken",
                    "district", "ward", "town", "banchi", "building"),
                    List.of("住所", "所在地", "番地", "都道府県", "市区町村", "建物名"), List.of()),
            new Term(Item.BIRTH_DATE, Set.of("dob", "birthday", "birthdate", "seinengappi", "birth", "birthdt"),
                    List.of("生年月日", "誕生日"), List.of("date_of_birth", "birth_date")),
            new Term(Item.AGE, Set.of("age", "nenrei"), List.of("年齢"), List.of()),
            new Term(Item.GENDER, Set.of("gender", "sex", "seibetsu"),
                    List.of("性別"), List.of()),
            new Term(Item.NATIONALITY, Set.of("nationality", "citizenship", "kokuseki"), List.of("国籍"), List.of()),
            new Term(Item.RACE_ETHNICITY, Set.of("race", "ethnicity", "ethnic", "racecode", "ethniccode"),
                    List.of("人種", "民族"), List.of()),
            new Term(Item.CREED, Set.of("religion", "creed", "faith"), List.of("宗教", "信条", "信仰"), List.of("political_party")),
            new Term(Item.UNION_MEMBERSHIP, Set.of("union"), List.of("労働組合", "組合員"), List.of("union_member", "trade_union")),
            new Term(Item.FAMILY_ORIGIN, Set.of("honseki"), List.of("本籍", "門地"), List.of("registered_domicile")),
            new Term(Item.CRIMINAL, Set.of("criminal", "conviction", "arrest"), List.of("犯罪歴", "前科", "逮捕"),
                    List.of("criminal_record")),
            new Term(Item.DISABILITY, Set.of("disability", "disabled", "handicap", "impairment"),
                    List.of("障害", "障がい", "身体障害者手帳"), List.of()),
            new Term(Item.GOVERNMENT_ID, Set.of("passport", "licence", "license", "ssn", "ryoken", "menkyo", "pension"),
                    List.of("旅券", "免許証", "運転免許", "保険証", "年金番号", "在留カード"),
                    List.of("identity_document", "national_id", "insurance_card", "residence_card", "tax_id")),
            new Term(Item.BANK_ACCOUNT, Set.of("iban", "kouza"), List.of("口座", "支店名", "口座名義"),
                    List.of("account_number", "account_no", "bank_account", "branch_code", "account_holder")),
            new Term(Item.PAYMENT_CARD, Set.of("cvv", "cvc"), List.of("カード番号", "有効期限"),
                    List.of("card_number", "card_no", "credit_card", "cc_number", "card_expiry", "card_holder")),
            new Term(Item.PHOTO, Set.of("photo", "avatar", "portrait", "picture", "headshot"), List.of("写真", "顔写真"),
                    List.of("profile_image", "profile_picture", "profile_photo")),
            new Term(Item.LOCATION, Set.of("latitude", "longitude", "lat", "lng", "lon", "geolocation"), List.of("緯度", "経度", "位置情報"),
                    List.of()),
            new Term(Item.MEDICAL, Set.of("diagnosis", "medical", "disease", "illness", "symptom", "allergy", "allergies",
                    "medication", "prescription", "byoreki", "condition", "conditions", "health", "drug", "treatment",
                    "clinical", "vital", "vitals", "pregnancy", "dosage"),
                    List.of("病歴", "病名", "診断", "既往", "健康診断", "服薬", "処方", "症状", "アレルギー", "治療", "投薬", "妊娠"),
                    List.of("blood_pressure", "health_check", "cause_of_death")),
            new Term(Item.EMPLOYMENT, Set.of("salary", "wage", "payroll", "jobtitle", "designation", "occupation", "employer",
                    "hire", "hired", "joining", "leaving", "resignation", "grade", "kyuyo", "shokushu", "yakushoku"),
                    List.of("給与", "役職", "職種", "入社", "退職", "所属", "雇用", "年収", "勤務先", "職歴", "学歴", "資格"),
                    List.of("job_title", "hire_date", "date_of_joining", "date_of_leaving", "emp_status", "pay_grade",
                            "years_exp", "work_history")),
            new Term(Item.NAME, Set.of("name", "firstname", "lastname", "fullname", "surname", "givenname", "shimei",
                    "namae", "sei", "mei", "nickname", "middlename", "displayname"),
                    List.of("氏名", "名前", "お名前", "姓名", "担当者"), List.of("first_name", "last_name", "full_name", "family_name",
                    "given_name", "middle_name", "display_name")),
            new Term(Item.IDENTIFIER, Set.of("username", "login", "loginid", "userid", "memberno", "employeeno"),
                    List.of("会員番号", "社員番号", "従業員番号", "患者番号", "受験番号", "ログインID"),
                    List.of("user_name", "login_id", "member_no", "member_number", "employee_no", "employee_number",
                            "patient_no", "candidate_no", "system_id")),
            new Term(Item.FREE_TEXT, Set.of("note", "notes", "comment", "comments", "remark", "remarks", "memo", "message",
                    "bio", "biography", "reason"),
                    List.of("備考", "メモ", "コメント", "自己PR", "志望動機", "所見"), List.of()));

    /** Audit columns name the staff member who changed a row. */
    static final Set<String> AUDIT_COLUMNS = Set.of("creator", "created_by", "changed_by", "updated_by", "modified_by",
            "voided_by", "retired_by", "deleted_by", "approved_by", "createdby", "modifiedby", "updatedby");

    /** Table-name vocabulary that decides whose data a table holds. */
    static final Map<Subject, List<String>> SUBJECT_TERMS = Map.of(
            Subject.EMPLOYEE, List.of("employee", "emp", "staff", "shain", "jugyoin", "worker", "personnel", "payroll",
                    "provider", "doctor", "nurse", "clinician", "vet", "admin", "administrator", "operator", "attendance",
                    "社員", "従業員", "職員", "人事", "給与", "勤怠"),
            Subject.APPLICANT, List.of("applicant", "candidate", "recruit", "recruitment", "oubo", "entry", "resume",
                    "応募", "候補者", "採用"),
            Subject.PARTNER, List.of("partner", "vendor", "supplier", "contractor", "torihikisaki", "agency",
                    "取引先", "仕入", "協力会社", "委託先"),
            Subject.CUSTOMER, List.of("customer", "member", "user", "client", "patient", "guest", "consumer", "subscriber",
                    "person", "owner", "shopper", "buyer", "kaiin", "kokyaku", "会員", "顧客", "利用者", "お客様", "患者", "購入者"));

    private Lexicon() {
    }

    static Optional<Term> columnTerm(String columnName) {
        String normalized = Names.normalize(columnName);
        String lower = normalized.toLowerCase(java.util.Locale.ROOT);
        List<String> tokens = Names.tokens(columnName);
        String joined = String.join("", tokens);
        // Hungarian and glued suffixes: genderid, nationalityid, emailaddress2
        List<String> stems = tokens.stream().map(t -> t.length() > 4 && t.endsWith("id") ? t.substring(0, t.length() - 2) : t)
                .toList();
        for (Term term : COLUMN_TERMS) {
            if (term.japanese().stream().anyMatch(normalized::contains)
                    || term.compounds().stream().anyMatch(lower::contains)
                    || tokens.stream().anyMatch(term.tokens()::contains)
                    || stems.stream().anyMatch(term.tokens()::contains)
                    || term.tokens().contains(joined)) {
                return Optional.of(term);
            }
        }
        // Glued words, tried only when nothing matched exactly: streetaddress, personalemail, userfullname.
        for (Term term : COLUMN_TERMS) {
            // A bare "name" glued to something (agencyname, filename, hostname) is too often not a person's.
            if (stems.stream().anyMatch(t -> term.tokens().stream().anyMatch(w -> w.length() >= 4 && !w.equals("name")
                    && t.length() > w.length() && t.endsWith(w)))) {
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
        return columnNames.stream().map(Lexicon::referencedSubject).flatMap(Optional::stream).findFirst();
    }

    /** The subject of the person table a column points at by its name ({@code employee_id}, {@code member_no}). */
    static Optional<Subject> referencedSubject(String columnName) {
        List<String> tokens = Names.tokens(columnName);
        if (tokens.size() < 2 || !List.of("id", "no", "code", "number").contains(tokens.getLast())) {
            return Optional.empty();
        }
        return tableSubject(String.join("_", tokens.subList(0, tokens.size() - 1)));
    }

    static Optional<Subject> tableSubject(String tableName) {
        return tableSubject(tableName, true);
    }

    /** The subject a table's own name gives, whole words only: a table named for people (members, 社員). */
    static Optional<Subject> namedSubject(String tableName) {
        return tableSubject(tableName, false);
    }

    private static Optional<Subject> tableSubject(String tableName, boolean gluedPrefixes) {
        String normalized = Names.normalize(tableName);
        List<String> tokens = Names.tokens(tableName);
        for (Subject subject : List.of(Subject.EMPLOYEE, Subject.APPLICANT, Subject.PARTNER, Subject.CUSTOMER)) {
            for (String term : SUBJECT_TERMS.get(subject)) {
                boolean japanese = term.codePoints().anyMatch(c -> c > 0x7f);
                // Whole words, plurals, and glued prefixes of three letters or more (emppersonaldetails).
                if (japanese ? normalized.contains(term)
                        : tokens.stream().anyMatch(t -> t.equals(term) || t.equals(term + "s") || t.equals(term + "es")
                                || (gluedPrefixes && term.length() >= 3 && t.length() > term.length() + 3
                                        && t.startsWith(term)))) {
                    return Optional.of(subject);
                }
            }
        }
        return Optional.empty();
    }
}
