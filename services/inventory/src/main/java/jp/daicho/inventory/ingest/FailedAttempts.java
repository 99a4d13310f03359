package jp.daicho.inventory.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many times applying an event failed and was retried (the database away, for instance): a figure to watch,
 * and what a test awaits to know the listener is backing off.
 */
public final class FailedAttempts {

    private final AtomicLong count = new AtomicLong();

    void failed() {
        count.incrementAndGet();
    }

    public long count() {
        return count.get();
    }
}
