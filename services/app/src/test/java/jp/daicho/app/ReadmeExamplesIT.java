package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.daicho.app.demo.DemoDatabase;
import jp.daicho.app.demo.DemoSetup;
import jp.daicho.cli.Daicho;
import jp.daicho.testkit.DemoUsers;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;

/**
 * The README's examples, as a newcomer runs them on a fresh demo: every {@code bin/daicho} and {@code curl} line of
 * its example block, read from README.md itself, against the whole system started as {@code bin/daicho-app} starts
 * it (the demo source named {@code demo}, the demo's systems, parties, pipelines and provisions), with this run's
 * ports for 8080 and 8081 and the demo database's for {@code <port>}. Each must succeed and show something.
 */
@UsesRealInfrastructure
class ReadmeExamplesIT {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    /** What some lines must show beyond "something": the demo's facts they are there to point at. */
    static final Map<String, List<String>> SHOWS = Map.ofEntries(
            Map.entry("curl -u auditor:auditor -o provisions.csv 'http://localhost:8081/api/records/export?from=2026-04-01'",
                    List.of("提携旅行株式会社", "会員規約 第12条 同意")),
            Map.entry("curl -u auditor:auditor -o ledger.csv 'http://localhost:8080/api/ledger?format=csv'",
                    List.of("demo.public.members", "メール配信")),
            Map.entry("bin/daicho fields --sensitive",
                    List.of("health_checkups", "diagnosis")),
            Map.entry("bin/daicho dataset demo.public.members",
                    List.of("email", "customer")),
            Map.entry("bin/daicho pipeline validate docs/examples/member-mail.yml",
                    List.of("member-mail")),
            Map.entry("curl -u auditor:auditor 'http://localhost:8080/api/flows?subject=employee&item=medical'",
                    List.of("party:payroll-co", "health-checkups")),
            Map.entry("curl -u auditor:auditor 'http://localhost:8080/api/requests/counts?year=2026'",
                    List.of("第33条第1項", "\"received\"")),
            Map.entry("curl -u admin:admin http://localhost:8083/actuator/health/readiness",
                    List.of("\"sources\"", "STREAMING")),
            Map.entry("curl -u admin:admin http://localhost:8084/actuator/prometheus",
                    List.of("daicho_classifier_decisions_total", "daicho_events_handled_total")),
            Map.entry("curl -u auditor:auditor 'http://localhost:8080/api/datasets/website.tags.ad-pixel'",
                    List.of("PERSONALLY_RELATED", "個人関連情報", "WEB_TAG")),
            Map.entry("curl -u auditor:auditor 'http://localhost:8080/api/readers'",
                    List.of("database_role:demo_bi_reader", "UNREGISTERED", "database_role:demo_crm_sync", "member-crm")),
            Map.entry("curl -u dpo:dpo -H 'Content-Type: application/json' --data-binary @docs/examples/incident.json http://localhost:8080/api/incidents",
                    List.of("規則第7条第1号", "給与計算サービス株式会社", "\"reportable\":true")),
            Map.entry("curl -u auditor:auditor -o incident.csv 'http://localhost:8080/api/incidents/INC-2026-0001/report?format=csv'",
                    List.of("報告事項（規則第8条第1項）", "病歴・健康情報")));

