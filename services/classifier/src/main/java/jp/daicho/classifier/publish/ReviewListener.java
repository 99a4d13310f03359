package jp.daicho.classifier.publish;

import org.springframework.stereotype.Component;

import jp.daicho.classifier.ingest.ReviewedFields;
import jp.daicho.events.inventory.ClassificationReviewed;
import jp.daicho.schemas.Topics;

/**
 * Reads the DPO's reviews into {@link ReviewedFields}. A review it cannot read is the inventory's to fix; the
 * inventory keeps the decision regardless.
 */
@Component
class ReviewListener extends StateTopic<ClassificationReviewed> {

    private final ReviewedFields reviewed;

    ReviewListener(ReviewedFields reviewed) {
        super(Topics.CLASSIFICATION_REVIEWED, ClassificationReviewed.class);
        this.reviewed = reviewed;
    }

    @Override
    void apply(ClassificationReviewed event) {
        reviewed.reviewed(event.getDatasetId(), event.getColumn());
    }
}
