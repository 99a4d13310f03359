package jp.daicho.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

class FieldClassifierTest {

    final FieldClassifier classifier = new FieldClassifier();

    @Test
    void recognisesJapaneseContactColumnsOfAMemberTable() {
        var result = classifier.classifyTable("会員", List.of(
                new ColumnProfile("会員", "会員ID", "BIGINT", List.of("1", "2")),
                new ColumnProfile("会員", "氏名", "VARCHAR", List.of("山田 太郎", "佐藤花子")),
                new ColumnProfile("会員", "フリガナ", "VARCHAR", List.of("ヤマダ タロウ", "サトウ ハナコ")),
                new ColumnProfile("会員", "ﾒｰﾙｱﾄﾞﾚｽ", "VARCHAR", List.of("taro@example.jp", "hanako@example.co.jp")),
                new ColumnProfile("会員", "電話番号", "VARCHAR", List.of("090-1234-5678", "０３１２３４５６７８"))));

        assertThat(result.get("氏名").item()).isEqualTo(Item.NAME);
        assertThat(result.get("フリガナ").item()).isEqualTo(Item.NAME_KANA);
        assertThat(result.get("ﾒｰﾙｱﾄﾞﾚｽ").item()).isEqualTo(Item.EMAIL);
        assertThat(result.get("電話番号").item()).isEqualTo(Item.PHONE);
        assertThat(result.values()).filteredOn(c -> c.item().personal())
                .allSatisfy(c -> assertThat(c.subject()).isEqualTo(Subject.CUSTOMER));
        assertThat(result.get("電話番号").confidence()).isGreaterThan(0.9);
    }

    @Test
    void valuesDecideWhenTheNameSaysNothing() {
        var result = classifier.classifyTable("staff", List.of(
                new ColumnProfile("staff", "c1", "TEXT", List.of("a@example.jp", "b@example.jp", "c@example.jp")),
                new ColumnProfile("staff", "c2", "TEXT", List.of("+81 90 1234 5678", "09012345678", "03-1234-5678"))));

        assertThat(result.get("c1").item()).isEqualTo(Item.EMAIL);
        assertThat(result.get("c2").item()).isEqualTo(Item.PHONE);
        assertThat(result.get("c1").subject()).isEqualTo(Subject.EMPLOYEE);
    }

    @Test
    void aProductNameIsNotPersonalButAMemberNameIs() {
        var products = classifier.classifyTable("products", List.of(
                new ColumnProfile("products", "name", "VARCHAR", List.of("りんご", "みかん")),
                new ColumnProfile("products", "price", "INT", List.of("100"))));
        var members = classifier.classifyTable("members", List.of(
                new ColumnProfile("members", "name", "VARCHAR", List.of("山田太郎"))));

        assertThat(products.get("name").item()).isEqualTo(Item.NONE);
        assertThat(products.get("name").subject()).isEqualTo(Subject.NONE);
        assertThat(members.get("name").item()).isEqualTo(Item.NAME);
    }

    @Test
    void medicalColumnsAreSensitive() {
        var result = classifier.classifyTable("health_checks", List.of(
                new ColumnProfile("health_checks", "病歴", "TEXT", List.of("高血圧症"))));

        assertThat(result.get("病歴").item()).isEqualTo(Item.MEDICAL);
        assertThat(result.get("病歴").sensitive()).isTrue();
    }