    @Test
    void everyExampleOfTheReadmeWorksOnAFreshDemoAndShowsSomething() throws Exception {
        List<String> examples = examples(Files.readString(ROOT.resolve("README.md")));
        assertThat(examples).hasSizeGreaterThanOrEqualTo(10)
                .anyMatch(e -> e.startsWith("curl")).anyMatch(e -> e.startsWith("bin/daicho classify --jdbc"));

        var infra = Infrastructure.shared();
        try (var run = DemoRun.start(infra, "demo", "demo_shop", "readme_daicho")) {
            var services = run.services();
            var http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(120)).until(() -> http.send(DemoUsers.asDpo(
                    URI.create(services.inventoryUrl() + "/api/datasets")).build(), HttpResponse.BodyHandlers.ofString())
                    .body().split("\"id\":\"demo\\.").length - 1 >= DemoDatabase.TABLES);
            new DemoSetup(services.inventoryUrl(), services.ledgerUrl(), "demo").run();

            var failures = new ArrayList<String>();
            for (String example : examples) {
                String line = example.replace("http://localhost:8080", services.inventoryUrl())
                        .replace("http://localhost:8081", services.ledgerUrl())
                        .replace("http://localhost:8083", services.captureUrl())
                        .replace("http://localhost:8084", services.classifierUrl())
                        .replace("localhost:<port>", infra.postgresHost() + ":" + infra.postgresPort());
                String shown;
                try {
                    shown = line.startsWith("curl ") ? curl(http, words(line)) : daicho(words(line), services);
                } catch (AssertionError | Exception e) {
                    failures.add(example + "\n    " + e.getMessage());
                    continue;
                }
                if (shown.isBlank() || shown.lines().count() < 2 && shown.length() < 20) {
                    failures.add(example + "\n    shows next to nothing: " + shown);
                }
                for (String expected : SHOWS.getOrDefault(example, List.of())) {
                    if (!shown.contains(expected)) {
                        failures.add(example + "\n    does not show '" + expected + "'");
                    }
                }
            }
            assertThat(failures).as("README examples that fail or show nothing").isEmpty();
        }
    }

    /** The command lines of the README's example block: after the line exporting the demo user, up to its end. */
    static List<String> examples(String readme) {
        int start = readme.indexOf("```\nexport DAICHO_USER=dpo");
        assertThat(start).as("the README's example block").isNotNegative();
        int end = readme.indexOf("```", start + 3);
        var lines = new ArrayList<String>();
        for (String line : readme.substring(start + 4, end).split("\n")) {
            String command = line.replaceAll("\\s+#.*$", "").strip();
            if (command.startsWith("bin/daicho ") || command.startsWith("curl ")) {
                lines.add(command);
            }
        }
        return lines;
    }

    /** {@code bin/daicho …} as the dpo of the README's export, against this run's services; what it printed. */
    static String daicho(List<String> words, Services services) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var args = new ArrayList<>(words.subList(1, words.size()));
        if (args.getFirst().equals("ledger")) {
            args.add("--ledger-url=" + services.ledgerUrl());
        }
        for (int i = 0; i < args.size(); i++) {
            // Files are named from the repository's root, where the README's reader stands.
            if (args.get(i).endsWith(".sql") || args.get(i).endsWith(".yml")) {
                args.set(i, ROOT.resolve(args.get(i)).toString());
            }
        }
        int code = new Daicho(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "Basic " + Base64.getEncoder().encodeToString("dpo:dpo".getBytes(StandardCharsets.UTF_8)))
                .run(args.toArray(String[]::new), services.inventoryUrl());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; it said: %s%s", printed, err.toString(StandardCharsets.UTF_8)).isZero();
        return printed;
    }

    /**
     * {@code curl -u user:password [-o file] [-H 'Name: value'] [--data-binary @file] 'url'}: a GET answered 200, or a
     * POST of the file (named from the repository's root) answered 200 or 201; the body, or the file's content.
     */
    static String curl(HttpClient http, List<String> words) throws Exception {
        String user = null;
        String url = null;
        Path body = null;
        var headers = new ArrayList<String>();
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-u" -> user = words.get(++i);
                case "-o" -> i++;
                case "-H" -> headers.add(words.get(++i));
                case "--data-binary" -> body = ROOT.resolve(words.get(++i).substring(1));
                default -> url = words.get(i);
            }
        }
        var request = HttpRequest.newBuilder(URI.create(url));
        for (String header : headers) {
            request.header(header.substring(0, header.indexOf(':')).strip(), header.substring(header.indexOf(':') + 1).strip());
        }
        if (body != null) {
            request.POST(HttpRequest.BodyPublishers.ofFile(body));
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("status; body: %s", response.body()).isIn(body == null ? List.of(200) : List.of(200, 201));
        return response.body();
    }

    /** A command line split as a shell splits it: on blanks, except inside single or double quotes. */
    static List<String> words(String line) {
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
