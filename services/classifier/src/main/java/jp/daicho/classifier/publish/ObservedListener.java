package jp.daicho.classifier.publish;

import org.springframework.stereotype.Component;

import jp.daicho.classifier.ingest.ObservedDatasets;
import jp.daicho.events.inventory.DatasetObserved;
import jp.daicho.schemas.Topics;

/**
 * Reads back what every classifier instance (this one too) told the inventory of each dataset into
 * {@link ObservedDatasets}: how the instances of a group agree on schema versions and neighbours.
 */
@Component
class ObservedListener extends StateTopic<DatasetObserved> {

    private final ObservedDatasets observed;

    ObservedListener(ObservedDatasets observed) {
        super(Topics.DATASET_OBSERVED, DatasetObserved.class);
        this.observed = observed;
    }

    @Override
    void apply(DatasetObserved event) {
        observed.observed(event.getDatasetId(), event.getSystem(), event.getDatabase(), event.getSchemaName(),
                event.getTable(), event.getSchemaFingerprint(), event.getDropped());
    }
}
