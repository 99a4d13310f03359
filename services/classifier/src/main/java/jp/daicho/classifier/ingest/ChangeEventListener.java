package jp.daicho.classifier.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import jp.daicho.classifier.classification.CompanyLexicon;
import jp.daicho.classifier.classification.FieldClassifier;
import jp.daicho.classifier.publish.KafkaPublications;

/**
 * Kafka adapter: reads a batch of change events, hands each to the {@link ChangeEventHandler}, and returns
 * only once everything it published is acknowledged, so the batch's offsets are committed after its
 * outputs are safe (at-least-once; the inventory is idempotent).
 */
@Component
class ChangeEventListener {

    private final ChangeEventHandler handler;
    private final KafkaPublications publications;

    ChangeEventListener(ClassifierProperties properties, KafkaPublications publications, ReviewedFields reviewed) {
        this.publications = publications;
        this.handler = new ChangeEventHandler(new ChangeEventReader(properties.maxValueChars()),
                new FieldClassifier(companyLexicon(properties.lexiconFile())), publications,
                new ChangeEventHandler.Sampling(properties.sampleRows(), properties.resampleAfterEvents(),
                        properties.resampleAfter()), System::currentTimeMillis, reviewed);
    }

    @org.springframework.context.annotation.Bean
    static ReviewedFields reviewedFields() {
        return new ReviewedFields();
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

    // One consumer thread per instance: the handler's sampling state is not shared between threads.
    // Scale out with partitions and more instances in the consumer group.
    @KafkaListener(id = "change-events", idIsGroup = false, topicPattern = "${daicho.classifier.topic-pattern}",
            batch = "true", concurrency = "1")
    void on(List<ConsumerRecord<byte[], byte[]>> records) {
        for (var r : records) {
            handler.handle(r.topic(), r.partition(), r.offset(), r.key(), r.value());
        }
        try {
            publications.awaitAcknowledged();
        } catch (RuntimeException e) {
            // The batch will be redelivered: forget what it taught us so its outputs are published again.
            handler.forget();
            throw e;
        }
    }
}
