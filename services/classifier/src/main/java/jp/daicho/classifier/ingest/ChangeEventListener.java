package jp.daicho.classifier.ingest;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

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

    ChangeEventListener(ClassifierProperties properties, KafkaPublications publications) {
        this.publications = publications;
        this.handler = new ChangeEventHandler(new ChangeEventReader(properties.maxValueChars()),
                new FieldClassifier(), publications, properties.sampleRows());
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
