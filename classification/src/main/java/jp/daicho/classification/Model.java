package jp.daicho.classification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

/**
 * The trained model: one softmax over item codes and one over subjects, learned from the labelled corpus by
 * {@link #train}. The built-in model is the resource {@code model.txt} beside this class, written by
 * {@code bin/daicho classify --train} and proven by a test to be what that command produces from the corpus.
 */
public final class Model {

    static final String RESOURCE = "model.txt";

    final Softmax items;
    final Softmax subjects;
    final Softmax tables;
    private final String name;
    private final Item[] itemClasses;
    private final Subject[] subjectClasses;

    private Model(String name, Softmax items, Softmax subjects, Softmax tables) {
        this.name = name;
        this.items = items;
        this.subjects = subjects;
        this.tables = tables;
        this.itemClasses = items == null ? new Item[0] : items.classes().stream()
                .map(c -> Item.valueOf(c.toUpperCase(java.util.Locale.ROOT))).toArray(Item[]::new);
        this.subjectClasses = subjects == null ? new Subject[0] : subjects.classes().stream()
                .map(c -> Subject.valueOf(c.toUpperCase(java.util.Locale.ROOT))).toArray(Subject[]::new);
    }

    /** The item of the item model's class {@code k}. */
    Item item(int k) {
        return itemClasses[k];
    }

    /** The item model's class of {@code item}, or -1 when the corpus never showed it. */
    int index(Item item) {
        return java.util.Arrays.asList(itemClasses).indexOf(item);
    }

    /** The subject of the subject model's class {@code k}. */
    Subject subject(int k) {
        return subjectClasses[k];
    }

    /** The subject model's class of {@code subject}, or -1. */
    int index(Subject subject) {
        return java.util.Arrays.asList(subjectClasses).indexOf(subject);
    }

    /** Whose rows a table holds, by the table model: a subject code, or "none" for a table of nobody's data. */
    String tableSubject(List<String> tableFeatures) {
        double[] p = tables.probabilities(tableFeatures);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return tables.classes().get(best);
    }

    /** A name for the model that says what it was trained from. */
    public String name() {
        return name;
    }

    private static volatile Model builtIn;

