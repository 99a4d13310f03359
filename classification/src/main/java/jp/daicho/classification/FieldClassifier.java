package jp.daicho.classification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.daicho.vocabulary.EvidenceKind;
import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

/**
 * Classifies the columns of one table in its schema: item, subject, confidence and the evidence that decided.
 * The hand-written rules ({@link RuleClassifier}) and the features of each column ({@link Features}) are
 * weighed by the trained {@link Model}; a company's own lexicon, when it names a column or table, decides. A
 * pure function: no I/O, no framework, deterministic. Described in docs/classification.md.
 */
public final class FieldClassifier {

    public static final String VERSION = "model-1";

    /**
     * The share of probability on sensitive items at which a field is called sensitive. Measured leave-one-application-out:
     * 0.2 → 0.3 raised sensitive precision 0.877 → 0.917 and lost no sensitive field (recall 0.943 either way; 0.4 did
     * the same, 0.935, but leaves the model less room to flag what the rules miss).
     */
    static final double SENSITIVE_SHARE = 0.3;

    /** A decision the values cast doubt on gets at most this confidence, which puts it in the review queue. */
    static final double REVIEW_CONFIDENCE = 0.55;

    /** Evidence lists at most this many features that decided. */
    private static final int EVIDENCE_FEATURES = 4;

    private final CompanyLexicon company;
    private final RuleClassifier rules;
    private final Model model;

    public FieldClassifier() {
        this(CompanyLexicon.NONE);
    }

    /** A classifier that lets the company's own vocabulary decide where it speaks. */
    public FieldClassifier(CompanyLexicon company) {
        this(company, Model.builtIn());
    }

    public FieldClassifier(CompanyLexicon company, Model model) {
        this.company = company;
        this.rules = new RuleClassifier(company);
        this.model = model;
    }

    public Map<String, Classification> classifyTable(String table, List<ColumnProfile> columns) {
        return classifyTable(table, columns, Set.of());
    }

    /**
     * Classifies a table knowing the names of the other tables of its schema ({@code neighbours}): a
     * {@code users} table beside {@code patient} or {@code employees} holds the staff's logins.
     */
    public Map<String, Classification> classifyTable(String table, List<ColumnProfile> columns, Set<String> neighbours) {
        return decide(table, columns, neighbours, Map.of()).columns();
    }

