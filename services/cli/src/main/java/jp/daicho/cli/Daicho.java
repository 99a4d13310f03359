package jp.daicho.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.daicho.client.Api;
import jp.daicho.client.ApiRefused;
import jp.daicho.client.ApiUnreachable;
import jp.daicho.client.Endpoint;
import jp.daicho.client.Inventory;
import jp.daicho.client.InventoryClient;
import jp.daicho.client.LedgerClient;
import jp.daicho.client.Query;

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
              pipeline change FILE.yml   change the registered pipeline of the manifest's id to it (checked
                                         the same way; kept in the pipeline's history)
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
                case "pipeline" -> words.size() == 3 && List.of("validate", "register", "change").contains(words.get(1))
                        ? pipeline(url, words.get(1), words.get(2), asJson)
                        : usage("pipeline needs validate, register or change and a manifest file, e.g. daicho pipeline validate pipeline.yml");
                case "ledger" -> words.size() == 2 && List.of("status", "verify").contains(words.get(1))
                        ? ledger(url = options.getOrDefault("ledger-url", java.util.Objects.requireNonNullElse(
                                System.getenv("DAICHO_LEDGER_URL"), "http://localhost:8081")), words.get(1), asJson)
                        : usage("ledger needs status or verify, e.g. daicho ledger verify");
                case "classify" -> new Classify(out, err, System.getenv("DAICHO_JDBC_PASSWORD"))
                        .run(words.subList(1, words.size()), options);
                default -> usage("unknown command '" + words.getFirst() + "'");
            };
        } catch (ApiUnreachable e) {
            err.println("daicho: Daichō is not reachable at " + e.url() + " (" + e.getCause().getClass().getSimpleName()
                    + "). Start it (see README) or point --url / DAICHO_URL at it.");
            return 3;
        } catch (ApiRefused e) {
            err.println("daicho: HTTP " + e.status() + ": " + (e.status() == 401
                    ? "sign in: set DAICHO_USER and DAICHO_PASSWORD (the demo's users are in the README), or DAICHO_TOKEN"
                    : e.getMessage()));
            e.problem().problems().forEach(p -> err.println("  " + p));
            return 1;
        }
    }

    private int ledger(String url, String command, boolean asJson) {
        var ledger = new LedgerClient(url, () -> authorization);
        if (command.equals("status")) {
            return show(asJson, ledger.api(), LedgerClient.STATUS, Query.of(), ledger::status, s -> {
                out.println("Ledger at " + url);
                out.println("  records          " + s.records() + " (chain head " + s.headSeq() + ")");
                var c = s.lastCheckpoint();
                out.println("  last checkpoint  " + (c == null ? "none" : c.seq() + " (" + c.reason() + ")"));
                var v = s.lastVerification();
                out.println("  last verified    " + (v == null ? "never" : tokyo(v.runAt()) + " by " + v.runBy()
                        + ": " + v.problems() + " problem(s) in " + v.records() + " records"));
                var p = s.lastPurge();
                out.println("  last purge       " + (p == null ? "never" : tokyo(p.runAt()) + ": " + p.removed() + " removed"));
            });
        }
        var report = ledger.verify();
        if (asJson) {
            out.println(Api.toJson(report));
        } else if (report.intact()) {
            out.println("intact: " + report.records() + " records, chain head " + report.headSeq() + " (" + report.headHash()
                    + "), " + report.checkpointsChecked() + " checkpoints and " + report.purgeMarks() + " purge marks checked, in "
                    + report.millis() + " ms");
        } else {
            out.println("NOT INTACT: " + report.problemCount() + " problem(s) in " + report.records() + " records");
            report.problems().forEach(p -> out.println("  " + p));
            if (report.problemCount() > report.problems().size()) {
                out.println("  … and " + (report.problemCount() - report.problems().size()) + " more");
            }
        }
        return report.intact() ? 0 : 1;
    }

    private int usage(String problem) {
        err.println("daicho: " + problem);
        err.print(USAGE);
        return 2;
    }

    /** Prints the API's answer as it sent it ({@code --json}), or read by the typed client as a table. */
    private <T> int show(boolean asJson, Api api, Endpoint<T> endpoint, Query query, java.util.function.Supplier<T> typed,
                         java.util.function.Consumer<T> table, Object... pathValues) {
        if (asJson) {
            out.println(api.json(endpoint, query, null, null, pathValues));
        } else {
            table.accept(typed.get());
        }
        return 0;
    }

    private int status(String url, boolean asJson) {
        var inventory = inventory(url);
        return show(asJson, inventory.api(), InventoryClient.STATUS, Query.of(), inventory::status, s -> printStatus(url, s));
    }

    private InventoryClient inventory(String url) {
        return new InventoryClient(url, () -> authorization);
    }

    private void printStatus(String url, Inventory.Status s) {
        out.println("Daichō at " + url);
        out.println(Table.of(List.of("", ""), List.of(
                List.of("systems", Long.toString(s.systems())),
                List.of("datasets", Long.toString(s.datasets())),
                List.of("fields", Long.toString(s.fields())),
                List.of("personal fields", Long.toString(s.personalFields())),
                List.of("sensitive fields (要配慮・機微)", Long.toString(s.sensitiveFields())),
                List.of("last observed", tokyo(s.lastObservedAt())))).withoutHeader());
        var rows = new ArrayList<List<String>>();
        for (var source : s.sources()) {
            String ready = source.ready() ? "yes"
                    : source.silent() ? "no (capture silent since " + tokyo(source.reportedAt()) + ")" : "no";
            rows.add(List.of(source.name(), source.kind(), source.state(), ready, Integer.toString(source.tables()),
                    tokyo(source.lastChangeAt()), source.problem() == null ? "-" : source.problem()));
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
    static String tokyo(java.time.Instant instant) {
        return instant == null ? "-" : TOKYO.format(instant);
    }

    private int datasets(String url, boolean asJson) {
        var inventory = inventory(url);
        return show(asJson, inventory.api(), InventoryClient.DATASETS, Query.of(), inventory::datasets, this::printDatasets);
    }

    private void printDatasets(List<Inventory.DatasetSummary> list) {
        var rows = new ArrayList<List<String>>();
        for (var d : list) {
            rows.add(List.of(d.id() + (d.droppedAt() == null ? "" : " (dropped)"), Integer.toString(d.schemaVersion()),
                    Integer.toString(d.fieldCount()), Integer.toString(d.personalFieldCount()),
                    Integer.toString(d.sensitiveFieldCount())));
        }
        out.print(Table.of(List.of("DATASET", "VERSION", "FIELDS", "PERSONAL", "SENSITIVE"), rows));
        out.println(rows.size() + " datasets");
    }

    private int dataset(String url, String id, boolean asJson) {
        var inventory = inventory(url);
        return show(asJson, inventory.api(), InventoryClient.DATASET, Query.of(), () -> inventory.dataset(id, null), this::printDataset, id);
    }

    private void printDataset(Inventory.DatasetDetail d) {
        out.println(d.id() + "  (schema version " + d.schemaVersion() + ")");
        var rows = new ArrayList<List<String>>();
        for (var f : d.fields()) {
            var c = f.classification();
            rows.add(List.of(f.name() + (f.present() ? "" : " (dropped)"), f.sqlType(),
                    c == null ? "-" : c.item(), c == null ? "-" : c.subject(), c != null && c.sensitive() ? "yes" : "",
                    c == null ? "-" : String.format("%.2f", c.confidence()), c == null ? "-" : c.reviewState(),
                    c == null ? "" : String.join(" ", c.evidence())));
        }
        out.print(Table.of(List.of("FIELD", "TYPE", "ITEM", "SUBJECT", "SENSITIVE", "CONF", "REVIEW", "EVIDENCE"), rows));
    }

    private int fields(String url, Map<String, String> options, boolean asJson) {
        for (var name : options.keySet()) {
            if (!List.of("item", "subject", "sensitive").contains(name)) {
                return usage("fields takes --item, --subject and --sensitive, not --" + name);
            }
        }
        String item = options.get("item");
        String subject = options.get("subject");
        Boolean sensitive = options.containsKey("sensitive") ? Boolean.valueOf(options.get("sensitive")) : null;
        var inventory = inventory(url);
        var query = Query.of().with("item", item).with("subject", subject).with("sensitive", sensitive);
        return show(asJson, inventory.api(), InventoryClient.FIELDS, query, () -> inventory.fields(item, subject, sensitive, null),
                this::printFields);
    }

    private void printFields(List<Inventory.FieldMatch> list) {
        var rows = new ArrayList<List<String>>();
        for (var f : list) {
            rows.add(List.of(f.datasetId(), f.field(), f.item(), f.subject(), f.sensitive() ? "yes" : "",
                    String.format("%.2f", f.confidence())));
        }
        out.print(Table.of(List.of("DATASET", "FIELD", "ITEM", "SUBJECT", "SENSITIVE", "CONF"), rows));
        out.println(rows.size() + " fields");
    }

    /**
     * {@code daicho pipeline validate|register|change FILE}: sends the manifest; prints each violation with its
     * clause. Exit 0 when valid (or registered, or changed), 1 when the policy or the law is broken.
     */
    private int pipeline(String url, String action, String file, boolean asJson) {
        String yaml;
        try {
            yaml = java.nio.file.Files.readString(java.nio.file.Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("daicho: " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            return 2;
        }
        if (action.equals("change") && manifestId(yaml).isEmpty()) {
            err.println("daicho: " + file + ": no top-level id: the manifest names the pipeline it changes (id: member-mail)");
            return 2;
        }
        var inventory = inventory(url);
        Inventory.Validation validation;
        try {
            validation = switch (action) {
                case "validate" -> inventory.validate(yaml);
                case "change" -> inventory.change(manifestId(yaml), yaml);
                default -> inventory.register(yaml);
            };
        } catch (ApiRefused e) {
            err.println("daicho: " + file + ": HTTP " + e.status() + ": " + e.getMessage());
            e.problem().problems().forEach(p -> err.println("  " + p));
            return e.status() == 400 || e.status() == 409 ? 2 : 1;
        }
        if (asJson) {
            out.println(Api.toJson(validation));
            return validation.violations().isEmpty() ? 0 : 1;
        }
        for (var v : validation.violations()) {
            out.println(file + ": " + v.rule() + ": " + v.message() + " [" + v.clause() + "]");
        }
        out.println(validation.violations().isEmpty()
                ? file + ": " + switch (action) {
                    case "register" -> "registered as " + validation.pipelineId();
                    case "change" -> "changed " + validation.pipelineId();
                    default -> "valid";
                } + " (policy " + validation.policyVersion() + ")"
                : file + ": " + validation.violations().size() + " violation(s); " + switch (action) {
                    case "register" -> "not registered";
                    case "change" -> "not changed";
                    default -> "not valid";
                });
        return validation.violations().isEmpty() ? 0 : 1;
    }

    /** The manifest's top-level {@code id} (the inventory reads the whole manifest; the path only needs the id). */
    static String manifestId(String yaml) {
        var id = java.util.regex.Pattern.compile("(?m)^id:\\s*[\"']?([^\\s\"'#]+)").matcher(yaml);
        return id.find() ? id.group(1) : "";
    }
}