    /** The model shipped with Daichō (read once). */
    public static Model builtIn() {
        Model m = builtIn;
        if (m == null) {
            try (InputStream in = Model.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the classifier's model " + RESOURCE + " is missing from the "
                            + "classpath; build it with bin/daicho classify --train");
                }
                m = read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = m;
        }
        return m;
    }

    /**
     * Learns from labelled schemas, each twice: with its samples and from names alone, so that the model does
     * well either way. Ambiguous labels are left out. Deterministic: the same corpus gives the same model.
     */
    public static Model train(List<LabeledSchema> corpus) {
        var settings = Softmax.Settings.DEFAULT;
        var tableExamples = new ArrayList<Softmax.Example>();
        for (LabeledSchema schema : corpus) {
            tableExamples(schema, tableExamples);
        }
        Softmax tables = Softmax.train(tableExamples, settings);
        var partial = new Model("", null, null, tables);
        var itemExamples = new ArrayList<Softmax.Example>();
        var subjectExamples = new ArrayList<Softmax.Example>();
        var apps = new ArrayList<String>();
        for (LabeledSchema schema : corpus) {
            apps.add(schema.app());
            for (LabeledSchema version : List.of(schema, schema.withoutSamples())) {
                examples(version, partial, itemExamples, subjectExamples);
            }
        }
        return new Model("model-1 (" + String.join(",", apps.stream().sorted().toList()) + ")",
                Softmax.train(itemExamples, settings), Softmax.train(subjectExamples, settings), tables);
    }

    /**
     * A table's label is the subject most of its own personal columns have (references to other tables left
     * out: they are the other table's), or none. Each table counts twice: with its columns, and by name alone.
     */
    private static void tableExamples(LabeledSchema schema, List<Softmax.Example> examples) {
        Set<String> names = schema.tableNames();
        Map<String, String> rows = labelledRows(schema);
        for (LabeledSchema.Table table : schema.tables()) {
            var neighbours = new HashSet<>(names);
            neighbours.remove(table.name());
            String subject = rows.get(table.name());
            examples.add(new Softmax.Example(Features.table(table.name(), table.columns(), neighbours, CompanyLexicon.NONE),
                    subject, 1.0));
            examples.add(new Softmax.Example(Features.table(table.name(), List.of(), neighbours, CompanyLexicon.NONE),
                    subject, 1.0));
        }
    }

    /** Whose rows each table holds by its labels: the subject most of its own personal columns have, or none. */
    private static Map<String, String> labelledRows(LabeledSchema schema) {
        Set<String> names = schema.tableNames();
        var rows = new java.util.HashMap<String, String>();
        for (LabeledSchema.Table table : schema.tables()) {
            var neighbours = new HashSet<>(names);
            neighbours.remove(table.name());
            var counts = new java.util.TreeMap<String, Integer>();
            for (int i = 0; i < table.columns().size(); i++) {
                LabeledSchema.Label label = table.labels().get(i);
                String target = Features.target(table.name(), table.columns().get(i), neighbours);
                if (!label.ambiguous() && label.item().personal()
                        && (target == null || target.equalsIgnoreCase(table.name()))) {
                    counts.merge(label.subject().code(), 1, Integer::sum);
                }
            }
            rows.put(table.name(), counts.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse("none"));
        }
        return rows;
    }

    private static void examples(LabeledSchema schema, Model partial, List<Softmax.Example> items,
                                 List<Softmax.Example> subjects) {
        var rules = new RuleClassifier();
        Set<String> names = schema.tableNames();
        // Whose rows each table holds, by its labels, keyed as the classifier knows them (a table's own is not read).
        var rowsOf = new java.util.HashMap<String, Subject>();
        labelledRows(schema).forEach((name, subject) -> rowsOf.put(name.toLowerCase(java.util.Locale.ROOT),
                Subject.valueOf(subject.toUpperCase(java.util.Locale.ROOT))));
        for (LabeledSchema.Table table : schema.tables()) {
            var neighbours = new HashSet<>(names);
            neighbours.remove(table.name());
            var shapes = SampleShapes.of(table.columns(), CompanyLexicon.NONE);
            var decided = rules.classifyTable(table.name(), table.columns(), neighbours, shapes, rowsOf);
            var features = Features.of(table.name(), table.columns(), neighbours, decided, shapes, CompanyLexicon.NONE,
                    partial::tableSubject);
            for (int i = 0; i < table.columns().size(); i++) {
                LabeledSchema.Label label = table.labels().get(i);
                if (label.ambiguous()) {
                    continue;
                }
                items.add(new Softmax.Example(features.get(i).item(), label.item().code(), 1.0));
                if (label.item().personal()) {
                    subjects.add(new Softmax.Example(features.get(i).subject(), label.subject().code(), 1.0));
                }
            }
        }
    }

    /** The model as text: its name, then the item, column-subject and table-subject softmaxes. */
    public String write() {
        var out = new StringBuilder();
        out.append("# Daichō classifier model: bin/daicho classify --train writes it; see docs/classification.md\n");
        out.append("name\t").append(name).append('\n');
        items.write(out);
        subjects.write(out);
        tables.write(out);
        return out.toString();
    }

    public static Model read(String text) {
        return read(new BufferedReader(new StringReader(text)));
    }

    private static Model read(BufferedReader in) {
        try {
            String line = in.readLine();
            while (line != null && line.startsWith("#")) {
                line = in.readLine();
            }
            if (line == null || !line.startsWith("name\t")) {
                throw new IllegalStateException("model: expected a 'name' line, found " + line);
            }
            return new Model(line.substring(5), Softmax.read(in), Softmax.read(in), Softmax.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
