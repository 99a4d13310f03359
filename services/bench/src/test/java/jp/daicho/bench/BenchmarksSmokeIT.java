package jp.daicho.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A short run of each benchmark and chaos run in CI ({@code bin/daicho-bench} and {@code bin/daicho-chaos} run the long
 * ones): each starts its own embedded servers in a JVM of its own, as the command does, finishes, and prints its
 * figures. The figures are not asserted — tiny runs on a shared CI machine say nothing about speed — only that the
 * benchmark still runs to the end and reports what it measures; a chaos run's exit code is its checks' verdict.
 */
class BenchmarksSmokeIT {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CaptureBenchmark    | --rows=3000 --writers=2 --ddl=2 --paced=40          | Capture → Kafka → classifier:
            CaptureBenchmark    | --rows=3000 --writers=2 --ddl=1 --paced=20 --source=mariadb | Capture → Kafka → classifier:
            ClassifierBenchmark | --events=6000 --rounds=1                             | best of 1 rounds: bare consumer
            ClassifierBenchmark | --events=6000 --rounds=1 --instances=2               | 2 classifier instances in one group
            RestartBenchmark    | --rounds=1                                           | restart with the data kept:
            InventoryBenchmark  | --systems=40 --pipelines=120 --queries=5             | multi-hop flow queries over REST
            LedgerBenchmark     | --ingest=2000 --records=20000 --rate=200             | verify:
            ChangeEventFuzz     | --valid=3000 --invalid=3000                          | fuzz: all checks held
            ProvisionFuzz       | --valid=2000 --invalid=2000                          | provision fuzz: all checks held
            RestartChaos        | --rounds=4 --interval=3                              | restart chaos: all checks held
            OutageChaos         | --seconds=10                                         | outage chaos: all checks held
            """)
    void runsToTheEndAndPrintsItsFigures(String benchmark, String args, String figure) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-cp", classPath(),
                "jp.daicho.bench." + benchmark));
        command.addAll(List.of(args.split(" ")));
        Path output = Files.createTempFile("bench-" + benchmark, ".out");
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = process.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("%s finished within 6 minutes; it printed:%n%s", benchmark, tail(printed)).isTrue();
        assertThat(process.exitValue()).as("%s's exit code; it printed:%n%s", benchmark, tail(printed)).isZero();
        assertThat(printed).contains(figure);
        System.out.println(benchmark + " " + args + ":\n" + figures(printed));
    }

    /** This test JVM's class path (Maven's forked JVMs may carry it in a manifest-only jar). */
    static String classPath() throws IOException {
        String classPath = System.getProperty("java.class.path");
        String[] entries = classPath.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            try (var jar = new JarFile(entries[0])) {
                String manifest = jar.getManifest().getMainAttributes().getValue("Class-Path");
                if (manifest != null) {
                    var paths = new ArrayList<String>();
                    for (String url : manifest.trim().split(" +")) {
                        paths.add(Path.of(URI.create(url)).toString());
                    }
                    return String.join(File.pathSeparator, paths);
                }
            }
        }
        return classPath;
    }

    /** The lines with figures in them, not the servers' logging. */
    static String figures(String printed) {
        return printed.lines().filter(l -> !l.isBlank() && !l.contains(" INFO ") && !l.contains(" WARN ")
                && !l.startsWith("\t") && !l.startsWith("SLF4J")).reduce("", (a, b) -> a + "  " + b + "\n");
    }

    static String tail(String printed) {
        return printed.length() <= 4000 ? printed : printed.substring(printed.length() - 4000);
    }
}
