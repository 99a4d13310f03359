package jp.daicho.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The all-in-one launcher as a user runs it ({@code java -jar daicho-app.jar}, a process of its own): how long the first
 * start takes on a new data directory, how long a restart takes with the data kept (issue 15: ready within 30 s on two
 * cores), and how long a stop (SIGTERM) takes. "Ready" is the banner, which the launcher prints once every service
 * answers and the demo's data is in the inventory.
 * {@code bin/daicho-bench restart [--rounds=3]}.
 */
public final class RestartBenchmark {

    static final double TARGET_SECONDS = 30;

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        for (String arg : args) {
            if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring(9));
            } else if (!arg.equals("restart")) {
                System.err.println("usage: daicho-bench restart [--rounds=3]");
                System.exit(2);
            }
        }
        // bin/daicho-bench names it; run from the bench module (its smoke test), it is the app module's.
        Path jar = Path.of(System.getProperty("daicho.app.jar", Files.isDirectory(Path.of("services"))
                ? "services/app/target/daicho-app.jar" : "../app/target/daicho-app.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No launcher at " + jar + ": build it with mvn -B -DskipTests package");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path data = Files.createTempDirectory("daicho-restart-bench");
        try {
            var first = run(java, jar, data);
            System.out.printf("%nfirst start, new data directory: ready in %.1f s, stopped in %.1f s%n", first[0], first[1]);
            var restarts = new ArrayList<Double>();
            for (int i = 1; i <= rounds; i++) {
                var again = run(java, jar, data);
                restarts.add(again[0]);
                System.out.printf("restart %d, data kept: ready in %.1f s, stopped in %.1f s%n", i, again[0], again[1]);
            }
            restarts.sort(null);
            double worst = restarts.getLast();
            System.out.printf("restart with the data kept: median %.1f s, worst %.1f s; %.2f of the %.0f s ceiling%n",
                    restarts.get(restarts.size() / 2), worst, worst / TARGET_SECONDS, TARGET_SECONDS);
        } finally {
            jp.daicho.embedded.Trees.delete(data);
        }
    }

    /** Starts the launcher on the data directory, waits for its banner, stops it: seconds to ready, and to stopped. */
    static double[] run(String java, Path jar, Path data) throws IOException, InterruptedException {
        var command = List.of(java, "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-jar", jar.toString(),
                "--data-dir=" + data, "--http-port=0");
        long started = System.nanoTime();
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ready = false;
        // Not closed here: after the banner a thread of its own reads the rest, to the end of the process's output.
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains("Daichō is running.")) {
                ready = true;
                break;
            }
        }
        double toReady = (System.nanoTime() - started) / 1e9;
        if (!ready) {
            throw new IllegalStateException("The launcher ended before it was ready (exit " + process.waitFor() + ")");
        }
        // The rest of its output is read away, so that it never blocks on a full pipe while stopping.
        var drain = Thread.ofVirtual().start(() -> {
            try (out) {
                out.lines().forEach(l -> { });
            } catch (IOException | java.io.UncheckedIOException e) {
                // the process is gone: nothing more to read
            }
        });
        long stopping = System.nanoTime();
        process.destroy(); // SIGTERM: the launcher stops every service, then Kafka and PostgreSQL
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The launcher did not stop within 120 s of SIGTERM");
        }
        double toStopped = (System.nanoTime() - stopping) / 1e9;
        drain.join(Duration.ofSeconds(10));
        return new double[] {toReady, toStopped};
    }

    private RestartBenchmark() {
    }
}
