package jp.daicho.capture.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;

/**
 * Runs one Debezium embedded engine for one source database on its own thread, restarting it after a
 * failure (from the last committed offset) until {@link #close()}.
 */
final class SourceCapture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceCapture.class);

    private final String name;
    /**
     * The engine's configuration, made on the capture's own thread before each (re)start, told whether the engine
     * failed since it last streamed: it may ask the source, and refuse ({@link SlotCheck.Refused}).
     */
    private final EngineConfig config;
    private final ChangeEventPublisher publisher;
    private final Duration restartBackoff;
    private final ExecutorService executor;
    private volatile DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private volatile boolean closed;
    private volatile SourceStatus.State state = SourceStatus.State.STARTING;
    /** Why the engine last stopped: the kind of failure only (a message could quote what it failed on). */
    private volatile String failure;

    /** Makes the engine's configuration before each (re)start. */
    @FunctionalInterface
    interface EngineConfig {
        Properties make(boolean afterFailure);
    }

    SourceCapture(String name, EngineConfig config, Producer<byte[], byte[]> producer, ChangeTopics topics,
                  Duration restartBackoff) {
        this.name = name;
        this.config = config;
        this.publisher = new ChangeEventPublisher(producer, topics);
        this.restartBackoff = restartBackoff;
        this.executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "capture-" + name));
    }

    void start() {
        executor.execute(this::runUntilClosed);
    }

    /** The longest wait between two restarts of a source that keeps failing. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** Restarts since the connector last streamed: the wait doubles with each, up to {@link #MAX_BACKOFF}. */
    private volatile int failures;
    /** The last failure logged at ERROR: the same failure again is logged once in ten attempts, as a warning. */
    private String lastLogged;
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

    static Duration backoff(Duration first, int failures) {
        if (failures <= 1) {
            return first;
        }
        Duration wait = first.multipliedBy(1L << Math.min(failures - 1, 16));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private void runUntilClosed() {
        while (!closed) {
            // Restarting after a failure is still failing, until the connector's task runs.
            state = failures > 0 ? SourceStatus.State.FAILING : SourceStatus.State.STARTING;
            var stopped = new java.util.concurrent.atomic.AtomicReference<String>();
            // Connect records, written as JSON by the publisher: the same bytes as Debezium's Json format, faster.
            try (var running = DebeziumEngine.create(Connect.class)
                    .using(writingWith(config.make(failures > 0)))
                    .notifying(publisher)
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            state = SourceStatus.State.STREAMING;
                            failure = null;
                            failures = 0;
                            lastLogged = null;
                        }
                    })
                    .using((success, message, error) -> {
                        if (!success && !closed) {
                            state = SourceStatus.State.FAILING;
                            failure = error == null ? "the connector stopped" : "the connector stopped with "
                                    + (error.getCause() != null ? error.getCause() : error).getClass().getSimpleName();
                            stopped.set(message);
                        }
                    })
                    .build()) {
                engine = running;
                log.info("Capture of source '{}' starting", name);
                running.run();
            } catch (SlotCheck.Refused refused) {
                // Not started: what is wrong and how to allow it, as the source's problem, until it is fixed.
                state = SourceStatus.State.FAILING;
                failure = refused.getMessage();
                stopped.set(refused.getMessage());
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    state = SourceStatus.State.FAILING;
                    failure = failure != null ? failure : "the connector failed with " + e.getClass().getSimpleName();
                    stopped.compareAndSet(null, e.toString());
                }
            }
            if (stopped.get() != null && !closed) {
                failed(stopped.get());
            }
            if (!closed) {
                sleep(backoff(restartBackoff, failures));
            }
        }
    }

    /** The engine's configuration; the publisher writes records with its converter settings. */
    private Properties writingWith(Properties engineConfig) {
        publisher.writeWith(new ChangeEventJson(engineConfig));
        return engineConfig;
    }

    /** Counts a failure and logs it: a new one at ERROR, the same one again only now and then. */
    private void failed(String message) {
        failures++;
        Duration next = backoff(restartBackoff, failures);
        if (!message.equals(lastLogged)) {
            log.error("Capture of source '{}' stopped, restarting in {}: {}", name, next, message);
            lastLogged = message;
        } else if (failures % 10 == 0) {
            log.warn("Capture of source '{}' still fails the same way after {} attempts; next in {}", name, failures, next);
        }
    }

    /** Whether the connector streams, and if it failed, the kind of failure (never its message). */
    SourceStatus.State state() {
        return state;
    }

    String failure() {
        return state == SourceStatus.State.FAILING ? failure : null;
    }

    long lastChangeAt() {
        return publisher.lastAcknowledgedAt();
    }

    /** Change events of this source Kafka acknowledged since capture started. */
    long published() {
        return publisher.published();
    }

    /** How far behind the source the last published change was, in milliseconds; -1 before the first. */
    long lagMillis() {
        return publisher.lagMillis();
    }

    String name() {
        return name;
    }

    /** Waits, or less when the capture is closed meanwhile. */
    private void sleep(Duration duration) {
        try {
            closing.await(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        var current = engine;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                log.warn("Capture of source '{}' did not close cleanly: {}", name, e.toString());
            }
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Capture of source '{}' stopped", name);
    }
}
