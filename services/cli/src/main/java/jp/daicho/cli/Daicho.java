package jp.daicho.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code daicho} command line. Talks to the inventory's REST API at {@code --url} or
 * {@code DAICHO_URL} (default {@code http://localhost:8080}). Exit codes: 0 done, 1 the server said no,
 * 2 wrong usage, 3 Daichō not reachable.
 */
public final class Daicho {

    static final String USAGE = """
            usage: daicho [--url=URL] [--json] COMMAND

            commands:
              status                     what the inventory holds: systems, datasets, personal and sensitive fields;
                                         each source: streaming or not, what is wrong and how to fix it
              datasets                   every captured dataset with its schema version and personal fields
              dataset ID                 one dataset's fields with their classification and evidence
              fields [--item=CODE] [--subject=CODE] [--sensitive]
                                         fields by classification, e.g. --item=email or --sensitive
              pipeline validate FILE.yml check a pipeline manifest against the policy and the inventory
              pipeline register FILE.yml register it (published on Kafka); violations are printed with
                                         the clause or article they break (exit 1)
              classify FILE.json|FILE.sql... [--score] [--no-samples] [--lexicon=FILE.yml]
                                         classify a table-profile JSON or CREATE TABLE statements (PostgreSQL,
                                         MySQL) offline, one JSON line per column;
                                         --score compares with its labels (precision/recall/F1, accuracy)
              classify --jdbc URL [--user=NAME] [--schema=NAME] [--sample-rows=N] [--no-samples]
                                         classify a live database: its catalog and N sampled rows per table
                                         (default 20); the password comes from $DAICHO_JDBC_PASSWORD
              classify --evaluate DIR [--mistakes] [--rules] [--pool=APP,APP]
                                         leave-one-application-out over a labelled corpus (classification/corpus):
                                         each application scored by a model trained on the others only;
                                         --mistakes lists every wrong decision, --rules scores the rules alone,
                                         --pool adds figures pooled over the named applications
              classify --train DIR [--out=FILE]
                                         train the classifier's model on a labelled corpus; classify --model=FILE
                                         uses such a model instead of the built-in one

              ledger status              the Art. 29/30 ledger: records, chain head, last checkpoint, verification, purge
              ledger verify              recompute the ledger's hash chain; names every modified, deleted, inserted or
                                         reordered record (exit 1 if any)

            options:
              --ledger-url=URL           the ledger (default $DAICHO_LEDGER_URL or http://localhost:8081)
              --url=URL                  the inventory (default $DAICHO_URL or http://localhost:8080)
              --json                     print the API's JSON instead of a table
            environment: DAICHO_URL, DAICHO_USER and DAICHO_PASSWORD (HTTP Basic) or DAICHO_TOKEN (OIDC bearer)
            """;

    private static final java.util.Set<String> VALUE_OPTIONS = java.util.Set.of("url", "jdbc", "user", "schema",
            "lexicon", "sample-rows", "item", "subject", "ledger-url", "out", "model", "pool");

    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private final String authorization;

    public Daicho(PrintStream out, PrintStream err) {
        this(out, err, null);
    }

    /** @param authorization the HTTP Authorization header value for the API, or null */
    public Daicho(PrintStream out, PrintStream err, String authorization) {
        this.out = out;
        this.err = err;
        this.authorization = authorization;
    }

    /** Basic credentials from $DAICHO_USER and $DAICHO_PASSWORD, or a bearer token from $DAICHO_TOKEN. */
    static String authorization(java.util.Map<String, String> env) {
        if (env.get("DAICHO_TOKEN") != null && !env.get("DAICHO_TOKEN").isBlank()) {
            return "Bearer " + env.get("DAICHO_TOKEN");
        }
        if (env.get("DAICHO_USER") != null && !env.get("DAICHO_USER").isBlank()) {
            String pair = env.get("DAICHO_USER") + ":" + java.util.Objects.requireNonNullElse(env.get("DAICHO_PASSWORD"), "");
            return "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    public static void main(String[] args) {
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        var err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new Daicho(out, err, authorization(System.getenv())).run(args, System.getenv("DAICHO_URL")));
    }

    public int run(String[] args, String urlFromEnv) {
        String url = urlFromEnv == null || urlFromEnv.isBlank() ? "http://localhost:8080" : urlFromEnv;
        boolean asJson = false;
        var options = new LinkedHashMap<String, String>();
        var words = new ArrayList<String>();
        for (int a = 0; a < args.length; a++) {
            String arg = args[a];
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                // Options that take a value accept both --jdbc=URL and --jdbc URL.
                String value = eq >= 0 ? arg.substring(eq + 1)
                        : VALUE_OPTIONS.contains(name) && a + 1 < args.length ? args[++a] : "true";
                switch (name) {
                    case "url" -> url = value;
                    case "json" -> asJson = true;
                    case "help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> options.put(name, value);
                }
            } else {
                words.add(arg);
            }
        }
        if (words.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (words.getFirst()) {
                case "status" -> status(url, asJson);
                case "datasets" -> datasets(url, asJson);
                case "dataset" -> words.size() == 2 ? dataset(url, words.get(1), asJson)
                        : usage("dataset needs exactly one ID, e.g. daicho dataset demo.public.members");
                case "fields" -> fields(url, options, asJson);
                case "pipeline" -> words.size() == 3 && List.of("validate", "register").contains(words.get(1))
                        ? pipeline(url, words.get(1), words.get(2), asJson)
                        : usage("pipeline needs validate or register and a manifest file, e.g. daicho pipeline validate pipeline.yml");
                case "ledger" -> words.size() == 2 && List.of("status", "verify").contains(words.get(1))
                        ? ledger(url = options.getOrDefault("ledger-url", java.util.Objects.requireNonNullElse(
                                System.getenv("DAICHO_LEDGER_URL"), "http://localhost:8081")), words.get(1), asJson)
                        : usage("ledger needs status or verify, e.g. daicho ledger verify");
                case "classify" -> new Classify(out, err, System.getenv("DAICHO_JDBC_PASSWORD"))
                        .run(words.subList(1, words.size()), options);
                default -> usage("unknown command '" + words.getFirst() + "'");
            };
        } catch (Unreachable e) {
            err.println("daicho: Daichō is not reachable at " + url + " (" + e.getMessage() + "). "
                    + "Start it (see README) or point --url / DAICHO_URL at it.");
            return 3;
        } catch (Refused e) {
            err.println("daicho: " + e.getMessage());
            return 1;
        }
    }

    private int ledger(String url, String command, boolean asJson) {
        if (command.equals("status")) {
            return show(url, "/api/records/status", asJson, s -> {
                out.println("Ledger at " + url);
                out.println("  records          " + s.path("records").asLong() + " (chain head " + s.path("headSeq").asLong() + ")");
                out.println("  last checkpoint  " + (s.path("lastCheckpoint").isNull() ? "none" : s.path("lastCheckpoint").path("seq").asLong()
                        + " (" + s.path("lastCheckpoint").path("reason").asString() + ")"));
                var v = s.path("lastVerification");
                out.println("  last verified    " + (v.isNull() ? "never" : v.path("runAt").asString() + " by " + v.path("runBy").asString()
                        + ": " + v.path("problems").asLong() + " problem(s) in " + v.path("records").asLong() + " records"));
                var p = s.path("lastPurge");
                out.println("  last purge       " + (p.isNull() ? "never" : p.path("runAt").asString() + ": " + p.path("removed").asLong() + " removed"));
            });
        }
        var response = exchange(HttpRequest.newBuilder(URI.create(url + "/api/records/verify")).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(30)));
        if (response.statusCode() != 200) {
            throw new Refused("HTTP " + response.statusCode() + ": " + json.readTree(response.body()).path("detail").asString(response.body()));
        }
        JsonNode report = json.readTree(response.body());
        if (asJson) {
            out.println(report.toPrettyString());
        } else if (report.path("problemCount").asLong() == 0) {
            out.println("intact: " + report.path("records").asLong() + " records, chain head " + report.path("headSeq").asLong()
                    + " (" + report.path("headHash").asString() + "), " + report.path("checkpointsChecked").asLong()
                    + " checkpoints and " + report.path("purgeMarks").asLong() + " purge marks checked, in "
                    + report.path("millis").asLong() + " ms");
        } else {
            out.println("NOT INTACT: " + report.path("problemCount").asLong() + " problem(s) in " + report.path("records").asLong() + " records");
            report.path("problems").forEach(p -> out.println("  " + p.asString()));
            if (report.path("problemCount").asLong() > report.path("problems").size()) {
                out.println("  … and " + (report.path("problemCount").asLong() - report.path("problems").size()) + " more");
            }
        }
        return report.path("problemCount").asLong() == 0 ? 0 : 1;
    }

    private int usage(String problem) {
        err.println("daicho: " + problem);
        err.print(USAGE);
        return 2;
    }

    /** Prints the API's answer as JSON, or as a table with {@code table}. */
    private int show(String url, String path, boolean asJson, java.util.function.Consumer<JsonNode> table) {
        JsonNode body = get(url, path);
        if (asJson) {
            out.println(body);
        } else {
            table.accept(body);
        }
        return 0;
    }

    private int status(String url, boolean asJson) {
        return show(url, "/api/status", asJson, s -> printStatus(url, s));
    }

    private void printStatus(String url, JsonNode s) {
        out.println("Daichō at " + url);
        out.println(Table.of(List.of("", ""), List.of(
                List.of("systems", s.path("systems").asString()),
                List.of("datasets", s.path("datasets").asString()),
                List.of("fields", s.path("fields").asString()),
                List.of("personal fields", s.path("personalFields").asString()),
                List.of("sensitive fields (要配慮)", s.path("sensitiveFields").asString()),
                List.of("last observed", tokyo(s.path("lastObservedAt"))))).withoutHeader());
        var rows = new ArrayList<List<String>>();
        for (JsonNode source : s.path("sources")) {
            String ready = source.path("ready").asBoolean() ? "yes"
                    : source.path("silent").asBoolean() ? "no (capture silent since " + tokyo(source.path("reportedAt")) + ")" : "no";
            rows.add(List.of(source.path("name").asString(), source.path("kind").asString(), source.path("state").asString(),
                    ready, source.path("tables").asString(), tokyo(source.path("lastChangeAt")),
                    source.path("problem").asString("-")));
        }
        if (rows.isEmpty()) {
            out.println("sources: none has reported yet (is the capture service running?)");
        } else {
            out.print(Table.of(List.of("SOURCE", "KIND", "STATE", "READY", "TABLES", "LAST CHANGE (JST)", "PROBLEM"), rows));
        }
    }

    private static final java.time.format.DateTimeFormatter TOKYO = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.of("Asia/Tokyo"));

    /** An instant from the API as a time in Asia/Tokyo, as the console and the exports show it; "-" for none. */
    static String tokyo(JsonNode instant) {
        if (instant == null || instant.isNull() || instant.isMissingNode() || instant.asString().isBlank()) {
            return "-";
        }
        return TOKYO.format(java.time.Instant.parse(instant.asString()));
    }

    private int datasets(String url, boolean asJson) {
        return show(url, "/api/datasets", asJson, this::printDatasets);
    }

    private void printDatasets(JsonNode list) {
        var rows = new ArrayList<List<String>>();
        for (JsonNode d : list) {
            String id = d.path("id").asString() + (d.path("droppedAt").isNull() || d.path("droppedAt").isMissingNode() ? "" : " (dropped)");
            rows.add(List.of(id, d.path("schemaVersion").asString(), d.path("fieldCount").asString(),
                    d.path("personalFieldCount").asString(), d.path("sensitiveFieldCount").asString()));
        }
        out.print(Table.of(List.of("DATASET", "VERSION", "FIELDS", "PERSONAL", "SENSITIVE"), rows));
        out.println(rows.size() + " datasets");
    }

    private int dataset(String url, String id, boolean asJson) {
        return show(url, "/api/datasets/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"), asJson,
                this::printDataset);
    }

    private void printDataset(JsonNode d) {
        out.println(d.path("id").asString() + "  (schema version " + d.path("schemaVersion").asString() + ")");
        var rows = new ArrayList<List<String>>();
        for (JsonNode f : d.path("fields")) {
            JsonNode c = f.path("classification");
            rows.add(List.of(f.path("name").asString() + (f.path("present").asBoolean() ? "" : " (dropped)"),
                    f.path("sqlType").asString(), c.path("item").asString("-"), c.path("subject").asString("-"),
                    c.path("sensitive").asBoolean() ? "yes" : "", c.isMissingNode() || c.isNull() ? "-"
                            : String.format("%.2f", c.path("confidence").asDouble()),
                    c.path("reviewState").asString("-"), String.join(" ", strings(c.path("evidence")))));
        }
        out.print(Table.of(List.of("FIELD", "TYPE", "ITEM", "SUBJECT", "SENSITIVE", "CONF", "REVIEW", "EVIDENCE"), rows));
    }

    private int fields(String url, Map<String, String> options, boolean asJson) {
        var query = new ArrayList<String>();
        for (var e : options.entrySet()) {
            if (!List.of("item", "subject", "sensitive").contains(e.getKey())) {
                return usage("fields takes --item, --subject and --sensitive, not --" + e.getKey());
            }
            query.add(e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return show(url, "/api/fields" + (query.isEmpty() ? "" : "?" + String.join("&", query)), asJson,
                this::printFields);
    }

    private void printFields(JsonNode list) {
        var rows = new ArrayList<List<String>>();
        for (JsonNode f : list) {
            rows.add(List.of(f.path("datasetId").asString(), f.path("field").asString(), f.path("item").asString(),
                    f.path("subject").asString(), f.path("sensitive").asBoolean() ? "yes" : "",
                    String.format("%.2f", f.path("confidence").asDouble())));
        }
        out.print(Table.of(List.of("DATASET", "FIELD", "ITEM", "SUBJECT", "SENSITIVE", "CONF"), rows));
        out.println(rows.size() + " fields");
    }

    private static List<String> strings(JsonNode array) {
        var list = new ArrayList<String>();
        array.forEach(n -> list.add(n.asString()));
        return list;
    }

    /**
     * {@code daicho pipeline validate|register FILE}: sends the manifest; prints each violation with its
     * clause. Exit 0 when valid (or registered), 1 when the policy or the law is broken.
     */
    private int pipeline(String url, String action, String file, boolean asJson) {
        String yaml;
        try {
            yaml = java.nio.file.Files.readString(java.nio.file.Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("daicho: " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            return 2;
        }
        var response = send(url, action.equals("validate") ? "/api/pipelines/validate" : "/api/pipelines", yaml);
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw new Refused("HTTP " + response.statusCode() + ": " + response.body());
        }
        if (asJson) {
            out.println(body);
        }
        int code = response.statusCode();
        if (code == 200 || code == 201 || code == 422) {
            JsonNode violations = body.path("violations");
            if (!asJson) {
                for (JsonNode v : violations) {
                    out.println(file + ": " + v.path("rule").asString() + ": " + v.path("message").asString()
                            + " [" + v.path("clause").asString() + "]");
                }
                out.println(violations.isEmpty()
                        ? file + ": " + (code == 201 ? "registered as " + body.path("pipelineId").asString() : "valid")
                                + " (policy " + body.path("policyVersion").asString() + ")"
                        : file + ": " + violations.size() + " violation(s); " + (action.equals("register") ? "not registered" : "not valid"));
            }
            return violations.isEmpty() ? 0 : 1;
        }
        String detail = body.path("detail").asString(response.body());
        err.println("daicho: " + file + ": HTTP " + code + ": " + detail);
        body.path("problems").forEach(p -> err.println("  " + p.asString()));
        return code == 400 || code == 409 ? 2 : 1;
    }

    private HttpResponse<String> send(String base, String path, String yaml) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                .header("Content-Type", "application/yaml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8)).timeout(Duration.ofSeconds(60));
        return exchange(request);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new Unreachable("connection refused");
        } catch (IOException e) {
            throw new Unreachable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
        if (response.statusCode() == 401) {
            throw new Refused("HTTP 401: sign in: set DAICHO_USER and DAICHO_PASSWORD (the demo's users are in the README), "
                    + "or DAICHO_TOKEN");
        }
        return response;
    }

    private JsonNode get(String base, String path) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)));
        if (response.statusCode() != 200) {
            String detail = response.body();
            try {
                detail = json.readTree(response.body()).path("detail").asString(detail);
            } catch (RuntimeException ignored) {
                // not a problem-details body: show it as it is
            }
            throw new Refused("HTTP " + response.statusCode() + ": " + detail);
        }
        return json.readTree(response.body());
    }

    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
