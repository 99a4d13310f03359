package jp.daicho.classification;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.daicho.vocabulary.EvidenceKind;
import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

/**
 * The hand-written rules (rules-3): classifies the columns of one table from their names, SQL types and declared foreign keys, the table's
 * name and its neighbours in the schema, and sampled values. A pure function: no I/O, no framework,
 * deterministic. The rules are described in docs/classification.md.
 */
final class RuleClassifier {

    /** Items whose column names are common words: personal only in a table that holds personal data. */
    private static final Set<Item> NEEDS_PERSON_TABLE = EnumSet.of(Item.FREE_TEXT, Item.LOCATION,
            Item.EMPLOYMENT, Item.CREDENTIAL, Item.MEDICAL, Item.AGE, Item.PHOTO, Item.ADDRESS, Item.IDENTIFIER,
            Item.BANK_ACCOUNT, Item.OTHER_PERSONAL, Item.GOVERNMENT_ID);

    /** What an organisation's row says about the organisation itself (its name, address, phone). */
    private static final Set<Item> CONTACT_ITEMS = EnumSet.of(Item.NAME, Item.EMAIL, Item.PHONE, Item.ADDRESS,
            Item.POSTAL_CODE, Item.NAME_KANA);

    /** Words of record metadata: a clinical table's own bookkeeping is not health data. */
    private static final Set<String> RECORD_WORDS = Set.of("created", "changed", "modified", "updated", "voided",
            "retired", "deleted", "uuid", "version", "form", "status", "active", "isactive", "flag", "preferred",
            "reason", "namespace", "path", "datecreated", "createddate", "modifieddate", "lastupdate", "update",
            "lock", "notify", "notification", "sms", "include", "valid", "from", "upto", "until",
            // a nested set's bounds (lft, rgt): where the row sits in a tree; when it was made, its place in a list
            "lft", "rgt", "rght", "creation", "idx", "exchange",
            // the record's own reference, series and tenant
            "ref", "series", "entity",
            // a document's workflow state (draft, submitted, cancelled), the version it amends, the parent document
            // and field a child row belongs to
            "docstatus", "amended", "parenttype", "parentfield");

    /** Words of account tables that hold no one's login: bank, ledger and chart accounts. */
    private static final Set<String> NOT_LOGINS = Set.of("bank", "ledger", "chart", "gl", "payment", "tax", "cost", "journal",
            "cash", "receivable", "payable", "expense", "income", "profit", "loss", "revenue", "asset", "stock",
            "inventory", "deposit", "depreciation", "discount", "default", "billing", "invoice", "credit", "debit");

    /** Evidence of the decisions that make a column a reference to a person elsewhere (see {@link #isReference}). */
    private static final String STAFF_REFERENCE = EvidenceKind.CONTEXT.about("staff-reference");
    private static final String NUMERIC_NAME_REFERENCE = EvidenceKind.CONTEXT.about("numeric-name-is-a-reference");
    private static final String NAMED_REFERENCE = EvidenceKind.CONTEXT.about("reference-to-");

    /**
     * Whether the rules decided the column is a reference to a person of another table by its name (a staff role,
     * a number where a name was expected, {@code employee_id}): such a column speaks for that person's table, not
     * for its own.
     */
    static boolean isReference(Classification c) {
        return c.evidence().stream().anyMatch(e -> e.equals(STAFF_REFERENCE) || e.equals(NUMERIC_NAME_REFERENCE)
                || e.startsWith(NAMED_REFERENCE));
    }

    /** A screen's settings kept on a person's row (ui_theme, grid_width, report_options): the software's, not the person's. */
    private static final Set<String> SETTING_WORDS = Set.of("css", "theme", "skin", "width", "menu", "layout", "option",
            "options", "preselect", "stats", "font", "colour", "color", "shortcut", "sidebar", "dashboard", "tab");
    /** First words of a yes/no column: is_default_address, has_password. */
    private static final Set<String> FLAG_WORDS = Set.of("is", "has", "can", "use", "allow", "enable", "show", "skip");

    /** Last words of a column that describes a detail rather than holding it: when, what size, what kind. */
    private static final Set<String> DESCRIBING_WORDS = Set.of("at", "date", "time", "datetime", "sent", "size", "type",
            "gen", "generated", "validity", "version", "theme", "format", "msgid", "head", "template", "layout");

    /** Details that other columns describe: a contact detail, a photo, a login, a text. */
    private static final Set<Item> DESCRIBED_ITEMS = EnumSet.of(Item.EMAIL, Item.PHONE, Item.PHOTO, Item.CREDENTIAL,
            Item.FREE_TEXT, Item.ADDRESS, Item.NAME);

    /** Names of a row's own key whatever the table: id, rowid, pk. */
    private static final Set<String> OWN_KEY_NAMES = Set.of("id", "rowid", "pk", "oid", "recid", "seq");


    private final CompanyLexicon company;

    RuleClassifier() {
        this(CompanyLexicon.NONE);
    }

    /** A classifier that tries the company's own vocabulary before the built-in one. */
    RuleClassifier(CompanyLexicon company) {
        this.company = company;
    }

    public Map<String, Classification> classifyTable(String table, List<ColumnProfile> columns) {
        return classifyTable(table, columns, Set.of());
    }

    /**
     * Classifies a table knowing the names of the other tables of its schema ({@code neighbours}): a
     * {@code users} table beside {@code patient} or {@code employees} holds the staff's logins.
     */
    public Map<String, Classification> classifyTable(String table, List<ColumnProfile> columns, Set<String> neighbours) {
        return classifyTable(table, columns, neighbours, SampleShapes.of(columns, company));
    }

    /** As above, with the columns' sample shapes already counted ({@link SampleShapes}, by column name). */
    Map<String, Classification> classifyTable(String table, List<ColumnProfile> columns, Set<String> neighbours,
                                              Map<String, SampleShapes> shapes) {
        return classifyTable(table, columns, neighbours, shapes, Map.of());
    }

