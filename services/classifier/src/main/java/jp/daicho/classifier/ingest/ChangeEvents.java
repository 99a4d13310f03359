package jp.daicho.classifier.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import jp.daicho.classification.CompanyLexicon;
import jp.daicho.classification.FieldClassifier;
import jp.daicho.classifier.publish.KafkaPublications;
import jp.daicho.classifier.publish.StateTopics;

/**
 * The service's entry point for change events: runs the {@link ChangeEventLoop} on a thread of its own
 * from start to stop of the application, with the consumer settings of {@code spring.kafka.consumer.*}.
 * One consumer thread per instance (the handler's sampling state is not shared between threads); scale
 * out with partitions and more instances in the consumer group. What the instances must agree on — a dataset's
 * schema version, a table's neighbours — they share through the dataset-observed topic ({@link ObservedDatasets}),
 * which an instance reads to its end ({@link StateTopics}) before it handles its first change event.
 */
@Component
public class ChangeEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeEvents.class);

    private final ChangeEventLoop loop;
    private final boolean autoStartup;
    private final StateTopics state;
    private final Duration stateCatchUp;
    private Thread thread;
    private volatile boolean waitingForState;

    ChangeEvents(ClassifierProperties properties, KafkaPublications publications, ReviewedFields reviewed,
                 SourceCatalogs catalogs, ObservedDatasets observed, StateTopics state, ConsumerFactory<?, ?> consumers) {
        this.state = state;
        this.stateCatchUp = properties.stateCatchUp();
        var handler = new ChangeEventHandler(new ChangeEventReader(properties.maxValueChars(), properties.schemaRegistry().registry()),
                new FieldClassifier(companyLexicon(properties.lexiconFile())), publications,
                new ChangeEventHandler.Sampling(properties.sampleRows(), properties.resampleAfterEvents(),
                        properties.resampleAfter()), System::currentTimeMillis, reviewed, catalogs, observed,
                new ChangeEventHandler.Guard(new Provenance(properties.topicCheck(), properties.sources(), catalogs),
                        properties.confirmEvents()));
        this.loop = new ChangeEventLoop(() -> bytes(consumers.createConsumer()),
                Pattern.compile(properties.topicPattern()), handler, publications, properties.commitInterval());
        this.autoStartup = properties.autoStartup();
    }

    /** The consumer of {@code spring.kafka.consumer.*}, whose deserializers are configured as byte arrays. */
    @SuppressWarnings("unchecked")
    private static Consumer<byte[], byte[]> bytes(Consumer<?, ?> consumer) {
        return (Consumer<byte[], byte[]>) consumer;
    }

    @Bean
    static ReviewedFields reviewedFields() {
        return new ReviewedFields();
    }

    @Bean
    static SourceCatalogs sourceCatalogs() {
        return new SourceCatalogs();
    }

    @Bean
    static ObservedDatasets observedDatasets() {
        return new ObservedDatasets();
    }

    /** The company's lexicon file, if configured; a broken file stops the start with what to fix. */
    static CompanyLexicon companyLexicon(String file) {
        if (file.isBlank()) {
            return CompanyLexicon.NONE;
        }
        try {
            return CompanyLexicon.fromYaml(Files.readString(Path.of(file), StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new IllegalStateException("daicho.classifier.lexicon-file " + file + " cannot be read: " + e, e);
        }
    }

    /**
     * How far this instance got: change events handled with their outputs acknowledged, and when the first
     * arrived ({@link System#nanoTime()}, 0 before). For the benchmark and operators' checks.
     */
    public record Progress(long acknowledged, long firstRecordNanos) {
    }

    public Progress progress() {
        return new Progress(loop.acknowledged(), loop.firstRecordNanos());
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            waitingForState = true;
            thread = Thread.ofPlatform().name("daicho-change-events").start(this::run);
        }
    }

    /** Once the state topics are read (or {@code state-catch-up} has passed), the change events. */
    private void run() {
        try {
            if (!state.awaitCaughtUp(stateCatchUp)) {
                log.warn("The state topics were not read to their end within {} (is Kafka reachable?): reading change "
                        + "events regardless; what the other instances published is applied as it arrives", stateCatchUp);
            }
        } catch (InterruptedException stopped) {
            return;
        } finally {
            waitingForState = false;
        }
        loop.run();
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            loop.stop();
            if (waitingForState) {
                thread.interrupt(); // not yet in the loop, whose Kafka consumer an interrupt would break
            }
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }
}
