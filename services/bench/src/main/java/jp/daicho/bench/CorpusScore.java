package jp.daicho.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jp.daicho.classifier.classification.ColumnProfile;
import jp.daicho.classifier.classification.FieldClassifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores the classifier on labeled table profiles ({@code shared/eval-dev/*.json}), with and without
 * sample values, skipping labels marked ambiguous. Prints figures; asserts nothing. Run with
 * {@code bin/daicho-bench corpus ../shared/eval-dev/*.json}.
 */
final class CorpusScore {

    record Score(int n, int tp, int fp, int fn, int stp, int sfp, int sfn, int itemOk, int subjectOk) {

        double precision() {
            return ratio(tp, tp + fp);
        }

        double recall() {
            return ratio(tp, tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        static double ratio(int a, int b) {
            return b == 0 ? 1 : (double) a / b;
        }

        String line(String app, boolean samples) {
            return String.format("%-18s %-10s n=%-4d personal P=%.3f R=%.3f F1=%.3f | sensitive P=%.3f R=%.3f | "
                            + "item acc=%.3f | subject acc=%.3f", app, samples ? "samples" : "no-samples", n,
                    precision(), recall(), f1(), ratio(stp, stp + sfp), ratio(stp, stp + sfn),
                    ratio(itemOk, n), ratio(subjectOk, n));
        }
    }

    static void run(List<Path> files) throws Exception {
        var json = JsonMapper.builder().build();
        var classifier = new FieldClassifier();
        System.out.println("classifier " + FieldClassifier.VERSION);
        for (Path file : files) {
            JsonNode app = json.readTree(Files.readString(file));
            for (boolean samples : new boolean[] {true, false}) {
                System.out.println(score(app, classifier, samples).line(app.path("app").asString(file.toString()), samples));
            }
        }
    }

    static Score score(JsonNode app, FieldClassifier classifier, boolean withSamples) {
        int n = 0, tp = 0, fp = 0, fn = 0, stp = 0, sfp = 0, sfn = 0, itemOk = 0, subjectOk = 0;
        for (JsonNode table : app.path("tables")) {
            String name = table.path("name").asString();
            var profiles = new ArrayList<ColumnProfile>();
            for (JsonNode c : table.path("columns")) {
                var samples = new ArrayList<String>();
                if (withSamples) {
                    c.path("samples").forEach(s -> samples.add(s.isNull() ? null : s.asString()));
                }
                profiles.add(new ColumnProfile(name, c.path("name").asString(), c.path("type").asString(""), samples));
            }
            var decisions = classifier.classifyTable(name, profiles);
            for (JsonNode c : table.path("columns")) {
                JsonNode label = c.path("label");
                if (label.isMissingNode() || label.path("ambiguous").asBoolean()) {
                    continue;
                }
                var d = decisions.get(c.path("name").asString());
                boolean personal = !label.path("item").asString().equals("none");
                boolean sensitive = label.path("sensitive").asBoolean();
                n++;
                tp += personal && d.item().personal() ? 1 : 0;
                fp += !personal && d.item().personal() ? 1 : 0;
                fn += personal && !d.item().personal() ? 1 : 0;
                stp += sensitive && d.sensitive() ? 1 : 0;
                sfp += !sensitive && d.sensitive() ? 1 : 0;
                sfn += sensitive && !d.sensitive() ? 1 : 0;
                itemOk += d.item().code().equals(label.path("item").asString()) ? 1 : 0;
                subjectOk += d.subject().code().equals(label.path("subject").asString()) ? 1 : 0;
            }
        }
        return new Score(n, tp, fp, fn, stp, sfp, sfn, itemOk, subjectOk);
    }

    private CorpusScore() {
    }
}
