package jp.daicho.classification;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

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
            // What identifies a person's device or browser (before credentials: a device token is no secret of theirs).
            new Term(Item.DEVICE_ID, Set.of("useragent", "deviceid", "devicetoken", "udid", "idfa", "imei"),
                    List.of("端末識別子", "ユーザーエージェント", "端末ID"),
                    List.of("user_agent", "device_id", "device_token", "push_token", "advertising_id", "browser_fingerprint")),
            new Term(Item.CREDENTIAL, Set.of("password", "passwd", "pwd", "salt", "secret", "token", "otp", "pin",
                    "passcode", "apikey", "hash"),
                    List.of("パスワード", "暗証番号", "秘密の質問"), List.of("activation_key", "api_key", "remember_token",
                    "secret_question", "secret_answer", "security_question", "security_answer", "reset_key")),
            // Someone else's contact details, or personal facts with no code of their own: before name/e-mail/phone.
            new Term(Item.OTHER_PERSONAL, Set.of("emergency", "marital", "maritalstatus", "bloodgroup", "bloodtype", "spouse",
                    "hobby", "hobbies", "signature", "dependents", "dependent", "twitter", "facebook",
                    "instagram", "linkedin", "skype", "socialnetwork", "socialnetworks"),
                    List.of("緊急連絡先", "婚姻", "配偶者", "血液型", "趣味", "扶養", "家族構成", "続柄"), List.of("blood_group", "blood_type",
                    "marital_status", "next_of_kin", "next_kin", "social_network", "social_media", "mar_stat",
                    "marital_stat")),
            // What a person did: last login or visit, counts of sign-ins, browsing and purchase history.
            new Term(Item.BEHAVIOR, Set.of("lastlogin", "lastvisit", "lastseen", "logincount", "visitcount", "referer"),
                    List.of("最終ログイン", "最終アクセス", "閲覧履歴", "購入履歴", "行動履歴", "アクセス履歴", "ログイン日時", "来店"),
                    List.of("last_login", "last_sign_in", "signin_count", "login_count", "last_seen", "last_visit",
                            "last_used", "last_activity", "last_access", "browsing_history", "purchase_history",
                            "search_history", "previous_login", "current_sign_in", "visit_count", "last_active",
                            "sign_in_count", "http_referrer", "request_uri", "landing_page")),
            new Term(Item.NAME_KANA, Set.of("kana", "furigana", "yomi", "kananame", "namekana"),
                    List.of("フリガナ", "ふりがな", "カナ", "かな", "読み", "ヨミ"), List.of("name_kana", "kana_name", "kana_sei", "kana_mei")),
            new Term(Item.EMAIL, Set.of("email", "mail", "emailaddress", "mailaddress"),
                    List.of("メール", "ﾒｰﾙ"), List.of("e_mail")),
            new Term(Item.PHONE, Set.of("phone", "tel", "telephone", "mobile", "cellphone", "fax", "denwa", "keitai", "phonenumber",
                    "faxnumber", "faxno", "contactnumber", "contactno", "mobileno", "phoneno", "telno"),
                    List.of("電話", "携帯", "ファックス", "FAX", "内線"), List.of("contact_number", "contact_no", "phone_no", "tel_no",
                    "mobile_no", "extension_number", "office_number")),
            new Term(Item.POSTAL_CODE, Set.of("zip", "zipcode", "postcode", "postal", "postalcode", "yubin", "yubinbango",
                    "pincode"),
                    List.of("郵便番号", "〒"), List.of("post_code", "zip_code", "postal_code")),
            new Term(Item.IP_ADDRESS, Set.of("ip", "ipaddress", "ipaddr"), List.of("IPアドレス"), List.of("ip_address", "remote_addr")),
            new Term(Item.ADDRESS, Set.of("address", "addr", "street", "jusho", "juusho", "prefecture", "city", "todofuken",
                    "district", "ward", "town", "banchi", "building"),
                    List.of("住所", "所在地", "番地", "都道府県", "市区町村", "建物名"), List.of()),
            new Term(Item.BIRTH_DATE, Set.of("dob", "birthday", "birthdate", "seinengappi", "birth", "birthdt",
                    "birthtime", "birthplace"),
                    List.of("生年月日", "誕生日"), List.of("date_of_birth", "birth_date")),
            // Special-care items whose words would otherwise read as gender or status (before GENDER).
            new Term(Item.SEX_LIFE, Set.of("sexuality", "lgbt", "lgbtq"), List.of("性的指向", "性生活", "性的嗜好"),
                    List.of("sexual_orientation", "sex_life", "sexual_preference", "sexual_history")),
            new Term(Item.SOCIAL_STATUS, Set.of("caste"), List.of("社会的身分", "被差別"),
                    List.of("social_status", "social_standing", "hereditary_status")),
            new Term(Item.CRIME_VICTIM, Set.of("victim", "higaisha"), List.of("犯罪被害", "被害者", "被害届"),
                    List.of("crime_victim", "victim_of_crime", "victimization")),
            new Term(Item.AGE, Set.of("age", "nenrei"), List.of("年齢"), List.of()),
            new Term(Item.GENDER, Set.of("gender", "sex", "seibetsu", "civility", "salutation", "honorific"),
                    List.of("性別", "敬称"), List.of()),
            new Term(Item.NATIONALITY, Set.of("nationality", "citizenship", "kokuseki"), List.of("国籍"), List.of()),
            new Term(Item.RACE_ETHNICITY, Set.of("race", "ethnicity", "ethnic", "racecode", "ethniccode"),
                    List.of("人種", "民族"), List.of()),
            new Term(Item.CREED, Set.of("religion", "creed", "faith"), List.of("宗教", "信条", "信仰"), List.of("political_party")),
            new Term(Item.UNION_MEMBERSHIP, Set.of("union"), List.of("労働組合", "組合員"), List.of("union_member", "trade_union")),
            new Term(Item.FAMILY_ORIGIN, Set.of("honseki"), List.of("本籍", "門地"), List.of("registered_domicile")),
            // Criminal record and criminal or juvenile procedure (Cabinet Order Art. 2 (iv), (v)).
            new Term(Item.CRIMINAL, Set.of("criminal", "conviction", "arrest", "indictment", "prosecution", "juvenile",
                    "delinquency", "offence", "offense", "sentencing", "probation", "parole"),
                    List.of("犯罪歴", "前科", "逮捕", "起訴", "刑事", "少年審判", "保護処分", "補導", "前歴", "送致"),
                    List.of("criminal_record", "criminal_procedure", "juvenile_procedure", "police_record")),
            // Not "disabled": that is a flag on any row (a disabled account, product or department).
            new Term(Item.DISABILITY, Set.of("disability", "disabilities", "handicap", "impairment"),
                    List.of("障害", "障がい", "身体障害者手帳"), List.of()),
            new Term(Item.GOVERNMENT_ID, Set.of("passport", "licence", "license", "ssn", "ryoken", "menkyo", "pension",
                    "visa", "idcard", "dni", "nif", "cpf", "jukyuusha", "jukyusha"),
                    List.of("旅券", "免許証", "運転免許", "保険証", "年金番号", "在留カード"),
                    List.of("identity_document", "national_id", "insurance_card", "residence_card", "tax_id", "tax_code", "insured",
                            "insurance_no", "insurance_number", "health_insurance", "insured_number")),
            new Term(Item.BANK_ACCOUNT, Set.of("iban", "kouza", "bank", "bankname", "accountnumber", "accountno",
                    "accountholder", "bankaccount"), List.of("口座", "支店名", "口座名義", "銀行"),
                    List.of("account_number", "account_no", "bank_account", "branch_code", "account_holder")),
            new Term(Item.PAYMENT_CARD, Set.of("cvv", "cvc"), List.of("カード番号", "有効期限"),
                    List.of("card_number", "card_no", "credit_card", "cc_number", "card_expiry", "card_holder",
                            "card_expiration", "card_exp", "exp_month", "exp_year", "exp_date_month", "exp_date_year",
                            "expiry_month", "expiry_year")),
            new Term(Item.PHOTO, Set.of("photo", "avatar", "portrait", "picture", "headshot", "img", "image",
                    "profileimage", "profilepic"), List.of("写真", "顔写真"),
                    List.of("profile_image", "profile_picture", "profile_photo")),
            new Term(Item.LOCATION, Set.of("latitude", "longitude", "lat", "lng", "lon", "geolocation", "geolat", "geolong",
                    "geolng", "geopoint"), List.of("緯度", "経度", "位置情報"),
                    List.of()),
            new Term(Item.MEDICAL, Set.of("diagnosis", "medical", "disease", "illness", "symptom", "allergy", "allergies",
                    "anamnesis",
                    "medication", "prescription", "byoreki", "health", "drug", "treatment",
                    "clinical", "vital", "vitals", "pregnancy", "dosage", "genetic", "genome", "dna", "bmi",
                    "stresscheck"),
                    List.of("病歴", "病名", "診断", "既往", "健康診断", "服薬", "処方", "症状", "アレルギー", "治療", "投薬", "妊娠",
                            "遺伝子", "ゲノム", "ストレスチェック", "血圧", "健診結果", "検査結果", "所見"),
                    List.of("blood_pressure", "health_check", "cause_of_death", "stress_check", "genetic_test",
                            "test_result")),
            new Term(Item.EMPLOYMENT, Set.of("salary", "wage", "payroll", "jobtitle", "designation", "occupation", "employer",
                    "hire", "hired", "joining", "leaving", "resignation", "grade", "kyuyo", "shokushu", "yakushoku",
                    "department", "dept", "businessunit", "division", "position", "qualification",
                    "qualifications", "experience", "skill", "skills", "skillset", "education", "speciality", "specialty",
                    "job", "employment", "profession", "career", "workplace", "remuneration", "compensation"),
                    List.of("給与", "給料", "基本給", "月給", "時給", "賞与", "手当", "役職", "職種", "入社", "退職", "所属", "雇用", "年収",
                            "勤務先", "職歴", "学歴", "資格", "部署",
                            "部門", "スキル", "経験"),
                    List.of("job_title", "hire_date", "date_of_joining", "date_of_leaving", "employment_status", "pay_grade",
                            "work_history", "hourly_rate", "daily_rate", "date_employment", "employment_date",
                            "weekly_hours", "working_hours", "work_hours", "contract_hours")),
            new Term(Item.NAME, Set.of("name", "firstname", "lastname", "fullname", "surname", "givenname", "shimei",
                    "namae", "sei", "mei", "nickname", "middlename", "displayname", "poc"),
                    List.of("氏名", "名前", "お名前", "姓名", "担当者"), List.of("first_name", "last_name", "full_name", "family_name",
                    "given_name", "middle_name", "display_name")),
            new Term(Item.IDENTIFIER, Set.of("username", "login", "loginid", "userid", "memberno", "employeeno", "openid"),
                    List.of("会員番号", "社員番号", "従業員番号", "患者番号", "受験番号", "ログインID"),
                    List.of("user_name", "login_id", "member_no", "member_number", "employee_no", "employee_number",
                            "patient_no", "candidate_no")),
            new Term(Item.FREE_TEXT, Set.of("note", "notes", "comment", "comments", "remark", "remarks", "memo", "message",
                    "bio", "biography", "reason", "feedback", "description", "summary", "reflection",
                    "explanation", "letter"),
                    List.of("備考", "メモ", "コメント", "自己PR", "志望動機"), List.of()));

    /**
     * Words that count only as the column's last word: {@code perm_country}, {@code cand_city} and
     * {@code identifier} are, but {@code location_id} (a reference to a site) and {@code identifier_type} are not.
     */
    static final Map<String, Item> LAST_WORD_TERMS = Map.of("location", Item.ADDRESS, "country", Item.ADDRESS,
            "state", Item.ADDRESS, "province", Item.ADDRESS, "county", Item.ADDRESS, "identifier", Item.IDENTIFIER,
            // a Japanese address's prefecture (都道府県): member_pref, ship_pref
            "pref", Item.ADDRESS, "prefecture", Item.ADDRESS);

    /** Audit columns name the staff member who changed a row. */
    static final Set<String> AUDIT_COLUMNS = Set.of("creator", "created_by", "changed_by", "updated_by", "modified_by",
            "voided_by", "retired_by", "deleted_by", "approved_by", "createdby", "modifiedby", "updatedby");

    /** Glued endings of audit columns ({@code cand_photo_deletedby}, {@code candidatereferredby}). */
    static final List<String> AUDIT_ENDINGS = List.of("createdby", "modifiedby", "updatedby", "changedby", "deletedby",
            "referredby", "approvedby", "voidedby", "retiredby");

    /** Columns naming a staff member by role: a reference to an employee. */
    static final Set<String> STAFF_ROLES = Set.of("manager", "interviewer", "supervisor", "approver", "recruiter",
            "reviewer", "mentor", "assignee", "assigned", "handler", "tantosha", "担当社員");

    /** Table-name vocabulary that decides whose data a table holds. */
    static final Map<Subject, List<String>> SUBJECT_TERMS = Map.of(
            Subject.EMPLOYEE, List.of("employee", "emp", "staff", "shain", "jugyoin", "worker", "personnel", "payroll",
                    "provider", "doctor", "nurse", "clinician", "vet", "admin", "administrator", "operator", "attendance",
                    "社員", "従業員", "職員", "人事", "給与", "勤怠"),
            Subject.APPLICANT, List.of("applicant", "candidate", "recruit", "recruitment", "oubo", "entry", "resume",
                    "応募", "候補者", "採用"),
            Subject.PARTNER, List.of("partner", "contractor", "torihikisaki", "contact", "poc", "representative", "lead",
                    "prospect",
                    "取引先", "協力会社", "委託先", "担当者"),
            Subject.CUSTOMER, List.of("customer", "member", "user", "patient", "guest", "consumer", "subscriber",
                    "person", "owner", "shopper", "buyer", "kaiin", "kokyaku", "会員", "顧客", "利用者", "お客様", "患者", "購入者",
                    // a member in the French of ERPs Japanese companies also run
                    "adherent", "membre"));

    private Lexicon() {
    }

    /** Decisions on names are pure and names repeat: remembered, within a bound. */
    private static final int MEMO_LIMIT = 50_000;
    private static final Map<String, Optional<Item>> COLUMN_ITEMS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, Optional<Subject>> REFERENCES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, Optional<Subject>> TABLE_SUBJECTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean flag(Map<String, Boolean> memo, String tableName, java.util.function.Predicate<String> compute) {
        return memo(memo, tableName == null ? "" : tableName, compute::test);
    }

    private static <T> T memo(Map<String, T> memo, String key, java.util.function.Function<String, T> compute) {
        T known = memo.get(key);
        if (known != null) {
            return known;
        }
        if (memo.size() > MEMO_LIMIT) {
            memo.clear();
        }
        T computed = compute.apply(key);
        memo.put(key, computed);
        return computed;
    }

    /**
     * The item a column's comment speaks of. A Japanese comment names its subject last (来店した会員の<b>メールアドレス</b>),
     * so the term that ends latest decides; an English comment is read like a name.
     */
    static Optional<Item> commentItem(String comment) {
        return memo(COMMENT_ITEMS, comment == null ? "" : comment, Lexicon::readCommentItem);
    }

    private static final Map<String, Optional<Item>> COMMENT_ITEMS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Optional<Item> readCommentItem(String comment) {
        String normalized = Names.normalize(comment);
        Item best = null;
        int bestEnd = -1;
        for (Term term : COLUMN_TERMS) {
            for (String japanese : term.japanese()) {
                int at = normalized.lastIndexOf(japanese);
                if (at >= 0 && at + japanese.length() > bestEnd) {
                    best = term.item();
                    bestEnd = at + japanese.length();
                }
            }
        }
        return best != null ? Optional.of(best) : columnItem(comment);
    }

    static Optional<Item> columnItem(String columnName) {
        return memo(COLUMN_ITEMS, columnName == null ? "" : columnName, Lexicon::readColumnItem);
    }

    private static Optional<Item> readColumnItem(String columnName) {
        String normalized = Names.normalize(columnName);
        String lower = normalized.toLowerCase(java.util.Locale.ROOT);
        List<String> tokens = Names.words(columnName);
        String joined = String.join("", tokens);
        // Hungarian and glued suffixes: genderid, nationalityid, emailaddress2
        List<String> stems = tokens.stream().map(t -> t.length() > 4 && t.endsWith("id") ? t.substring(0, t.length() - 2) : t)
                .toList();
        for (Term term : COLUMN_TERMS) {
            if (term.japanese().stream().anyMatch(normalized::contains)
                    || term.compounds().stream().anyMatch(lower::contains)
                    || term.compounds().stream().anyMatch(String.join("_", tokens)::contains)
                    || tokens.stream().anyMatch(term.tokens()::contains)
                    || stems.stream().anyMatch(term.tokens()::contains)
                    || term.tokens().contains(joined)) {
                return Optional.of(term.item());
            }
        }
        if (!tokens.isEmpty() && LAST_WORD_TERMS.containsKey(tokens.getLast())) {
            return Optional.of(LAST_WORD_TERMS.get(tokens.getLast()));
        }
        // Glued words, tried only when nothing matched exactly: streetaddress, personalemail, userfullname.
        for (Term term : COLUMN_TERMS) {
            // A bare "name" glued to something (agencyname, filename, hostname) is too often not a person's.
            // Nor a glued "letter" (newsletter), which is a mailing.
            if (stems.stream().anyMatch(t -> term.tokens().stream().anyMatch(w -> w.length() >= 4 && !w.equals("name")
                    && !w.equals("letter")
                    && t.length() > w.length() && t.endsWith(w)))) {
                return Optional.of(term.item());
            }
        }
        // Glued words the dictionary splits whole (salaryhourly, dateemploymentstart): any of their English words (not
        // a romaji reading such as "mei", which inside a glued disease code is no name).
        List<String> split = tokens.stream().flatMap(t -> Words.split(t).stream()).map(Words::plainReading).toList();
        if (!split.equals(tokens)) {
            for (Term term : COLUMN_TERMS) {
                if (split.stream().anyMatch(w -> w.length() >= 3 && Words.common(w) && term.tokens().contains(w))) {
                    return Optional.of(term.item());
                }
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
        return memo(REFERENCES, columnName == null ? "" : columnName, Lexicon::readReferencedSubject);
    }

    private static Optional<Subject> readReferencedSubject(String columnName) {
        List<String> tokens = Names.words(columnName);
        // contact_number and zip_code have items of their own; employee_no and member_id point at persons.
        if (tokens.size() < 2 || !List.of("id", "no", "code", "number").contains(tokens.getLast())
                || columnItem(columnName).filter(item -> item != Item.IDENTIFIER).isPresent()) {
            return Optional.empty();
        }
        return tableSubject(String.join("_", tokens.subList(0, tokens.size() - 1)));
    }

    static Optional<Subject> tableSubject(String tableName) {
        return memo(TABLE_SUBJECTS, tableName == null ? "" : tableName, name -> tableSubject(name, true));
    }

    /** The subject a table's own name gives, whole words only: a table named for people (members, 社員). */
    static Optional<Subject> namedSubject(String tableName) {
        return tableSubject(tableName, false);
    }

    private static Optional<Subject> tableSubject(String tableName, boolean glued) {
        for (Subject subject : List.of(Subject.EMPLOYEE, Subject.APPLICANT, Subject.PARTNER, Subject.CUSTOMER)) {
            if (names(tableName, SUBJECT_TERMS.get(subject), glued)) {
                return Optional.of(subject);
            }
        }
        return Optional.empty();
    }

    /** Tables of organisations: their own name, address and phone are not personal data. */
    static final List<String> ORGANISATION_TERMS = List.of("company", "companies", "corporation", "agency", "agencies",
            "vendor", "supplier", "client", "organization", "organisation", "org", "store", "shop", "branch", "bank",
            "hospital", "clinic", "school", "establishment", "warehouse", "facility", "facilities", "office", "site",
            "setting", "settings", "configuration",
            // the same in the languages of software Japanese companies also run (French, Spanish, German ERPs); not
            // "societe", which such software (Dolibarr) uses for any third party, persons who buy included
            "entreprise", "entrepot", "etablissement", "fournisseur", "empresa", "almacen", "proveedor", "firma",
            "unternehmen", "lager", "lieferant",
            "会社", "企業", "店舗", "法人", "仕入先", "事業所", "倉庫", "施設", "設定");

    /** Login accounts: whose they are depends on the other tables of the schema. */
    static final List<String> ACCOUNT_TERMS = List.of("user", "account", "login", "ユーザ", "アカウント");

    /** Clinical words long enough to be read at the head of a glued word ({@code laboratoryline}, {@code therapyplan}). */
    private static final List<String> GLUED_RECORD_TERMS = List.of("laboratory", "examination", "diagnosis",
            "prescription", "vaccination", "treatment", "therapy", "observation");

    /** Tables of clinical facts: every fact in them is health data. */
    static final List<String> CLINICAL_TERMS = List.of("obs", "observation", "condition", "diagnosis", "diagnoses",
            "allergy", "allergies", "vital", "medication", "prescription", "labresult", "lab", "laboratory",
            "immunization", "vaccination", "vaccine", "examination", "therapy", "therapies", "treatment", "admission",
            "encounter", "disease", "surgery", "dispensing", "medical", "clinical", "checkup", "checkups", "symptom",
            "stresscheck", "genetic", "drug", "drugs", "medicine", "medicines", "injection", "anamnesis",
            "shinryo", "shinryou", "shohou", "shoho", "kensa", "byomei", "byoumei", "shindan", "kenshin", "dicom",
            "診療", "診察", "健診", "健康診断", "カルテ", "処方", "検査", "既往歴", "病名", "傷病", "投薬", "入院", "手術",
            "ストレスチェック", "遺伝子");

    /** Tables of persons of any kind, whose role comes from whoever refers to them. */
    static final List<String> GENERIC_PERSON_TERMS = List.of("person", "people", "individual", "個人");

    /** Glued endings of table names that say "about the thing before": applicantprofile, bgagencylist. */
    private static final List<String> TABLE_SUFFIXES = List.of("details", "detail", "list", "info", "master", "data",
            "records", "record", "history");

    static boolean isOrganisation(String tableName) {
        return flag(FLAGS_ISORGANISATION, tableName, Lexicon::isOrganisationUncached);
    }

    private static final Map<String, Boolean> FLAGS_ISORGANISATION = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean isOrganisationUncached(String tableName) {
        return names(tableName, ORGANISATION_TERMS, true) && namedSubject(tableName).isEmpty()
                && !peopleOfOrganisation(tableName);
    }

    /** Words for a business party whose own rows may be a person or a firm: a third party, a société. */
    private static final Set<String> PARTY_TERMS = Set.of("soc", "societe", "party", "thirdparty", "tiers");

    /**
     * The persons of an organisation or a business party, by the table's last word ({@code company_people},
     * {@code partypeople}, {@code vendor_persons}): its contact persons, whom a privacy policy calls business partners.
     */
    static boolean peopleOfOrganisation(String tableName) {
        List<String> words = Words.of(tableName);
        if (words.isEmpty()) {
            return false;
        }
        String last = words.getLast();
        for (String head : List.of("people", "persons", "person")) {
            if (last.equals(head) && words.size() > 1 && partyWord(words.get(words.size() - 2))
                    || last.length() > head.length() + 1 && last.endsWith(head)
                        && partyWord(last.substring(0, last.length() - head.length()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean partyWord(String word) {
        return PARTY_TERMS.contains(word) || ORGANISATION_TERMS.contains(word);
    }

    static boolean isAccountTable(String tableName) {
        return flag(FLAGS_ISACCOUNTTABLE, tableName, Lexicon::isAccountTableUncached);
    }

    private static final Map<String, Boolean> FLAGS_ISACCOUNTTABLE = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean isAccountTableUncached(String tableName) {
        if (!headIs(tableName, ACCOUNT_TERMS)) {
            return false;
        }
        // a bank's or a ledger's account (bank_account, bankaccount, 銀行口座) is money, not a login
        List<String> words = Words.of(tableName);
        int at = words.lastIndexOf("account");
        return !(at > 0 && MONEY_ACCOUNT_WORDS.contains(words.get(at - 1))) && !words.contains("bankaccount");
    }

    /** Words that make an {@code account} one of money: bank_account, ledger_account. */
    private static final Set<String> MONEY_ACCOUNT_WORDS = Set.of("bank", "ledger", "gl", "cash", "payment", "billing");

    /** What a clinical catalogue lists: diseases, drugs, examinations, therapies (not "conditions" of a contract). */
    static final List<String> CLINICAL_CATALOGUE_TERMS = List.of("disease", "diagnosis", "drug", "medication", "medicine",
            "allergy", "vaccine", "vaccination", "exam", "examination", "lab", "laboratory", "therapy", "treatment",
            "prescription", "icd", "injection", "病名", "傷病", "医薬品", "薬剤", "検査", "処方");

    static boolean isClinicalCatalogue(String tableName) {
        return hasWord(tableName, CLINICAL_CATALOGUE_TERMS) || headsAGluedWord(tableName, GLUED_CATALOGUE_TERMS);
    }

    /**
     * Catalogue words long enough to be read at the head of a glued word the dictionary cannot split whole
     * ({@code medicalsupply}, {@code laboratorytests}); "lab" or "drug" would read {@code labels}
     * and {@code druggist}.
     */
    private static final List<String> GLUED_CATALOGUE_TERMS = List.of("medical", "medication", "medicine", "vaccine",
            "examination", "laboratory", "therapy", "treatment", "prescription", "diagnosis", "disease");

    /** Tables of a person's employment record: payslips and payroll, salary history, education, work history. */
    static final List<String> EMPLOYMENT_RECORD_TERMS = List.of("salary", "payslip", "payroll", "wage", "wages",
            "compensation", "remuneration", "education", "qualification", "qualifications", "workhistory",
            "給与", "給与明細", "賞与", "学歴", "職歴", "資格");

    /** The pay records among them: salaries, payslips, payroll, wages. */
    static final List<String> PAY_RECORD_TERMS = List.of("salary", "payslip", "payroll", "wage", "wages",
            "compensation", "remuneration", "給与", "給与明細", "賞与");

    static boolean isPayRecord(String tableName) {
        return hasWord(tableName, PAY_RECORD_TERMS);
    }

    /** Whether one of a table name's words is one of {@code terms}, or its Japanese contains one of theirs. */
    private static boolean hasWord(String tableName, List<String> terms) {
        String normalized = Names.normalize(tableName);
        return Words.of(tableName).stream().anyMatch(terms::contains)
                || terms.stream().filter(t -> t.codePoints().anyMatch(c -> c > 0x7f)).anyMatch(normalized::contains);
    }

    static boolean isEmploymentRecord(String tableName) {
        return hasWord(tableName, EMPLOYMENT_RECORD_TERMS);
    }

    /** Whether one of the table name's words begins with one of {@code terms} and goes on (medicalsupply). */
    private static boolean headsAGluedWord(String tableName, List<String> terms) {
        return Words.of(tableName).stream().anyMatch(w -> terms.stream().anyMatch(t -> w.length() > t.length() && w.startsWith(t)));
    }

    /** Tables of a thing's texts in each language, by their last word: product_lang, title_translations, menu_i18n. */
    static boolean isTranslation(String tableName) {
        List<String> words = Names.tokens(tableName);
        return words.size() > 1 && TRANSLATION_WORDS.contains(words.getLast());
    }

    private static final Set<String> TRANSLATION_WORDS = Set.of("lang", "translation", "translations", "i18n", "l10n");

    /** Code lists and masters (disease_master, diseasetype, vaccine_list, member_roles): nobody's record. */
    static boolean isCatalogue(String tableName) {
        return flag(FLAGS_ISCATALOGUE, tableName, Lexicon::isCatalogueUncached);
    }

    private static final Map<String, Boolean> FLAGS_ISCATALOGUE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The last words of code lists' names. */
    private static final Set<String> CODE_LIST_WORDS = Set.of("type", "category", "list", "kind", "role", "permission");

    private static boolean isCatalogueUncached(String tableName) {
        List<String> words = Words.of(tableName);
        return !words.isEmpty() && (words.stream().anyMatch(w -> w.equals("master") || w.equals("catalog")
                || w.equals("catalogue")) || CODE_LIST_WORDS.contains(words.getLast())
                || Names.normalize(tableName).endsWith("マスタ") || Names.normalize(tableName).endsWith("マスター"));
    }

    static boolean isClinical(String tableName) {
        return flag(FLAGS_ISCLINICAL, tableName, Lexicon::isClinicalUncached);
    }

    private static final Map<String, Boolean> FLAGS_ISCLINICAL = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean isClinicalUncached(String tableName) {
        if (tableName.isEmpty()) {
            return false;
        }
        if (Words.of(tableName).stream().anyMatch(CLINICAL_TERMS::contains) || headsAGluedWord(tableName, GLUED_RECORD_TERMS)) {
            return true; // glued or abbreviated: patientexamination, laboratoryline, shinsatsu
        }
        return names(tableName, CLINICAL_TERMS, false);
    }

    static boolean isGenericPerson(String tableName) {
        return flag(FLAGS_ISGENERICPERSON, tableName, Lexicon::isGenericPersonUncached);
    }

    private static final Map<String, Boolean> FLAGS_ISGENERICPERSON = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean isGenericPersonUncached(String tableName) {
        return headIs(tableName, GENERIC_PERSON_TERMS);
    }

    /** Whether the table's last word names one of its subjects' persons (users, 社員, applicantprofile). */
    static boolean headIsPerson(String tableName) {
        return flag(FLAGS_HEADISPERSON, tableName, Lexicon::headIsPersonUncached);
    }

    private static final Map<String, Boolean> FLAGS_HEADISPERSON = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean headIsPersonUncached(String tableName) {
        return SUBJECT_TERMS.values().stream().anyMatch(terms -> headIs(tableName, terms));
    }

    private static boolean headIs(String tableName, List<String> terms) {
        List<String> tokens = Names.words(tableName);
        if (tokens.isEmpty()) {
            return false;
        }
        String normalized = Names.normalize(tableName);
        String head = withoutSuffix(tokens.getLast());
        return terms.stream().anyMatch(term -> term.codePoints().anyMatch(c -> c > 0x7f) ? normalized.endsWith(term)
                : head.equals(term) || head.equals(term + "s") || head.equals(term + "es"));
    }

    private static String withoutSuffix(String token) {
        for (String suffix : TABLE_SUFFIXES) {
            if (token.length() > suffix.length() + 2 && token.endsWith(suffix)) {
                return token.substring(0, token.length() - suffix.length());
            }
        }
        return token;
    }

    /**
     * Whether a table name contains one of {@code terms}: whole words and plurals, Japanese as substrings,
     * and if {@code glued}, words of three letters or more glued to a short prefix or a longer rest
     * (staffhomedetails, vendorpocdetails).
     */
    private static boolean names(String tableName, List<String> terms, boolean glued) {
        String normalized = Names.normalize(tableName);
        List<String> tokens = Names.words(tableName);
        for (String term : terms) {
            if (term.codePoints().anyMatch(c -> c > 0x7f)) {
                if (normalized.contains(term)) {
                    return true;
                }
                continue;
            }
            for (String token : tokens) {
                String t = withoutSuffix(token);
                if (t.equals(term) || t.equals(term + "s") || t.equals(term + "es") || token.equals(term)) {
                    return true;
                }
                if (glued && term.length() >= 3 && ((t.length() > term.length() + 3 && t.startsWith(term))
                        || (t.length() > term.length() && t.length() <= term.length() + 3 && t.endsWith(term)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
