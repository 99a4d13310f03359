package jp.daicho.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.embedded.EmbeddedPostgres;

/**
 * The outages of issue 16 §2, on a {@link ChaosRun} whose Kafka, Daichō PostgreSQL and source PostgreSQL keep their data
 * in directories and listen on fixed ports, so that each can be stopped and started again where its clients left it:
 * the broker stopped for {@code --seconds} (60) and started again; Daichō's PostgreSQL the same; the source database
 * restarted (down 10 s); the source's replication slot dropped under capture, which must refuse to stream on past the
 * changes it lost until the operator allows a re-snapshot ({@link #slotLost}). Each while the load goes on. After each outage ends, the time until everything has recovered:
 * capture streams again (a row committed after the outage is on Kafka) and every consumer group has committed all that
 * was on its topics when the outage ended. A service that ended meanwhile is started again, as Kubernetes would, and
 * said so. Then the run's end checks.
 * {@code bin/daicho-chaos outage [--seconds=60] [--seed=16]}.
 */
public final class OutageChaos {

    public static void main(String[] args) throws Exception {
        int seconds = 60;
        long seed = 16;
        for (String arg : args) {
            if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--seed=")) {
                seed = Long.parseLong(arg.substring(7));
            } else if (!arg.equals("outage")) {
                System.err.println("usage: daicho-chaos outage [--seconds=60] [--seed=16]");
                System.exit(2);
            }
        }
        RestartChaos.quietBroker();
        Path root = Files.createTempDirectory("daicho-outage");
        Path logs = Files.createDirectories(root.resolve("logs"));
        var kafka = new Server<>(root.resolve("kafka"), (dir, port) -> EmbeddedKafka.start(dir, port));
        var daichoDb = new Server<>(root.resolve("daicho-db"), (dir, port) -> EmbeddedPostgres.start(dir, port));
        var sourceDb = new Server<>(root.resolve("source-db"), (dir, port) -> EmbeddedPostgres.start(dir, port));
        int failures;
        try (var run = new ChaosRun("outage chaos", "recovery after the outage ended", kafka.server.bootstrapServers(),
                daichoDb.server, sourceDb.server, seed, logs)) {
            Thread.sleep(10_000);
            boolean recovered = outage(run, "Kafka broker stopped " + seconds + " s", kafka, seconds);
            recovered = recovered && outage(run, "Daichō's PostgreSQL stopped " + seconds + " s", daichoDb, seconds);
            recovered = recovered && outage(run, "source database restarted (down 10 s)", sourceDb, 10);
            recovered = recovered && slotLost(run, sourceDb.server);
            failures = (recovered ? 0 : 1) + run.finish();
        } finally {
            kafka.close();
            daichoDb.close();
            sourceDb.close();
        }
        System.out.println(failures == 0 ? "outage chaos: all checks held" : "outage chaos: " + failures + " check(s) failed");
        System.out.println("the services' logs: " + logs);
        for (String server : List.of("kafka", "daicho-db", "source-db")) {
            jp.daicho.embedded.Trees.delete(root.resolve(server));
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Stops a server for a while, starts it again, and times the recovery; false when it did not recover in 5 minutes. */
    static boolean outage(ChaosRun run, String what, Server<?> server, int seconds) throws Exception {
        server.stop();
        Thread.sleep(seconds * 1000L);
        server.start();
        long ended = System.nanoTime();
        try {
            var due = new java.util.LinkedHashMap<String, java.util.Map<org.apache.kafka.common.TopicPartition, Long>>();
            for (String service : List.of("classifier", "inventory", "ledger")) {
                due.put(service, run.due(service));
            }
            var restarted = new StringBuilder();
            long deadline = ended + Duration.ofMinutes(5).toNanos();
            for (var service : run.services.values()) {
                if (!service.alive()) {
                    restarted.append(restarted.isEmpty() ? "" : ", ").append(service.name);
                    service.start();
                    service.awaitReady(Duration.ofMinutes(3));
                }
            }
            run.awaitCaptureStreaming(Duration.ofNanos(deadline - System.nanoTime()));
            double capture = (System.nanoTime() - ended) / 1e9;
            for (var entry : due.entrySet()) {
                run.awaitCommitted(entry.getKey(), entry.getValue(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            double all = (System.nanoTime() - ended) / 1e9;
            run.recovered(what, all);
            System.out.printf("%s: recovered %.1f s after it ended (capture streaming after %.1f s)%s%n", what, all, capture,
                    restarted.isEmpty() ? "" : "; ended during the outage and started again: " + restarted);
            return true;
        } catch (IllegalStateException notRecovered) {
            System.out.println(what + ": NOT RECOVERED within 5 minutes: " + notRecovered.getMessage());
            return false;
        }
    }

    /**
     * The source's replication slot dropped while capture streams from it (its connection ended first, as a DBA's
     * {@code pg_terminate_backend} would): the changes made until a new slot exists are lost to logical decoding. Capture
     * must say so on its readiness and not stream on; then the operator allows a re-snapshot
     * ({@code when-slot-lost=resnapshot}) and restarts capture, which reads every table afresh and streams again. The
     * recovery is timed from that restart. False when capture streamed on, or did not recover in 5 minutes.
     */
    static boolean slotLost(ChaosRun run, EmbeddedPostgres source) throws Exception {
        String what = "source's replication slot dropped";
        String slot = "daicho_" + ChaosRun.SOURCE;
        try (var db = java.sql.DriverManager.getConnection(source.jdbcUrl("chaos_src"), EmbeddedPostgres.USER, "")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try (var terminate = db.prepareStatement("select pg_terminate_backend(active_pid) from pg_replication_slots"
                        + " where slot_name = ? and active_pid is not null");
                     var drop = db.prepareStatement("select pg_drop_replication_slot(?)")) {
                    terminate.setString(1, slot);
                    terminate.execute();
                    drop.setString(1, slot);
                    drop.execute();
                    break;
                } catch (java.sql.SQLException active) {
                    if (System.nanoTime() > deadline) {
                        throw active;
                    }
                    Thread.sleep(100); // the capture's walsender is still ending
                }
            }
        }
        long dropped = System.nanoTime();
        var capture = run.services.get("capture");
        String problem = null;
        while (problem == null && System.nanoTime() - dropped < Duration.ofMinutes(3).toNanos()) {
            var chaos = jp.daicho.testkit.Actuator.get(capture.url(), "/actuator/health/readiness", "admin").json()
                    .at("/components/sources/details/" + ChaosRun.SOURCE);
            if ("FAILING".equals(chaos.path("state").asString("")) && chaos.path("problem").asString("").contains(slot)) {
                problem = chaos.path("problem").asString();
            } else if ("STREAMING".equals(chaos.path("state").asString("")) && capture.alive()
                    && System.nanoTime() - dropped > Duration.ofSeconds(60).toNanos()) {
                break;
            } else {
                Thread.sleep(500);
            }
        }
        if (problem == null) {
            System.out.println(what + ": capture did NOT refuse to stream on past the lost changes");
            return false;
        }
        System.out.printf("%s: capture refused to stream on %.1f s after the drop, saying: %s%n", what,
                (System.nanoTime() - dropped) / 1e9, problem);
        capture.kill();
        capture.set("daicho.capture.sources[0].when-slot-lost", "resnapshot");
        capture.start();
        long allowed = System.nanoTime();
        try {
            capture.awaitReady(Duration.ofMinutes(5));
            long deadline = allowed + Duration.ofMinutes(5).toNanos();
            run.awaitCaptureStreaming(Duration.ofNanos(deadline - System.nanoTime()));
            double streaming = (System.nanoTime() - allowed) / 1e9;
            for (String service : List.of("classifier", "inventory", "ledger")) {
                run.awaitCommitted(service, run.due(service), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            double all = (System.nanoTime() - allowed) / 1e9;
            run.recovered(what + ", re-snapshot allowed", all);
            System.out.printf("%s: re-snapshot allowed and capture restarted; streaming after %.1f s, everything caught up "
                    + "%.1f s after the restart%n", what, streaming, all);
            return true;
        } catch (IllegalStateException notRecovered) {
            System.out.println(what + ": NOT RECOVERED within 5 minutes of the re-snapshot: " + notRecovered.getMessage());
            return false;
        }
    }

    /** A server kept in a directory, on a port that stays its own across restarts. */
    static final class Server<S extends AutoCloseable> implements AutoCloseable {

        interface Starter<S> {
            S start(Path directory, int port) throws Exception;
        }

        private final Path directory;
        private final int port;
        private final Starter<S> starter;
        S server;

        Server(Path directory, Starter<S> starter) throws Exception {
            this.directory = directory;
            this.port = ServiceProcess.freePort();
            this.starter = starter;
            this.server = starter.start(directory, port);
        }

        void stop() throws Exception {
            server.close();
            server = null;
        }

        void start() throws Exception {
            server = starter.start(directory, port);
        }

        @Override
        public void close() throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }

    private OutageChaos() {
    }
}
