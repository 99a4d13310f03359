package jp.daicho.capture.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;

/**
 * Runs one Debezium embedded engine for one source database on its own thread, restarting it after a
 * failure (from the last committed offset) until {@link #close()}.
 */
final class SourceCapture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceCapture.class);

    private final String name;
    /** The engine's configuration, made on the capture's own thread before each (re)start: it may ask the source. */
    private final java.util.function.Supplier<Properties> config;
    private final ChangeEventPublisher publisher;
    private final Duration restartBackoff;
    private final ExecutorService executor;
    private volatile DebeziumEngine<ChangeEvent<String, String>> engine;
    private volatile boolean closed;
    private volatile SourceStatus.State state = SourceStatus.State.STARTING;
    /** Why the engine last stopped: the kind of failure only (a message could quote what it failed on). */
    private volatile String failure;

    SourceCapture(String name, java.util.function.Supplier<Properties> config, Producer<String, String> producer, ChangeTopics topics,
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

    private void runUntilClosed() {
        while (!closed) {
            state = SourceStatus.State.STARTING;
            try (var running = DebeziumEngine.create(Json.class)
                    .using(config.get())
                    .notifying(publisher)
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            state = SourceStatus.State.STREAMING;
                            failure = null;
                        }
                    })
                    .using((success, message, error) -> {
                        if (!success && !closed) {
                            state = SourceStatus.State.FAILING;
                            failure = error == null ? "the connector stopped" : "the connector stopped with "
                                    + (error.getCause() != null ? error.getCause() : error).getClass().getSimpleName();
                            log.error("Capture of source '{}' stopped: {}", name, message);
                        }
                    })
                    .build()) {
                engine = running;
                log.info("Capture of source '{}' starting", name);
                running.run();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    state = SourceStatus.State.FAILING;
                    failure = failure != null ? failure : "the connector failed with " + e.getClass().getSimpleName();
                    log.error("Capture of source '{}' failed, restarting in {}: {}", name, restartBackoff, e.toString());
                }
            }
            if (!closed) {
                sleep(restartBackoff);
            }
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

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
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