    /**
     * As above, knowing whose rows some of the neighbours hold, as their own columns decided ({@code rowsOf}, by
     * lower-case table name): a reference to one of them is that subject's, whatever the table's name suggests.
     */
    Map<String, Classification> classifyTable(String table, List<ColumnProfile> columns, Set<String> neighbours,
                                              Map<String, SampleShapes> shapes, Map<String, Subject> rowsOf) {
        var first = new LinkedHashMap<String, Classification>();
        Map<String, String> keys = Features.tableKeys(table, neighbours); // what its columns may point at, read once
        Optional<Subject> subjectByName = tableSubject(table, columns, neighbours, keys)
                .map(byName -> ofItsOwner(table, rowsOf).orElse(byName));
        for (ColumnProfile column : columns) {
            first.put(column.column(), classifyColumn(column, subjectByName, shapes.get(column.column())));
        }
        var context = TableContext.of(table, columns, first, keys, subjectByName, accountSubject(neighbours), company,
                rowsOf);
        var result = new LinkedHashMap<String, Classification>();
        for (ColumnProfile column : columns) {
            result.put(column.column(), withContext(column, first.get(column.column()), context));
        }
        return result;
    }

    /**
     * Whose rows a table is about by its references, when they reach persons the schema names (an employee, a patient)
     * of one kind: not logins that touched the row, nor an organisation's contact person.
     */
    private static Optional<Subject> personItIsAbout(String table, List<ColumnProfile> columns, Map<String, String> keys) {
        var subjects = columns.stream().filter(c -> !ownKey(table, c) && !audit(c.column()))
                .map(c -> Features.target(table, c, keys))
                .filter(t -> t != null && !t.equalsIgnoreCase(table) && !Lexicon.isAccountTable(t))
                .map(t -> Lexicon.namedSubject(t).filter(s -> s != Subject.PARTNER));
        return theOnly(subjects);
    }

    /** The one subject among {@code candidates}, none when there is none or more than one. */
    private static Optional<Subject> theOnly(java.util.stream.Stream<Optional<Subject>> candidates) {
        var subjects = candidates.flatMap(Optional::stream).distinct().limit(2).toList();
        return subjects.size() == 1 ? Optional.of(subjects.getFirst()) : Optional.empty();
    }

    /**
     * Whose a table's rows are by a link named for the person alone ({@code employee} in a leave request or an
     * attendance record, {@code patient}): a reference named so is the person the row is about, where {@code id_employee} or
     * {@code created_by} may be whoever handled it. Empty unless every such link names one kind of person.
     */
    private static Optional<Subject> personLinked(String table, List<ColumnProfile> columns, Map<String, String> keys) {
        var subjects = columns.stream().filter(c -> Names.words(c.column()).size() == 1 && !ownKey(table, c))
                .filter(c -> {
                    String target = Features.target(table, c, keys);
                    return target != null && !target.equalsIgnoreCase(table) && !Lexicon.isAccountTable(target)
                            && !Lexicon.isAccountTable(c.column()); // fk_user: whose logins are whose is decided elsewhere
                })
                .map(c -> Lexicon.namedSubject(c.column()).filter(s -> s != Subject.PARTNER));
        return theOnly(subjects);
    }

    /**
     * A table named after another table of the schema and a further word ({@code erp_user} and {@code erp_user_rib},
     * {@code customer} and {@code customer_addresses}) holds details of that table's rows: whose they are, as that
     * table's own columns decided. Empty when no such table is known, or it holds nobody's rows, or a company lexicon
     * names the table. It only decides between persons: a table its name gives no person is not made one.
     */
    private Optional<Subject> ofItsOwner(String table, Map<String, Subject> rowsOf) {
        if (rowsOf.isEmpty() || company.tableSubject(table).isPresent() || staffReferral(table)) {
            return Optional.empty();
        }
        String name = table.toLowerCase(java.util.Locale.ROOT);
        String owner = null;
        for (String other : rowsOf.keySet()) {
            if (name.length() > other.length() + 1 && name.startsWith(other) && "_ -".indexOf(name.charAt(other.length())) >= 0
                    && (owner == null || other.length() > owner.length())) {
                owner = other;
            }
        }
        Subject subject = owner == null ? null : rowsOf.get(owner);
        return subject == null || subject == Subject.NONE ? Optional.empty() : Optional.of(subject);
    }

    /**
     * The subject a login-account table takes among its neighbours: employees' when the schema also names
     * customers or employees elsewhere (those have their own tables, so the accounts are the staff's),
     * customers' otherwise (a shop's {@code users}).
     */
    public static Subject accountSubject(Set<String> neighbours) {
        // Only tables whose last word names persons count: staff_action_logs is a log, not a table of staff.
        boolean othersNamed = neighbours.stream().filter(n -> !Lexicon.isAccountTable(n))
                .anyMatch(n -> Lexicon.headIsPerson(n) && !Lexicon.isGenericPerson(n));
        return othersNamed ? Subject.EMPLOYEE : Subject.CUSTOMER;
    }

    /** Whether the subject of {@code table} depends on its neighbours (a login-account table). */
    public boolean dependsOnNeighbours(String table) {
        return company.tableSubject(table).isEmpty() && Lexicon.isAccountTable(table);
    }

