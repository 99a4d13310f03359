package jp.daicho.classifier.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Our compacted topics that every classifier instance reads whole — the source catalogs, the DPO's reviews, the
 * datasets the instances observed — from the beginning at each start, and then follows. One consumer on a thread of
 * its own with every partition assigned: no consumer group, since each instance needs all of it. A topic that does not
 * exist yet (the reviews, before the inventory first ran) is looked for again every few seconds and read once it does.
 *
 * <p>The change-event loop waits until the topics are read to the end they had at start ({@link #awaitCaughtUp}), so a
 * new or restarted instance decides with what the others already published, not from a blank memory.
 */
@Component
public class StateTopics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StateTopics.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How often topics not there yet, or new partitions, are looked for. */
    private static final Duration LOOKUP = Duration.ofSeconds(5);

    private final Map<String, StateTopic<?>> byTopic;
    private final ConsumerFactory<?, ?> consumers;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Consumer<byte[], byte[]> consumer;
    private Thread thread;
    private long read;

    StateTopics(List<StateTopic<?>> topics, ConsumerFactory<?, ?> consumers) {
        this.byTopic = topics.stream().collect(Collectors.toUnmodifiableMap(StateTopic::topic, Function.identity()));
        this.consumers = consumers;
    }

    /**
     * Waits until every state topic is read to the end it had when this instance started, at most {@code atMost}.
     *
     * @return whether they are
     */
    public boolean awaitCaughtUp(Duration atMost) throws InterruptedException {
        return caughtUp.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        while (running) {
            try (var c = newConsumer()) {
                consumer = c;
                if (running) {
                    follow(c);
                }
            } catch (WakeupException e) {
                // stopped
            } catch (RuntimeException e) {
                log.warn("Reading the state topics failed, reading them again in {}: {}", LOOKUP,
                        e.getClass().getSimpleName());
                pause();
            }
        }
    }

    private void follow(Consumer<byte[], byte[]> c) {
        var assigned = new HashSet<TopicPartition>();
        var ends = new HashMap<TopicPartition, Long>(); // where "read to the end" is, until it is reached
        long nextLookup = System.nanoTime();
        while (running) {
            if (System.nanoTime() - nextLookup >= 0) {
                var found = partitions(c);
                found.removeAll(assigned);
                if (!found.isEmpty()) {
                    assigned.addAll(found);
                    c.assign(assigned);
                    c.seekToBeginning(found);
                    if (!caughtUp()) {
                        ends.putAll(c.endOffsets(found));
                    }
                }
                nextLookup = System.nanoTime() + LOOKUP.toNanos();
            }
            for (var r : c.poll(POLL)) {
                byTopic.get(r.topic()).read(r);
                read++;
            }
            if (!caughtUp() && ends.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                caughtUp.countDown();
                log.info("Read the state topics to their end ({} events): {}", read, byTopic.keySet());
            }
        }
    }

    private Set<TopicPartition> partitions(Consumer<byte[], byte[]> c) {
        var partitions = new HashSet<TopicPartition>();
        for (String topic : byTopic.keySet()) {
            c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    /** The consumer of {@code spring.kafka.consumer.*} (deserializers are byte arrays); it never creates a topic. */
    @SuppressWarnings("unchecked")
    private Consumer<byte[], byte[]> newConsumer() {
        var overrides = new Properties();
        overrides.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return (Consumer<byte[], byte[]>) consumers.createConsumer(null, null, "-state", overrides);
    }

    private void pause() {
        long until = System.nanoTime() + LOOKUP.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().name("daicho-state-topics").start(this::run);
        }
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            running = false;
            var c = consumer;
            if (c != null) {
                c.wakeup();
            }
            try {
                thread.join(Duration.ofSeconds(10));
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
}
