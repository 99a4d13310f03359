package jp.daicho.capture.source;

import java.nio.file.Path;
import java.util.Properties;

/** Builds the Debezium PostgreSQL connector properties for one source. Pure: tests drive it directly. */
public final class DebeziumConfig {

    private DebeziumConfig() {
    }

    /** The replication slot (and publication) name of a source: {@code daicho_<name>}. */
    public static String slotName(CaptureProperties.Source source) {
        return "daicho_" + source.name().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** The publication the source's changes are streamed through. */
    public static String publicationName(CaptureProperties.Source source) {
        return source.debezium().getOrDefault("publication.name", slotName(source));
    }

    public static Properties forSource(CaptureProperties.Source source, Path offsetDirectory) {
        return forSource(source, offsetDirectory, false);
    }

    /**
     * @param allTables the capture user may create a publication {@code FOR ALL TABLES}, which covers a new table
     *                  from its creation on; used when the source captures every table
     */
    public static Properties forSource(CaptureProperties.Source source, Path offsetDirectory, boolean allTables) {
        String slot = slotName(source);
        var p = new Properties();
        p.setProperty("name", "daicho-capture-" + source.name());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        // Offsets on disk, flushed every second: a restart resumes where it stopped (at-least-once).
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsetDirectory.resolve(source.name() + ".offsets").toString());
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", Integer.toString(source.port()));
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password());
        p.setProperty("database.dbname", source.database());
        p.setProperty("topic.prefix", source.name());
        // Kafka topic names are ASCII: names with Japanese become _uXXXX escapes instead of colliding as "_".
        p.setProperty("topic.naming.strategy", "jp.daicho.capture.source.KafkaSafeTopicNamingStrategy");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", slot);
        // FOR ALL TABLES where allowed; otherwise the tables found at start, extended by the catalog (Publication).
        p.setProperty("publication.autocreate.mode", allTables && source.tables().isBlank() ? "all_tables" : "filtered");
        p.setProperty("snapshot.mode", source.snapshotMode());
        if (!source.tables().isBlank()) {
            p.setProperty("table.include.list", source.tables());
        }
        // The classifier needs the SQL type of each column, not only the Connect type.
        p.setProperty("column.propagate.source.type", ".*");
        p.setProperty("decimal.handling.mode", "string");
        // Bigger batches, a shorter wait for an empty queue: measured with bin/daicho-bench capture (docs/operations.md).
        p.setProperty("max.batch.size", "4096");
        p.setProperty("max.queue.size", "16384");
        p.setProperty("poll.interval.ms", "50");
        p.setProperty("key.converter.schemas.enable", "true");
        p.setProperty("value.converter.schemas.enable", "true");
        source.debezium().forEach(p::setProperty);
        return p;
    }
}
