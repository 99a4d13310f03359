package jp.daicho.classifier.ingest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * acknowledged by Kafka ({@link Publications#published()}). The loop does not wait for a batch's
 * acknowledgement before reading the next: up to {@link #MAX_IN_FLIGHT} batches' outputs are on their way
 * while it goes on, and a batch's offsets become committable once its outputs and those of every batch
 * before it are acknowledged. (Waiting for each batch cost a broker round trip per poll: a flood of bad
 * events, each dead-lettered, slowed the good ones among them eightfold; docs/operations.md, fuzzing.)
 * Commits are asynchronous and made every {@code commitInterval} or when the topics are read to their end,
 * and synchronously, after every batch in flight is acknowledged, when partitions are revoked or the loop
 * stops; a commit lost in a crash only means events are read again, which the handler and the idempotent
 * inventory absorb. When Kafka refuses our outputs, the handler forgets what it learnt (so the outputs are
 * published again), the partitions are rewound to the first offsets not acknowledged and read again after
 * a backoff growing to 30 s, for as long as it takes: no change event goes unclassified. Bad events never
 * get here: the handler dead-letters them.
 *
 * <p>The handler runs on a thread of its own, one batch after the other, while this thread polls the next batches
 * (up to {@link #HANDLING_AHEAD} are given to it): fetching and decompressing records costs more than handling them,
 * and overlapped the handling stays off the fetching's way (docs/operations.md, benchmark). Only the handler's thread
 * handles and publishes; this one rewinds or tells the handler of the shared state only once every batch given to the
 * handler is handled, and takes each batch's outputs' acknowledgement from the handler's thread, in order.
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
    /** Batches whose outputs may be unacknowledged while the next is read; the loop waits beyond that. */
    static final int MAX_IN_FLIGHT = 8;
    /** Batches given to the handler's thread and not yet taken back; polling waits for the oldest beyond that. */
    static final int HANDLING_AHEAD = 2;

    /** A batch handled whose outputs are on their way: where its partitions start and where they go on after it. */
    private record InFlight(CompletableFuture<Void> acknowledged, Map<TopicPartition, Long> first,
                            Map<TopicPartition, OffsetAndMetadata> next, int count) {

        static InFlight of(CompletableFuture<Void> acknowledged, ConsumerRecords<byte[], byte[]> records) {
            var first = new HashMap<TopicPartition, Long>();
            var next = new HashMap<TopicPartition, OffsetAndMetadata>();
            for (var partition : records.partitions()) {
                var list = records.records(partition);
                first.put(partition, list.getFirst().offset());
                next.put(partition, new OffsetAndMetadata(list.getLast().offset() + 1));
            }
            return new InFlight(acknowledged, first, next, records.count());
        }
    }

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Pattern topics;
    private final ChangeEventHandler handler;
    private final Publications publications;
    private final long commitIntervalMillis;
    private final LongSupplier clock;
    /** Next offset per partition whose records are handled and their outputs acknowledged. */
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    /** Batches handled, oldest first, whose outputs are not known to be acknowledged yet. */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    /** Batches given to the handler's thread, oldest first; this thread polls on while they are handled. */
    private final ArrayDeque<Handling> handling = new ArrayDeque<>();
    private ExecutorService handlerThread;
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

    /**
     * A batch given to the handler's thread: done, with its outputs' acknowledgement, when every record of it is
     * handled; failed when sending failed outright (Kafka's buffer full for too long).
     */
    private record Handling(ConsumerRecords<byte[], byte[]> records, CompletableFuture<CompletableFuture<Void>> handled) {
    }

    @Override
    public void run() {
        String name = Thread.currentThread().getName() + "-handler";
        handlerThread = Executors.newSingleThreadExecutor(task -> Thread.ofPlatform().name(name).daemon().unstarted(task));
        try {
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
        } finally {
            handlerThread.shutdown();
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
                    // While batches are being handled, only what is fetched already: their end is not kept waiting
                    // for records that may not come.
                    boolean handlingSome = !handling.isEmpty();
                    var records = c.poll(handlingSome ? Duration.ZERO : POLL);
                    if (!records.isEmpty()) {
                        if (handling.size() < HANDLING_AHEAD || finishOldest(c, records)) {
                            startHandling(records);
                        }
                    } else if (handlingSome) {
                        finishOldest(c, records);
                    } else if (idle(c)) {
                        commit(c, false); // read to the end: make the position durable now
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    throw e;
                }
            } finally {
                commitNow(c);
                done.clear();
                inFlight.clear();
                handling.clear();
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

    /** Gives a batch to the handler's thread; this thread goes on to poll the next. */
    private void startHandling(ConsumerRecords<byte[], byte[]> records) {
        if (firstRecordNanos == 0) {
            firstRecordNanos = System.nanoTime();
        }
        handling.add(new Handling(records, CompletableFuture.supplyAsync(() -> {
            try {
                for (var r : records) {
                    handler.handle(r.topic(), r.partition(), r.offset(), r.key(), r.value());
                }
            } catch (RuntimeException e) {
                publications.published(); // what the batch sent so far goes with it
                throw e;
            }
            return publications.published();
        }, handlerThread)));
    }

    /**
     * Waits for the oldest batch given to the handler, puts it among the batches in flight and settles them. False
     * when its handling failed or Kafka refused a batch in flight: then every batch given to the handler is waited
     * for, and they, those in flight and {@code next} (read meanwhile, not handled) are read again after a backoff.
     */
    private boolean finishOldest(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> next) {
        RuntimeException failed = awaitOldest();
        if (failed == null) {
            if (settle(MAX_IN_FLIGHT)) {
                commit(c, true);
                return true;
            }
            failed = refusal();
        }
        awaitHandling();
        if (!next.isEmpty()) {
            inFlight.add(InFlight.of(CompletableFuture.failedFuture(failed), next));
        }
        retryLater(c, failed);
        return false;
    }

    /** Waits for every batch given to the handler, each then among the batches in flight. */
    private void awaitHandling() {
        while (!handling.isEmpty()) {
            awaitOldest();
        }
    }

    /**
     * Waits for the oldest batch given to the handler and puts it among the batches in flight with its outputs'
     * acknowledgement; why its handling failed, or null.
     */
    private RuntimeException awaitOldest() {
        var batch = handling.removeFirst();
        try {
            inFlight.add(InFlight.of(batch.handled().join(), batch.records()));
            return null;
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            var failed = e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            inFlight.add(InFlight.of(CompletableFuture.failedFuture(failed), batch.records()));
            return failed;
        }
    }

    /**
     * No change events: what the source catalogs and the other instances brought meanwhile (tables with no rows,
     * dropped ones, versions confirmed elsewhere) is applied, and every batch in flight is waited for.
     */
    private boolean idle(Consumer<byte[], byte[]> c) {
        try {
            handler.sharedStateChanged();
            inFlight.add(new InFlight(publications.published(), Map.of(), Map.of(), 0));
        } catch (RuntimeException e) {
            publications.published(); // dropped: the handler publishes it all again at the next idle poll
            handler.forget();
            log.warn("Publishing what the source catalogs brought failed, will retry: {}", e.getClass().getSimpleName());
        }
        if (settle(0)) {
            return true;
        }
        retryLater(c, refusal());
        return false;
    }

    /**
     * Takes the acknowledged batches, oldest first, into the committable positions, waiting for the oldest while
     * more than {@code keep} are in flight. False when Kafka refused one: it and those after it stay in flight, to be
     * read again ({@link #retryLater}).
     */
    private boolean settle(int keep) {
        boolean flushed = false;
        while (!inFlight.isEmpty()) {
            var oldest = inFlight.peekFirst();
            if (!oldest.acknowledged().isDone()) {
                if (inFlight.size() <= keep) {
                    return true;
                }
                if (!flushed) {
                    publications.flush(); // sent now, not after linger.ms: we are waiting for them
                    flushed = true;
                }
                try {
                    oldest.acknowledged().join();
                } catch (CompletionException | CancellationException refused) {
                    // seen below
                }
            }
            if (oldest.acknowledged().isCompletedExceptionally()) {
                return false;
            }
            inFlight.removeFirst();
            done.putAll(oldest.next());
            acknowledged += oldest.count();
            uncommitted |= oldest.count() > 0;
            failures = 0;
        }
        return true;
    }

    /** Why the oldest batch in flight failed: its refusal, unwrapped. */
    private RuntimeException refusal() {
        Throwable cause = inFlight.getFirst().acknowledged().exceptionNow();
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException e ? e : new IllegalStateException(cause);
    }

    /**
     * Kafka refused the outputs of a batch in flight, or sending them failed: the handler forgets what it learnt,
     * every partition in flight is rewound to its first offset not acknowledged, and read again after a backoff.
     */
    private void retryLater(Consumer<byte[], byte[]> c, RuntimeException e) {
        int events = rewind(c);
        failures++;
        long backoff = backoff();
        // The kind of failure only: a message could quote what it failed on.
        log.warn("Attempt {} to classify {} change events (and publish what they taught) failed, will retry in {} ms: {}",
                failures, events, backoff, e.getClass().getSimpleName());
        pause(backoff);
    }

    /** Forgets the batches in flight and rewinds their partitions; how many events they held. */
    private int rewind(Consumer<byte[], byte[]> c) {
        handler.forget();
        var from = new HashMap<TopicPartition, Long>();
        int events = 0;
        for (var batch : inFlight) {
            batch.first().forEach(from::putIfAbsent);
            events += batch.count();
        }
        inFlight.clear();
        var assigned = c.assignment();
        from.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                c.seek(partition, offset);
            }
        });
        return events;
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

    /**
     * Waits for the batch being handled and every batch in flight, then commits what is acknowledged; what failed or
     * Kafka refused will be read again.
     */
    private void commitNow(Consumer<byte[], byte[]> c) {
        awaitHandling();
        if (!settle(0)) {
            rewind(c);
        }
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
