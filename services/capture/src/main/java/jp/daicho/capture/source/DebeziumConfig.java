package jp.daicho.capture.source;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import jp.daicho.capture.offsets.KafkaOffsetStore;

/** Builds the Debezium connector properties for one source (PostgreSQL, MySQL or MariaDB). Pure: tests drive it directly. */
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

    /** The Kafka topic a MySQL or MariaDB source's schema history is kept in: {@code daicho.schema-history.<name>}. */
    public static String schemaHistoryTopic(CaptureProperties.Source source) {
        return "daicho.schema-history." + source.name();
    }

    /**
     * The MySQL replication client id capture uses for a source, unique among a server's replicas: the
     * {@code database.server.id} given under {@code debezium}, or one derived from the source's name.
     */
    static String serverId(CaptureProperties.Source source) {
        return source.debezium().getOrDefault("database.server.id",
                Long.toString(5_400 + Math.floorMod(source.name().hashCode(), 1_000_000)));
    }

    /**
     * @param offsets          where the source's offsets are kept
     * @param allTables        the capture user may create a publication {@code FOR ALL TABLES}, which covers a new
     *                         table from its creation on; used when a PostgreSQL source captures every table
     * @param kafka            the Kafka a MySQL or MariaDB source's schema history is kept in: bootstrap servers and
     *                         any further client properties (security)
     */
    public static Properties forSource(CaptureProperties.Source source, Offsets offsets, boolean allTables,
                                       Map<String, Object> kafka) {
        var p = new Properties();
        p.setProperty("name", "daicho-capture-" + source.name());
        offsets.configure(source, kafka, p);
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", Integer.toString(source.port()));
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password());
        p.setProperty("topic.prefix", source.name());
        p.setProperty("snapshot.mode", source.snapshotMode());
        if (source.kind().binlog()) {
            binlog(source, kafka, p);
        } else {
            postgres(source, allTables, p);
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

    /** Where a source's offsets are kept, flushed every second: a restart resumes where it stopped (at-least-once). */
    public sealed interface Offsets {

        /** From {@code daicho.capture}: a directory when one is given, otherwise the offset topic. */
        static Offsets of(CaptureProperties properties) {
            return properties.offsetDirectory() != null ? new InDirectory(properties.offsetDirectory())
                    : new OnTopic(properties.offsetTopic());
        }

        void configure(CaptureProperties.Source source, Map<String, Object> kafka, Properties p);

        /** Where, in words for the log. */
        String describe();

        /** One file per source in a durable directory. */
        record InDirectory(Path directory) implements Offsets {
            @Override
            public void configure(CaptureProperties.Source source, Map<String, Object> kafka, Properties p) {
                p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
                p.setProperty("offset.storage.file.filename", directory.resolve(source.name() + ".offsets").toString());
                p.setProperty("offset.flush.interval.ms", "1000");
            }

            @Override
            public String describe() {
                return "in " + directory + " (one file per source)";
            }
        }

        /**
         * Connect's Kafka offset store ({@link KafkaOffsetStore}): a compacted topic, one key per connector (source), created with the broker's
         * default replication factor when missing. The store's own clients take the engine's top-level properties,
         * so the Kafka client properties ({@code security.protocol}, {@code sasl.*}) are set there too.
         */
        record OnTopic(String topic) implements Offsets {
            @Override
            public void configure(CaptureProperties.Source source, Map<String, Object> kafka, Properties p) {
                p.setProperty("offset.storage", KafkaOffsetStore.class.getName());
                p.setProperty("offset.storage.topic", topic);
                p.setProperty("offset.storage.partitions", "1");
                p.setProperty("offset.storage.replication.factor", "-1");
                p.setProperty("offset.flush.interval.ms", "1000");
                kafka.forEach((key, value) -> p.setProperty(key, String.valueOf(value)));
            }

            @Override
            public String describe() {
                return "in Kafka, on the compacted topic " + topic;
            }
        }
    }

    private static void postgres(CaptureProperties.Source source, boolean allTables, Properties p) {
        String slot = slotName(source);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("database.dbname", source.database());
        // Kafka topic names are ASCII: names with Japanese become _uXXXX escapes instead of colliding as "_".
        p.setProperty("topic.naming.strategy", KafkaSafeTopicNamingStrategy.class.getName());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", slot);
        // A slot made anew while the engine runs (dropped, then made again at a later position) stops the engine
        // instead of streaming on past the changes in between; capture's SlotCheck then says so before a restart.
        p.setProperty("offset.mismatch.strategy", "trust_offset");
        // FOR ALL TABLES where allowed; otherwise the tables found at start, extended by the catalog (Publication).
        p.setProperty("publication.autocreate.mode", allTables && source.tables().isBlank() ? "all_tables" : "filtered");
        if (!source.tables().isBlank()) {
            p.setProperty("table.include.list", source.tables());
        }
    }

    /**
     * MySQL and MariaDB: the binary log of the source's one database, read as replica {@link #serverId}; every table
     * of it, including those created later (the binary log carries their DDL), kept in a schema history on Kafka.
     */
    private static void binlog(CaptureProperties.Source source, Map<String, Object> kafka, Properties p) {
        p.setProperty("connector.class", "io.debezium.connector.mysql.MySqlConnector");
        if (source.kind() == CaptureProperties.Kind.MARIADB) {
            p.setProperty("database.jdbc.driver", MariaDbCompatibleDriver.class.getName());
            p.setProperty("database.protocol", MariaDbCompatibleDriver.PROTOCOL);
        }
        p.setProperty("database.server.id", serverId(source));
        p.setProperty("database.include.list", java.util.regex.Pattern.quote(source.database()));
        if (!source.tables().isBlank()) {
            p.setProperty("table.include.list", source.tables());
        }
        p.setProperty("topic.naming.strategy", KafkaSafeDatabaseTopicNamingStrategy.class.getName());
        p.setProperty("schema.history.internal", BinlogSchemaHistory.class.getName());
        p.setProperty("schema.history.internal.kafka.bootstrap.servers", String.valueOf(kafka.getOrDefault("bootstrap.servers", "")));
        kafka.forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                p.setProperty("schema.history.internal.producer." + key, String.valueOf(value));
                p.setProperty("schema.history.internal.consumer." + key, String.valueOf(value));
            }
        });
        p.setProperty("schema.history.internal.kafka.topic", schemaHistoryTopic(source));
        // DDL statements stay in the schema history: the catalog reader tells the classifier of new tables and columns.
        p.setProperty("include.schema.changes", "false");
    }
}
