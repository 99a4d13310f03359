package jp.daicho.capture.catalog;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.events.catalog.CatalogColumn;
import jp.daicho.events.catalog.SourceCatalogRead;
import jp.daicho.events.catalog.SourceReader;
import jp.daicho.events.catalog.SourceReadersObserved;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;

/**
 * Reads each source's catalog at start and every {@code interval}, and publishes {@code SourceCatalogRead} for
 * each table it has not published yet or whose catalog changed (a new column, a new foreign key, a new comment),
 * and a tombstone for each table that is gone. What it published before a restart is read back from the topic
 * first, so a table dropped while capture was down is noticed too. After each read the source's publication is
 * brought up to date ({@link Publication}), so a table created while capture runs is streamed from then on
 * (PostgreSQL; MySQL's and MariaDB's binary log carries every table of the database by itself).
 *
 * <p>A source that cannot be read is logged with the kind of failure and tried again at the next interval; the
 * change events flow regardless.
 */
public final class CatalogPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogPublisher.class);

    private final CaptureProperties.Source source;
    private final Producer<String, byte[]> producer;
    private final Map<String, Object> consumerConfig;
    private final AvroSerde<SourceCatalogRead> serde = AvroSerde.of(SourceCatalogRead.class);
    private final Publication publication;
    private Map<String, CatalogTable> published;
    /** Kept open between reads (only the executor's thread uses it); opened again after a failure. */
    private Connection connection;
    private final ScheduledExecutorService executor;
    private volatile int reads;
    private volatile String lastFailure;
    private volatile long lastReadAt;
    private volatile int tableCount;
    private final AvroSerde<SourceReadersObserved> readersSerde = AvroSerde.of(SourceReadersObserved.class);
    /** What was last published of the source's readers, and when: published again when it changes, and every few minutes. */
    private SourceReaders.Readers readersPublished;
    private long readersPublishedAt;
    private long readersReadAt;

    /**
     * @param consumerConfig how to read {@link Topics#SOURCE_CATALOG_READ} back at start (bootstrap servers and
     *                       security settings)
     */
    public CatalogPublisher(CaptureProperties.Source source, Producer<String, byte[]> producer,
                            Map<String, Object> consumerConfig) {
        this.source = source;
        this.producer = producer;
        this.consumerConfig = consumerConfig;
        this.publication = new Publication(source);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "catalog-" + source.name()));
    }

    public void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::readAndPublish, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Times the catalog was read without failure. */
    public int reads() {
        return reads;
    }

    /** When the catalog was last read without failure (epoch millis), 0 before. */
    public long lastReadAt() {
        return lastReadAt;
    }

    /** Tables in the catalog at its last read. */
    public int tables() {
        return tableCount;
    }

    /** What is wrong with the source (unreachable, credentials, wal_level…), or null when nothing is. */
    public String lastFailure() {
        return lastFailure;
    }

    void readAndPublish() {
        try {
            if (published == null) {
                published = publishedBefore();
            }
            List<CatalogTable> tables;
            if (connection == null) {
                connection = CatalogReader.connect(source);
            }
            String problem = SourceProblems.streamingProblem(connection, source);
            tables = CatalogReader.read(connection, source);
            if (!source.kind().binlog()) {
                publication.keepUpToDate(connection, tables); // the binary log carries every table by itself
            }
            var changed = new ArrayList<CatalogTable>();
            Set<String> gone = new HashSet<>(published.keySet());
            for (CatalogTable table : tables) {
                String datasetId = datasetId(table);
                gone.remove(datasetId);
                if (!table.equals(published.get(datasetId))) {
                    changed.add(table);
                }
            }
            for (CatalogTable table : changed) {
                producer.send(new ProducerRecord<>(Topics.SOURCE_CATALOG_READ, datasetId(table), serde.encode(event(table)))).get();
                published.put(datasetId(table), table);
            }
            for (String datasetId : gone) {
                producer.send(new ProducerRecord<>(Topics.SOURCE_CATALOG_READ, datasetId, null)).get();
                published.remove(datasetId);
            }
            if (!changed.isEmpty() || !gone.isEmpty()) {
                log.info("Catalog of source '{}': {} table(s) new or changed, {} dropped", source.name(), changed.size(), gone.size());
            }
            publishReaders(tables);
            reads++;
            lastReadAt = System.currentTimeMillis();
            tableCount = tables.size();
            report(problem, "Source '{}' cannot be streamed: {}");
        } catch (java.sql.SQLException e) {
            disconnect();
            report(SourceProblems.explain(e, source), "Catalog of source '{}' could not be read: {}; trying again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            report(e.getClass().getSimpleName(), "Catalog of source '{}' could not be published ({}); trying again");
        }
    }

    /** How often the source's readers are read, and published at the least though unchanged. */
    static final Duration READERS_INTERVAL = Duration.ofSeconds(10);
    static final Duration READERS_REPUBLISH = Duration.ofMinutes(5);

    /**
     * What besides capture can read the source (its slots, binary-log clients, roles with SELECT), every
     * {@link #READERS_INTERVAL}: published as {@code SourceReadersObserved} when it changed. A source that will not show
     * them (a privilege capture lacks) is published as incomplete with what to grant, and streams regardless.
     */
    private void publishReaders(List<CatalogTable> tables) throws Exception {
        long now = System.currentTimeMillis();
        if (now - readersReadAt < READERS_INTERVAL.toMillis()) {
            return;
        }
        readersReadAt = now;
        SourceReaders.Readers readers;
        try {
            readers = SourceReaders.read(connection, source, tables);
        } catch (java.sql.SQLException e) {
            readers = new SourceReaders.Readers(List.of(), false, "the source's readers could not be read: "
                    + SourceProblems.explain(e, source));
        }
        if (readers.equals(readersPublished) && now - readersPublishedAt < READERS_REPUBLISH.toMillis()) {
            return;
        }
        var event = SourceReadersObserved.newBuilder().setSource(source.name())
                .setReaders(readers.readers().stream().map(r -> SourceReader.newBuilder().setKind(r.kind()).setName(r.name())
                        .setDatasets(r.tables().stream().map(this::datasetId).toList()).setDetail(r.detail()).build()).toList())
                .setComplete(readers.complete()).setNote(readers.note()).setObservedAt(Instant.ofEpochMilli(now)).build();
        producer.send(new ProducerRecord<>(Topics.SOURCE_READERS_OBSERVED, source.name(), readersSerde.encode(event))).get();
        if (!readers.equals(readersPublished)) {
            log.info("Source '{}': {} reader(s) besides capture{}", source.name(), readers.readers().size(),
                    readers.complete() ? "" : " (" + readers.note() + ")");
        }
        readersPublished = readers;
        readersPublishedAt = now;
    }

    /** Logs a problem when it first appears (not at every interval), and when it is gone. */
    private void report(String problem, String message) {
        if (problem != null && !problem.equals(lastFailure)) {
            log.warn(message, source.name(), problem);
        } else if (problem == null && lastFailure != null) {
            log.info("Source '{}' is fine again", source.name());
        }
        lastFailure = problem;
    }

    /** This source's tables as the catalog topic holds them: what capture published before it last stopped. */
    private Map<String, CatalogTable> publishedBefore() {
        var before = new HashMap<String, CatalogTable>();
        var config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "daicho-capture-catalog-" + source.name());
        String prefix = source.name() + ".";
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SOURCE_CATALOG_READ, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() == null || !r.key().startsWith(prefix)) {
                        continue;
                    }
                    if (r.value() == null) {
                        before.remove(r.key());
                    } else {
                        try {
                            before.put(r.key(), CatalogTable.from(serde.decode(r.value())));
                        } catch (RuntimeException unreadable) {
                            log.warn("Skipped an unreadable catalog record at offset {}", r.offset());
                        }
                    }
                }
            }
        }
        return before;
    }

    /**
     * The dataset id the classifier gives the table's change events: {@code <source>.<schema>.<table>}, where the
     * schema of a MySQL or MariaDB table is its database.
     */
    String datasetId(CatalogTable table) {
        return source.name() + "." + table.schema() + "." + table.table();
    }

    private SourceCatalogRead event(CatalogTable table) {
        var columns = table.columns().stream().map(c -> CatalogColumn.newBuilder().setName(c.name())
                .setSqlType(c.sqlType() == null ? "" : c.sqlType()).setPrimaryKey(c.primaryKey())
                .setReferences(c.references()).setComment(c.comment()).setOptional(c.optional())
                .setGenerated(c.generated()).build()).toList();
        return SourceCatalogRead.newBuilder().setDatasetId(datasetId(table)).setSystem(source.name())
                .setDatabase(source.database()).setSchemaName(source.kind().binlog() ? null : table.schema()).setTable(table.table())
                .setTableComment(table.comment()).setColumns(columns).setRows(table.rows()).setReadAt(Instant.now()).build();
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (java.sql.SQLException ignored) {
                // already broken: nothing more to release
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect();
    }
}
