package jp.daicho.classification;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

/**
 * What the model sees of a column in its table and schema, as named binary features: the words of its name
 * (English, abbreviations, romaji, Japanese character pairs), its SQL type, its keys, the shape of its sampled
 * values, the words and kind of its table, the tables it points at, and what the hand-written rules conclude.
 * Pure and deterministic; no value is kept in a feature, only what kind of value it is.
 */
final class Features {

    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}");
    private static final java.util.regex.Pattern LENGTH = java.util.regex.Pattern.compile("\\((\\d{1,6})");

    /** A value shape must hold for this share of the non-empty samples to count. */

    /** At most this many words of a name become features: an absurdly long name costs no more. */
    private static final int MAX_WORDS = 12;

    /** The features of one column: for the item model, and for the subject model. */
    record Column(List<String> item, List<String> subject) {
    }

    private Features() {
    }

    /** Whose rows a table holds, as the table model judges from a table's features: a subject code or "none". */
    interface TableSubjects {
        String of(List<String> tableFeatures);
    }

    /**
     * Features of a table for the table model: its name, its kind, the items its column names speak of, their
     * common words, and the subjects its neighbours are named for. With no columns: from its name alone, as a
     * table another one points at is seen.
     */
    static List<String> table(String table, List<ColumnProfile> columns, Set<String> neighbours, CompanyLexicon company) {
        return table(table, columns, neighbours, company, tableKeys(table, neighbours));
    }

    private static List<String> table(String table, List<ColumnProfile> columns, Set<String> neighbours,
                                      CompanyLexicon company, Map<String, String> tableKeys) {
        return table(tableFeatures(table, columns, neighbours, company, tableKeys), columns, neighbours, company);
    }

    private static List<String> table(List<String> tableFeatures, List<ColumnProfile> columns, Set<String> neighbours,
                                      CompanyLexicon company) {
        var features = new ArrayList<>(tableFeatures);
        var tableWords = new TreeSet<String>();
        for (ColumnProfile c : columns) {
            if (tableWords.size() < 200) {
                Words.of(c.column()).stream().limit(MAX_WORDS).filter(Words::common).forEach(w -> tableWords.add("tc:" + w));
            }
        }
        features.addAll(tableWords);
        for (String nb : neighbourSubjects(neighbours, company)) {
            features.add("nb:" + nb);
        }
        return features;
    }

    /**
     * Features of every column of a table, in column order. {@code rules} are the rule classifier's decisions
     * for the same columns, {@code neighbours} the other tables of the schema, {@code subjects} the table model.
     */
    static List<Column> of(String table, List<ColumnProfile> columns, Set<String> neighbours,
                           Map<String, Classification> rules, Map<String, SampleShapes> shapes, CompanyLexicon company,
                           TableSubjects subjects) {
        Map<String, String> tableKeys = tableKeys(table, neighbours);
        List<String> tableFeatures = tableFeatures(table, columns, neighbours, company, tableKeys);
        String ownSubject = subjects.of(table(tableFeatures, columns, neighbours, company));
        var referencedSubjects = new java.util.HashMap<String, String>();
        boolean clinical = tableFeatures.contains("tk:clinical") && !tableFeatures.contains("tk:catalogue");
        boolean aboutPerson = tableFeatures.contains("tk:points-at-person") || tableFeatures.contains("tk:person");
        var result = new ArrayList<Column>(columns.size());
        for (ColumnProfile column : columns) {
            var item = new ArrayList<String>(48);
            List<String> words = Words.of(column.column());
            words = words.subList(0, Math.min(MAX_WORDS, words.size()));
            for (String w : words) {
                item.add("w:" + w);
            }
            if (!words.isEmpty()) {
                item.add("last:" + words.getLast());
                if (words.size() > 1) {
                    item.add("first:" + words.getFirst());
                    item.add("bi:" + words.get(words.size() - 2) + "_" + words.getLast());
                }
            } else if (Words.pairs(column.column()).isEmpty()) {
                item.add("noname");
            }
            List<String> pairs = Words.pairs(column.column());
            for (String p : pairs.subList(0, Math.min(MAX_WORDS, pairs.size()))) {
                item.add("jp:" + p);
            }
            Optional<Item> lexicon = company.columnItem(column.column()).or(() -> Lexicon.columnItem(column.column()));
            lexicon.ifPresent(i -> item.add("lex:" + i.code()));
            if (column.comment() != null) {
                Lexicon.commentItem(column.comment()).ifPresent(i -> item.add("comment:" + i.code()));
            }
            item.add("type:" + typeKind(column.sqlType()));
            boolean ownKey = RuleClassifier.ownKey(table, column);
            if (ownKey) {
                item.add("pk");
            }
            if (RuleClassifier.audit(column.column())) {
                item.add("audit");
            }
            String target = column.referencedTable();
            if (target == null && !ownKey) {
                target = inferredReference(column.column(), tableKeys);
                if (target != null) {
                    item.add("fk:inferred");
                }
            }
            if (target != null) {
                String referenced = target;
                item.add("fk");
                item.add("rts:" + referencedSubjects.computeIfAbsent(referenced.toLowerCase(Locale.ROOT), k -> {
                    var others = new java.util.HashSet<>(neighbours);
                    others.add(table);
                    others.remove(referenced);
                    return subjects.of(table(referenced, List.of(), others, company));
                }));
                if (referenced.equalsIgnoreCase(table)) {
                    item.add("fk:self");
                }
                for (String w : Words.of(referenced)) {
                    item.add("fkw:" + w);
                }
                if (Lexicon.headIsPerson(referenced)) {
                    item.add("fk:person");
                }
                company.tableSubject(referenced).or(() -> Lexicon.namedSubject(referenced))
                        .ifPresent(s -> item.add("fk:" + s.code()));
                if (Lexicon.isAccountTable(referenced)) {
                    item.add("fk:account");
                }
                if (Lexicon.isOrganisation(referenced)) {
                    item.add("fk:organisation");
                }
            }
            Lexicon.referencedSubject(column.column()).ifPresent(s -> item.add("ref:" + s.code()));
            sampleFeatures(column, shapes.get(column.column()), item);
            Classification rule = rules.get(column.column());
            if (rule != null) {
                item.add("rule:" + rule.item().code());
                lexicon.ifPresent(i -> item.add("lex:" + i.code() + "|rule:" + rule.item().code()));
            }
            item.addAll(tableFeatures);
            item.add("ts:" + ownSubject);
            lexicon.ifPresent(i -> item.add("lex:" + i.code() + "|ts:" + ownSubject));
            if (!words.isEmpty()) {
                item.add("last:" + words.getLast() + "|ts:" + ownSubject);
            }
            if (clinical) {
                // A clinical table's facts are health data; its bookkeeping (dates of the record, flags, keys) is not.
                String kind = ownKey ? "key" : bookkeeping(words, column.column()) ? "bookkeeping" : "fact";
                item.add("clinical:" + kind + (aboutPerson ? "|about-person" : ""));
                item.add("clinical:" + kind + "|type:" + typeKind(column.sqlType()));
            }
            for (String t : tableFeatures) {
                if (t.startsWith("tk:")) {
                    lexicon.ifPresent(i -> item.add("lex:" + i.code() + "|" + t));
                    if (!words.isEmpty()) {
                        item.add("last:" + words.getLast() + "|" + t);
                    }
                }
            }

            var subject = new ArrayList<String>(32);
            for (String w : words) {
                subject.add("w:" + w);
            }
            for (String p : pairs.subList(0, Math.min(MAX_WORDS, pairs.size()))) {
                subject.add("jp:" + p);
            }
            lexicon.ifPresent(i -> subject.add("lex:" + i.code()));
            item.stream().filter(f -> f.startsWith("fk") || f.startsWith("ref:") || f.startsWith("rts:")
                            || f.equals("audit") || f.equals("pk")).forEach(subject::add);
            subject.add("ts:" + ownSubject);
            if (rule != null) {
                subject.add("rs:" + rule.subject().code());
                subject.add("rule:" + rule.item().code());
            }
            subject.addAll(tableFeatures);
            result.add(new Column(item, subject));
        }
        return result;
    }

    /** Items that say a row is about a person: a name, contact details, a login, a birth date. */
    private static final Set<Item> PERSON_ITEMS = java.util.EnumSet.of(Item.NAME, Item.NAME_KANA, Item.EMAIL, Item.PHONE,
            Item.ADDRESS, Item.POSTAL_CODE, Item.BIRTH_DATE, Item.GENDER, Item.IDENTIFIER, Item.CREDENTIAL, Item.PHOTO);

    private static final Set<String> BOOKKEEPING = Set.copyOf(List.of("created", "changed", "modified", "updated", "voided",
            "retired", "deleted", "uuid", "version", "status", "active", "flag", "lock", "user", "by", "creator",
            "entity", "import", "sort", "order", "position", "hidden", "archived", "lock", "notify", "notification",
            "sms", "include", "valid", "upto"));

    /** Words of a record's own bookkeeping: when and by whom it was written, its version and flags. */
    private static boolean bookkeeping(List<String> words, String name) {
        String normalized = Names.normalize(name);
        return words.stream().anyMatch(BOOKKEEPING::contains)
                || JAPANESE_BOOKKEEPING.stream().anyMatch(normalized::contains);
    }

    private static final List<String> JAPANESE_BOOKKEEPING = List.of("更新", "登録日", "作成", "削除", "有効", "フラグ", "版");

    /**
     * What a table's features take from its neighbours: the subjects they are named for, whose the schema's login
     * accounts are, and the neighbour each column's name points at. When it is unchanged by a new neighbour, so
     * are the table's decisions.
     */
    static String neighbourhood(String table, List<ColumnProfile> columns, Set<String> neighbours, CompanyLexicon company,
                                Map<String, Subject> rowsOf) {
        var signature = new StringBuilder(String.join(",", neighbourSubjects(neighbours, company)));
        signature.append('|').append(RuleClassifier.accountSubject(neighbours).code());
        Map<String, String> keys = tableKeys(table, neighbours);
        for (ColumnProfile c : columns) {
            String target = target(table, c, keys);
            if (c.referencedTable() == null && !RuleClassifier.ownKey(table, c)) {
                signature.append('|').append(target);
            }
            Subject rows = target == null || target.equalsIgnoreCase(table) ? null : rowsOf.get(target.toLowerCase(Locale.ROOT));
            if (rows != null && rows != Subject.NONE) {
                signature.append('>').append(rows.code()); // whose rows it points at, once their own columns showed it
            }
        }
        return signature.toString();
    }

    /** Words that name a table, to find it from a column that points at it: erp_user → user, accounts → account. */
    static Map<String, String> tableKeys(String table, Set<String> neighbours) {
        var keys = new java.util.HashMap<String, String>();
        var all = new ArrayList<String>(neighbours.size() + 1);
        all.add(table);
        neighbours.stream().sorted().forEach(all::add);
        for (String t : all) {
            List<String> words = Names.tokens(t).stream().filter(w -> w.codePoints().allMatch(c -> c < 0x80)).toList();
            if (words.isEmpty()) {
                continue;
            }
            keys.putIfAbsent(RuleClassifier.singular(String.join("", words)), t);
            if (words.size() > 1) {
                keys.putIfAbsent(RuleClassifier.singular(String.join("", words.subList(1, words.size()))), t);
            }
        }
        for (String t : all) {
            List<String> words = Names.tokens(t);
            if (!words.isEmpty()) {
                keys.putIfAbsent(RuleClassifier.singular(words.getLast()), t);
            }
        }
        return keys;
    }

    /** The table a column points at: its declared foreign key, or a neighbour its name names; null for none. */
    static String target(String table, ColumnProfile column, Set<String> neighbours) {
        return target(table, column, tableKeys(table, neighbours));
    }

    /** As {@link #target(String, ColumnProfile, Set)} with the schema's table keys worked out once. */
    static String target(String table, ColumnProfile column, Map<String, String> tableKeys) {
        if (column.referencedTable() != null) {
            return column.referencedTable();
        }
        return RuleClassifier.ownKey(table, column) ? null : inferredReference(column.column(), tableKeys);
    }

    private static final Set<String> REFERENCE_ENDINGS = Set.of("id", "no", "code", "key", "ref", "uid", "cd");

    /** The neighbour a column names as its reference ({@code account_id}, {@code fk_user}), if any. */
    private static String inferredReference(String column, Map<String, String> tableKeys) {
        List<String> tokens = Names.tokens(column);
        List<String> stem;
        if (tokens.size() > 1 && REFERENCE_ENDINGS.contains(tokens.getLast())) {
            stem = tokens.subList(0, tokens.size() - 1);
        } else if (tokens.size() > 1 && (tokens.getFirst().equals("fk") || tokens.getFirst().equals("id"))) {
            stem = tokens.subList(1, tokens.size());
        } else if (tokens.size() == 1 && tokens.getFirst().length() > 4 && tokens.getFirst().endsWith("id")) {
            stem = List.of(tokens.getFirst().substring(0, tokens.getFirst().length() - 2));
        } else {
            return null;
        }
        if (stem.isEmpty()) {
            return null;
        }
        for (String key : List.of(String.join("", stem), stem.getLast(), stem.getFirst())) {
            String table = tableKeys.get(RuleClassifier.singular(key));
            if (table != null) {
                return table;
            }
        }
        return null;
    }

    /** What the table's name and columns say about the table as a whole. */
    private static List<String> tableFeatures(String table, List<ColumnProfile> columns, Set<String> neighbours,
                                              CompanyLexicon company, Map<String, String> tableKeys) {
        var features = new ArrayList<String>();
        List<String> words = Words.of(table);
        for (String w : words.subList(0, Math.min(MAX_WORDS, words.size()))) {
            features.add("t:" + w);
        }
        if (!words.isEmpty()) {
            features.add("thead:" + words.getLast());
        }
        for (String p : Words.pairs(table)) {
            features.add("tjp:" + p);
        }
        Optional<Subject> named = company.tableSubject(table).or(() -> Lexicon.tableSubject(table));
        named.ifPresent(s -> features.add("tsubj:" + s.code()));
        boolean account = Lexicon.isAccountTable(table);
        boolean organisation = Lexicon.isOrganisation(table);
        boolean person = Lexicon.headIsPerson(table);
        boolean clinical = Lexicon.isClinical(table) || Words.of(table).stream().anyMatch(Lexicon::isClinical);
        if (account) {
            features.add("tk:account");
            features.add("accounts:" + RuleClassifier.accountSubject(neighbours).code());
        }
        if (organisation) {
            features.add("tk:organisation");
        }
        if (person) {
            features.add("tk:person");
        }
        if (clinical) {
            features.add("tk:clinical");
        }
        if (Lexicon.isCatalogue(table)) {
            features.add("tk:catalogue");
        }
        if (Lexicon.isEmploymentRecord(table)) {
            features.add("tk:employment-record");
        }
        if (Lexicon.isGenericPerson(table)) {
            features.add("tk:generic-person");
        }
        var items = new EnumMap<Item, Integer>(Item.class);
        boolean pointsAtPerson = false;
        boolean pointsAtClinical = false;
        var referenced = new TreeSet<String>();
        for (ColumnProfile c : columns) {
            Lexicon.columnItem(c.column()).ifPresent(i -> items.merge(i, 1, Integer::sum));
            if (RuleClassifier.audit(c.column())) {
                continue; // who wrote the row, not whom it is about
            }
            boolean own = RuleClassifier.ownKey(table, c);
            String target = c.referencedTable() != null ? c.referencedTable() : own ? null : inferredReference(c.column(), tableKeys);
            if ((target != null && Lexicon.headIsPerson(target) && !target.equalsIgnoreCase(table))
                    || (Lexicon.referencedSubject(c.column()).isPresent() && !own)) {
                pointsAtPerson = true;
                String pointed = target;
                (pointed != null ? company.tableSubject(pointed).or(() -> Lexicon.namedSubject(pointed)) : Optional.<Subject>empty())
                        .or(() -> Lexicon.referencedSubject(c.column()))
                        .ifPresent(subject -> referenced.add("tref:" + subject.code()));
            }
            if (target != null && !target.equalsIgnoreCase(table) && (Lexicon.isClinical(target)
                    || Words.of(target).stream().anyMatch(Lexicon::isClinical))) {
                pointsAtClinical = true;
            }
        }
        if (items.containsKey(Item.EMAIL) || items.containsKey(Item.PHONE)) {
            features.add("tk:contacts");
        }
        if (items.containsKey(Item.CREDENTIAL)) {
            features.add("tk:credentials");
        }
        if (items.containsKey(Item.NAME)) {
            features.add("tk:names");
        }
        if (items.containsKey(Item.BIRTH_DATE) || items.containsKey(Item.GENDER)) {
            features.add("tk:demographics");
        }
        if (items.containsKey(Item.MEDICAL)) {
            features.add("tk:medical-words");
        }
        if (pointsAtPerson) {
            features.add("tk:points-at-person");
        }
        if (pointsAtClinical) {
            features.add("tk:points-at-clinical");
        }
        features.addAll(referenced);
        boolean personItems = items.keySet().stream().anyMatch(PERSON_ITEMS::contains);
        if (!personItems && !pointsAtPerson && !person && named.isEmpty()) {
            features.add("tk:nobody-named"); // no name, contact, login or reference to a person: likely nobody's data
        }
        for (Item i : items.keySet()) {
            features.add("ti:" + i.code());
        }
        features.add("tsize:" + (columns.size() <= 3 ? "small" : columns.size() <= 12 ? "medium" : "large"));
        return features;
    }

    /** The subjects the other tables of the schema are named for (a schema with patients, with employees). */
    private static Set<String> neighbourSubjects(Set<String> neighbours, CompanyLexicon company) {
        var subjects = new TreeSet<String>();
        for (String n : neighbours) {
            if (Lexicon.headIsPerson(n) && !Lexicon.isAccountTable(n) && !Lexicon.isGenericPerson(n)) {
                company.tableSubject(n).or(() -> Lexicon.namedSubject(n)).ifPresent(s -> subjects.add(s.code()));
            }
            if (subjects.size() == 4) {
                break;
            }
        }
        return subjects;
    }

    /** What the sampled values look like: a shape (e-mail, phone…) held by most of them, and their kind. */
    private static void sampleFeatures(ColumnProfile column, SampleShapes shapes, List<String> features) {
        List<String> samples = column.samples().stream().filter(s -> !s.isBlank()).toList();
        if (samples.isEmpty()) {
            features.add(column.samples().isEmpty() ? "s:none" : "s:blank");
            return;
        }
        int digits = 0, kanji = 0, long_ = 0, japaneseName = 0, flags = 0, dates = 0;
        var distinct = new java.util.HashSet<String>();
        for (String raw : samples) {
            String v = Names.normalize(raw);
            if (!v.isEmpty() && v.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-')) {
                digits++;
            }
            if (v.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                kanji++;
            }
            if (v.length() > 40) {
                long_++;
            }
            if (ValueShapes.looksLikeJapaneseName(v)) {
                japaneseName++;
            }
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.equals("0") || lower.equals("1") || lower.equals("true") || lower.equals("false")
                    || lower.equals("t") || lower.equals("f") || lower.equals("y") || lower.equals("n")) {
                flags++;
            }
            if (DATE.matcher(v).lookingAt()) {
                dates++;
            }
            distinct.add(v);
        }
        double n = samples.size();
        shapes.held().forEach(item -> features.add("shape:" + item.code()));
        // A kind of value counts when most samples are of it; features keep the order they always had.
        int[] counts = {digits, kanji, long_, japaneseName, flags, dates};
        String[] kinds = {"s:numeric", "s:kanji", "s:long", "s:japanese-name", "s:flag", "s:date"};
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] >= SampleShapes.SHARE * n) {
                features.add(kinds[k]);
            }
        }
        if (distinct.size() == 1 && n > 1) {
            features.add("s:constant");
        }
    }

    /** The kind of an SQL type, whatever the dialect spells it. */
    static String typeKind(String sqlType) {
        String t = sqlType.toLowerCase(Locale.ROOT).strip();
        if (t.isEmpty()) {
            return "unknown";
        }
        if (t.startsWith("tinyint(1)") || t.startsWith("bool") || t.equals("bit") || t.equals("check")) {
            return "bool";
        }
        if (t.contains("int") || t.contains("serial") || t.equals("long") || t.equals("int64") || t.equals("int32")) {
            return "integer";
        }
        if (t.contains("decimal") || t.contains("numeric") || t.contains("float") || t.contains("double")
                || t.contains("real") || t.contains("currency") || t.contains("number") || t.contains("money")) {
            return "number";
        }
        if (t.contains("timestamp") || t.contains("datetime")) {
            return "datetime";
        }
        if (t.startsWith("date")) {
            return "date";
        }
        if (t.startsWith("time")) {
            return "time";
        }
        if (t.contains("blob") || t.contains("binary") || t.contains("bytea") || t.contains("attach") || t.contains("image")) {
            return "binary";
        }
        if (t.contains("json") || t.contains("table")) {
            return "structured";
        }
        if (t.contains("enum") || t.contains("select")) {
            return "enum";
        }
        if (t.contains("text") || t.contains("clob") || t.contains("editor") || t.contains("code")) {
            return "text";
        }
        if (t.contains("char") || t.contains("string") || t.contains("data") || t.contains("link")) {
            var m = LENGTH.matcher(t);
            if (m.find()) {
                int length = Integer.parseInt(m.group(1));
                return length <= 16 ? "short-string" : length <= 64 ? "string" : "long-string";
            }
            return "string";
        }
        return "other";
    }
}
