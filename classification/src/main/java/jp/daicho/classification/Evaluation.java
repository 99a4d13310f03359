package jp.daicho.classification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Leave-one-application-out: for each application of a labelled corpus, a model is trained on the other
 * applications only, and that application is scored, with its samples and from names alone. In-sample scores
 * are not evidence of anything; these are the figures the classifier is judged by.
 */
public final class Evaluation {

    /** Counts for one application (or pooled), one mode; ambiguous labels left out. */
    public record Score(String app, boolean samples, int n, int tp, int fp, int fn, int stp, int sfp, int sfn,
                        int personal, int itemOk, int subjectOk, double[] binConfidence, double[] binCorrect,
                        int[] binCount) {

        static Score empty(String app, boolean samples) {
            return new Score(app, samples, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new double[10], new double[10], new int[10]);
        }

        static double ratio(int a, int b) {
            return b == 0 ? 1 : (double) a / b;
        }

        public double personalPrecision() {
            return ratio(tp, tp + fp);
        }

        public double personalRecall() {
            return ratio(tp, tp + fn);
        }

        public double personalF1() {
            double p = personalPrecision(), r = personalRecall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public double sensitivePrecision() {
            return ratio(stp, stp + sfp);
        }

        public double sensitiveRecall() {
            return ratio(stp, stp + sfn);
        }

        /** Of the fields labelled personal, the share given the right item. */
        public double itemAccuracy() {
            return ratio(itemOk, personal);
        }

        /** Of the fields labelled personal, the share given the right subject. */
        public double subjectAccuracy() {
            return ratio(subjectOk, personal);
        }

        /**
         * Expected calibration error: over ten confidence bins, how far the mean confidence is from the share of
         * decisions (item and subject) that were right, weighted by the bin's size. 0 is perfectly calibrated.
         */
        public double calibrationError() {
            double total = 0, error = 0;
            for (int b = 0; b < 10; b++) {
                total += binCount[b];
            }
            for (int b = 0; b < 10; b++) {
                if (binCount[b] > 0) {
                    error += binCount[b] / total * Math.abs(binConfidence[b] / binCount[b] - binCorrect[b] / binCount[b]);
                }
            }
            return error;
        }

        /** Per confidence bin: how many decisions, their mean confidence, and the share that was right. */
        public String reliability() {
            var out = new StringBuilder();
            for (int b = 0; b < 10; b++) {
                if (binCount[b] > 0) {
                    out.append(String.format(java.util.Locale.ROOT, "  confidence %.1f-%.1f: %5d fields, mean %.3f, right %.3f%n",
                            b / 10.0, (b + 1) / 10.0, binCount[b], binConfidence[b] / binCount[b], binCorrect[b] / binCount[b]));
                }
            }
            return out.toString();
        }

        Score plus(Score o) {
            double[] bc = binConfidence.clone(), bk = binCorrect.clone();
            int[] bn = binCount.clone();
            for (int b = 0; b < 10; b++) {
                bc[b] += o.binConfidence[b];
                bk[b] += o.binCorrect[b];
                bn[b] += o.binCount[b];
            }
            return new Score(app, samples, n + o.n, tp + o.tp, fp + o.fp, fn + o.fn, stp + o.stp, sfp + o.sfp,
                    sfn + o.sfn, personal + o.personal, itemOk + o.itemOk, subjectOk + o.subjectOk, bc, bk, bn);
        }

        public String line() {
            return String.format(java.util.Locale.ROOT, "%-18s %-10s n=%-5d personal P=%.3f R=%.3f F1=%.3f | "
                            + "sensitive P=%.3f R=%.3f | item acc=%.3f | subject acc=%.3f | ECE=%.3f", app,
                    samples ? "samples" : "names-only", n, personalPrecision(), personalRecall(), personalF1(),
                    sensitivePrecision(), sensitiveRecall(), itemAccuracy(), subjectAccuracy(), calibrationError());
        }
    }

    /** Anything that classifies a table among its neighbours: the model, or the hand-written rules. */
    public interface TableClassifier {
        java.util.Map<String, Classification> classifyTable(String table, List<ColumnProfile> columns,
                                                           java.util.Set<String> neighbours);
    }

    /** Anything that classifies a whole schema: its tables by name, each table's decisions by column. */
    public interface SchemaClassifier {
        java.util.Map<String, java.util.Map<String, Classification>> classifySchema(
                java.util.Map<String, List<ColumnProfile>> tables);
    }

    /** A schema classified one table at a time, each among its neighbours' names. */
    public static SchemaClassifier tableByTable(TableClassifier classifier) {
        return tables -> {
            var result = new java.util.LinkedHashMap<String, java.util.Map<String, Classification>>();
            for (var table : tables.entrySet()) {
                var neighbours = new HashSet<>(tables.keySet());
                neighbours.remove(table.getKey());
                result.put(table.getKey(), classifier.classifyTable(table.getKey(), table.getValue(), neighbours));
            }
            return result;
        };
    }

    /** The hand-written rules alone (rules-3), to compare the model with. They learn nothing, so every score is held-out. */
    public static SchemaClassifier rules() {
        return tableByTable(new RuleClassifier()::classifyTable);
    }

    private Evaluation() {
    }

    /** The scores of {@code apps} (in one mode) added up under {@code name}. */
    public static Score pool(String name, boolean samples, List<Score> scores, java.util.Collection<String> apps) {
        return scores.stream().filter(s -> s.samples() == samples && apps.contains(s.app()))
                .reduce(Score.empty(name, samples), Score::plus);
    }

    /** A wrong decision on held-out data: where, what was decided, what the label says, and why. */
    public record Mistake(String app, boolean samples, String table, String column, Classification got,
                          LabeledSchema.Label want) {
        public String line() {
            return String.format(java.util.Locale.ROOT, "%s %s %s.%s: %s/%s %.2f, labelled %s/%s | %s", app,
                    samples ? "samples" : "names-only", table, column, got.item().code(), got.subject().code(),
                    got.confidence(), want.item().code(), want.subject().code(), String.join(" ", got.evidence()
                            .stream().filter(e -> !e.startsWith("sample:")).toList()));
        }
    }

    /** Scores one schema with a classifier (trained elsewhere). */
    public static Score score(LabeledSchema schema, SchemaClassifier classifier, boolean samples) {
        return score(schema, classifier, samples, new ArrayList<>());
    }

    static Score score(LabeledSchema schema, SchemaClassifier classifier, boolean samples, List<Mistake> mistakes) {
        LabeledSchema version = samples ? schema : schema.withoutSamples();
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        version.tables().forEach(t -> tables.put(t.name(), t.columns()));
        var decided = classifier.classifySchema(tables);
        int n = 0, tp = 0, fp = 0, fn = 0, stp = 0, sfp = 0, sfn = 0, personalN = 0, itemOk = 0, subjectOk = 0;
        double[] bc = new double[10], bk = new double[10];
        int[] bn = new int[10];
        for (LabeledSchema.Table table : version.tables()) {
            var decisions = new ArrayList<>(decided.get(table.name()).values());
            for (int i = 0; i < table.columns().size(); i++) {
                LabeledSchema.Label label = table.labels().get(i);
                if (label.ambiguous() || i >= decisions.size()) {
                    continue;
                }
                Classification d = decisions.get(i);
                boolean personal = label.item().personal();
                boolean sensitive = label.item().sensitive();
                n++;
                tp += personal && d.item().personal() ? 1 : 0;
                fp += !personal && d.item().personal() ? 1 : 0;
                fn += personal && !d.item().personal() ? 1 : 0;
                stp += sensitive && d.sensitive() ? 1 : 0;
                sfp += !sensitive && d.sensitive() ? 1 : 0;
                sfn += sensitive && !d.sensitive() ? 1 : 0;
                if (personal) {
                    personalN++;
                    itemOk += d.item() == label.item() ? 1 : 0;
                    subjectOk += d.subject() == label.subject() ? 1 : 0;
                }
                boolean right = d.item() == label.item() && d.subject() == label.subject();
                if (!right) {
                    mistakes.add(new Mistake(schema.app(), samples, table.name(), table.columns().get(i).column(), d, label));
                }
                int bin = Math.min(9, (int) (d.confidence() * 10));
                bc[bin] += d.confidence();
                bk[bin] += right ? 1 : 0;
                bn[bin]++;
            }
        }
        return new Score(schema.app(), samples, n, tp, fp, fn, stp, sfp, sfn, personalN, itemOk, subjectOk, bc, bk, bn);
    }

    /**
     * Leave-one-application-out over the corpus with {@code train} learning a model from the other
     * applications: one score per application and mode, then the pooled scores (last two).
     */
    public static List<Score> leaveOneOut(List<LabeledSchema> corpus, Function<List<LabeledSchema>, Model> train) {
        return leaveOneOut(corpus, train, new ArrayList<>());
    }

    /** As {@link #leaveOneOut(List, Function)}, collecting every wrong decision in {@code mistakes}. */
    public static List<Score> leaveOneOut(List<LabeledSchema> corpus, Function<List<LabeledSchema>, Model> train,
                                          List<Mistake> mistakes) {
        return heldOut(corpus, others -> new FieldClassifier(CompanyLexicon.NONE, train.apply(others))::classifySchema,
                mistakes);
    }

    /**
     * Scores each application with the classifier {@code learn} makes from the other applications (which may
     * ignore them, as the rules do), with samples and names alone; pooled scores last.
     */
    public static List<Score> heldOut(List<LabeledSchema> corpus, Function<List<LabeledSchema>, SchemaClassifier> learn,
                                      List<Mistake> mistakes) {
        var withSamples = new ArrayList<Score>();
        var namesOnly = new ArrayList<Score>();
        for (LabeledSchema held : corpus) {
            List<LabeledSchema> others = corpus.stream().filter(s -> s != held).toList();
            SchemaClassifier classifier = learn.apply(others);
            withSamples.add(score(held, classifier, true, mistakes));
            namesOnly.add(score(held, classifier, false, mistakes));
        }
        var all = new ArrayList<Score>();
        all.addAll(withSamples);
        all.addAll(namesOnly);
        all.add(withSamples.stream().reduce(Score.empty("pooled", true), Score::plus));
        all.add(namesOnly.stream().reduce(Score.empty("pooled", false), Score::plus));
        return all;
    }
}
