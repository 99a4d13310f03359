package jp.daicho.classifier.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import jp.daicho.classifier.ingest.SourceCatalogs;
import jp.daicho.events.catalog.SourceCatalogRead;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;

/**
 * Reads the source catalogs capture publishes (compacted), from the beginning at every start and in a consumer
 * group of this instance's own, into {@link SourceCatalogs}.
 */
@Component
class CatalogListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(CatalogListener.class);

    private final AvroSerde<SourceCatalogRead> serde = AvroSerde.of(SourceCatalogRead.class);
    private final SourceCatalogs catalogs;

    CatalogListener(SourceCatalogs catalogs) {
        this.catalogs = catalogs;
    }

    @KafkaListener(id = "catalogs", idIsGroup = false, topics = Topics.SOURCE_CATALOG_READ,
            groupId = "daicho-classifier-catalogs-${random.uuid}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        for (var r : records) {
            if (r.value() == null) {
                continue;
            }
            try {
                var e = serde.decode(r.value());
                var columns = new LinkedHashMap<String, SourceCatalogs.Column>();
                e.getColumns().forEach(c -> columns.put(c.getName(),
                        new SourceCatalogs.Column(c.getPrimaryKey(), c.getReferences(), c.getComment())));
                catalogs.read(e.getDatasetId(), columns);
            } catch (RuntimeException e) {
                // Without a catalog the classifier decides from names, types and values, as before.
                log.warn("Skipped an unreadable source catalog at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                        e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToBeginning(assignments.keySet());
    }
}
