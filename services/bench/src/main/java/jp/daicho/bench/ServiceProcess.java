package jp.daicho.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One Daichō service in a process of its own, run from the jar its image is built from
 * ({@code services/<service>/target/daicho-<service>-…-exec.jar}, infra/Dockerfile) and configured as a deployment
 * configures it: by its environment, here Spring's properties in {@code SPRING_APPLICATION_JSON}, so that nothing is on
 * the command line. It keeps its HTTP port across restarts and appends its output to one log file, which a run can scan.
 * {@link #kill()} is SIGKILL: no shutdown hook, no flush, no goodbye to the broker.
 */
final class ServiceProcess implements AutoCloseable {

    final String name;
    private final Path jar;
    private final Map<String, String> properties;
    final Path log;
    final int port;
    private Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServiceProcess(String name, Path jar, Map<String, String> properties, Path logs) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + name + " service at " + jar + ": build it with mvn -B -DskipTests package");
        }
        this.name = name;
        this.jar = jar;
        this.port = freePort();
        var all = new TreeMap<>(properties);
        all.put("server.port", Integer.toString(port));
        this.properties = all;
        this.log = logs.resolve(name + ".log");
    }

    /** Sets a property for the process's next start, as an operator changes a deployment's configuration. */
    void set(String property, String value) {
        properties.put(property, value);
    }

    /** Starts the process (its output appended to its log); see {@link #awaitReady}. */
    void start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                "-Dstdout.encoding=UTF-8", "-Duser.timezone=Asia/Tokyo", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SPRING_APPLICATION_JSON", json(properties));
        process = builder.start();
    }

    /** Waits until the service answers its readiness probe with 200; fails with its log's tail if it ended or took too long. */
    void awaitReady(Duration atMost) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        var probe = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended (exit " + process.exitValue() + ") before it was ready:\n" + tail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + atMost.toSeconds() + " s:\n" + tail());
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a deployment stops a service; SIGKILL after 60 s. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** The log's last lines, for an error message (the service's own log: no row values, which the run checks). */
    String tail() throws IOException {
        var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Flat properties as a JSON object, the form {@code SPRING_APPLICATION_JSON} takes. */
    static String json(Map<String, String> properties) {
        var out = new StringBuilder("{");
        properties.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(quote(k)).append(':').append(quote(v)));
        return out.append('}').toString();
    }

    private static String quote(String s) {
        var out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
