package jp.daicho.classifier.publish;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import jp.daicho.classifier.ingest.ReviewedFields;
import jp.daicho.events.inventory.ClassificationReviewed;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;

/**
 * Reads the DPO's reviews from their compacted topic, from the beginning at every start and in a consumer
 * group of this instance's own (every instance needs every review), into {@link ReviewedFields}.
 */
@Component
class ReviewListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ReviewListener.class);

    private final AvroSerde<ClassificationReviewed> serde = AvroSerde.of(ClassificationReviewed.class);
    private final ReviewedFields reviewed;

    ReviewListener(ReviewedFields reviewed) {
        this.reviewed = reviewed;
    }

    @KafkaListener(id = "reviews", idIsGroup = false, topics = Topics.CLASSIFICATION_REVIEWED,
            groupId = "daicho-classifier-reviews-${random.uuid}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        for (var r : records) {
            if (r.value() == null) {
                continue;
            }
            try {
                var e = serde.decode(r.value());
                reviewed.reviewed(e.getDatasetId(), e.getColumn());
            } catch (RuntimeException e) {
                // A review we cannot read is the inventory's to fix; the inventory keeps the decision regardless.
                log.warn("Skipped an unreadable review at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                        e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToBeginning(assignments.keySet());
    }
}