    @Test
    void aColumnPointingAtEmployeesMakesTheTableEmployeeData() {
        var result = classifier.classifyTable("health_checkups", List.of(
                new ColumnProfile("health_checkups", "id", "INT8", List.of("1")),
                new ColumnProfile("health_checkups", "employee_id", "INT4", List.of("3")),
                new ColumnProfile("health_checkups", "diagnosis", "TEXT", List.of("高血圧症"))));

        assertThat(result.get("diagnosis").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(result.get("employee_id").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(result.get("employee_id").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(result.get("id").item()).as("a check-up's own id is not a person's").isEqualTo(Item.NONE);
    }

    @Test
    void auditColumnsIdentifyStaffAndCommonWordsNeedAPersonTable() {
        var patients = classifier.classifyTable("patient", List.of(
                new ColumnProfile("patient", "changed_by", "INT", List.of("17")),
                new ColumnProfile("patient", "note", "TEXT", List.of("要経過観察"))));
        var products = classifier.classifyTable("products", List.of(
                new ColumnProfile("products", "product_id", "INT", List.of("1")),
                new ColumnProfile("products", "name", "VARCHAR", List.of("りんご")),
                new ColumnProfile("products", "price", "INT", List.of("100")),
                new ColumnProfile("products", "condition", "VARCHAR", List.of("new", "used")),
                new ColumnProfile("products", "note", "TEXT", List.of("限定品"))));

        assertThat(patients.get("changed_by").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(patients.get("changed_by").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(patients.get("note").item()).isEqualTo(Item.FREE_TEXT);
        assertThat(products.get("condition").item()).as("a product's condition is not a medical one").isEqualTo(Item.NONE);
        assertThat(products.get("note").item()).isEqualTo(Item.NONE);
    }

    @Test
    void gluedWordsAreReadButABareGluedNameIsNot() {
        var details = classifier.classifyTable("main_staffhomedetails", List.of(
                new ColumnProfile("main_staffhomedetails", "id", "BIGINT", List.of()),
                new ColumnProfile("main_staffhomedetails", "perm_streetaddr", "VARCHAR", List.of()),
                new ColumnProfile("main_staffhomedetails", "userfullname", "VARCHAR", List.of()),
                new ColumnProfile("main_staffhomedetails", "agencyname", "VARCHAR", List.of())));

        assertThat(details.get("perm_streetaddr").item()).isEqualTo(Item.ADDRESS);
        assertThat(details.get("perm_streetaddr").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(details.get("userfullname").item()).isEqualTo(Item.NAME);
        assertThat(details.get("agencyname").item()).isEqualTo(Item.NONE);
        assertThat(details.get("id").item()).as("a details row's own id").isEqualTo(Item.NONE);
    }

    @Test
    void sensitiveEvidenceShowsNotEvenAFirstCharacter() {
        var result = classifier.classifyTable("health_checkups", List.of(
                new ColumnProfile("health_checkups", "diagnosis", "TEXT", List.of("高血圧症"))));

        assertThat(result.get("diagnosis").evidence()).contains("sample:(4 chars, masked)")
                .noneMatch(e -> e.contains("高"));
    }

    @Test
    void evidenceShowsMaskedShapesNeverValues() {
        var result = classifier.classifyTable("members", List.of(
                new ColumnProfile("members", "email", "VARCHAR", List.of("yamada.taro@example.jp")),
                new ColumnProfile("members", "tel", "VARCHAR", List.of("090-1234-5678")),
                new ColumnProfile("members", "氏名", "VARCHAR", List.of("山田太郎"))));

        var evidence = result.values().stream().flatMap(c -> c.evidence().stream()).toList();
        // Issue 12: a mask keeps the shape (length, character classes), never a character of the value.
        assertThat(evidence).contains("sample:xxxxxx.xxxx@xxxxxxx.xx", "sample:999-9999-9999", "sample:漢漢漢漢");
        assertThat(String.join(" ", evidence)).doesNotContain("yamada", "example", "1234", "山", "太郎");
    }

    private static ColumnProfile column(String table, String name, String type) {
        return new ColumnProfile(table, name, type, List.of());
    }

    /** A column without samples that points at {@code references} by a declared foreign key. */
    private static ColumnProfile column(String table, String name, String type, String references) {
        return new ColumnProfile(table, name, type, references, List.of());
    }

    @Test
    void loginAccountsBelongToStaffWhenCustomersOrEmployeesHaveTablesOfTheirOwn() {
        List<ColumnProfile> accounts = List.of(column("accounts", "account_id", "INT"), column("accounts", "login", "VARCHAR"),
                column("accounts", "password_hash", "VARCHAR"));

        var alone = classifier.classifyTable("accounts", accounts, java.util.Set.of("orders", "products"));
        var besideCustomers = classifier.classifyTable("accounts", accounts, java.util.Set.of("customers", "orders"));

        assertThat(alone.get("login").subject()).isEqualTo(Subject.CUSTOMER);
        assertThat(besideCustomers.get("login").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(besideCustomers.get("account_id").item()).as("the own key of a table of persons").isEqualTo(Item.IDENTIFIER);
        assertThat(besideCustomers.get("password_hash").subject()).isEqualTo(Subject.EMPLOYEE);
    }

    @Test
    void anOrganisationsOwnContactsAreNotPersonalButItsContactPersonIsAPartner() {
        var companies = classifier.classifyTable("companies", List.of(column("companies", "company_id", "INT"),
                column("companies", "company_name", "VARCHAR"), column("companies", "phone", "VARCHAR"),
                column("companies", "contact_person_name", "VARCHAR"), column("companies", "contact_email", "VARCHAR")));

        assertThat(companies.get("company_id").item()).isEqualTo(Item.NONE);
        assertThat(companies.get("company_name").item()).isEqualTo(Item.NONE);
        assertThat(companies.get("phone").item()).isEqualTo(Item.NONE);
        assertThat(companies.get("contact_person_name").item()).isEqualTo(Item.NAME);
        assertThat(companies.get("contact_person_name").subject()).isEqualTo(Subject.PARTNER);
        assertThat(companies.get("contact_email").subject()).isEqualTo(Subject.PARTNER);
    }

    @Test
    void aSuppliersOwnNameIsUncertainSoAPersonIsAsked() {
        // Suppliers are companies or sole traders: the corpus has both, and the classifier says it is unsure.
        var suppliers = classifier.classifyTable("suppliers", List.of(column("suppliers", "supplier_id", "INT"),
                column("suppliers", "supplier_name", "VARCHAR"), column("suppliers", "phone", "VARCHAR"),
                column("suppliers", "contact_person_name", "VARCHAR"), column("suppliers", "contact_email", "VARCHAR")));

        assertThat(suppliers.get("supplier_name").confidence()).isLessThan(0.6);
        assertThat(suppliers.get("contact_person_name").subject()).isEqualTo(Subject.PARTNER);
        assertThat(suppliers.get("contact_email").subject()).isEqualTo(Subject.PARTNER);
    }

    @Test
    void everyFactOfAClinicalTableIsHealthDataButItsBookkeepingIsNot() {
        var labs = classifier.classifyTable("lab_results", List.of(column("lab_results", "lab_result_id", "INT"),
                column("lab_results", "patient_id", "INT"), column("lab_results", "result_value", "VARCHAR"),
                column("lab_results", "measured_on", "DATE"), column("lab_results", "date_created", "TIMESTAMP"),
                column("lab_results", "uuid", "CHAR(36)"), column("lab_results", "created_by", "INT")));

        assertThat(labs.get("result_value").item()).isEqualTo(Item.MEDICAL);
        assertThat(labs.get("result_value").sensitive()).isTrue();
        assertThat(labs.get("measured_on").item()).isEqualTo(Item.MEDICAL);
        assertThat(labs.get("patient_id").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(labs.get("patient_id").subject()).isEqualTo(Subject.CUSTOMER);
        assertThat(labs.get("lab_result_id").item()).isEqualTo(Item.NONE);
        assertThat(labs.get("date_created").item()).isEqualTo(Item.NONE);
        assertThat(labs.get("uuid").item()).isEqualTo(Item.NONE);
        assertThat(labs.get("created_by").subject()).isEqualTo(Subject.EMPLOYEE);
    }

    @Test
    void aForeignKeyToAGenericPersonTakesTheRoleOfTheTableThatHoldsIt() {
        var doctors = classifier.classifyTable("doctors", List.of(column("doctors", "doctor_id", "INT"),
                new ColumnProfile("doctors", "person_ref", "INT", "persons.person_id", List.of()),
                new ColumnProfile("doctors", "room_ref", "INT", "rooms.room_id", List.of())));
        var visits = classifier.classifyTable("visits", List.of(
                new ColumnProfile("visits", "who", "INT", "persons.person_id", List.of())));

        assertThat(doctors.get("person_ref").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(doctors.get("person_ref").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(doctors.get("person_ref").evidence()).anyMatch(e -> e.startsWith("foreign-key"));
        assertThat(doctors.get("room_ref").item()).isEqualTo(Item.NONE);
        assertThat(visits.get("who").subject()).isEqualTo(Subject.CUSTOMER);
    }

    @Test
    void staffNamedByRoleAndNumbersWhereNamesWereExpectedAreReferences() {
        var reviews = classifier.classifyTable("application_reviews", List.of(column("application_reviews", "applicant_id", "INT"),
                column("application_reviews", "reviewer_id", "INT"), column("application_reviews", "candidatename", "BIGINT"),
                column("application_reviews", "feedback", "TEXT")));

        assertThat(reviews.get("applicant_id").subject()).isEqualTo(Subject.APPLICANT);
        assertThat(reviews.get("reviewer_id").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(reviews.get("candidatename").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(reviews.get("candidatename").subject()).isEqualTo(Subject.APPLICANT);
        assertThat(reviews.get("feedback").item()).isEqualTo(Item.FREE_TEXT);
    }

    /** Notes recording an allergy are special-care data (要配慮個人情報): called so, and asking a person to look. */
    @Test
    void notesRecordingAConditionAreSpecialCareDataAndAskForReview() {
        var notes = classifier.classifyTable("members", List.of(new ColumnProfile("members", "comments", "TEXT",
                List.of("Allergic to nuts, see chart.", "花粉症のため窓を閉めて", "Allergic to nuts, see chart."))));

        assertThat(notes.get("comments").item()).isEqualTo(Item.MEDICAL);
        assertThat(notes.get("comments").sensitive()).isTrue();
        assertThat(notes.get("comments").confidence()).isLessThan(0.6);
        assertThat(notes.get("comments").evidence()).contains("value-shape:medical", "review:values-mention-health");
    }

    @Test
    void bankAccountsAndStreetAddressesAreRecognisedByValue() {
        var pay = classifier.classifyTable("employees", List.of(
                new ColumnProfile("employees", "x1", "VARCHAR", List.of("普通 1234567", "当座 7654321", "GB89NWBK79053149566522")),
                new ColumnProfile("employees", "x2", "VARCHAR", List.of("12 Baker Street, London", "渋谷区神宮前1丁目2番地"))));

        assertThat(pay.get("x1").item()).isEqualTo(Item.BANK_ACCOUNT);
        assertThat(pay.get("x2").item()).isEqualTo(Item.ADDRESS);
    }

    @Test
    void everyPieceOfEvidenceIsOfAKindTheConsoleCanNameInBothLanguages() {
        var tables = List.of(
                classifier.classifyTable("会員", List.of(
                        new ColumnProfile("会員", "会員ID", "BIGINT", List.of("1", "2")),
                        new ColumnProfile("会員", "氏名", "VARCHAR", List.of("山田 太郎", "佐藤花子")),
                        new ColumnProfile("会員", "備考", "TEXT", List.of("アレルギーあり", "")))),
                classifier.classifyTable("employees", List.of(
                        new ColumnProfile("employees", "id", "INT", List.of("1")),
                        new ColumnProfile("employees", "manager_id", "INT", List.of("2")),
                        new ColumnProfile("employees", "c1", "TEXT", List.of("a@example.jp", "b@example.jp")),
                        new ColumnProfile("employees", "diagnosis", "TEXT", List.of("高血圧")),
                        new ColumnProfile("employees", "created_at", "TIMESTAMP", List.of()))),
                classifier.classifyTable("orders", List.of(
                        new ColumnProfile("orders", "customer_id", "INT", List.of("7")),
                        new ColumnProfile("orders", "ship_zip", "TEXT", List.of("100-0001")))));
        var kinds = java.util.Arrays.stream(jp.daicho.vocabulary.EvidenceKind.values())
                .map(jp.daicho.vocabulary.EvidenceKind::code).toList();
        var pieces = tables.stream().flatMap(t -> t.values().stream()).flatMap(c -> c.evidence().stream())
                .flatMap(e -> java.util.Arrays.stream(e.split("\\+"))).toList();

        assertThat(pieces).hasSizeGreaterThan(20)
                .allSatisfy(p -> assertThat(kinds).as(p).contains(p.substring(0, Math.max(0, p.indexOf(':')))));
    }

    @Test
    void theAbbreviationsOfLegacySchemasAreRead() {
        // A hospital system's patient table names its columns PTN_<abbreviation>.
        assertThat(Lexicon.columnItem("PTN_SNAME")).contains(Item.NAME);
        assertThat(Lexicon.columnItem("PTN_TAXCODE")).contains(Item.GOVERNMENT_ID);
        assertThat(Lexicon.columnItem("PTN_BTYPE")).contains(Item.OTHER_PERSONAL);
        assertThat(Lexicon.columnItem("PTN_MAR_STAT")).contains(Item.OTHER_PERSONAL);
        assertThat(Lexicon.columnItem("next_kin")).contains(Item.OTHER_PERSONAL);
        assertThat(Lexicon.columnItem("tax_code")).contains(Item.GOVERNMENT_ID);
        assertThat(Lexicon.columnItem("screen_type")).as("only the whole abbreviation").isNotEqualTo(java.util.Optional.of(Item.OTHER_PERSONAL));
    }

    @Test
    void anOrganisationsOwnBankAccountAndTaxNumberAreNotPersonalButAnEmployeesAre() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        // The company's own accounts at its banks: "account" here is money, not a login.
        tables.put("bank_account", List.of(
                new ColumnProfile("bank_account", "id", "INT4", List.of("1")),
                new ColumnProfile("bank_account", "bank", "VARCHAR", List.of("三菱UFJ銀行")),
                new ColumnProfile("bank_account", "account_number", "VARCHAR", List.of("1234567")),
                new ColumnProfile("bank_account", "fk_user_owner", "INT4", "users.id", List.of("3"), null)));
        tables.put("suppliers", List.of(
                new ColumnProfile("suppliers", "id", "INT4", List.of("1")),
                new ColumnProfile("suppliers", "company_name", "VARCHAR", List.of("株式会社山田製作所")),
                new ColumnProfile("suppliers", "tax_id", "VARCHAR", List.of("T1234567890123")),
                new ColumnProfile("suppliers", "default_bank_account", "VARCHAR", List.of("1234567"))));
        // The same words about the employees the schema names: their bank details are theirs.
        tables.put("employees", List.of(
                new ColumnProfile("employees", "id", "INT4", List.of("1")),
                new ColumnProfile("employees", "氏名", "VARCHAR", List.of("山田 太郎")),
                new ColumnProfile("employees", "department", "VARCHAR", List.of("経理部"))));
        tables.put("bank_accounts", List.of(
                new ColumnProfile("bank_accounts", "id", "INT4", null, List.of("1"), null),
                new ColumnProfile("bank_accounts", "employee_id", "INT4", "employees.id", List.of("1"), null),
                new ColumnProfile("bank_accounts", "account_number", "VARCHAR", null, List.of("7654321"), null)));
        tables.put("users", List.of(
                new ColumnProfile("users", "id", "INT4", List.of("3")),
                new ColumnProfile("users", "login", "VARCHAR", List.of("yamada"))));

        var schema = classifier.classifySchema(tables);

        assertThat(Lexicon.isAccountTable("bank_account")).isFalse();
        assertThat(Lexicon.isAccountTable("user_account")).isTrue();
        assertThat(schema.get("bank_account").get("account_number").item()).isEqualTo(Item.NONE);
        assertThat(schema.get("suppliers").get("default_bank_account").item()).isEqualTo(Item.NONE);
        assertThat(schema.get("suppliers").get("tax_id").item()).isEqualTo(Item.NONE);
        assertThat(schema.get("bank_accounts").get("account_number").item()).isEqualTo(Item.BANK_ACCOUNT);
        assertThat(schema.get("bank_accounts").get("account_number").subject()).isEqualTo(Subject.EMPLOYEE);
    }

    @Test
    void aColumnOtherTablesForeignKeysPointAtIsItsTablesKey() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        // PrestaShop names its keys id_<table>: not "<table>_id", but the orders' foreign key shows what it is.
        tables.put("xs_customer", List.of(
                new ColumnProfile("xs_customer", "id_customer", "INT4", List.of("1", "2")),
                new ColumnProfile("xs_customer", "lastname", "VARCHAR", List.of("山田", "佐藤")),
                new ColumnProfile("xs_customer", "email", "VARCHAR", List.of("hanako@example.jp"))));
        tables.put("xs_orders", List.of(
                new ColumnProfile("xs_orders", "id_order", "INT4", null, List.of("10"), null),
                new ColumnProfile("xs_orders", "id_customer", "INT4", "xs_customer.id_customer", List.of("1"), null),
                new ColumnProfile("xs_orders", "total_paid", "NUMERIC", null, List.of("1200"), null)));

        var schema = classifier.classifySchema(tables);

        var key = schema.get("xs_customer").get("id_customer");
        assertThat(key.item()).isEqualTo(Item.IDENTIFIER);
        assertThat(key.subject()).isEqualTo(Subject.CUSTOMER);
        assertThat(key.evidence()).as("the evidence says why").contains("key:own-key");
    }

    @Test
    void aTableNamedAfterAnotherHoldsDetailsOfThatTablesRows() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        // The staff's logins (jobs, salaries, departments), and their bank details in a table named after them: whose
        // the accounts are comes from the logins' own columns, not from the word "users" in the name.
        tables.put("users", List.of(
                new ColumnProfile("users", "id", "INT8", List.of()),
                new ColumnProfile("users", "氏名", "VARCHAR", List.of("山田 太郎", "佐藤 花子")),
                new ColumnProfile("users", "email", "VARCHAR", List.of("t.yamada@example.co.jp")),
                new ColumnProfile("users", "job_title", "VARCHAR", List.of("経理課長")),
                new ColumnProfile("users", "salary", "INT4", List.of("320000")),
                new ColumnProfile("users", "department", "VARCHAR", List.of("経理部"))));
        tables.put("users_bank_accounts", List.of(
                column("users_bank_accounts", "id", "INT8"),
                column("users_bank_accounts", "user_id", "INT8", "users"),
                new ColumnProfile("users_bank_accounts", "bank_name", "VARCHAR", null, List.of("みずほ銀行"), null),
                new ColumnProfile("users_bank_accounts", "account_number", "VARCHAR", null, List.of("1234567"), null),
                new ColumnProfile("users_bank_accounts", "account_holder", "VARCHAR", null, List.of("ヤマダ タロウ"), null)));
        tables.put("products", List.of(
                new ColumnProfile("products", "id", "INT8", List.of()),
                new ColumnProfile("products", "name", "VARCHAR", List.of("ボールペン"))));
        tables.put("products_reviews", List.of(
                new ColumnProfile("products_reviews", "id", "INT8", List.of()),
                new ColumnProfile("products_reviews", "rating", "INT2", List.of("4"))));

        var schema = classifier.classifySchema(tables);

        assertThat(schema.get("users").get("job_title").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(schema.get("users_bank_accounts").get("account_number").item()).isEqualTo(Item.BANK_ACCOUNT);
        assertThat(schema.get("users_bank_accounts").get("account_number").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(schema.get("products_reviews").values()).as("a table named after nobody's rows is not made a person's")
                .allSatisfy(c -> assertThat(c.subject()).isEqualTo(Subject.NONE));
    }

    @Test
    void aReferenceToALoginTableIsOfWhoeverItsOwnColumnsShowItsRowsBelongTo() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        // A login table whose name suggests a shop's customers, but whose columns record jobs, salaries and departments.
        tables.put("app_users", List.of(
                new ColumnProfile("app_users", "id", "INT8", List.of()),
                new ColumnProfile("app_users", "login", "VARCHAR", List.of()),
                new ColumnProfile("app_users", "password_hash", "VARCHAR", List.of()),
                new ColumnProfile("app_users", "family_name", "VARCHAR", List.of()),
                new ColumnProfile("app_users", "job_title", "VARCHAR", List.of()),
                new ColumnProfile("app_users", "salary", "INT4", List.of()),
                new ColumnProfile("app_users", "department", "VARCHAR", List.of())));
        tables.put("expense_claims", List.of(
                column("expense_claims", "claim_id", "INT8"),
                column("expense_claims", "claimant", "INT8", "app_users"),
                column("expense_claims", "amount", "INT4")));

        var alone = classifier.classifyTable("expense_claims", tables.get("expense_claims"), java.util.Set.of("app_users"));
        var schema = classifier.classifySchema(tables);

        assertThat(schema.get("app_users").get("job_title").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(alone.get("claimant").subject()).as("from the neighbours' names alone, a shop's logins")
                .isEqualTo(Subject.CUSTOMER);
        assertThat(schema.get("expense_claims").get("claimant").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(schema.get("expense_claims").get("claimant").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(classifier.decide("app_users", tables.get("app_users"), java.util.Set.of("expense_claims"),
                java.util.Map.of()).rows()).isEqualTo(Subject.EMPLOYEE);
    }

    @Test
    void whenADetailWasSentOrChangedAndItsSizeOrTypeAreNotTheDetail() {
        var result = classifier.classifyTable("members", List.of(
                new ColumnProfile("members", "email", "VARCHAR", List.of()),
                new ColumnProfile("members", "email_sent_at", "TIMESTAMP", List.of()),
                new ColumnProfile("members", "avatar", "VARCHAR", List.of()),
                new ColumnProfile("members", "avatar_file_size", "INT4", List.of()),
                new ColumnProfile("members", "avatar_content_type", "VARCHAR", List.of()),
                new ColumnProfile("members", "password_reset_sent_at", "TIMESTAMP", List.of())));

        assertThat(result.get("email").item()).isEqualTo(Item.EMAIL);
        assertThat(result.get("avatar").item()).isEqualTo(Item.PHOTO);
        assertThat(List.of("email_sent_at", "avatar_file_size", "avatar_content_type", "password_reset_sent_at"))
                .allSatisfy(c -> assertThat(result.get(c).item()).as(c).isEqualTo(Item.NONE));
    }

    @Test
    void theFactsOfAnEmployeesOwnRowAreEmploymentData() {
        var result = classifier.classifyTable("employees", List.of(
                new ColumnProfile("employees", "employee_id", "INT8", List.of()),
                new ColumnProfile("employees", "full_name", "VARCHAR", List.of()),
                new ColumnProfile("employees", "branch", "VARCHAR", List.of()),
                new ColumnProfile("employees", "confirmation_date", "DATE", List.of()),
                new ColumnProfile("employees", "created_at", "TIMESTAMP", List.of())));

        assertThat(result.get("branch").item()).isEqualTo(Item.EMPLOYMENT);
        assertThat(result.get("confirmation_date").item()).isEqualTo(Item.EMPLOYMENT);
        assertThat(result.get("branch").subject()).isEqualTo(Subject.EMPLOYEE);
        assertThat(result.get("created_at").item()).as("the row's own bookkeeping").isEqualTo(Item.NONE);
    }

    /** The rules alone, which the model takes as one of its features. */
    @Test
    void aScreensSettingsKeptOnAnEmployeesRowAreNotEmploymentData() {
        var result = new RuleClassifier().classifyTable("employees", List.of(
                new ColumnProfile("employees", "employee_id", "INT8", List.of()),
                new ColumnProfile("employees", "full_name", "VARCHAR", List.of()),
                new ColumnProfile("employees", "branch", "VARCHAR", List.of()),
                new ColumnProfile("employees", "ui_theme", "VARCHAR", List.of()),
                new ColumnProfile("employees", "grid_width", "INT4", List.of()),
                new ColumnProfile("employees", "report_options", "INT4", List.of())));

        assertThat(result.get("branch").item()).isEqualTo(Item.EMPLOYMENT);
        assertThat(List.of("ui_theme", "grid_width", "report_options"))
                .allSatisfy(c -> assertThat(result.get(c).item()).as(c).isEqualTo(Item.NONE));
    }

    /** A salary table paid to a login by an unnamed key; its dates and ledger links bookkeeping. */
    @Test
    void aPayRecordIsAnEmployeesAndItsDatesAndLedgerLinksAreBookkeeping() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        tables.put("erp_user", List.of(
                new ColumnProfile("erp_user", "id", "INT4", List.of()),
                new ColumnProfile("erp_user", "login", "VARCHAR", List.of()),
                new ColumnProfile("erp_user", "family_name", "VARCHAR", List.of()),
                new ColumnProfile("erp_user", "email", "VARCHAR", List.of())));
        tables.put("erp_bank_account", List.of(
                new ColumnProfile("erp_bank_account", "id", "INT4", List.of()),
                new ColumnProfile("erp_bank_account", "label", "VARCHAR", List.of())));
        tables.put("erp_salary", List.of(
                new ColumnProfile("erp_salary", "id", "INT4", List.of()),
                new ColumnProfile("erp_salary", "fk_user", "INT4", "erp_user.id", List.of()),
                new ColumnProfile("erp_salary", "amount", "DOUBLE", List.of()),
                new ColumnProfile("erp_salary", "paid_on", "DATE", List.of()),
                new ColumnProfile("erp_salary", "period_end", "DATE", List.of()),
                new ColumnProfile("erp_salary", "fk_account", "INT4", "erp_bank_account.id", List.of())));

        var salary = classifier.classifySchema(tables).get("erp_salary");

        assertThat(salary.get("amount").item()).isEqualTo(Item.EMPLOYMENT);
        assertThat(salary.get("amount").subject()).as("salaries are paid to employees").isEqualTo(Subject.EMPLOYEE);
        assertThat(List.of("paid_on", "period_end", "fk_account"))
                .allSatisfy(c -> assertThat(salary.get(c).item()).as(c).isEqualTo(Item.NONE));
    }

    /** A leave request pointing at its employee by a link named employee. */
    @Test
    void aLinkNamedForThePersonAloneSaysWhoseTheRowsAre() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        tables.put("hr_employee", List.of(
                new ColumnProfile("hr_employee", "code", "VARCHAR", List.of()),
                new ColumnProfile("hr_employee", "full_name", "VARCHAR", List.of()),
                new ColumnProfile("hr_employee", "joined_on", "DATE", List.of())));
        tables.put("hr_leave_request", List.of(
                new ColumnProfile("hr_leave_request", "code", "VARCHAR", List.of()),
                new ColumnProfile("hr_leave_request", "employee", "VARCHAR", "hr_employee.code", List.of()),
                new ColumnProfile("hr_leave_request", "full_name", "VARCHAR", List.of()),
                new ColumnProfile("hr_leave_request", "reason", "TEXT", List.of()),
                new ColumnProfile("hr_leave_request", "from_date", "DATE", List.of())));

        var leave = new RuleClassifier().classifyTable("hr_leave_request", tables.get("hr_leave_request"), tables.keySet());

        assertThat(leave.get("full_name").item()).isEqualTo(Item.NAME);
        assertThat(leave.get("full_name").subject()).isEqualTo(Subject.EMPLOYEE);
    }

    /** The people of a party table, glued (partypeople) or in words; and the party's own table beside them. */
    @Test
    void thePeopleOfAnOrganisationOrABusinessPartyAreItsContactPersons() {
        for (String table : List.of("biz_partypeople", "company_people", "vendor_persons")) {
            var result = new RuleClassifier().classifyTable(table, List.of(
                    new ColumnProfile(table, "rowid", "INT4", List.of()),
                    new ColumnProfile(table, "fk_party", "INT4", "biz_party.rowid", List.of()),
                    new ColumnProfile(table, "lastname", "VARCHAR", List.of()),
                    new ColumnProfile(table, "email", "VARCHAR", List.of()),
                    new ColumnProfile(table, "phone", "VARCHAR", List.of())), java.util.Set.of("biz_party"));

            assertThat(List.of("lastname", "email", "phone")).allSatisfy(c -> {
                assertThat(result.get(c).item()).as(table + "." + c).isNotEqualTo(Item.NONE);
                assertThat(result.get(c).subject()).as(table + "." + c).isEqualTo(Subject.PARTNER);
            });
        }
        var party = new RuleClassifier().classifyTable("biz_party", List.of(
                new ColumnProfile("biz_party", "party_name", "VARCHAR", List.of()),
                new ColumnProfile("biz_party", "email", "VARCHAR", List.of())), java.util.Set.of("biz_partypeople"));
        assertThat(party.get("email").subject()).as("a third party's own rows may be a person who buys")
                .isEqualTo(Subject.CUSTOMER);
    }

    /** The login that acted on a row is a member of staff; the login the row is about is not. */
    @Test
    void whoeverActedOnARowByTheirLoginIsAMemberOfStaff() {
        var result = new RuleClassifier().classifyTable("refund_requests", List.of(
                new ColumnProfile("refund_requests", "id", "INT8", List.of()),
                new ColumnProfile("refund_requests", "account_id", "INT8", "accounts.id", List.of()),
                new ColumnProfile("refund_requests", "reason", "TEXT", List.of()),
                new ColumnProfile("refund_requests", "closed_by_account_id", "INT8", "accounts.id", List.of()),
                new ColumnProfile("refund_requests", "refunded_by_user_id", "INT8", "users.id", List.of())),
                java.util.Set.of("accounts", "users", "orders"));

        assertThat(List.of("closed_by_account_id", "refunded_by_user_id")).allSatisfy(c -> {
            assertThat(result.get(c).item()).as(c).isEqualTo(Item.IDENTIFIER);
            assertThat(result.get(c).subject()).as(c).isEqualTo(Subject.EMPLOYEE);
        });
        assertThat(result.get("account_id").subject()).as("who asked for the refund").isEqualTo(Subject.CUSTOMER);
    }

    /** The rules alone: a thing's name is not a person's; a person's, however abbreviated its qualifier, still is. */
    @Test
    void theNameOfAThingIsNotAPersonsName() {
        var things = new RuleClassifier().classifyTable("club_activities", List.of(
                new ColumnProfile("club_activities", "member_id", "INT8", List.of()),
                new ColumnProfile("club_activities", "activity_name", "VARCHAR", List.of()),
                new ColumnProfile("club_activities", "venue_type_name", "VARCHAR", List.of()),
                new ColumnProfile("club_activities", "email", "VARCHAR", List.of())), java.util.Set.of("members"));
        assertThat(List.of("activity_name", "venue_type_name"))
                .allSatisfy(c -> assertThat(things.get(c).item()).as(c).isEqualTo(Item.NONE));

        var persons = new RuleClassifier().classifyTable("club_members", List.of(
                new ColumnProfile("club_members", "cust_name1", "VARCHAR", List.of()),
                new ColumnProfile("club_members", "fath_name", "VARCHAR", List.of()),
                new ColumnProfile("club_members", "referrer_name", "VARCHAR", List.of()),
                new ColumnProfile("club_members", "order_name", "VARCHAR", List.of()),
                new ColumnProfile("club_members", "email", "VARCHAR", List.of())), java.util.Set.of());
        assertThat(List.of("cust_name1", "fath_name", "referrer_name", "order_name"))
                .allSatisfy(c -> assertThat(persons.get(c).item()).as(c).isEqualTo(Item.NAME));
    }

    /** The rules alone: a letterhead, a newsletter, a place in a list and a tree's bounds are no person's data. */
    @Test
    void aLetterheadANewsletterAPlaceInAListAndATreesBoundsAreNotPersonalData() {
        var result = new RuleClassifier().classifyTable("staff", List.of(
                new ColumnProfile("staff", "staff_id", "INT8", List.of()),
                new ColumnProfile("staff", "full_name", "VARCHAR", List.of()),
                new ColumnProfile("staff", "position", "VARCHAR", List.of()),
                new ColumnProfile("staff", "cover_letter", "TEXT", List.of()),
                new ColumnProfile("staff", "letter_template", "VARCHAR", List.of()),
                new ColumnProfile("staff", "lft", "INT4", List.of()),
                new ColumnProfile("staff", "rgt", "INT4", List.of())), java.util.Set.of());
        assertThat(result.get("position").item()).as("a job").isEqualTo(Item.EMPLOYMENT);
        assertThat(result.get("cover_letter").item()).isEqualTo(Item.FREE_TEXT);
        assertThat(List.of("letter_template", "lft", "rgt"))
                .allSatisfy(c -> assertThat(result.get(c).item()).as(c).isEqualTo(Item.NONE));

        var members = new RuleClassifier().classifyTable("members", List.of(
                new ColumnProfile("members", "email", "VARCHAR", List.of()),
                new ColumnProfile("members", "newsletter_signup", "DATE", List.of())), java.util.Set.of());
        assertThat(members.get("newsletter_signup").item()).as("a mailing, not a letter").isEqualTo(Item.NONE);

        var ranks = new RuleClassifier().classifyTable("staff_roles", List.of(
                new ColumnProfile("staff_roles", "role_id", "INT8", List.of()),
                new ColumnProfile("staff_roles", "position", "INT4", List.of())), java.util.Set.of("staff"));
        assertThat(ranks.get("position").item()).as("a role's place in the list").isEqualTo(Item.NONE);
    }

    /** The rules alone: the company on a person's row is where they work; a link to our own company row is not. */
    @Test
    void theCompanyWrittenOnAPersonsRowIsWhereTheyWork() {
        var customers = new RuleClassifier().classifyTable("shop_customers", List.of(
                new ColumnProfile("shop_customers", "email", "VARCHAR", List.of()),
                new ColumnProfile("shop_customers", "last_name", "VARCHAR", List.of()),
                new ColumnProfile("shop_customers", "company", "VARCHAR", List.of()),
                new ColumnProfile("shop_customers", "home_company", "VARCHAR", "companies.code", List.of())),
                java.util.Set.of("companies"));
        assertThat(customers.get("company").item()).isEqualTo(Item.EMPLOYMENT);
        assertThat(customers.get("company").subject()).isEqualTo(Subject.CUSTOMER);
        assertThat(customers.get("home_company").item()).as("a link to a company row").isEqualTo(Item.NONE);

        var companies = new RuleClassifier().classifyTable("companies", List.of(
                new ColumnProfile("companies", "code", "VARCHAR", List.of()),
                new ColumnProfile("companies", "company_name", "VARCHAR", List.of()),
                new ColumnProfile("companies", "phone", "VARCHAR", List.of())), java.util.Set.of("shop_customers"));
        assertThat(companies.get("company_name").item()).as("the organisation's own name").isEqualTo(Item.NONE);
    }

    /** The rules alone: where a visitor came from and what they asked for, and when someone logged in, are behaviour. */
    @Test
    void whereAVisitorCameFromAndWhenSomeoneLoggedInAreBehaviour() {
        var visits = new RuleClassifier().classifyTable("site_visits", List.of(
                new ColumnProfile("site_visits", "visit_id", "INT8", List.of()),
                new ColumnProfile("site_visits", "customer_id", "INT8", List.of()),
                new ColumnProfile("site_visits", "http_referer", "VARCHAR", List.of()),
                new ColumnProfile("site_visits", "request_uri", "VARCHAR", List.of())), java.util.Set.of("customers"));
        assertThat(List.of("http_referer", "request_uri"))
                .allSatisfy(c -> assertThat(visits.get(c).item()).as(c).isEqualTo(Item.BEHAVIOR));

        var sessions = new RuleClassifier().classifyTable("staff_sessions", List.of(
                new ColumnProfile("staff_sessions", "staff_id", "INT8", List.of()),
                new ColumnProfile("staff_sessions", "login", "TIMESTAMP", List.of()),
                new ColumnProfile("staff_sessions", "logout", "TIMESTAMP", List.of())), java.util.Set.of("staff"));
        assertThat(List.of("login", "logout"))
                .allSatisfy(c -> assertThat(sessions.get(c).item()).as(c).isEqualTo(Item.BEHAVIOR));

        var accounts = new RuleClassifier().classifyTable("accounts", List.of(
                new ColumnProfile("accounts", "login", "VARCHAR", List.of()),
                new ColumnProfile("accounts", "email", "VARCHAR", List.of())), java.util.Set.of());
        assertThat(accounts.get("login").item()).as("a login name").isEqualTo(Item.IDENTIFIER);
    }

    /** The rules alone: whom a row is assigned to is staff; a company's address on an invoice is the company's own. */
    @Test
    void whomARowIsAssignedToIsStaffAndTheCompanysAddressOnADocumentIsItsOwn() {
        var invoices = new RuleClassifier().classifyTable("invoices", List.of(
                new ColumnProfile("invoices", "invoice_no", "VARCHAR", List.of()),
                new ColumnProfile("invoices", "customer_id", "INT8", "customers.id", List.of()),
                new ColumnProfile("invoices", "_assign", "TEXT", List.of()),
                new ColumnProfile("invoices", "assigned_to", "VARCHAR", List.of()),
                new ColumnProfile("invoices", "company_address", "TEXT", List.of()),
                new ColumnProfile("invoices", "shop_phone", "VARCHAR", List.of()),
                new ColumnProfile("invoices", "contact_phone", "VARCHAR", List.of())), java.util.Set.of("customers"));
        assertThat(List.of("_assign", "assigned_to")).allSatisfy(c -> {
            assertThat(invoices.get(c).item()).as(c).isEqualTo(Item.IDENTIFIER);
            assertThat(invoices.get(c).subject()).as(c).isEqualTo(Subject.EMPLOYEE);
        });
        assertThat(List.of("company_address", "shop_phone"))
                .allSatisfy(c -> assertThat(invoices.get(c).item()).as(c).isEqualTo(Item.NONE));
        assertThat(invoices.get("contact_phone").item()).as("the contact person's").isEqualTo(Item.PHONE);
    }

    /** The rules alone: glued names of a person's networks, coordinates and single sign-on identity. */
    @Test
    void gluedNamesOfNetworksCoordinatesAndSignOnIdentitiesAreRead() {
        var members = new RuleClassifier().classifyTable("club_members", List.of(
                new ColumnProfile("club_members", "email", "VARCHAR", List.of()),
                new ColumnProfile("club_members", "socialnetworks", "TEXT", List.of()),
                new ColumnProfile("club_members", "geolat", "DOUBLE", List.of()),
                new ColumnProfile("club_members", "geolong", "DOUBLE", List.of()),
                new ColumnProfile("club_members", "openid", "VARCHAR", List.of())), java.util.Set.of());
        assertThat(members.get("socialnetworks").item()).isEqualTo(Item.OTHER_PERSONAL);
        assertThat(members.get("geolat").item()).isEqualTo(Item.LOCATION);
        assertThat(members.get("geolong").item()).isEqualTo(Item.LOCATION);
        assertThat(members.get("openid").item()).isEqualTo(Item.IDENTIFIER);
    }

    /** The rules alone: on an employee's row, the row's own bookkeeping and references by a leading id are not facts. */
    @Test
    void anEmployeeRowsBookkeepingIsNotEmploymentData() {
        var result = new RuleClassifier().classifyTable("employees", List.of(
                new ColumnProfile("employees", "employee_id", "INT8", List.of()),
                new ColumnProfile("employees", "full_name", "VARCHAR", List.of()),
                new ColumnProfile("employees", "confirmation_date", "DATE", List.of()),
                new ColumnProfile("employees", "creation", "TIMESTAMP", List.of()),
                new ColumnProfile("employees", "idx", "INT4", List.of()),
                new ColumnProfile("employees", "ref", "VARCHAR", List.of()),
                new ColumnProfile("employees", "entity", "INT4", List.of()),
                new ColumnProfile("employees", "last_order_id", "INT8", List.of()),
                new ColumnProfile("employees", "home_tab", "INT4", List.of()),
                new ColumnProfile("employees", "branch", "VARCHAR", "branches.code", List.of()),
                new ColumnProfile("employees", "holiday_calendar", "VARCHAR", "calendars.code", List.of())),
                java.util.Set.of("orders", "branches", "calendars"));
        assertThat(result.get("confirmation_date").item()).isEqualTo(Item.EMPLOYMENT);
        assertThat(result.get("branch").item()).as("where they work").isEqualTo(Item.EMPLOYMENT);
        assertThat(result.get("holiday_calendar").item()).as("a link to a calendar").isEqualTo(Item.NONE);
        assertThat(List.of("creation", "idx", "ref", "entity", "last_order_id", "home_tab"))
                .allSatisfy(c -> assertThat(result.get(c).item()).as(c).isEqualTo(Item.NONE));
    }

    /** A staff referral is about the person referred for a job; its referrer is the member of staff. */
    @Test
    void aStaffReferralIsAboutThePersonReferredAndItsReferrerIsStaff() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        tables.put("staff", List.of(
                new ColumnProfile("staff", "staff_id", "INT8", List.of()),
                new ColumnProfile("staff", "full_name", "VARCHAR", List.of())));
        tables.put("staff_referral", List.of(
                new ColumnProfile("staff_referral", "referral_id", "INT8", List.of()),
                new ColumnProfile("staff_referral", "first_name", "VARCHAR", List.of()),
                new ColumnProfile("staff_referral", "email", "VARCHAR", List.of()),
                new ColumnProfile("staff_referral", "referrer_name", "VARCHAR", List.of())));

        var referral = classifier.classifySchema(tables).get("staff_referral");

        assertThat(referral.get("first_name").subject()).isEqualTo(Subject.APPLICANT);
        assertThat(referral.get("email").subject()).isEqualTo(Subject.APPLICANT);
        assertThat(referral.get("referrer_name").item()).isEqualTo(Item.NAME);
        assertThat(referral.get("referrer_name").subject()).isEqualTo(Subject.EMPLOYEE);
    }

    /** The rules alone: a post's text is its author's free text; a page's text nobody's. */
    @Test
    void theTextOfAPostIsItsAuthorsFreeTextAndThatOfAPageIsNobodys() {
        var posts = new RuleClassifier().classifyTable("forum_posts", List.of(
                new ColumnProfile("forum_posts", "post_id", "INT8", List.of()),
                new ColumnProfile("forum_posts", "member_id", "INT8", "members.member_id", List.of()),
                new ColumnProfile("forum_posts", "body", "TEXT", List.of())), java.util.Set.of("members"));
        assertThat(posts.get("body").item()).isEqualTo(Item.FREE_TEXT);
        assertThat(posts.get("body").subject()).isEqualTo(Subject.CUSTOMER);

        var pages = new RuleClassifier().classifyTable("site_pages", List.of(
                new ColumnProfile("site_pages", "page_id", "INT8", List.of()),
                new ColumnProfile("site_pages", "body", "TEXT", List.of())), java.util.Set.of("members"));
        assertThat(pages.get("body").item()).isEqualTo(Item.NONE);
    }

    /** The rules alone: a code list's names, a shop's coordinates and a link to a token row are nobody's personal data. */
    @Test
    void aCodeListsNamesAShopsCoordinatesAndALinkToATokenAreNotPersonalData() {
        var drugs = new RuleClassifier().classifyTable("drug_master", List.of(
                new ColumnProfile("drug_master", "drug_code", "VARCHAR", List.of()),
                new ColumnProfile("drug_master", "name", "VARCHAR", List.of()),
                new ColumnProfile("drug_master", "yomi", "VARCHAR", List.of())), java.util.Set.of("patients"));
        assertThat(List.of("name", "yomi")).allSatisfy(c -> assertThat(drugs.get(c).item()).as(c).isEqualTo(Item.NONE));

        var shops = new RuleClassifier().classifyTable("shops", List.of(
                new ColumnProfile("shops", "shop_id", "INT8", List.of()),
                new ColumnProfile("shops", "latitude", "DOUBLE", List.of()),
                new ColumnProfile("shops", "longitude", "DOUBLE", List.of())), java.util.Set.of());
        assertThat(List.of("latitude", "longitude")).allSatisfy(c -> assertThat(shops.get(c).item()).as(c).isEqualTo(Item.NONE));

        var sessions = new RuleClassifier().classifyTable("member_sessions", List.of(
                new ColumnProfile("member_sessions", "member_id", "INT8", List.of()),
                new ColumnProfile("member_sessions", "access_token_id", "INT8", List.of()),
                new ColumnProfile("member_sessions", "session_token", "VARCHAR", List.of())), java.util.Set.of("members"));
        assertThat(sessions.get("access_token_id").item()).as("a link to a token row").isEqualTo(Item.NONE);
        assertThat(sessions.get("session_token").item()).as("the secret itself").isEqualTo(Item.CREDENTIAL);
    }

    /** The rules alone: a card's expiry month and year, a Japanese prefecture, a Spanish identity number. */
    @Test
    void aCardsExpiryAPrefectureAndAnIdentityNumberAreRead() {
        var members = new RuleClassifier().classifyTable("shop_members", List.of(
                new ColumnProfile("shop_members", "email", "VARCHAR", List.of()),
                new ColumnProfile("shop_members", "exp_month", "INT4", List.of()),
                new ColumnProfile("shop_members", "exp_year", "INT4", List.of()),
                new ColumnProfile("shop_members", "member_pref", "VARCHAR", List.of()),
                new ColumnProfile("shop_members", "dni", "VARCHAR", List.of())), java.util.Set.of());
        assertThat(members.get("exp_month").item()).isEqualTo(Item.PAYMENT_CARD);
        assertThat(members.get("exp_year").item()).isEqualTo(Item.PAYMENT_CARD);
        assertThat(members.get("member_pref").item()).isEqualTo(Item.ADDRESS);
        assertThat(members.get("dni").item()).isEqualTo(Item.GOVERNMENT_ID);
    }

    /** The rules alone: a member's own web address identifies them; their avatar's does not; a beneficiary number. */
    @Test
    void aPersonsAddressOnTheWebIdentifiesThemAndABeneficiaryNumberIsAnIdentityNumber() {
        var members = new RuleClassifier().classifyTable("members", List.of(
                new ColumnProfile("members", "member_id", "INT8", List.of()),
                new ColumnProfile("members", "email", "VARCHAR", List.of()),
                new ColumnProfile("members", "profile_url", "VARCHAR", List.of()),
                new ColumnProfile("members", "avatar_url", "VARCHAR", List.of()),
                new ColumnProfile("members", "jukyuusha_bango", "VARCHAR", List.of())), java.util.Set.of());
        assertThat(members.get("profile_url").item()).isEqualTo(Item.IDENTIFIER);
        assertThat(members.get("avatar_url").item()).isNotEqualTo(Item.IDENTIFIER);
        assertThat(members.get("jukyuusha_bango").item()).isEqualTo(Item.GOVERNMENT_ID);
    }

    @Test
    void aReferenceToAGenericPersonTableTakesTheRoleOfTheTableThatMakesItNotTheRowsOfEveryone() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        tables.put("person", List.of(
                new ColumnProfile("person", "person_id", "INT8", List.of()),
                new ColumnProfile("person", "given_name", "VARCHAR", List.of()),
                new ColumnProfile("person", "birthdate", "DATE", List.of()),
                new ColumnProfile("person", "gender", "VARCHAR", List.of())));
        tables.put("provider", List.of(
                column("provider", "provider_id", "INT8"),
                column("provider", "person_id", "INT8", "person"),
                column("provider", "speciality", "VARCHAR")));

        var schema = classifier.classifySchema(tables);

        assertThat(schema.get("person").get("given_name").subject()).as("everyone's rows, by its own columns")
                .isEqualTo(Subject.CUSTOMER);
        assertThat(schema.get("provider").get("person_id").subject()).as("a provider is staff").isEqualTo(Subject.EMPLOYEE);
    }

    @Test
    void aRecordsCodedFindingsAndGluedClinicalNamesAreHealthDataButALinkToAPersonsRecordIsNot() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        tables.put("patients", List.of(
                column("patients", "patient_id", "INT8"),
                column("patients", "full_name", "VARCHAR"),
                column("patients", "birth_date", "DATE")));
        tables.put("term_labels", List.of(
                column("term_labels", "term_label_id", "INT8"),
                column("term_labels", "label", "VARCHAR")));
        // an examination's rows, in a table named by a glued word: a coded finding and a remark
        tables.put("h_examinationrow", List.of(
                column("h_examinationrow", "row_id", "INT8"),
                column("h_examinationrow", "patient_id", "INT8", "patients"),
                column("h_examinationrow", "finding_coded_name", "INT8", "term_labels"),
                column("h_examinationrow", "remarks", "VARCHAR")));
        // a catalogue of medical supplies whose name the dictionary cannot split whole
        tables.put("h_medicalsupply", List.of(
                column("h_medicalsupply", "supply_id", "INT8"),
                column("h_medicalsupply", "description", "VARCHAR")));
        tables.put("h_treatments", List.of(
                column("h_treatments", "treatment_id", "INT8"),
                column("h_treatments", "patient_id", "INT8", "patients"),
                column("h_treatments", "supply_id", "INT8", "h_medicalsupply")));
        // a laboratory order of a patient, and its rows
        tables.put("h_laboratory", List.of(
                column("h_laboratory", "lab_id", "INT8"),
                column("h_laboratory", "patient_id", "INT8", "patients"),
                column("h_laboratory", "ordered_on", "DATE")));
        tables.put("h_laboratoryline", List.of(
                column("h_laboratoryline", "line_id", "INT8"),
                column("h_laboratoryline", "lab_id", "INT8", "h_laboratory")));

        var schema = classifier.classifySchema(tables);

        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(schema.get("h_examinationrow").get("finding_coded_name").item())
                    .as("a coded finding, not a thing's name").isEqualTo(Item.MEDICAL);
            soft.assertThat(schema.get("h_examinationrow").get("remarks").item()).as("an examination's remark")
                    .isEqualTo(Item.MEDICAL);
            soft.assertThat(schema.get("h_treatments").get("supply_id").item()).as("which medical supply a patient was given")
                    .isEqualTo(Item.MEDICAL);
            soft.assertThat(schema.get("h_laboratoryline").get("lab_id").item()).as("the key of the patient's order it belongs to")
                    .isNotEqualTo(Item.MEDICAL);
        });
    }

    @Test
    void anItemTheModelNeverLearntIsTakenFromTheRulesReadingOfTheName() {
        // a model learnt from a schema that has no column of ages, as when the one application that has them is held out
        var none = new LabeledSchema.Label(Item.NONE, Subject.NONE, false);
        var learnt = new LabeledSchema("invented", List.of(new LabeledSchema.Table("members", List.of(
                new ColumnProfile("members", "member_id", "INT8", List.of()),
                new ColumnProfile("members", "full_name", "VARCHAR", List.of()),
                new ColumnProfile("members", "email", "VARCHAR", List.of()),
                new ColumnProfile("members", "created_at", "TIMESTAMP", List.of())), List.of(
                new LabeledSchema.Label(Item.IDENTIFIER, Subject.CUSTOMER, false),
                new LabeledSchema.Label(Item.NAME, Subject.CUSTOMER, false),
                new LabeledSchema.Label(Item.EMAIL, Subject.CUSTOMER, false), none))));
        var withoutAges = new FieldClassifier(CompanyLexicon.NONE, Model.train(List.of(learnt)));

        var visits = withoutAges.classifyTable("clinic_visits", List.of(column("clinic_visits", "visit_id", "INT8"),
                column("clinic_visits", "patient_id", "INT8"), column("clinic_visits", "patient_age", "INT4"),
                column("clinic_visits", "diagnosis", "VARCHAR")));

        assertThat(visits.get("patient_age").item()).isEqualTo(Item.AGE);
        assertThat(visits.get("patient_age").evidence()).contains("column-name:age");
    }

    @Test
    void aDocumentsWorkflowStateAndItsPlaceInAParentDocumentAreBookkeeping() {
        var education = classifier.classifyTable("staff_education", List.of(column("staff_education", "id", "INT8"),
                column("staff_education", "employee_id", "INT8"), column("staff_education", "school", "VARCHAR"),
                column("staff_education", "qualification", "VARCHAR"), column("staff_education", "docstatus", "INT2"),
                column("staff_education", "parenttype", "VARCHAR"), column("staff_education", "parentfield", "VARCHAR"),
                column("staff_education", "amended_from", "VARCHAR")));

        assertThat(education.get("qualification").item()).isEqualTo(Item.EMPLOYMENT);
        assertThat(java.util.stream.Stream.of("docstatus", "parenttype", "parentfield", "amended_from").map(education::get))
                .allSatisfy(c -> assertThat(c.item()).isEqualTo(Item.NONE));
    }

    @Test
    void gluedNamesTheDictionarySplitsWholeAreReadByTheirWords() {
        assertThat(Lexicon.columnItem("salaryhourly")).contains(Item.EMPLOYMENT);
        assertThat(Lexicon.columnItem("dateemploymentstart")).contains(Item.EMPLOYMENT);
        assertThat(Lexicon.columnItem("agegroup")).contains(Item.AGE);
        assertThat(Lexicon.columnItem("emp_bdate")).contains(Item.BIRTH_DATE);
        assertThat(Lexicon.columnItem("userlastlogin")).as("a glued ending still reads first").contains(Item.BEHAVIOR);
        assertThat(Lexicon.columnItem("kanjameicode")).as("a romaji reading inside a glued word is no name")
                .isNotEqualTo(java.util.Optional.of(Item.NAME));
    }

    @Test
    void aTableOfRolesOrPermissionsIsACodeListNotItsPeople() {
        var roles = classifier.classifyTable("member_roles", List.of(column("member_roles", "id", "INT8"),
                column("member_roles", "name", "VARCHAR"), column("member_roles", "color", "VARCHAR"),
                column("member_roles", "permissions", "INT8")), java.util.Set.of("members", "posts"));

        assertThat(roles.get("name").item()).as("a role's name").isEqualTo(Item.NONE);
    }

    @Test
    void aBrowsersUserAgentAPayOfferAndWorkingHoursAreRead() {
        assertThat(Lexicon.columnItem("client_user_agent")).contains(Item.DEVICE_ID);
        assertThat(Lexicon.columnItem("device_token")).as("a device's token identifies the device").contains(Item.DEVICE_ID);
        assertThat(Lexicon.columnItem("remuneration_offered")).contains(Item.EMPLOYMENT);
        assertThat(Lexicon.columnItem("working_hours")).contains(Item.EMPLOYMENT);
    }

    @Test
    void theAddressAnOrdersGoodsAreDispatchedFromIsTheCompanysOwn() {
        var orders = classifier.classifyTable("delivery_orders", List.of(column("delivery_orders", "id", "INT8"),
                column("delivery_orders", "customer_id", "INT8"), column("delivery_orders", "dispatch_address", "VARCHAR"),
                column("delivery_orders", "shipping_address", "VARCHAR")), java.util.Set.of("customers"));

        assertThat(orders.get("dispatch_address").item()).isEqualTo(Item.NONE);
        assertThat(orders.get("shipping_address").item()).isEqualTo(Item.ADDRESS);
    }

    @Test
    void aPartyThatMayBeAnIndividualIsNotTakenForAFirmsOwnData() {
        var vendors = classifier.classifyTable("vendors", List.of(column("vendors", "id", "INT8"),
                column("vendors", "vendor_name", "VARCHAR"), column("vendors", "vendor_type", "VARCHAR"),
                column("vendors", "mobile_no", "VARCHAR"), column("vendors", "email_id", "VARCHAR")));

        assertThat(vendors.get("email_id").item()).as("a sole trader's e-mail").isEqualTo(Item.EMAIL);
        assertThat(vendors.get("email_id").subject()).isEqualTo(Subject.PARTNER);
        assertThat(vendors.get("mobile_no").item()).isEqualTo(Item.PHONE);
    }

    @Test
    void anAdherentIsAMember() {
        var adherents = classifier.classifyTable("club_adherents", List.of(column("club_adherents", "id", "INT8"),
                column("club_adherents", "lastname", "VARCHAR"), column("club_adherents", "email", "VARCHAR")));

        assertThat(adherents.get("id").item()).as("a member's own key").isEqualTo(Item.IDENTIFIER);
        assertThat(adherents.get("id").subject()).isEqualTo(Subject.CUSTOMER);
    }

    @Test
    void howAPayRecordWasPaidAndItsLinksOutsideTheSchemaAreBookkeeping() {
        // the rules' reading (the model learnt from the corpus it is tested on can hide it)
        var payslips = new RuleClassifier().classifyTable("staff_payslips", List.of(column("staff_payslips", "id", "INT8"),
                column("staff_payslips", "employee_id", "INT8", "employees"),
                column("staff_payslips", "gross_pay", "NUMERIC"),
                column("staff_payslips", "fk_campaign", "INT8"), column("staff_payslips", "payment_number", "VARCHAR"),
                column("staff_payslips", "is_paid", "BOOLEAN")), java.util.Set.of("employees"));

        assertThat(payslips.get("gross_pay").item()).isEqualTo(Item.EMPLOYMENT);
        assertThat(java.util.stream.Stream.of("fk_campaign", "payment_number", "is_paid").map(payslips::get))
                .allSatisfy(c -> assertThat(c.item()).isEqualTo(Item.NONE));
    }

    @Test
    void aKeyThatFilesARowIsNoOnesSecret() {
        var rules = new RuleClassifier().classifyTable("members", List.of(column("members", "id", "INT8"),
                column("members", "email", "VARCHAR"), column("members", "import_batch_key", "VARCHAR"),
                column("members", "sort_key", "VARCHAR"), column("members", "api_key", "VARCHAR")));

        assertThat(rules.get("import_batch_key").item()).isEqualTo(Item.NONE);
        assertThat(rules.get("import_batch_key").evidence()).contains("context:a-records-own-key");
        assertThat(rules.get("sort_key").item()).isEqualTo(Item.NONE);
        assertThat(rules.get("api_key").item()).isEqualTo(Item.CREDENTIAL);
    }

    @Test
    void aTranslationTableHoldsAThingsTextsNotAPersons() {
        var rules = new RuleClassifier().classifyTable("support_contact_lang", List.of(
                column("support_contact_lang", "support_contact_id", "INT8"), column("support_contact_lang", "lang_id", "INT8"),
                column("support_contact_lang", "name", "VARCHAR"), column("support_contact_lang", "description", "TEXT")),
                java.util.Set.of("support_contact", "lang"));

        assertThat(rules.values()).allSatisfy(c -> assertThat(c.item()).isEqualTo(Item.NONE));
        assertThat(rules.get("name").evidence()).contains("context:translation-of-a-things-text");
    }

    @Test
    void aThingNamedInKatakanaIsNotAPersonsReadingAndAGluedAbbreviationIsRead() {
        var rules = new RuleClassifier().classifyTable("order_lines", List.of(
                new ColumnProfile("order_lines", "id", "INT8", List.of("1", "2")),
                new ColumnProfile("order_lines", "item_name", "VARCHAR",
                        List.of("オーガニックコーヒー", "ステンレスボトル", "コットンタオル", "ウールマフラー"))),
                java.util.Set.of("customers", "orders"));

        assertThat(rules.get("item_name").item()).isEqualTo(Item.NONE);
        assertThat(Lexicon.columnItem("staffimg")).contains(Item.PHOTO);
    }

    @Test
    void whereAnInterviewOrATrainingTakesPlaceIsTheVenuesAddress() {
        var rules = new RuleClassifier().classifyTable("interviewslots", List.of(column("interviewslots", "id", "INT8"),
                column("interviewslots", "candidate_id", "INT8", "candidates"),
                column("interviewslots", "city", "VARCHAR"), column("interviewslots", "address", "VARCHAR")),
                java.util.Set.of("candidates"));

        assertThat(rules.get("city").item()).isEqualTo(Item.NONE);
        assertThat(rules.get("address").evidence()).contains("context:where-an-event-takes-place");
        assertThat(rules.get("candidate_id").subject()).isEqualTo(Subject.APPLICANT);
    }

    @Test
    void aRowOfAPatientsClinicalRecordIsClinicalButItsBillIsNotByTheRules() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        tables.put("patients", List.of(
                column("patients", "patient_id", "INT8"),
                column("patients", "full_name", "VARCHAR"),
                column("patients", "birth_date", "DATE")));
        tables.put("h_admissions", List.of(
                column("h_admissions", "adm_id", "INT8"),
                column("h_admissions", "patient_id", "INT8", "patients"),
                column("h_admissions", "ward", "VARCHAR")));
        // an operation performed during an admission, in a legacy schema whose keys carry a type letter
        tables.put("h_surgeryline", List.of(
                column("h_surgeryline", "surg_id_a", "INT8"),
                column("h_surgeryline", "surg_adm_id", "INT8", "h_admissions"),
                column("h_surgeryline", "surg_outcome", "VARCHAR"),
                column("h_surgeryline", "surg_units", "FLOAT")));
        tables.put("h_bills", List.of(
                column("h_bills", "bill_id", "INT8"),
                column("h_bills", "adm_id", "INT8", "h_admissions"),
                column("h_bills", "amount", "NUMERIC")));

        var schema = classifier.classifySchema(tables);

        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(schema.get("h_surgeryline").get("surg_outcome").item()).as("an operation's outcome")
                    .isEqualTo(Item.MEDICAL);
            soft.assertThat(schema.get("h_surgeryline").get("surg_units").item()).isEqualTo(Item.MEDICAL);
            soft.assertThat(schema.get("h_surgeryline").get("surg_id_a").item()).as("the row's own key")
                    .isEqualTo(Item.NONE);
            soft.assertThat(new RuleClassifier().classifyTable("h_bills", ColumnProfile.markReferenced(tables).get("h_bills"),
                    java.util.Set.of("patients", "h_admissions")).get("amount").item()).as("an admission's bill is money, by the rules")
                    .isEqualTo(Item.NONE);
        });
    }

    @Test
    void theNotesOfAConsultationThatNamesADiagnosisAndAClinicalRowsRemarksAreHealthData() {
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        tables.put("patients", List.of(
                column("patients", "patient_id", "INT8"),
                column("patients", "full_name", "VARCHAR")));
        tables.put("h_diseases", List.of(
                column("h_diseases", "code", "VARCHAR"),
                column("h_diseases", "label", "VARCHAR")));
        // an outpatient consultation: not named clinical, but it names the patient's disease
        tables.put("h_outpatient", List.of(
                column("h_outpatient", "visit_id", "INT8"),
                column("h_outpatient", "patient_id", "INT8", "patients"),
                column("h_outpatient", "dis_code", "VARCHAR", "h_diseases"),
                column("h_outpatient", "note", "TEXT")));
        tables.put("h_examinationline", List.of(
                column("h_examinationline", "line_id", "INT8"),
                column("h_examinationline", "patient_id", "INT8", "patients"),
                column("h_examinationline", "remarks", "VARCHAR"),
                new ColumnProfile("h_examinationline", "stop_reason", "VARCHAR", null,
                        List.of("高血圧症の悪化", "E11.9", "I10", "気管支喘息"), null)));
        var marked = ColumnProfile.markReferenced(tables);
        var rules = new RuleClassifier();

        var outpatient = rules.classifyTable("h_outpatient", marked.get("h_outpatient"), java.util.Set.of("patients", "h_diseases"));
        var lines = rules.classifyTable("h_examinationline", marked.get("h_examinationline"), java.util.Set.of("patients"));

        assertThat(outpatient.get("note").item()).isEqualTo(Item.MEDICAL);
        assertThat(lines.get("remarks").item()).as("from its name alone").isEqualTo(Item.MEDICAL);
        assertThat(lines.get("stop_reason").item()).as("a reason whose values are conditions").isEqualTo(Item.MEDICAL);
    }

    @Test
    void aPatientsImagesAreClinicalButTheirUidsAndNumbersAreNotFindings() {
        var images = new RuleClassifier().classifyTable("radiology_dicom", List.of(column("radiology_dicom", "file_id", "INT8"),
                column("radiology_dicom", "patient_id", "INT8", "patients"),
                column("radiology_dicom", "study_description", "VARCHAR"), column("radiology_dicom", "modality", "VARCHAR"),
                column("radiology_dicom", "study_uid", "VARCHAR"), column("radiology_dicom", "series_number", "VARCHAR")),
                java.util.Set.of("patients"));

        assertThat(images.get("study_description").item()).isEqualTo(Item.MEDICAL);
        assertThat(images.get("modality").item()).isEqualTo(Item.MEDICAL);
        assertThat(images.get("study_uid").item()).isEqualTo(Item.NONE);
        assertThat(images.get("series_number").item()).isEqualTo(Item.NONE);
        assertThat(Lexicon.columnItem("anamnesis")).contains(Item.MEDICAL);
    }

    @Test
    void anOrganisationsOwnDescriptionIsNotAPersonsFreeText() {
        var rules = new RuleClassifier().classifyTable("warehouses", List.of(column("warehouses", "id", "INT8"),
                column("warehouses", "label", "VARCHAR"), column("warehouses", "description", "TEXT"),
                column("warehouses", "public_note", "TEXT"), column("warehouses", "phone", "VARCHAR")));

        assertThat(rules.get("description").item()).isEqualTo(Item.NONE);
        assertThat(rules.get("public_note").item()).isEqualTo(Item.NONE);
        assertThat(rules.get("description").evidence()).contains("context:organisation-own-data");
    }
}
