package jp.daicho.classifier.classification;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies the columns of one table from their names, SQL types, the table's name and neighbours, and
 * sampled values. A pure function: no I/O, no framework, deterministic.
 *
 * <p>This is the foundation rule set (e-mail, phone, names and the common Japanese contact items); the
 * full taxonomy and its tuning are the classifier issue's.
 */
public final class FieldClassifier {

    public static final String VERSION = "rules-2";

    /** Items whose column names are common words: personal only in a table that holds personal data. */
    private static final java.util.Set<Item> NEEDS_PERSON_TABLE = java.util.EnumSet.of(Item.FREE_TEXT, Item.LOCATION,
            Item.EMPLOYMENT, Item.CREDENTIAL, Item.MEDICAL, Item.AGE, Item.PHOTO, Item.ADDRESS, Item.IDENTIFIER);

    /** A value shape must hold for this share of the non-empty samples to count as evidence. */
    private static final double SHAPE_SHARE = 0.6;

    private final CompanyLexicon company;

    public FieldClassifier() {
        this(CompanyLexicon.NONE);
    }

    /** A classifier that tries the company's own vocabulary before the built-in one. */
    public FieldClassifier(CompanyLexicon company) {
        this.company = company;
    }

    public Map<String, Classification> classifyTable(String table, List<ColumnProfile> columns) {
        Optional<Subject> companySubject = company.tableSubject(table);
        Optional<Subject> tableSubject = companySubject.isPresent() ? companySubject
                : Lexicon.tableSubject(table, columns.stream().map(ColumnProfile::column).toList());
        boolean namedPersonTable = companySubject.isPresent() || Lexicon.namedSubject(table).isPresent();
        var first = new LinkedHashMap<String, Classification>();
        for (ColumnProfile column : columns) {
            first.put(column.column(), classifyColumn(column, tableSubject));
        }
        // Neighbours: a table with contact items holds personal data, so its subject applies to the rest.
        boolean personTable = tableSubject.isPresent() || first.values().stream()
                .anyMatch(c -> c.item() == Item.EMAIL || c.item() == Item.PHONE || c.item() == Item.NAME_KANA);
        var result = new LinkedHashMap<String, Classification>();
        for (ColumnProfile column : columns) {
            result.put(column.column(), withContext(column, first.get(column.column()), personTable, namedPersonTable,
                    tableSubject));
        }
        return result;
    }

    private Classification classifyColumn(ColumnProfile column, Optional<Subject> tableSubject) {
        var evidence = new ArrayList<String>();
        Optional<Item> companyItem = company.columnItem(column.column());
        Optional<Item> nameItem = companyItem.isPresent() ? companyItem
                : Lexicon.columnTerm(column.column()).map(Lexicon.Term::item);
        nameItem.ifPresent(item -> evidence.add((companyItem.isPresent() ? "company-lexicon:" : "column-name:") + item.code()));

        List<String> samples = column.samples().stream().filter(s -> s != null && !s.isBlank()).toList();
        Optional<Item> shape = dominantShape(samples);
        shape.ifPresent(item -> evidence.add("value-shape:" + item.code()));

        Item item;
        double confidence;
        if (shape.isPresent() && nameItem.isPresent() && nameItem.get() == shape.get()) {
            item = shape.get();
            confidence = 0.97;
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
                .forEach(m -> evidence.add("sample:" + m));
        Subject subject = item.personal() ? tableSubject.orElse(Subject.CUSTOMER) : Subject.NONE;
        if (item.personal() && tableSubject.isEmpty()) {
            evidence.add("subject:default-customer");
            confidence = Math.min(confidence, 0.8);
        } else if (item.personal()) {
            evidence.add("table-name:" + subject.code());
        }
        return new Classification(item, subject, confidence, evidence, samples.size());
    }

    private Classification withContext(ColumnProfile column, Classification c, boolean personTable,
                                       boolean namedPersonTable, Optional<Subject> tableSubject) {
        List<String> tokens = Names.tokens(column.column());
        // A bare "name" in a table that holds nobody's data (products, departments) is not personal, nor are
        // common words (note, condition, grade) that no value shape backs up.
        boolean fromNameOnly = c.evidence().stream().noneMatch(e -> e.startsWith("value-shape:"));
        if (!personTable && ((c.item() == Item.NAME && tokens.equals(List.of("name")))
                || (fromNameOnly && NEEDS_PERSON_TABLE.contains(c.item())))) {
            return c.reclassified(Item.NONE, Subject.NONE, 0.6, "context:not-a-person-table");
        }
        // Audit columns (created_by, changed_by) name the staff member who changed the row.
        if (Lexicon.AUDIT_COLUMNS.contains(Names.normalize(column.column()).toLowerCase(java.util.Locale.ROOT))) {
            return c.reclassified(Item.IDENTIFIER, Subject.EMPLOYEE, 0.75, "context:audit-column");
        }
        if (c.item() != Item.NONE) {
            return c;
        }
        // The id of a person table (members, 社員) identifies the person; the id of a check-up does not.
        if (namedPersonTable && tokens.equals(List.of("id"))) {
            return c.reclassified(Item.IDENTIFIER, tableSubject.orElseThrow(), 0.8, "context:person-table-id");
        }
        // A reference to a person table (employee_id, member_no) identifies that person.
        return Lexicon.referencedSubject(column.column())
                .map(referenced -> c.reclassified(Item.IDENTIFIER, referenced, 0.8,
                        "context:reference-to-" + referenced.code()))
                .orElse(c);
    }

    private Optional<Item> dominantShape(List<String> samples) {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        var counts = new EnumMap<Item, Integer>(Item.class);
        for (String s : samples) {
            company.valueItem(Names.normalize(s)).or(() -> ValueShapes.detect(s))
                    .ifPresent(item -> counts.merge(item, 1, Integer::sum));
        }
        return counts.entrySet().stream()
                .filter(e -> e.getValue() >= SHAPE_SHARE * samples.size())
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