    /**
     * Classifies a table knowing also whose rows some neighbours hold, as their own columns decided
     * ({@link Decided#rows()}, by lower-case table name; the table's own entry, if there, is not read): a reference to
     * one of them is that subject's.
     */
    public Decided decide(String table, List<ColumnProfile> columns, Set<String> neighbours, Map<String, Subject> rowsOf) {
        Map<String, SampleShapes> shapes = SampleShapes.of(columns, company);
        Map<String, Classification> ruled = rules.classifyTable(table, columns, neighbours, shapes, rowsOf);
        List<Features.Column> features = Features.of(table, columns, neighbours, ruled, shapes, company, model::tableSubject);
        Optional<Subject> companySubject = company.tableSubject(table);
        var drafts = new ArrayList<Draft>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnProfile column = columns.get(i);
            drafts.add(draft(column, features.get(i), ruled.get(column.column())));
        }
        double[] tableVote = tableVote(drafts);
        if (tableVote != null && columns.stream().allMatch(c -> c.samples().isEmpty())) {
            rulesReading(tableVote, drafts, ruled);
        }
        var result = new LinkedHashMap<String, Classification>();
        for (Draft d : drafts) {
            result.put(d.column().column(), decideSubject(d, companySubject, tableVote));
        }
        Subject rows = companySubject.orElse(tableVote == null ? Subject.NONE : model.subject(argmax(tableVote)));
        return new Decided(result, rows);
    }

    /** A table's columns decided, and whose rows the table holds by its own columns ({@code none}: nobody's). */
    public record Decided(Map<String, Classification> columns, Subject rows) {
    }

    /**
     * Classifies a whole schema ({@code tables} by name, in order): each table first among its neighbours' names
     * alone, then again knowing whose rows every other table holds by its own columns, so that a reference to a
     * staff table named {@code user} is an employee's. The batch form of what the classifier service does as
     * tables arrive.
     */
    public Map<String, Map<String, Classification>> classifySchema(Map<String, List<ColumnProfile>> schema) {
        var tables = ColumnProfile.markReferenced(schema);
        var rowsOf = new java.util.HashMap<String, Subject>();
        for (var table : tables.entrySet()) {
            rowsOf.put(table.getKey().toLowerCase(java.util.Locale.ROOT),
                    decide(table.getKey(), table.getValue(), neighbours(tables, table.getKey()), Map.of()).rows());
        }
        var result = new LinkedHashMap<String, Map<String, Classification>>();
        for (var table : tables.entrySet()) {
            result.put(table.getKey(), decide(table.getKey(), table.getValue(), neighbours(tables, table.getKey()), rowsOf)
                    .columns());
        }
        return result;
    }

    private static Set<String> neighbours(Map<String, List<ColumnProfile>> tables, String table) {
        var names = new java.util.LinkedHashSet<>(tables.keySet());
        names.remove(table);
        return names;
    }

    /** A column's item decided, its subject's probabilities weighed but not yet decided. */
    private record Draft(ColumnProfile column, Features.Column features, Item item, double confidence,
                         List<String> evidence, double[] subjects, boolean reference) {
    }

    private Draft draft(ColumnProfile column, Features.Column features, Classification rule) {
        var evidence = new ArrayList<String>();
        double[] p = model.items.probabilities(features.item());
        blend(p, rule == null ? -1 : model.index(rule.item()), rule == null ? 0 : rule.confidence());
        int best = argmax(p);
        // Missing special-care data costs a DPO more than a second look: a sensitive item is chosen as soon as
        // the sensitive items together are this likely.
        double sensitiveShare = 0;
        int bestSensitive = -1;
        for (int k = 0; k < p.length; k++) {
            if (model.item(k).sensitive()) {
                sensitiveShare += p[k];
                bestSensitive = bestSensitive < 0 || p[k] > p[bestSensitive] ? k : bestSensitive;
            }
        }
        if (bestSensitive >= 0 && sensitiveShare >= SENSITIVE_SHARE && !model.item(best).sensitive()) {
            best = bestSensitive;
        }
        Item item = model.item(best);
        double confidence = p[best];
        for (var c : model.items.contributions(features.item(), best, EVIDENCE_FEATURES)) {
            evidence.add(Evidence.of(c.feature()));
        }
        Optional<Item> companyItem = company.columnItem(column.column());
        if (companyItem.isPresent()) {
            item = companyItem.get();
            confidence = Math.max(confidence, 0.95);
            evidence.addFirst(EvidenceKind.COMPANY_LEXICON.about(item.code()));
        } else if (rule != null && rule.item().sensitive() && model.index(rule.item()) < 0) {
            // A special-care item the corpus never shows (crime victims, social status, sex life): the
            // rules' vocabulary is all there is to go on, and the confidence says so.
            item = rule.item();
            confidence = 0.7;
            evidence.addFirst(EvidenceKind.COLUMN_NAME.about(item.code()));
        } else if (rule != null && rule.item().personal() && model.index(rule.item()) < 0
                && ruleWeight(rule.confidence()) > confidence * (1 - ruleWeight(rule.confidence()))) {
            // Any other item the model never learnt (no application it learnt from has a column of ages): the
            // rules' reading counts as much as it would have in the blend, had the model known the item.
            item = rule.item();
            confidence = ruleWeight(rule.confidence());
            evidence.addFirst(EvidenceKind.COLUMN_NAME.about(item.code()));
        }
        String fromComment = "comment:" + item.code(); // the catalog's comment agreed
        features.item().stream().filter(f -> f.startsWith("shape:") || f.equals(fromComment))
                .map(Evidence::of).filter(e -> !evidence.contains(e)).forEach(evidence::add);
        if (!item.sensitive() && item.personal() && features.item().contains("shape:medical")) {
            // Notes whose values record a condition are special-care data (要配慮個人情報) themselves: called so, with a
            // confidence that puts them in the review queue (below 0.6), and the evidence says why. Other items whose
            // values mention health stay what they are, and are reviewed too.
            if (item == Item.FREE_TEXT) {
                item = Item.MEDICAL;
            }
            confidence = Math.min(confidence, REVIEW_CONFIDENCE);
            evidence.add(EvidenceKind.REVIEW.about("values-mention-health"));
        }
        double[] q = null;
        if (item.personal()) {
            q = model.subjects.probabilities(features.subject());
            blend(q, rule == null || !rule.item().personal() ? -1 : model.index(rule.subject()),
                    rule == null ? 0 : rule.confidence());
        }
        boolean reference = (features.item().stream().anyMatch(f -> f.equals("fk") || f.startsWith("ref:") || f.equals("audit"))
                || rule != null && RuleClassifier.isReference(rule)) && !features.item().contains("fk:self");
        return new Draft(column, features, item, confidence, evidence, q, reference);
    }

    /**
     * Whose rows the table holds, from all its own personal columns together (references to other tables speak
     * for those tables): the mean of their subject probabilities, or null when it has none.
     */
    private static double[] tableVote(List<Draft> drafts) {
        double[] vote = null;
        int n = 0;
        for (Draft d : drafts) {
            if (d.subjects() != null && !d.reference()) {
                if (vote == null) {
                    vote = new double[d.subjects().length];
                }
                for (int k = 0; k < vote.length; k++) {
                    vote[k] += d.subjects()[k];
                }
                n++;
            }
        }
        if (vote != null) {
            for (int k = 0; k < vote.length; k++) {
                vote[k] /= n;
            }
        }
        return vote;
    }

    /** Mixes into the table's vote the subject most of its own personal columns have by the rules ({@link #RULES_TABLE_SHARE}). */
    private void rulesReading(double[] tableVote, List<Draft> drafts, Map<String, Classification> ruled) {
        var counts = new int[tableVote.length];
        int n = 0;
        for (Draft d : drafts) {
            Classification r = ruled.get(d.column().column());
            if (d.subjects() != null && !d.reference() && r != null && r.item().personal() && model.index(r.subject()) >= 0) {
                counts[model.index(r.subject())]++;
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            best = counts[k] > counts[best] ? k : best;
        }
        for (int k = 0; k < tableVote.length; k++) {
            tableVote[k] = tableVote[k] * (1 - RULES_TABLE_SHARE) + (k == best ? RULES_TABLE_SHARE : 0);
        }
    }

    private Classification decideSubject(Draft d, Optional<Subject> companySubject, double[] tableVote) {
        var evidence = new ArrayList<>(d.evidence());
        double confidence = d.confidence();
        Subject subject = Subject.NONE;
        if (d.item().personal()) {
            if (companySubject.isPresent()) {
                subject = companySubject.get();
                evidence.add(EvidenceKind.COMPANY_LEXICON.about(subject.code()));
            } else {
                // A table's own columns share one subject; a reference keeps the subject of what it points at.
                double[] q = d.reference() || tableVote == null ? d.subjects() : tableVote;
                int s = argmax(q);
                subject = model.subject(s);
                confidence *= q[s];
                for (var c : model.subjects.contributions(d.features().subject(), s, 2)) {
                    String e = Evidence.of(c.feature());
                    if (!evidence.contains(e)) {
                        evidence.add(e);
                    }
                }
                if (!d.reference() && tableVote != null) {
                    evidence.add(EvidenceKind.SUBJECT.about("decided-for-the-table"));
                }
            }
        }
        boolean sensitive = d.item().sensitive();
        List<String> samples = d.column().samples().stream().filter(v -> !v.isBlank()).toList();
        samples.stream().limit(2).map(v -> EvidenceKind.SAMPLE.about(sensitive ? ValueShapes.length(v) : ValueShapes.mask(v)))
                .forEach(evidence::add);
        return new Classification(d.item(), subject, Math.max(0, Math.min(1, confidence)), evidence, samples.size());
    }

    /**
     * How much the model's probabilities count against the rules' decision: measured leave-one-application-out,
     * the model alone and the rules alone each do worse than the two together (docs/classification.md).
     */
    static final double MODEL_SHARE = 0.3;

    /**
     * How much the rules' reading of the whole table (the subject most of its own columns have by the rules: a login
     * table that records jobs and salaries is the staff's) counts in the table's vote when no column has values to go
     * on. Measured leave-one-application-out: names-only subject accuracy 0.718 → 0.743, and 0.2 does as well as more.
     */
    static final double RULES_TABLE_SHARE = 0.2;

    /** How much the rules' decision counts in the blend at its confidence: the rest is the model's. */
    private static double ruleWeight(double ruleConfidence) {
        return (1 - MODEL_SHARE) * ruleConfidence;
    }

    /** Mixes the rules' decision (class {@code r}, weighted by their confidence) into the model's probabilities. */
    private static void blend(double[] p, int r, double ruleConfidence) {
        if (r < 0) {
            return;
        }
        double ruleWeight = ruleWeight(ruleConfidence);
        for (int k = 0; k < p.length; k++) {
            p[k] = p[k] * (1 - ruleWeight) + (k == r ? ruleWeight : 0);
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Whether the subject of {@code table} depends on its neighbours: the model weighs the schema's other tables. */
    public boolean dependsOnNeighbours(String table) {
        return company.tableSubject(table).isEmpty();
    }

    /**
     * What the table's decisions take from its neighbours, as a value to compare: a table needs classifying again
     * when a new neighbour changes it (a table of employees appears beside {@code users}; {@code account_id} now
     * has an {@code accounts} table to point at), and not otherwise.
     */
    public String neighbourhood(String table, List<ColumnProfile> columns, Set<String> neighbours) {
        return neighbourhood(table, columns, neighbours, Map.of());
    }

    /** As above, with whose rows the neighbours hold as far as known ({@link Decided#rows()}, by lower-case name). */
    public String neighbourhood(String table, List<ColumnProfile> columns, Set<String> neighbours, Map<String, Subject> rowsOf) {
        return Features.neighbourhood(table, columns, neighbours, company, rowsOf);
    }

    /** The model's name: which corpus it was trained from. */
    public String modelName() {
        return model.name();
    }
}
