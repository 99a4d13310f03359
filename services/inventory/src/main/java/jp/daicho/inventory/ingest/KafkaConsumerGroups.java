package jp.daicho.inventory.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import jp.daicho.inventory.readers.ConsumerGroups;
import jp.daicho.inventory.readers.ObservedReader;
import jp.daicho.vocabulary.ReaderKind;

/**
 * The consumer groups of the company's Kafka and the topics each reads: those it holds committed offsets for and those
 * its members are assigned. Daichō's own groups ({@code daicho.inventory.readers.own-groups}) are left out.
 */
@Component
class KafkaConsumerGroups implements ConsumerGroups, AutoCloseable {

    private final Admin admin;
    private final Set<String> own;

    KafkaConsumerGroups(KafkaAdmin kafka,
                 @Value("${daicho.inventory.readers.own-groups:daicho-classifier,daicho-inventory,daicho-ledger}") List<String> own) {
        this.admin = Admin.create(kafka.getConfigurationProperties());
        this.own = Set.copyOf(own);
    }

    @Override
    public List<ObservedReader> scan() throws InterruptedException, ExecutionException, TimeoutException {
        var groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS).stream()
                .map(g -> g.groupId()).filter(g -> !own.contains(g)).sorted().toList();
        if (groups.isEmpty()) {
            return List.of();
        }
        var specs = new java.util.HashMap<String, ListConsumerGroupOffsetsSpec>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        var offsets = admin.listConsumerGroupOffsets(specs);
        var described = admin.describeConsumerGroups(groups).describedGroups();
        var readers = new ArrayList<ObservedReader>();
        for (String group : groups) {
            var topics = new TreeSet<String>();
            // Each group on its own: one deleted meanwhile is gone; any other failure fails the look (what was seen stays).
            try {
                Map<TopicPartition, ?> committed = offsets.partitionsToOffsetAndMetadata(group).get(30, TimeUnit.SECONDS);
                committed.keySet().forEach(tp -> topics.add(tp.topic()));
                described.get(group).get(30, TimeUnit.SECONDS).members()
                        .forEach(m -> m.assignment().topicPartitions().forEach(tp -> topics.add(tp.topic())));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                    continue;
                }
                throw e;
            }
            if (!topics.isEmpty()) {
                readers.add(new ObservedReader(ReaderKind.CONSUMER_GROUP, group, List.copyOf(topics),
                        "topics " + String.join(", ", topics)));
            }
        }
        return readers;
    }

    @Override
    public void close() {
        admin.close();
    }
}
