package jp.daicho.capture.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import jp.daicho.capture.catalog.CatalogPublisher;
import jp.daicho.capture.catalog.CatalogReader;
import jp.daicho.capture.catalog.Publication;
import jp.daicho.capture.catalog.SourceProblems;
import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.capture.source.DebeziumConfig;
import jp.daicho.schemas.Topics;

/** Starts one {@link SourceCapture} per configured source with the application, closes them with it. */
@Component
class CaptureRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaptureRunner.class);
    /** How often each source's status is looked at (published only when it changed, or as a heartbeat). */
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);

    private final CaptureProperties properties;
    private final List<SourceCapture> captures = new ArrayList<>();
    private final List<CatalogPublisher> catalogs = new ArrayList<>();
    private Producer<byte[], byte[]> producer;
    /** Catalogs and statuses: our own compacted state topics. */
    private Producer<String, byte[]> stateProducer;
    private SourceStatusReporter status;
    private Admin admin;
    private volatile boolean running;

    CaptureRunner(CaptureProperties properties) {
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        var offsets = DebeziumConfig.Offsets.of(properties);
        if (offsets instanceof DebeziumConfig.Offsets.InDirectory(var directory)) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the offset directory " + directory
                        + ": make it writable for this service, or leave daicho.capture.offset-directory unset to keep"
                        + " the offsets in Kafka", e);
            }
        }
        producer = new KafkaProducer<>(properties.kafkaClient(Map.of(
                // Every change event must survive a broker failover, once: acks=all with idempotence.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // A batch of the engine's (up to 4,096 events of ~1-2 KB) in few requests.
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                // zstd (native, through zstd-jni): lz4-java runs its pure-Java code on this JDK, and was the largest
                // cost left after the JSON (bin/daicho-bench capture: lz4 5,617-6,406 events/s, zstd 7,609-11,532).
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.CLIENT_ID_CONFIG, "daicho-capture")),
                new ByteArraySerializer(), new ByteArraySerializer());
        admin = Admin.create(properties.kafkaClient(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "daicho-capture-admin")));
        var topics = new ChangeTopics(admin, properties.changeTopicRetention());
        if (!properties.sources().isEmpty()) {
            log.info("Source offsets are kept {}", offsets.describe());
        }
        for (int i = 0; i < properties.sources().size(); i++) {
            var source = properties.sources().get(i);
            int index = i;
            log.info("Capturing {}", source);
            var capture = new SourceCapture(source.name(), afterFailure -> engineConfig(source, index, offsets, afterFailure),
                    producer, topics, properties.restartBackoff());
            captures.add(capture);
            capture.start();
        }
        if (!properties.sources().isEmpty()) {
            startCatalogsAndStatus();
        }
        if (captures.isEmpty()) {
            log.warn("No source configured under daicho.capture.sources: nothing is captured");
        }
        running = true;
    }

    /**
     * A source's engine configuration before each (re)start, asking a PostgreSQL source once, on one connection: may
     * its publication be FOR ALL TABLES, and is its replication slot still the one capture read from ({@link SlotCheck},
     * which may refuse).
     */
    private Properties engineConfig(CaptureProperties.Source source, int index, DebeziumConfig.Offsets offsets,
                                    boolean afterFailure) {
        var kafka = properties.kafkaClient(Map.of());
        if (source.kind().binlog()) {
            return DebeziumConfig.forSource(source, offsets, false, kafka); // no publication, no slot: the binary log
        }
        try (var connection = CatalogReader.connect(source)) {
            var engine = DebeziumConfig.forSource(source, offsets, Publication.mayPublishAllTables(connection), kafka);
            SlotCheck.before(source, index, engine, afterFailure, connection);
            return engine;
        } catch (SQLException e) {
            // The catalog reader says what is wrong with the source, once; the engine's own failure follows.
            log.debug("Source '{}': {}", source.name(), SourceProblems.explain(e, source));
            return DebeziumConfig.forSource(source, offsets, false, kafka);
        }
    }

    /**
     * Each source's catalog (keys, foreign keys, comments) on a compacted topic of its own, read again on an interval
     * (unless that is zero), and each source's status on another.
     */
    private void startCatalogsAndStatus() {
        createCompactedTopics(Topics.SOURCE_CATALOG_READ, Topics.SOURCE_STATUS_REPORTED, Topics.SOURCE_READERS_OBSERVED);
        stateProducer = new KafkaProducer<>(properties.kafkaClient(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "daicho-capture-catalog")),
                new StringSerializer(), new ByteArraySerializer());
        var watched = new ArrayList<SourceStatusReporter.Watched>();
        for (int i = 0; i < properties.sources().size(); i++) {
            var source = properties.sources().get(i);
            CatalogPublisher catalog = null;
            if (!properties.catalogInterval().isZero()) {
                catalog = new CatalogPublisher(source, stateProducer, properties.kafkaClient(Map.of()));
                catalogs.add(catalog);
                catalog.start(properties.catalogInterval());
            }
            watched.add(new SourceStatusReporter.Watched(source, captures.get(i), catalog));
        }
        status = new SourceStatusReporter(watched, stateProducer);
        status.start(STATUS_INTERVAL);
    }

    private void createCompactedTopics(String... names) {
        var topics = Arrays.stream(names).map(name -> new NewTopic(name,
                Optional.empty(), Optional.empty()).configs(Map.of("cleanup.policy", "compact"))).toList();
        admin.createTopics(topics).values().forEach((name, created) -> {
            try {
                created.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    log.warn("Could not create {}: {}", name, e.getCause().getClass().getSimpleName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public synchronized void stop() {
        if (status != null) {
            status.close();
            status = null;
        }
        catalogs.forEach(CatalogPublisher::close);
        catalogs.clear();
        if (stateProducer != null) {
            stateProducer.close();
        }
        captures.forEach(SourceCapture::close);
        captures.clear();
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
        running = false;
    }

    /** Each configured source's status now; empty before start and after stop. */
    synchronized List<SourceStatus> statuses() {
        return status == null ? List.of() : status.statuses();
    }

    /** The running capture of the source of that name, if capture runs. */
    synchronized Optional<SourceCapture> capture(String name) {
        return captures.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
