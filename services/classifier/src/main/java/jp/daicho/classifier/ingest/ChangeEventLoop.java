package jp.daicho.classifier.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier's consumer: one thread owning one {@link Consumer} of the change-event topics (by
 * pattern, so new tables are picked up), handing every record to the {@link ChangeEventHandler}.
 *
 * <p>At-least-once: offsets are committed only after the outputs of the records before them are
 * acknowledged by Kafka ({@link Publications#awaitAcknowledged()}). Commits are asynchronous and made
 * every {@code commitInterval} or when the topics are read to their end, and synchronously when partitions
 * are revoked or the loop stops; a commit lost in a crash only means events are read again, which the
 * handler and the idempotent inventory absorb. When Kafka refuses our outputs, the handler forgets what
 * the batch taught it (so the outputs are published again), the partitions are rewound to the batch's
 * first offsets and the batch is read again after a backoff growing to 30 s, for as long as it takes:
 * no change event goes unclassified. Bad events never get here: the handler dead-letters them.
 *
 * <p>A plain loop rather than Spring's listener container: this is the service's hot path, and the
 * container's per-batch bookkeeping measurably cost throughput (docs/classification.md, benchmark).
 */
final class ChangeEventLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ChangeEventLoop.class);
    /** How long a poll waits for records when there are none; then the position read so far is committed. */
    private static final Duration POLL = Duration.ofMillis(100);
    static final long FIRST_BACKOFF_MILLIS = 500;
    static final long MAX_BACKOFF_MILLIS = 30_000;

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Pattern topics;
    private final ChangeEventHandler handler;
    private final Publications publications;
    private final long commitIntervalMillis;
    private final LongSupplier clock;
    /** Next offset per partition whose records are handled and their outputs acknowledged. */
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    private volatile boolean running = true;
    private volatile Consumer<byte[], byte[]> consumer;
    private boolean uncommitted;
    private long lastCommit;
    private int failures;
    private volatile long acknowledged;
    private volatile long firstRecordNanos;

    ChangeEventLoop(Supplier<Consumer<byte[], byte[]>> consumers, Pattern topics, ChangeEventHandler handler,
                    Publications publications, Duration commitInterval) {
        this.consumers = consumers;
        this.topics = topics;
        this.handler = handler;
        this.publications = publications;
        this.commitIntervalMillis = commitInterval.toMillis();
        this.clock = System::currentTimeMillis;
    }

    @Override
    public void run() {
        while (running) {
            try {
                consume();
            } catch (RuntimeException e) {
                // Kafka itself failed us (authorization, a broken cluster): a new consumer after a pause.
                failures++;
                log.error("The change-event consumer failed, starting a new one: {}", e.getClass().getSimpleName());
                pause(backoff());
            }
        }
    }

    private void consume() {
        try (var c = consumers.get()) {
            consumer = c;
            if (!running) {
                return; // stopped before the consumer existed to be woken
            }
            c.subscribe(topics, new CommitBeforeRevoking(c));
            try {
                while (running) {
                    var records = c.poll(POLL);
                    if (records.isEmpty()) {
                        idle();
                        commit(c, false); // read to the end: make the position durable now
                    } else {
                        handle(c, records);
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    throw e;
                }
            } finally {
                commitNow(c);
                done.clear();
            }
        }
    }

    /** Change events handled so far whose outputs Kafka acknowledged (retries not counted twice). */
    long acknowledged() {
        return acknowledged;
    }

    /** {@link System#nanoTime()} when the first records arrived; 0 before. */
    long firstRecordNanos() {
        return firstRecordNanos;
    }

    /** Ends the loop after the batch in hand; its acknowledged work is committed before the consumer closes. */
    void stop() {
        running = false;
        var c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void handle(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        if (firstRecordNanos == 0) {
            firstRecordNanos = System.nanoTime();
        }
        try {
            for (var r : records) {
                handler.handle(r.topic(), r.partition(), r.offset(), r.key(), r.value());
            }
            publications.awaitAcknowledged();
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            retryLater(c, records, e);
            return;
        }
        failures = 0;
        acknowledged += records.count();
        for (var partition : records.partitions()) {
            var list = records.records(partition);
            done.put(partition, new OffsetAndMetadata(list.getLast().offset() + 1));
        }
        uncommitted = true;
        commit(c, true);
    }

    /**
     * No change events: what the source catalogs and the other instances brought meanwhile (tables with no rows,
     * dropped ones, versions confirmed elsewhere) is applied.
     */
    private void idle() {
        try {
            handler.sharedStateChanged();
            publications.awaitAcknowledged();
        } catch (RuntimeException e) {
            handler.forget(); // published again at the next idle poll
            log.warn("Publishing what the source catalogs brought failed, will retry: {}", e.getClass().getSimpleName());
        }
    }

    private void retryLater(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records, RuntimeException e) {
        handler.forget();
        for (var partition : records.partitions()) {
            c.seek(partition, records.records(partition).getFirst().offset());
        }
        failures++;
        long backoff = backoff();
        // The kind of failure only: a message could quote what it failed on.
        log.warn("Attempt {} to classify a batch of {} change events failed, will retry in {} ms: {}", failures,
                records.count(), backoff, e.getClass().getSimpleName());
        pause(backoff);
    }

    private long backoff() {
        return Math.min(FIRST_BACKOFF_MILLIS << Math.min(failures - 1, 16), MAX_BACKOFF_MILLIS);
    }

    /** Waits {@code millis}, or less when the loop is stopped meanwhile. */
    private void pause(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void commit(Consumer<byte[], byte[]> c, boolean onlyWhenDue) {
        if (!uncommitted || (onlyWhenDue && clock.getAsLong() - lastCommit < commitIntervalMillis)) {
            return;
        }
        // Every partition's position each time: a commit that failed is made good by the next one.
        c.commitAsync(Map.copyOf(done), (offsets, error) -> {
            if (error != null) {
                log.warn("Committing change-event offsets failed (they are committed again with the next): {}",
                        error.getClass().getSimpleName());
            }
        });
        uncommitted = false;
        lastCommit = clock.getAsLong();
    }

    private void commitNow(Consumer<byte[], byte[]> c) {
        if (!done.isEmpty()) {
            try {
                c.commitSync(Map.copyOf(done));
                uncommitted = false;
            } catch (RuntimeException e) {
                log.warn("Committing change-event offsets failed (those events will be read again): {}",
                        e.getClass().getSimpleName());
            }
        }
    }

    /** Partitions leaving this instance take their acknowledged positions with them. */
    private final class CommitBeforeRevoking implements ConsumerRebalanceListener {

        private final Consumer<byte[], byte[]> c;

        CommitBeforeRevoking(Consumer<byte[], byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitNow(c);
            done.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                log.info("Reading change events of {} partitions", partitions.size());
            }
        }
    }
}
