package jp.daicho.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.embedded.EmbeddedPostgres;

/**
 * The restart loop of issue 16 §1, on a {@link ChaosRun}: every round one of capture, the classifier, the inventory and
 * the ledger, chosen at random (seeded; each as often as the others), is killed with SIGKILL and started again, and the
 * round waits until it has caught up — capture: a row committed after its restart is on Kafka; the others: their
 * consumer group has committed everything that was on their topics when they restarted. Then the run's end checks.
 * {@code bin/daicho-chaos restart [--rounds=50] [--interval=10] [--seed=16]}.
 */
public final class RestartChaos {

    static final List<String> KILLED = List.of("capture", "classifier", "inventory", "ledger");

    record Options(int rounds, int intervalSeconds, long seed) {

        static Options parse(String[] args) {
            int rounds = 50;
            int interval = 10;
            long seed = 16;
            for (String arg : args) {
                if (arg.startsWith("--rounds=")) {
                    rounds = Integer.parseInt(arg.substring(9));
                } else if (arg.startsWith("--interval=")) {
                    interval = Integer.parseInt(arg.substring(11));
                } else if (arg.startsWith("--seed=")) {
                    seed = Long.parseLong(arg.substring(7));
                } else if (!arg.equals("restart")) {
                    System.err.println("usage: daicho-chaos restart [--rounds=50] [--interval=10] [--seed=16]");
                    System.exit(2);
                }
            }
            return new Options(rounds, interval, seed);
        }
    }

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        quietBroker();
        Path logs = Files.createTempDirectory("daicho-chaos-logs");
        int failures;
        try (var kafka = EmbeddedKafka.start(); var postgres = EmbeddedPostgres.start();
             var run = new ChaosRun("restart chaos", "catch-up after SIGKILL", kafka.bootstrapServers(), postgres, postgres,
                     options.seed(), logs)) {
            var random = new Random(options.seed());
            var cycle = new ArrayList<String>();
            for (int round = 1; round <= options.rounds(); round++) {
                Thread.sleep(options.intervalSeconds() * 1000L);
                if (cycle.isEmpty()) {
                    // each service as often as the others, in an order the seed decides: a short run kills every one
                    cycle.addAll(KILLED);
                    Collections.shuffle(cycle, random);
                }
                String name = cycle.removeFirst();
                var service = run.services.get(name);
                service.kill();
                var due = name.equals("capture") ? null : run.due(name);
                long restarted = System.nanoTime();
                service.start();
                service.awaitReady(Duration.ofMinutes(3));
                double ready = (System.nanoTime() - restarted) / 1e9;
                if (due == null) {
                    run.awaitCaptureStreaming(Duration.ofMinutes(3));
                } else {
                    run.awaitCommitted(name, due, Duration.ofMinutes(3));
                }
                double caughtUp = (System.nanoTime() - restarted) / 1e9;
                run.recovered(name, caughtUp);
                System.out.printf("round %d: %s killed (SIGKILL) and restarted: ready in %.1f s, caught up in %.1f s%n", round,
                        name, ready, caughtUp);
            }
            failures = run.finish();
        }
        System.out.println(failures == 0 ? "restart chaos: all checks held" : "restart chaos: " + failures + " check(s) failed");
        System.out.println("the services' logs: " + logs);
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The embedded broker's and database's own log lines are not the run's figures. */
    static void quietBroker() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private RestartChaos() {
    }
}
