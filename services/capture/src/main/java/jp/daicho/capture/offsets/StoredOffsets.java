package jp.daicho.capture.offsets;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;

import io.debezium.embedded.EmbeddedWorkerConfig;
import io.debezium.embedded.KafkaConnectUtil;

/**
 * A source's position as its Debezium engine stored it, read and forgotten outside the engine, from the store the
 * engine's configuration names ({@code offset.storage}: a file, or the Kafka offset topic), under the engine's name as
 * the engine itself keys it. Used before an engine starts, never while it runs.
 */
public final class StoredOffsets {

    private StoredOffsets() {
    }

    /** The stored offset of the source partition (PostgreSQL: {@code {server=<topic.prefix>}}), or null when none is. */
    public static Map<String, Object> read(Properties engine, Map<String, Object> partition) {
        try (var store = Store.open(engine)) {
            var reader = new OffsetStorageReaderImpl(store.backing, engine.getProperty("name"), store.converter, store.converter);
            return reader.offset(partition);
        }
    }

    /**
     * Forgets the source's position: its next engine starts as a first one does (by its {@code snapshot.mode}, a
     * snapshot of every table). A null offset is what Connect itself writes to reset a connector's offsets.
     */
    public static void forget(Properties engine, Map<String, Object> partition) {
        try (var store = Store.open(engine)) {
            var writer = new OffsetStorageWriter(store.backing, engine.getProperty("name"), store.converter, store.converter);
            writer.offset(partition, null);
            if (!writer.beginFlush()) {
                return;
            }
            try {
                writer.doFlush((error, ignored) -> { }).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while forgetting the position of " + engine.getProperty("name"), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not forget the position of " + engine.getProperty("name") + ": "
                        + (e.getCause() != null ? e.getCause() : e).getClass().getSimpleName(), e);
            }
        }
    }

    /** The engine's offset store, started, with the converter the engine keys and writes offsets with. */
    private static final class Store implements AutoCloseable {

        final OffsetBackingStore backing;
        final Converter converter = KafkaConnectUtil.converterForOffsetStore();

        private Store(OffsetBackingStore backing) {
            this.backing = backing;
        }

        static Store open(Properties engine) {
            String kind = engine.getProperty("offset.storage", "");
            OffsetBackingStore backing = kind.equals(FileOffsetBackingStore.class.getName())
                    ? KafkaConnectUtil.fileOffsetBackingStore()
                    : kind.equals(KafkaOffsetStore.class.getName()) ? new KafkaOffsetStore() : null;
            if (backing == null) {
                throw new IllegalArgumentException("offsets kept in " + kind + " cannot be read outside the engine");
            }
            var config = new HashMap<String, String>();
            engine.stringPropertyNames().forEach(key -> config.put(key, engine.getProperty(key)));
            backing.configure(new EmbeddedWorkerConfig(config));
            backing.start();
            return new Store(backing);
        }

        @Override
        public void close() {
            backing.stop();
        }
    }
}
