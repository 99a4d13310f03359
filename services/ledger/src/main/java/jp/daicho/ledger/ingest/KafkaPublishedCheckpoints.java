package jp.daicho.ledger.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import jp.daicho.events.ledger.LedgerCheckpointed;
import jp.daicho.ledger.chain.PublishedCheckpoints;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;

/**
 * Reads every {@code LedgerCheckpointed} of this ledger from the beginning of its topic (kept forever) to
 * its current end, without a consumer group: a verification reads them afresh each time.
 */
@Component
class KafkaPublishedCheckpoints implements PublishedCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublishedCheckpoints.class);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final ConsumerFactory<?, ?> consumers;
    private final String ledger;
    private final AvroSerde<LedgerCheckpointed> serde = AvroSerde.of(LedgerCheckpointed.class);

    KafkaPublishedCheckpoints(ConsumerFactory<?, ?> consumers, @Value(KafkaLedgerEvents.NAME) String ledger) {
        this.consumers = consumers;
        this.ledger = ledger;
    }

    @Override
    public Optional<Map<Long, List<String>>> read() {
        var noCommits = new Properties(); // positions of a one-off read are nobody's business
        noCommits.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<?, ?> consumer = consumers.createConsumer("daicho-ledger-anchors", null, "-anchors", noCommits)) {
            var partitions = consumer.partitionsFor(Topics.LEDGER_CHECKPOINTED, WITHIN).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, WITHIN);
            var published = new HashMap<Long, List<String>>();
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, WITHIN) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the checkpoint topic was not read to its end within " + WITHIN);
                }
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (ledger.equals(r.key()) && r.value() instanceof byte[] value) {
                        var checkpoint = serde.decode(value);
                        published.computeIfAbsent(checkpoint.getSeq(), k -> new ArrayList<>()).add(checkpoint.getHash());
                    }
                }
            }
            return Optional.of(published);
        } catch (RuntimeException e) {
            log.warn("The checkpoints published on Kafka could not be read; verifying against the stored ones only: {}",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
