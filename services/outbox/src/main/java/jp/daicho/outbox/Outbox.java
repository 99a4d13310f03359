package jp.daicho.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way a service publishes its own events: {@link #enqueue} writes the event into the service's {@code outbox}
 * table (see the services' migrations) in the caller's transaction, and the relay sends what is committed to Kafka,
 * in the order written, then deletes it. It runs after each commit that wrote events and every
 * {@link #INTERVAL_MILLIS} ms (for what a crash or a Kafka outage left behind); one instance relays at a time (a
 * PostgreSQL advisory lock), so the order of the events of one key holds however many instances run. Delivery is at least once: a consumer sees an event again only if the relay
 * stopped between Kafka's acknowledgement and the delete.
 */
public class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final long INTERVAL_MILLIS = 1_000;
    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transactions;
    private final long lock;
    private final ScheduledExecutorService relay;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    /**
     * @param service names the relay's thread; {@code lock} is the PostgreSQL advisory lock that makes one instance of
     *                the service the relay at a time (one number per service sharing a database)
     */
    public Outbox(String service, long lock, JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.transactions = transactions;
        this.lock = lock;
        this.relay = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, service + "-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        relay.scheduleWithFixedDelay(this::relayQuietly, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Writes an event to be published once the current transaction commits (at once, without one). */
    public void enqueue(String topic, String key, byte[] value) {
        jdbc.sql("insert into outbox (topic, key, value) values (?, ?, ?)").params(topic, key, value).update();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake();
        } else if (!TransactionSynchronizationManager.hasResource(this)) {
            // One wake-up per transaction, however many events it writes.
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
                    if (status == STATUS_COMMITTED) {
                        wake();
                    }
                }
            });
        }
    }

    private void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            relay.execute(() -> {
                wakeQueued.set(false);
                relayQuietly();
            });
        }
    }

    private void relayQuietly() {
        try {
            while (relayBatch() == BATCH) {
                // more waiting: go on
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay: events wait in the outbox and are sent on the next attempt: {}", e.toString());
        }
    }

    /** Sends up to {@link #BATCH} committed events in order and deletes them; returns how many it sent. */
    int relayBatch() {
        Integer sent = transactions.execute(status -> {
            if (!jdbc.sql("select pg_try_advisory_xact_lock(?)").param(lock).query(Boolean.class).single()) {
                return 0; // another instance relays now
            }
            var rows = jdbc.sql("select id, topic, key, value from outbox order by id limit ?").param(BATCH)
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)}).list();
            if (rows.isEmpty()) {
                return 0;
            }
            var acks = new ArrayList<CompletableFuture<?>>(rows.size());
            for (Object[] row : rows) {
                acks.add(kafka.send((String) row[1], (String) row[2], (byte[]) row[3]));
            }
            await(acks);
            jdbc.sql("delete from outbox where id <= ?").param((Long) rows.getLast()[0]).update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private static void await(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while relaying the outbox", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox's events: " + e.getMessage(), e);
        }
    }

    /** Events written and not yet on Kafka. */
    public long waiting() {
        return jdbc.sql("select count(*) from outbox").query(Long.class).single();
    }

    @Override
    public void close() {
        relay.shutdownNow();
    }
}
