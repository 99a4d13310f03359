package jp.daicho.classifier.publish;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import jp.daicho.classifier.ingest.ReviewedFields;
import jp.daicho.events.inventory.ClassificationReviewed;
import jp.daicho.schemas.Topics;

/**
 * Reads the DPO's reviews into {@link ReviewedFields}. A review it cannot read is the inventory's to fix; the
 * inventory keeps the decision regardless.
 */
@Component
class ReviewListener extends StateTopicListener<ClassificationReviewed> {

    private final ReviewedFields reviewed;

    ReviewListener(ReviewedFields reviewed) {
        super(ClassificationReviewed.class);
        this.reviewed = reviewed;
    }

    @KafkaListener(id = "reviews", idIsGroup = false, topics = Topics.CLASSIFICATION_REVIEWED,
            groupId = "daicho-classifier-reviews-${random.uuid}", batch = "true")
    void on(List<ConsumerRecord<byte[], byte[]>> records) {
        read(records);
    }

    @Override
    void apply(ClassificationReviewed event) {
        reviewed.reviewed(event.getDatasetId(), event.getColumn());
    }
}
