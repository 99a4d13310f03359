package jp.daicho.capture.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.daicho.capture.catalog.CatalogPublisher;
import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.events.catalog.SourceStatusReported;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;

/**
 * Publishes each source's {@link SourceStatus} on {@link Topics#SOURCE_STATUS_REPORTED} when an operator would see a
 * difference, and every {@link #HEARTBEAT} regardless, so a report that stops coming means capture is down.
 */
final class SourceStatusReporter implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(SourceStatusReporter.class);

    /** A source with its connector and, unless the catalog is never read, its catalog reader. */
    record Watched(CaptureProperties.Source source, SourceCapture capture, CatalogPublisher catalog) {
    }

    private final List<Watched> sources;
    private final Producer<String, byte[]> producer;
    private final AvroSerde<SourceStatusReported> serde = AvroSerde.of(SourceStatusReported.class);
    private final Map<String, SourceStatus> reported = new HashMap<>();
    private final Map<String, Long> reportedAt = new HashMap<>();
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "capture-status"));

    SourceStatusReporter(List<Watched> sources, Producer<String, byte[]> producer) {
        this.sources = List.copyOf(sources);
        this.producer = producer;
    }

    void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Each source's status now, from its connector and its catalog reader. */
    List<SourceStatus> statuses() {
        return sources.stream().map(SourceStatusReporter::status).toList();
    }

    private static SourceStatus status(Watched watched) {
        var catalog = watched.catalog();
        return SourceStatus.of(watched.source(), watched.capture().state(), watched.capture().failure(),
                catalog == null ? null : catalog.lastFailure(), catalog == null ? 0 : catalog.tables(),
                catalog == null ? 0 : catalog.lastReadAt(), watched.capture().lastChangeAt());
    }

    void report() {
        long now = System.currentTimeMillis();
        for (var watched : sources) {
            var status = status(watched);
            String name = watched.source().name();
            if (status.sameAs(reported.get(name)) && now - reportedAt.getOrDefault(name, 0L) < HEARTBEAT.toMillis()) {
                continue;
            }
            try {
                producer.send(new ProducerRecord<>(Topics.SOURCE_STATUS_REPORTED, name,
                        serde.encode(status.event(Instant.ofEpochMilli(now))))).get();
                if (!status.sameAs(reported.get(name))) {
                    log.info("Source '{}' is {}{}", name, status.state(), status.problem() == null ? "" : ": " + status.problem());
                }
                reported.put(name, status);
                reportedAt.put(name, now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Could not report the status of source '{}' ({}); trying again", name, e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
