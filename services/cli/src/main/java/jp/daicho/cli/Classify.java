package jp.daicho.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.daicho.classification.Classification;
import jp.daicho.classification.ColumnProfile;
import jp.daicho.classification.CompanyLexicon;
import jp.daicho.classification.Evaluation;
import jp.daicho.classification.FieldClassifier;
import jp.daicho.classification.LabeledSchema;
import jp.daicho.classification.Model;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code daicho classify FILE}: classifies the tables of a table-profile JSON
 * ({@code {"tables": [{"name", "columns": [{"name", "type", "samples", "label"}]}]}}, labels and samples
 * optional) offline, one JSON object per column. {@code --score} compares with the labels instead.
 */
final class Classify {

    private final PrintStream out;
    private final PrintStream err;
    private final JsonMapper json = JsonMapper.builder().build();

    private final String jdbcPassword;

    Classify(PrintStream out, PrintStream err) {
        this(out, err, null);
    }

    Classify(PrintStream out, PrintStream err, String jdbcPassword) {
        this.out = out;
        this.err = err;
        this.jdbcPassword = jdbcPassword;
    }

    int run(List<String> files, Map<String, String> options) {
        for (String option : options.keySet()) {
            if (!List.of("score", "no-samples", "lexicon", "jdbc", "user", "schema", "sample-rows", "evaluate", "train",
                    "out", "model", "mistakes", "rules", "pool").contains(option)) {
                err.println("daicho: classify takes --score, --no-samples, --lexicon=FILE, --jdbc=URL, --user=NAME, "
                        + "--schema=NAME, --sample-rows=N, --evaluate and --train [--out=FILE], not --" + option);
                return 2;
            }
        }
        if (options.containsKey("evaluate") || options.containsKey("train")) {
            return learn(files, options);
        }
        FieldClassifier classifier;
        try {
            classifier = new FieldClassifier(options.containsKey("lexicon")
                    ? CompanyLexicon.fromYaml(read(options.get("lexicon")), options.get("lexicon")) : CompanyLexicon.NONE,
                    options.containsKey("model") ? Model.read(read(options.get("model"))) : Model.builtIn());
        } catch (IllegalArgumentException | IOException e) {
            err.println("daicho: " + e.getMessage());
            return 2;
        }
        if (options.containsKey("jdbc")) {
            return classifyDatabase(options, classifier);
        }
        if (files.isEmpty()) {
            err.println("daicho: classify needs a table-profile JSON file or a SQL file of CREATE TABLE statements, "
                    + "e.g. daicho classify ../shared/eval-dev/sakila.json");
            return 2;
        }
        boolean samples = !options.containsKey("no-samples");
        int status = 0;
        for (String file : files) {
            JsonNode profile;
            try {
                if (file.endsWith(".sql")) {
                    int[] failures = {0};
                    profile = DdlProfiles.fromScript(read(file), file, err, failures);
                    status = failures[0] > 0 ? 2 : status;
                } else {
                    profile = json.readTree(read(file));
                }
            } catch (IOException e) {
                err.println("daicho: " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
                status = 2;
                continue;
            } catch (JacksonException e) {
                var at = e.getLocation();
                err.println("daicho: " + file + ": not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                        + ", column " + at.getColumnNr()));
                status = 2;
                continue;
            }
            if (!profile.path("tables").isArray()) {
                err.println("daicho: " + file + ": expected {\"tables\": [{\"name\": …, \"columns\": […]}]}");
                status = 2;
                continue;
            }
            if (options.containsKey("score")) {
                String app = profile.path("app").asString(Path.of(file).getFileName().toString());
                out.println(score(profile, app, classifier, samples));
            } else {
                print(profile, classifier, samples);
            }
        }
        return status;
    }

    private void print(JsonNode profile, FieldClassifier classifier, boolean samples) {
        // The whole schema at once: a reference means whose rows the table it points at holds.
        var tables = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        for (JsonNode table : profile.path("tables")) {
            tables.putIfAbsent(table.path("name").asString(), profiles(table, samples));
        }
        for (var decided : classifier.classifySchema(tables).entrySet()) {
            String name = decided.getKey();
            decided.getValue().forEach((column, c) -> {
                var line = json.createObjectNode().put("table", name).put("column", column).put("item", c.item().code())
                        .put("subject", c.subject().code()).put("sensitive", c.sensitive())
                        .put("confidence", Math.round(c.confidence() * 1000) / 1000.0);
                var evidence = line.putArray("evidence");
                c.evidence().forEach(evidence::add);
                out.println(line);
            });
        }
    }

    private int classifyDatabase(Map<String, String> options, FieldClassifier classifier) {
        String url = options.get("jdbc");
        if (!url.startsWith("jdbc:")) {
            err.println("daicho: --jdbc needs a JDBC URL, e.g. --jdbc jdbc:postgresql://localhost:5432/shop");
            return 2;
        }
        int rows;
        try {
            rows = options.containsKey("no-samples") ? 0 : Integer.parseInt(options.getOrDefault("sample-rows", "20"));
            if (rows < 0 || rows > 1000) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("daicho: --sample-rows must be a number from 0 to 1000");
            return 2;
        }
        JsonNode profile;
        try {
            profile = JdbcProfiles.profile(url, options.get("user"), jdbcPassword, options.get("schema"), rows);
        } catch (java.sql.SQLException e) {
            // The driver's message names the server and the cause (connection refused, authentication failed).
            err.println("daicho: cannot read " + url + " (SQL state " + e.getSQLState() + "): " + e.getMessage()
                    + "; check the URL, --user and $DAICHO_JDBC_PASSWORD");
            return 3;
        }
        for (JsonNode table : profile.path("tables")) {
            if (table.has("sampleError")) {
                err.println("daicho: " + table.path("name").asString() + ": rows could not be sampled ("
                        + table.path("sampleError").asString() + "); classified from the catalog only");
            }
        }
        if (options.containsKey("score")) {
            out.println(score(profile, url, classifier, rows > 0));
        } else {
            print(profile, classifier, rows > 0);
        }
        return 0;
    }

    /**
     * {@code --evaluate DIR|FILE…}: leave-one-application-out over a labelled corpus, each application scored by a
     * model trained on the others only. {@code --train DIR|FILE… [--out=FILE]}: the model learned from all of them.
     */
    private int learn(List<String> paths, Map<String, String> options) {
        if (paths.isEmpty()) {
            err.println("daicho: --evaluate and --train need a labelled corpus, e.g. classification/corpus");
            return 2;
        }
        List<LabeledSchema> corpus;
        try {
            corpus = Corpus.read(paths);
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            err.println("daicho: the corpus cannot be read: " + e.getMessage());
            return 2;
        }
        if (options.containsKey("train")) {
            String model = Model.train(corpus).write();
            if (options.containsKey("out")) {
                try {
                    Files.writeString(Path.of(options.get("out")), model, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("daicho: " + options.get("out") + ": cannot be written (" + e.getClass().getSimpleName() + ")");
                    return 2;
                }
                err.println("daicho: model trained on " + corpus.size() + " applications written to " + options.get("out"));
            } else {
                out.print(model);
            }
            return 0;
        }
        if (corpus.size() < 2) {
            err.println("daicho: leave-one-application-out needs at least two applications");
            return 2;
        }
        out.println(options.containsKey("rules")
                ? "the hand-written rules (rules-3) alone over " + corpus.size() + " applications (they learn nothing)"
                : "leave-one-application-out over " + corpus.size() + " applications: each scored by a model trained "
                + "on the others");
        out.println("item and subject accuracy over the fields labelled personal; ECE: calibration error of the "
                + "confidences (0 = a field given 0.9 is right 90% of the time); ambiguous labels skipped");
        var mistakes = new ArrayList<Evaluation.Mistake>();
        var scores = options.containsKey("rules") ? Evaluation.heldOut(corpus, others -> Evaluation.rules(), mistakes)
                : Evaluation.leaveOneOut(corpus, Model::train, mistakes);
        scores.forEach(s -> out.println(s.line()));
        // How far the confidences can be trusted: held-out decisions by confidence, and how many were right.
        scores.stream().filter(s -> s.app().equals("pooled")).forEach(s -> out.print("reliability, pooled, "
                + (s.samples() ? "samples" : "names-only") + ":\n" + s.reliability()));
        if (options.containsKey("pool")) {
            // Pooled over some applications only, e.g. those no rule was ever written from.
            var apps = List.of(options.get("pool").split(","));
            out.println(Evaluation.pool("pooled-" + apps.size(), true, scores, apps).line());
            out.println(Evaluation.pool("pooled-" + apps.size(), false, scores, apps).line());
        }
        if (options.containsKey("mistakes")) {
            out.println("wrong decisions on held-out applications (table.column: decided, labelled | evidence):");
            mistakes.forEach(m -> out.println(m.line()));
        }
        return 0;
    }

    /** The names of all tables of the profile: the schema a table is classified in. */
    static java.util.Set<String> neighbours(JsonNode profile) {
        var names = new java.util.LinkedHashSet<String>();
        profile.path("tables").forEach(t -> names.add(t.path("name").asString()));
        return names;
    }

    private static List<ColumnProfile> profiles(JsonNode table, boolean withSamples) {
        String name = table.path("name").asString();
        var profiles = new ArrayList<ColumnProfile>();
        int unnamed = 0;
        for (JsonNode c : table.path("columns")) {
            var samples = new ArrayList<String>();
            if (withSamples) {
                // A few KB per value at most: huge values cost no memory.
                c.path("samples").forEach(s -> samples.add(s.isNull() ? null : cut(s.isValueNode() ? s.asString() : s.toString())));
            }
            String column = c.path("name").asString("");
            String fk = c.path("fk").isString() ? c.path("fk").asString() : null;
            profiles.add(new ColumnProfile(name, column.isBlank() ? "(unnamed " + ++unnamed + ")" : column,
                    c.path("type").asString(""), fk, samples, c.path("comment").isString() ? c.path("comment").asString() : null));
        }
        return profiles;
    }

    private static String cut(String value) {
        return value.length() > 4096 ? value.substring(0, 4096) : value;
    }

    /** Scores a labelled profile (every column labelled) with the classifier: the evaluation's figures, one line. */
    private String score(JsonNode profile, String name, FieldClassifier classifier, boolean withSamples) {
        try {
            LabeledSchema labelled = Corpus.of(profile, name);
            return Evaluation.score(new LabeledSchema(name, labelled.tables()), classifier::classifySchema, withSamples).line();
        } catch (IllegalArgumentException e) {
            return "daicho: cannot score " + name + ": " + e.getMessage();
        }
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }
}