    private Optional<Subject> tableSubject(String table, List<ColumnProfile> columns, Set<String> neighbours,
                                           Map<String, String> keys) {
        Optional<Subject> companySubject = company.tableSubject(table);
        if (companySubject.isPresent()) {
            return companySubject;
        }
        if (staffReferral(table)) {
            return Optional.of(Subject.APPLICANT); // the person an employee refers for a job, not the employee
        }
        if (Lexicon.isAccountTable(table)) {
            // A login table that records jobs, salaries or departments is the staff's, whatever its neighbours.
            long employment = columns.stream().filter(c -> Lexicon.columnItem(c.column()).filter(i -> i == Item.EMPLOYMENT)
                    .isPresent()).count();
            return Optional.of(employment >= 2 ? Subject.EMPLOYEE : accountSubject(neighbours));
        }
        if (Lexicon.peopleOfOrganisation(table)) {
            return Optional.of(Subject.PARTNER);
        }
        if (Lexicon.isOrganisation(table)) {
            // only its contact persons are personal, and they are partners; unless its rows are about a person the schema
            // names (bank_accounts of employees)
            return personItIsAbout(table, columns, keys).or(() -> Optional.of(Subject.PARTNER));
        }
        return Lexicon.tableSubject(table, columns.stream().map(ColumnProfile::column).toList())
                .or(() -> personLinked(table, columns, keys))
                // salaries and payslips are paid to employees, whoever their rows point at by an unnamed key (fk_user)
                .or(() -> Lexicon.isEmploymentRecord(table) && !Lexicon.isCatalogue(table)
                        ? Optional.of(Subject.EMPLOYEE) : Optional.empty());
    }

    private Classification classifyColumn(ColumnProfile column, Optional<Subject> tableSubject, SampleShapes shapes) {
        var evidence = new ArrayList<String>();
        Optional<Item> companyItem = company.columnItem(column.column());
        Optional<Item> byName = companyItem.isPresent() ? companyItem : Lexicon.columnItem(column.column());
        // A name that says nothing (c1, kbn_03): the column's comment in the source catalog may (「会員のメールアドレス」).
        Optional<Item> byComment = byName.isEmpty() && column.comment() != null
                ? company.columnItem(column.comment()).or(() -> Lexicon.commentItem(column.comment())) : Optional.empty();
        Optional<Item> nameItem = byName.or(() -> byComment);
        byName.ifPresent(item -> evidence.add((companyItem.isPresent() ? EvidenceKind.COMPANY_LEXICON : EvidenceKind.COLUMN_NAME).about(item.code())));
        byComment.ifPresent(item -> evidence.add(EvidenceKind.COLUMN_COMMENT.about(item.code())));

        List<String> samples = column.samples().stream().filter(s -> !s.isBlank()).toList();
        Optional<Item> shape = shapes.dominant();
        shape.ifPresent(item -> evidence.add(EvidenceKind.VALUE_SHAPE.about(item.code())));

        Item item;
        double confidence;
        if (shape.isPresent() && nameItem.isPresent() && nameItem.get() == shape.get()) {
            item = shape.get();
            confidence = 0.97;
        } else if (shape.isPresent() && shape.get() == Item.MEDICAL && nameItem.filter(i -> i == Item.FREE_TEXT).isPresent()) {
            // Notes that mention an allergy are still notes; the evidence shows it and the low confidence asks for review.
            item = Item.FREE_TEXT;
            confidence = 0.55;
        } else if (shape.isPresent() && shape.get() != Item.NAME_KANA) {
            item = shape.get();
            confidence = nameItem.isPresent() ? 0.7 : 0.85;
        } else if (nameItem.isPresent()) {
            item = nameItem.get();
            confidence = item == Item.NAME && samples.stream().anyMatch(ValueShapes::looksLikeJapaneseName) ? 0.92 : 0.75;
            if (shape.isPresent() && item == Item.NAME && shape.get() == Item.NAME_KANA) {
                item = Item.NAME_KANA;
                confidence = 0.85;
            }
        } else {
            item = Item.NONE;
            confidence = samples.isEmpty() ? 0.6 : 0.7;
        }
        boolean sensitive = item.sensitive();
        // Masked shapes only; of a sensitive value not even the first character, only its length.
        samples.stream().limit(2)
                .map(v -> sensitive ? "(" + v.codePointCount(0, v.length()) + " chars, masked)" : ValueShapes.mask(v))
                .forEach(m -> evidence.add(EvidenceKind.SAMPLE.about(m)));
        Subject subject = item.personal() ? tableSubject.orElse(Subject.CUSTOMER) : Subject.NONE;
        if (item.personal() && tableSubject.isEmpty()) {
            evidence.add(EvidenceKind.SUBJECT.about("default-customer"));
            confidence = Math.min(confidence, 0.8);
        } else if (item.personal()) {
            evidence.add(EvidenceKind.TABLE_NAME.about(subject.code()));
        }
        return new Classification(item, subject, confidence, evidence, samples.size());
    }

