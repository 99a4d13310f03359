package jp.daicho.capture.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * {@code daicho.capture.*}: where to publish, where offsets live, and the source databases.
 *
 * @param bootstrapServers     Kafka the change events go to
 * @param offsetDirectory      a durable directory for Debezium's source offsets (one file per source); unset
 *                             (the default): the offsets are kept in Kafka, on {@code offsetTopic}, so that a capture
 *                             instance keeps nothing on disk and may move (a Kubernetes pod). Either way a restart
 *                             resumes from there
 * @param offsetTopic          the compacted topic the offsets are kept on when no directory is given (Connect's Kafka
 *                             offset store; one key per source)
 * @param changeTopicRetention retention set on the change-event topics the service creates: they carry
 *                             row values by nature, so keep it short (default 7 days)
 * @param restartBackoff       wait before restarting an engine that failed
 * @param catalogInterval      how often each source's catalog (tables, columns, keys, comments) is read again (one
 *                             query), changes published as {@code SourceCatalogRead} and the publication extended to
 *                             new tables; zero: never (then tables created later are not captured unless the
 *                             publication is FOR ALL TABLES)
 * @param sources              the databases to capture (PostgreSQL, MySQL, MariaDB)
 * @param kafka                further properties of every Kafka client capture makes — its producers, its admin
 *                             client, its catalog reader and Debezium's schema history: {@code security.protocol},
 *                             {@code sasl.*}, {@code ssl.*} for a Kafka that authenticates (docs/operations.md)
 */
@Validated
@ConfigurationProperties("daicho.capture")
public record CaptureProperties(
        @NotBlank String bootstrapServers,
        Path offsetDirectory,
        @DefaultValue(CaptureProperties.OFFSET_TOPIC) String offsetTopic,
        @DefaultValue("7d") Duration changeTopicRetention,
        @DefaultValue("5s") Duration restartBackoff,
        @DefaultValue("2s") Duration catalogInterval,
        @DefaultValue List<@Valid Source> sources,
        @DefaultValue Map<String, String> kafka) {

    /** Where capture keeps its offsets unless a directory is given. */
    public static final String OFFSET_TOPIC = "daicho.capture-offsets";

    public CaptureProperties {
        offsetTopic = offsetTopic == null || offsetTopic.isBlank() ? OFFSET_TOPIC : offsetTopic;
        kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
    }

    /** A Kafka client's configuration: the bootstrap servers, {@link #kafka()}, then what this client needs. */
    public Map<String, Object> kafkaClient(Map<String, Object> own) {
        var config = new java.util.HashMap<String, Object>(kafka);
        config.put("bootstrap.servers", bootstrapServers);
        config.putAll(own);
        return config;
    }

    /** The kinds of source database capture reads, each with its Debezium connector and default port. */
    public enum Kind {
        /** Logical decoding through a publication and a replication slot (pgoutput). */
        POSTGRESQL(5432),
        /** The binary log in ROW format, read by Debezium's MySQL connector. */
        MYSQL(3306),
        /**
         * The binary log in ROW format, read by Debezium's MySQL connector through a statement adapter
         * ({@link MariaDbCompatibleDriver}): Debezium's MariaDB connector is not available in the version this
         * build uses.
         */
        MARIADB(3306);

        private final int defaultPort;

        Kind(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }

        /** The binary-log kinds: MySQL and MariaDB. */
        public boolean binlog() {
            return this != POSTGRESQL;
        }

        public String displayName() {
            return switch (this) {
                case POSTGRESQL -> "PostgreSQL";
                case MYSQL -> "MySQL";
                case MARIADB -> "MariaDB";
            };
        }
    }

    /** What capture may do when a source's replication slot, and with it the changes since its position, is lost. */
    public enum SlotLost {
        /** Report it (the source's status and the log) and do not stream: nothing is taken as captured that was not. */
        STOP,
        /**
         * The operator's permission to start again: the source's stored position is forgotten, a lost slot dropped, and
         * every table is read afresh (a snapshot) from a new slot, then streamed. The inventory keeps its history.
         */
        RESNAPSHOT
    }

    /**
     * One source database.
     *
     * @param name         logical name; becomes the Debezium {@code topic.prefix}, so topics are
     *                     {@code <name>.<schema>.<table>} (PostgreSQL) or {@code <name>.<database>.<table>} (MySQL,
     *                     MariaDB)
     * @param kind         {@code postgresql} (default), {@code mysql} or {@code mariadb}
     * @param port         0 (default): the kind's usual port, 5432 or 3306
     * @param tables       Debezium {@code table.include.list} (regular expressions over {@code schema.table} or
     *                     {@code database.table}, comma separated); empty captures every table
     * @param snapshotMode Debezium {@code snapshot.mode}
     * @param debezium     any further Debezium connector property, passed through as is
     * @param whenSlotLost PostgreSQL: what capture does when the replication slot it read from is gone (dropped, or
     *                     invalidated by {@code max_slot_wal_keep_size}), so that changes made since its last position
     *                     were never captured: {@code stop} (the default) reports it and does not stream;
     *                     {@code resnapshot} takes every table afresh from a new slot ({@link SlotLost})
     */
    public record Source(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_\\-]+", message = "use letters, digits, '_' or '-'") String name,
            @DefaultValue("postgresql") Kind kind,
            @NotBlank String host,
            @DefaultValue("0") int port,
            @NotBlank String database,
            @NotBlank String user,
            @DefaultValue("") String password,
            @DefaultValue("") String tables,
            @DefaultValue("initial") String snapshotMode,
            @DefaultValue Map<String, String> debezium,
            @DefaultValue("stop") SlotLost whenSlotLost) {

        public Source {
            kind = kind == null ? Kind.POSTGRESQL : kind;
            whenSlotLost = whenSlotLost == null ? SlotLost.STOP : whenSlotLost;
            port = port == 0 ? kind.defaultPort() : port;
            debezium = debezium == null ? Map.of() : Map.copyOf(debezium);
        }

        @Override
        public String toString() {
            return "Source[name=" + name + ", " + kind.displayName() + " " + user + "@" + host + ":" + port + "/" + database
                    + ", tables=" + (tables.isBlank() ? "*" : tables) + ", password=****]";
        }
    }
}