    /** What the table as a whole says: whose rows, whether a row is a person, an organisation or a clinical fact. */
    private record TableContext(String table, Optional<Subject> subject, boolean personTable, boolean entity,
                                boolean organisation, boolean aboutNamedPerson, boolean clinical, boolean employmentRecord,
                                Subject accounts, Map<String, String> keys, Map<String, Subject> rowsOf,
                                Optional<Subject> writtenBy, boolean diagnosed) {

        static TableContext of(String table, List<ColumnProfile> columns, Map<String, Classification> first,
                               Map<String, String> keys, Optional<Subject> subject, Subject accounts, CompanyLexicon company, Map<String, Subject> rowsOf) {
            boolean organisation = company.tableSubject(table).isEmpty() && Lexicon.isOrganisation(table)
                    && !mayBeAnIndividual(table, columns);
            // A table with contact items holds personal data, so its subject applies to the rest.
            boolean contacts = first.values().stream().anyMatch(c -> c.item() == Item.EMAIL || c.item() == Item.PHONE
                    || (c.item() == Item.NAME_KANA && c.evidence().contains(EvidenceKind.COLUMN_NAME.about(Item.NAME_KANA.code()))));
            boolean personTable = subject.isPresent() || contacts;
            // A row is a person when the table is named for persons (users, 社員), or it is a person table
            // whose rows point at no other person (applicantprofile, but not staffhomedetails with user_id).
            boolean pointsAtPerson = columns.stream().anyMatch(c -> !ownKey(table, c) && !audit(c.column())
                    && (Lexicon.referencedSubject(c.column()).isPresent()
                        || (c.referencedTable() != null && Lexicon.namedSubject(c.referencedTable()).isPresent())));
            boolean entity = !organisation && (company.tableSubject(table).isPresent() || Lexicon.headIsPerson(table)
                    || Lexicon.isAccountTable(table)
                    || (subject.isPresent() && contacts && !pointsAtPerson));
            // Clinical facts are someone's when the table is about a person: named for one, pointing at one, or
            // pointing at another record (a prescription of a visit of a patient) rather than only at catalogues.
            List<Link> links = links(table, columns, keys);
            boolean pointsAtRecord = links.stream().anyMatch(l -> !Lexicon.isCatalogue(l.target()));
            // A row of a clinical record (an operation performed during an admission) is clinical too, unless it is
            // about money (the admission's bill).
            boolean rowOfClinicalRecord = !Lexicon.isCatalogue(table)
                    && Words.of(table).stream().noneMatch(MONEY_WORDS::contains)
                    && links.stream().map(Link::target).anyMatch(t -> Lexicon.isClinical(t) && !Lexicon.isCatalogue(t)
                            && rowsOfAPerson(rowsOf, t));
            boolean clinical = (Lexicon.isClinical(table) && !Lexicon.isCatalogue(table)
                    && (pointsAtPerson || Lexicon.headIsPerson(table) || pointsAtRecord)) || rowOfClinicalRecord;
            // Likewise the facts of a payslip or an education record are a person's employment data, and so are
            // the facts of an employee's own row (a status, a branch, a confirmation date) that say nothing else.
            boolean employmentRecord = Lexicon.isEmploymentRecord(table) && !Lexicon.isCatalogue(table)
                    && (pointsAtPerson || Lexicon.headIsPerson(table))
                    || entity && Lexicon.headIsPerson(table) && !Lexicon.isAccountTable(table)
                        && subject.filter(s -> s == Subject.EMPLOYEE).isPresent();
            // only an organisation's own details depend on it
            boolean aboutNamedPerson = organisation && personItIsAbout(table, columns, keys).isPresent();
            // A person's row that names a diagnosis, a drug or an examination of a catalogue (an outpatient visit's
            // disease): a consultation, whose notes are health data.
            boolean diagnosed = personTable && links.stream()
                    .anyMatch(l -> !ownKey(table, l.column()) && Lexicon.isClinicalCatalogue(l.target()));
            return new TableContext(table, subject, personTable, entity, organisation, aboutNamedPerson, clinical,
                    employmentRecord, accounts, keys, rowsOf, writtenBy(table, links, accounts), diagnosed);
        }

        /** A column and the other table it points at, declared or by its name. */
        private record Link(ColumnProfile column, String target) {
        }

        /** What the table's columns point at, audit columns and the table itself left out: worked out once a table. */
        private static List<Link> links(String table, List<ColumnProfile> columns, Map<String, String> keys) {
            var links = new ArrayList<Link>();
            for (ColumnProfile c : columns) {
                String target = audit(c.column()) ? null : Features.target(table, c, keys);
                if (target != null && !target.equalsIgnoreCase(table)) {
                    links.add(new Link(c, target));
                }
            }
            return links;
        }

        /**
         * A party whose rows say whether it is a firm or an individual (supplier_type, is_individual): a sole trader's
         * name, address and phone are a person's, so the table is not taken for an organisation's own.
         */
        private static boolean mayBeAnIndividual(String table, List<ColumnProfile> columns) {
            List<String> tableWords = Words.of(table);
            return columns.stream().map(c -> Names.tokens(c.column())).anyMatch(t -> t.contains("individual")
                    || t.size() == 2 && t.getLast().equals("type") && tableWords.contains(singular(t.getFirst())));
        }

        /** The one kind of person a table's rows point at by a login or a table named for persons; empty otherwise. */
        private static Optional<Subject> writtenBy(String table, List<Link> links, Subject accounts) {
            var subjects = links.stream().filter(l -> !ownKey(table, l.column())).map(Link::target)
                    .filter(t -> !Lexicon.isOrganisation(t))
                    .map(t -> Lexicon.isAccountTable(t) ? Optional.of(accounts) : Lexicon.namedSubject(t));
            return theOnly(subjects);
        }
    }

    private Classification withContext(ColumnProfile column, Classification c, TableContext table) {
        List<String> tokens = Names.words(column.column());
        // a name of symbols only has no words: its item, if any, came from its comment
        String first = tokens.isEmpty() ? "" : tokens.getFirst();
        String last = tokens.isEmpty() ? "" : tokens.getLast();
        Subject subject = table.subject().orElse(Subject.CUSTOMER);
        // A flag about a contact detail or a login (is_default_phone, has_password) is not the detail itself.
        if (tokens.size() > 1 && FLAG_WORDS.contains(first) && !c.item().sensitive() && c.item().personal()) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.7, "context:flag");
        }
        // When a contact detail, a photo or a login was sent, changed or made, its size, type or version
        // (email_sent_at, avatar_file_size, password_validity) describes the detail and is not the detail itself.
        if (tokens.size() > 1 && DESCRIBING_WORDS.contains(last) && DESCRIBED_ITEMS.contains(c.item())) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.65, "context:about-the-detail");
        }
        // When someone logged in or out (a login column holding a time) is what they did, not who they are.
        if (tokens.size() <= 2 && LOGIN_EVENTS.contains(last) && column.temporalTyped()) {
            return c.reclassified(Item.BEHAVIOR, subject, 0.7, "context:when-someone-logged-in");
        }
        // A position kept as a number is the row's place in a list, not a job.
        if (c.item() == Item.EMPLOYMENT && last.equals("position") && column.integerTyped()) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.65, "context:place-in-a-list");
        }
        // In a staff referral, the referrer is the member of staff.
        if (first.equals("referrer") && c.item().personal() && staffReferral(table.table())) {
            return c.reclassified(c.item(), Subject.EMPLOYEE, 0.75, STAFF_REFERENCE);
        }
        // The text of a post, a message or a note a person wrote (a long text column named text, content or body, in a
        // table of persons or pointing at one kind of person) is their free text.
        if (c.item() == Item.NONE && TEXT_WORDS.contains(last) && column.longText() && !table.clinical()
                && (table.entity() || table.writtenBy().isPresent())) {
            return c.reclassified(Item.FREE_TEXT, table.entity() ? subject : table.writtenBy().get(), 0.6,
                    "context:text-a-person-wrote");
        }
        // A code list's names and readings (a drug master's name and yomi) are the things', not persons'.
        if ((c.item() == Item.NAME || c.item() == Item.NAME_KANA) && Lexicon.isCatalogue(table.table()) && !table.entity()) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.65, "context:a-catalogues-names");
        }
        // A reference to a token or a password row (access_token_id) is not the secret.
        if (c.item() == Item.CREDENTIAL && tokens.size() > 1 && last.equals("id")
                && SECRET_ROWS.contains(tokens.get(tokens.size() - 2))) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.65, "context:reference-to-a-credential");
        }
        // On a person's own row, their address on the web (url, uri, profile_url) identifies them.
        if (c.item() == Item.NONE && table.entity() && !table.organisation() && (last.equals("url") || last.equals("uri"))
                && tokens.stream().noneMatch(WEB_RESOURCE_WORDS::contains)) {
            return c.reclassified(Item.IDENTIFIER, subject, 0.6, "context:a-persons-address-on-the-web");
        }
        // A translation table holds a thing's texts in each language (a product's or a title's name): persons' names
        // and notes are not translated.
        if (Lexicon.isTranslation(table.table()) && !table.entity()) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.75, "context:translation-of-a-things-text");
        }
        // Where an interview, a meeting or a training takes place (interviewrounds, training_events) is the venue's
        // address, not a participant's.
        if (ADDRESS_ITEMS.contains(c.item()) && !table.entity() && !contactPerson(tokens)
                && Names.tokens(table.table()).stream().anyMatch(t -> EVENT_WORDS.stream().anyMatch(t::startsWith))) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.7, "context:where-an-event-takes-place");
        }
        // A key that files or sorts a row (import_batch_key, sort_key, idempotency_key) is no one's secret.
        if (tokens.size() > 1 && last.equals("key") && RECORD_KEY_QUALIFIERS.contains(first)) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.8, "context:a-records-own-key");
        }
        // Whom a row is assigned to (assigned_to, a framework's _assign) is a member of staff.
        if (tokens.equals(List.of("assign")) || tokens.equals(List.of("assigned", "to")) || tokens.equals(List.of("assignee"))) {
            return c.reclassified(Item.IDENTIFIER, Subject.EMPLOYEE, 0.7, STAFF_REFERENCE);
        }
        // On a document (an order, a quote), the company's or the shop's address and phone are the organisation's own,
        // and so is the address goods are dispatched from.
        if (!table.entity() && CONTACT_ITEMS.contains(c.item()) && tokens.size() > 1
                && (Lexicon.ORGANISATION_TERMS.contains(first) || DISPATCHED_FROM.contains(first))
                && !contactPerson(tokens)) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.65, "context:organisation-own-data");
        }
        // Audit columns (created_by, changed_by) name the staff member who changed the row.
        if (audit(column.column())) {
            return c.reclassified(Item.IDENTIFIER, Subject.EMPLOYEE, 0.75, "context:audit-column");
        }
        // The table's own key: a person's identifier in a table of persons, a row number anywhere else.
        if (ownKey(table.table(), column) || tokens.equals(List.of("uuid"))) {
            return table.entity()
                    ? c.reclassified(Item.IDENTIFIER, subject, 0.8, "context:person-table-key")
                    : c.reclassified(Item.NONE, Subject.NONE, 0.7, "context:own-key-of-non-person-table");
        }
        // An organisation's own name, address, phone and description are not personal; its contact person's are. Nor
        // are its bank account and tax number, unless the rows are about a person (an employee's bank details in a
        // bank_accounts table).
        if (table.organisation() && (CONTACT_ITEMS.contains(c.item()) || c.item() == Item.LOCATION
                || c.item() == Item.FREE_TEXT
                || !table.aboutNamedPerson() && (c.item() == Item.BANK_ACCOUNT || c.item() == Item.GOVERNMENT_ID))) {
            return contactPerson(tokens)
                    ? c.reclassified(c.item(), Subject.PARTNER, 0.75, "context:contact-person-of-organisation")
                    : c.reclassified(Item.NONE, Subject.NONE, 0.7, "context:organisation-own-data");
        }
        // campaign_name, item_name, leave_type_name: the name of a thing, not of a person; values that look like a
        // person's name (a Japanese name) still make it one. What the thing is may still matter (a clinical record's
        // coded finding), so the rules below go on.
        // Katakana values alone do not make it a reading of a person's name either (a product named in katakana).
        if ((c.item() == Item.NAME && !c.evidence().contains(EvidenceKind.VALUE_SHAPE.about(Item.NAME.code()))
                || c.item() == Item.NAME_KANA
                    && !c.evidence().contains(EvidenceKind.COLUMN_NAME.about(Item.NAME_KANA.code())))
                && thingsName(tokens)) {
            c = c.reclassified(Item.NONE, Subject.NONE, 0.6, "context:name-of-a-thing");
        }
        boolean fromNameOnly = c.evidence().stream().noneMatch(e -> e.startsWith(EvidenceKind.VALUE_SHAPE.about("")));
        // A bare "name" in a table that holds nobody's data (products, languages) is not personal, nor are
        // common words (note, condition, grade) that no value shape backs up; a clinical row's remarks are the
        // patient's.
        if (!table.personTable() && ((tokens.equals(List.of("name")) && (c.item() == Item.NAME || c.item() == Item.NAME_KANA))
                || (fromNameOnly && NEEDS_PERSON_TABLE.contains(c.item())
                    && !(table.clinical() && c.item() == Item.FREE_TEXT)))) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.6, "context:not-a-person-table");
        }
        // A declared foreign key to a person table identifies that person.
        Optional<Classification> reference = foreignKey(column, c, table);
        if (reference.isPresent()) {
            return reference.get();
        }
        // The company written on a person's row (a customer's, a contact's) is where they work: their employment data.
        // A link to a company row is the organisation's own (which of the company's firms a document belongs to).
        if (c.item() == Item.NONE && EMPLOYER_COLUMNS.contains(String.join("_", tokens)) && table.personTable()
                && !table.organisation() && column.referencedTable() == null
                && Features.target(table.table(), column, table.keys()) == null) {
            return c.reclassified(Item.EMPLOYMENT, subject, 0.7, "context:where-a-person-works");
        }
        // Staff named by role (reporting_manager, interviewer_id) are employees.
        if (tokens.stream().anyMatch(Lexicon.STAFF_ROLES::contains) && (column.integerTyped() || last.equals("id"))) {
            return c.reclassified(Item.IDENTIFIER, Subject.EMPLOYEE, 0.75, STAFF_REFERENCE);
        }
        // name_id, answer_name_id: a reference to a row of names, not a name.
        if (c.item() == Item.NAME && last.equals("id") && tokens.size() > 1) {
            c = c.reclassified(Item.NONE, Subject.NONE, 0.6, "context:reference-to-a-name-row");
        }
        // A number where a name is expected (applicantname int) is a reference to that person.
        if (column.integerTyped() && (c.item() == Item.NAME
                || (last.endsWith("name") && Lexicon.tableSubject(column.column()).isPresent()))) {
            Subject referenced = Lexicon.tableSubject(column.column()).orElse(subject);
            return c.reclassified(Item.IDENTIFIER, referenced, 0.7, NUMERIC_NAME_REFERENCE);
        }
        // A note in a clinical record (an examination's remarks, a therapy's note) is itself health data.
        if ((table.clinical() || table.diagnosed()) && c.item() == Item.FREE_TEXT && (!recordMetadata(tokens)
                || c.evidence().contains(EvidenceKind.VALUE_SHAPE.about(Item.MEDICAL.code())))) { // why a disease ended
            return c.reclassified(Item.MEDICAL, subject, 0.7, "context:clinical-note");
        }
        if (c.item() != Item.NONE) {
            return c;
        }
        // A reference to a person table by its name (employee_id, member_no) identifies that person.
        Optional<Subject> referenced = Lexicon.referencedSubject(column.column());
        if (referenced.isPresent()) {
            return c.reclassified(Item.IDENTIFIER, personRole(referenced.get(), column.column(), table), 0.8,
                    NAMED_REFERENCE + referenced.get().code());
        }
        // A code in a clinical record or a person's row that points at a clinical catalogue (a disease, a drug,
        // an examination) says which one the person has or had: health data. Not a link to a record of a person (a
        // laboratory order's row pointing at its order): that is the record's key, the finding is in its own columns.
        String target = Features.target(table.table(), column, table.keys());
        if ((table.clinical() || table.personTable()) && c.item() == Item.NONE && target != null
                && !target.equalsIgnoreCase(table.table()) && Lexicon.isClinicalCatalogue(target)
                && !audit(column.column()) && !rowsOfAPerson(table.rowsOf(), target)) {
            return c.reclassified(Item.MEDICAL, subject, 0.7, "context:reference-to-clinical-catalogue");
        }
        // Every fact of a clinical table (a value, an onset date, a verification status) is health data.
        // Not its keys, an image's UIDs, its sequence numbers.
        if (table.clinical() && !recordMetadata(tokens) && !NOT_CLINICAL_FACTS.contains(last)) {
            return c.reclassified(Item.MEDICAL, subject, 0.7, "context:clinical-table");
        }
        if (table.employmentRecord() && !recordMetadata(tokens) && !last.equals("id") && !first.equals("id")
                && !ownKey(table.table(), column) && !employmentBookkeeping(column, table)
                && tokens.stream().noneMatch(SETTING_WORDS::contains)) {
            return c.reclassified(Item.EMPLOYMENT, subject, 0.8, "context:employment-record");
        }
        // A coded value of a clinical record (a value_coded, a finding_coded_name) names the finding itself.
        if (table.clinical() && (first.equals("value") || tokens.contains("coded")) && column.referencedTable() != null
                && !column.referencedTable().equalsIgnoreCase(table.table())) {
            return c.reclassified(Item.MEDICAL, subject, 0.65, "context:clinical-coded-value");
        }
        return c;
    }

    /**
     * Not a fact of a person's employment though on their employment record: a pay record's dates (its period, when it
     * was paid or entered), and on any employment record a link to what is neither employment nor where one works (a
     * bank account, a project, a room, a holiday list), as opposed to a department, a branch or a company.
     */
    private static boolean employmentBookkeeping(ColumnProfile column, TableContext table) {
        if (Lexicon.isPayRecord(table.table()) && column.temporalTyped()) {
            return true;
        }
        List<String> words = Names.words(column.column());
        if (Lexicon.columnItem(column.column()).filter(i -> i == Item.EMPLOYMENT).isPresent()
                || !words.isEmpty() && Lexicon.columnItem(words.getFirst()).filter(i -> i == Item.EMPLOYMENT).isPresent()) {
            return false; // the department, branch or grade paid in
        }
        // how it was paid: the payment's number, bank entry, journal, whether it is paid
        if (Lexicon.isPayRecord(table.table()) && words.stream().anyMatch(PAYMENT_BOOKKEEPING::contains)) {
            return true;
        }
        String target = Features.target(table.table(), column, table.keys());
        if (target == null && words.size() > 1 && (words.getFirst().equals("fk") || words.getLast().equals("id"))) {
            // a link to a table outside the schema read (fk_project): by its name, unless that names a person or a firm
            String named = String.join("_", words.getFirst().equals("fk") ? words.subList(1, words.size())
                    : words.subList(0, words.size() - 1));
            return Lexicon.namedSubject(named).isEmpty() && !Lexicon.isOrganisation(named)
                    && !Lexicon.isAccountTable(named);
        }
        return target != null && !target.equalsIgnoreCase(table.table()) && Lexicon.namedSubject(target).isEmpty()
                && !Lexicon.isAccountTable(target) && !Lexicon.isEmploymentRecord(target)
                && !(Lexicon.isOrganisation(target) && !Words.of(target).contains("account")) // a bank account is money
                && Lexicon.columnItem(target).filter(i -> i == Item.EMPLOYMENT).isEmpty();
    }

    private Optional<Classification> foreignKey(ColumnProfile column, Classification c, TableContext table) {
        // A declared foreign key, or a column named for a neighbouring table (account_id → accounts).
        String target = Features.target(table.table(), column, table.keys());
        if (target == null || target.equalsIgnoreCase(table.table()) && column.referencedTable() == null) {
            return Optional.empty();
        }
        // Whose rows the table holds, where its own columns showed it, says whose a reference to a person is; not of a
        // generic person table (person), whose rows are everyone's: there the referring table's role decides.
        Optional<Subject> decided = Optional.ofNullable(table.rowsOf().get(target.toLowerCase(java.util.Locale.ROOT)))
                .filter(s -> s != Subject.NONE && !target.equalsIgnoreCase(table.table()) && !Lexicon.isGenericPerson(target));
        // A login account is a person (bank and ledger accounts are not): its owner is whoever the schema's accounts belong to.
        if (Lexicon.isAccountTable(target) && !Lexicon.isOrganisation(target) && !table.organisation()
                && Words.of(target).stream().noneMatch(NOT_LOGINS::contains)
                && Words.of(column.column()).stream().noneMatch(NOT_LOGINS::contains)) {
            Subject owner = decided.orElse(table.accounts());
            return Optional.of(c.reclassified(Item.IDENTIFIER, owner, 0.8, "foreign-key:" + owner.code()));
        }
        Optional<Subject> targetSubject = company.tableSubject(target).or(() -> Lexicon.namedSubject(target));
        if (targetSubject.isEmpty() || !Lexicon.headIsPerson(target)) {
            return Optional.empty(); // a code list or a thing: the column keeps what its name says
        }
        Subject subject = decided.orElseGet(() -> personRole(targetSubject.get(), target, table));
        return Optional.of(c.reclassified(Item.IDENTIFIER, subject, 0.85, "foreign-key:" + subject.code()));
    }

    /**
     * Whose person a reference points at: a login account's owner is who the schema's accounts belong to;
     * a generic person ({@code person_id}) referenced from a table of persons takes that table's role.
     */
    private static Subject personRole(Subject referenced, String referencedName, TableContext table) {
        String stem = String.join("_", Names.words(referencedName).subList(0,
                Math.max(1, Names.words(referencedName).size() - 1)));
        if (Lexicon.isAccountTable(referencedName) || Lexicon.isAccountTable(stem)) {
            return table.accounts();
        }
        boolean generic = Lexicon.isGenericPerson(referencedName) || Lexicon.isGenericPerson(stem);
        return generic && table.entity() && table.subject().isPresent() ? table.subject().get() : referenced;
    }

    private static boolean contactPerson(List<String> tokens) {
        return tokens.stream().anyMatch(t -> t.equals("poc") || t.equals("contact") || t.equals("representative")
                || t.equals("person") || t.startsWith("担当"));
    }

    static boolean audit(String column) {
        String lower = Names.normalize(column).toLowerCase(Locale.ROOT);
        List<String> tokens = Names.words(column);
        String joined = String.join("", tokens);
        return Lexicon.AUDIT_COLUMNS.contains(lower)
                || (!tokens.isEmpty() && Lexicon.AUDIT_ENDINGS.stream().anyMatch(joined::endsWith))
                || actedBy(tokens);
    }

    /** What a {@code <word>_id} may point at that holds a secret: the row of a token, a password, a key (not a session). */
    private static final Set<String> SECRET_ROWS = Set.of("token", "password", "key", "secret", "credential");

    /** Words of a web address that is a resource's, not the person's (an avatar's, a file's, a callback's). */
    private static final Set<String> WEB_RESOURCE_WORDS = Set.of("avatar", "image", "img", "photo", "picture", "file",
            "callback", "redirect", "webhook", "inbox", "outbox", "followers", "following", "featured", "shared", "api");

    /** The last words of a column holding a written text. */
    private static final Set<String> TEXT_WORDS = Set.of("text", "content", "body");

    /** The words of a time someone logged in or out at. */
    private static final Set<String> LOGIN_EVENTS = Set.of("login", "logout", "signin", "signout", "logon", "logoff");

    /** Whether the table's own columns showed its rows to be a person's ({@link FieldClassifier.Decided#rows()}). */
    private static boolean rowsOfAPerson(Map<String, Subject> rowsOf, String table) {
        return rowsOf.getOrDefault(table.toLowerCase(Locale.ROOT), Subject.NONE) != Subject.NONE;
    }

    /** The last words of a clinical row's keys and numbering: not findings. */
    private static final Set<String> NOT_CLINICAL_FACTS = Set.of("id", "uid", "number", "no", "seq");

    /** What a table about money is named for: a bill, an invoice, a payment. */
    private static final Set<String> MONEY_WORDS = Set.of("bill", "bills", "billing", "invoice", "payment", "charge",
            "price", "cost", "fee", "receipt", "refund", "deposit");

    /** Gatherings a table may list, whose place is a venue. */
    private static final Set<String> EVENT_WORDS = Set.of("interview", "meeting", "event", "training", "conference",
            "seminar", "webinar", "workshop");

    private static final Set<Item> ADDRESS_ITEMS = EnumSet.of(Item.ADDRESS, Item.POSTAL_CODE, Item.LOCATION);

    /** What a key that is no secret files a row by: its import batch, its place in a sort, its partition. */
    private static final Set<String> RECORD_KEY_QUALIFIERS = Set.of("import", "export", "sort", "lookup", "primary",
            "foreign", "natural", "idempotency", "cache", "partition", "sync", "dedup", "dedupe", "batch", "unique",
            "row");

    /** How a pay record was paid, not what: its payment, bank entry and journal. */
    private static final Set<String> PAYMENT_BOOKKEEPING = Set.of("payment", "paid", "bank", "journal", "ledger",
            "voucher", "accounting",
            "paye"); // paid, in French

    /** Where a document's goods leave from: the organisation's own premises. */
    private static final Set<String> DISPATCHED_FROM = Set.of("dispatch", "warehouse", "depot");

    /** A column naming the firm a person works at, on the person's row. */
    private static final Set<String> EMPLOYER_COLUMNS = Set.of("company", "company_name", "companyname", "employer",
            "employer_name", "organization", "organisation", "organization_name", "organisation_name", "firm",
            "firm_name", "societe", "kaisha", "kaisha_name", "kaishamei");

    /** Words before {@code name} that make it a person's: a part of a name, a person, or the firm a person works at. */
    private static final Set<String> PERSONS_NAME_WORDS = Set.of("first", "last", "full", "given", "family", "middle",
            "sur", "nick", "display", "real", "legal", "maiden", "birth", "kanji", "kana", "romaji", "roma", "furigana",
            "katakana", "hiragana", "sei", "mei", "shimei", "person", "people", "owner", "holder", "guardian", "parent",
            "father", "mother", "spouse", "child", "kin", "emergency", "beneficiary", "recipient", "receiver", "sender",
            "consignee", "billing", "shipping", "delivery", "buyer", "author", "contact", "rep", "representative", "agent",
            "guest", "visitor", "student", "teacher", "driver", "reporter", "account", "login", "screen", "user",
            "company", "employer", "organization", "organisation", "firm", "bank", "doctor", "nurse", "physician",
            // the one who ordered, a supplier who may be a sole trader, and others a row names by their role
            "order", "orderer", "supplier", "vendor", "client", "referrer", "referee", "requester", "sponsor", "tenant",
            "landlord", "insured", "payer", "payee", "debtor", "creditor", "sign", "signer", "signatory", "witness",
            "dependent", "dependant", "addressee", "attendee", "participant", "nominee", "bill", "ship");

    /** {@code <thing>_name}: the last word {@code name}, the word before it naming neither a person nor a name's part. */
    private static boolean thingsName(List<String> tokens) {
        if (tokens.size() < 2 || !tokens.getLast().equals("name")) {
            return false;
        }
        String qualifier = tokens.get(tokens.size() - 2);
        return !PERSONS_NAME_WORDS.contains(qualifier) && !Lexicon.STAFF_ROLES.contains(qualifier)
                && Lexicon.tableSubject(qualifier).isEmpty() && Lexicon.columnItem(qualifier).isEmpty();
    }

    /** A table of staff referrals (employee_referrals): its rows are about the person referred for a job. */
    private static boolean staffReferral(String table) {
        List<String> words = Words.of(table);
        return words.contains("referral") && Lexicon.namedSubject(table).filter(s -> s == Subject.EMPLOYEE).isPresent();
    }

    /** Logins that act on a row: {@code closed_by_account_id}, {@code refunded_by_user_id}. */
    private static final Set<String> ACTING_LOGINS = Set.of("account", "user", "admin", "staff", "employee", "operator");

    /** A reference to whoever did something to the row: a verb, {@code by}, a login, perhaps {@code id}. */
    private static boolean actedBy(List<String> tokens) {
        int by = tokens.indexOf("by");
        if (by < 1 || by + 1 >= tokens.size() || !ACTING_LOGINS.contains(tokens.get(by + 1))) {
            return false;
        }
        return by + 2 == tokens.size() || by + 3 == tokens.size() && tokens.getLast().equals("id");
    }

    /** {@code id}, or the table's name (or its last word) followed by {@code id}: users.user_id, conditions.condition_id. */
    /** The table's own key: by its name, or because other tables' foreign keys point at it. */
    static boolean ownKey(String table, ColumnProfile column) {
        return column.referenced() || ownKey(table, column.column());
    }

    static boolean ownKey(String table, String column) {
        List<String> tokens = Names.words(column);
        if (tokens.size() == 1 && OWN_KEY_NAMES.contains(tokens.getFirst())) {
            return true;
        }
        if (tokens.size() > 2 && tokens.get(tokens.size() - 2).equals("id") && tokens.getLast().length() == 1) {
            tokens = tokens.subList(0, tokens.size() - 1); // OPR_ID_A: a legacy schema's key with its type letter
        }
        if (tokens.size() < 2 || !tokens.getLast().equals("id")) {
            return false;
        }
        String stem = String.join("", tokens.subList(0, tokens.size() - 1));
        if (stem.codePoints().anyMatch(c -> c > 0x7f)) {
            return Names.normalize(table).endsWith(stem); // 診療記録.記録ID
        }
        List<String> tableTokens = Names.words(table);
        String whole = String.join("", tableTokens);
        String last = tableTokens.isEmpty() ? "" : tableTokens.getLast();
        return singular(whole).equals(stem) || whole.equals(stem)
                || singular(last).equals(stem) && tableTokens.size() == 1
                // the table's word abbreviated as the prefix of all its columns (h_operationline.OPR_ID)
                || stem.length() >= 3 && tableTokens.size() == 2 && last.length() > stem.length() && last.startsWith(stem)
                        && !Words.common(stem) && Lexicon.namedSubject(stem).isEmpty(); // not blog_usermeta.user_id
    }

    static String singular(String word) {
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("sses")) {
            return word.substring(0, word.length() - 2);
        }
        return word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1) : word;
    }

    private static boolean recordMetadata(List<String> tokens) {
        return (tokens.stream().anyMatch(RECORD_WORDS::contains)
                || tokens.stream().anyMatch(t -> t.contains("更新") || t.contains("登録日") || t.contains("作成") || t.contains("削除")))
                && !tokens.contains("verification")
                && !tokens.contains("clinical");
    }
}
