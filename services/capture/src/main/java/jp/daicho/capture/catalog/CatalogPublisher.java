package jp.daicho.capture.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.events.catalog.CatalogColumn;
import jp.daicho.events.catalog.SourceCatalogRead;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;

/**
 * Reads each source's catalog at start and every {@code interval}, and publishes {@code SourceCatalogRead} for
 * each table it has not published yet or whose catalog changed (a new column, a new foreign key, a new comment).
 * A source that cannot be read is logged with the kind of failure and tried again at the next interval; the
 * change events flow regardless.
 */
public final class CatalogPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogPublisher.class);

    private final CaptureProperties.Source source;
    private final Producer<String, byte[]> producer;
    private final AvroSerde<SourceCatalogRead> serde = AvroSerde.of(SourceCatalogRead.class);
    private final Map<String, CatalogTable> published = new HashMap<>();
    private final ScheduledExecutorService executor;
    private volatile int reads;

    public CatalogPublisher(CaptureProperties.Source source, Producer<String, byte[]> producer) {
        this.source = source;
        this.producer = producer;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "catalog-" + source.name()));
    }

    public void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::readAndPublish, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Times the catalog was read without failure. */
    public int reads() {
        return reads;
    }

    void readAndPublish() {
        try {
            var changed = new ArrayList<CatalogTable>();
            for (CatalogTable table : CatalogReader.read(source)) {
                String datasetId = datasetId(table);
                if (!table.equals(published.get(datasetId))) {
                    changed.add(table);
                }
            }
            for (CatalogTable table : changed) {
                producer.send(new ProducerRecord<>(Topics.SOURCE_CATALOG_READ, datasetId(table), serde.encode(event(table)))).get();
                published.put(datasetId(table), table);
            }
            if (!changed.isEmpty()) {
                log.info("Catalog of source '{}': {} table(s) published", source.name(), changed.size());
            }
            reads++;
        } catch (java.sql.SQLException e) {
            log.warn("Catalog of source '{}' could not be read (SQL state {}); trying again later", source.name(), e.getSQLState());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Catalog of source '{}' could not be published ({}); trying again later", source.name(),
                    e.getClass().getSimpleName());
        }
    }

    /** The dataset id the classifier gives the table's change events: {@code <source>.<schema>.<table>}. */
    String datasetId(CatalogTable table) {
        return source.name() + "." + table.schema() + "." + table.table();
    }

    private SourceCatalogRead event(CatalogTable table) {
        var columns = table.columns().stream().map(c -> CatalogColumn.newBuilder().setName(c.name())
                .setSqlType(c.sqlType() == null ? "" : c.sqlType()).setPrimaryKey(c.primaryKey())
                .setReferences(c.references()).setComment(c.comment()).build()).toList();
        return SourceCatalogRead.newBuilder().setDatasetId(datasetId(table)).setSystem(source.name())
                .setDatabase(source.database()).setSchemaName(table.schema()).setTable(table.table())
                .setTableComment(table.comment()).setColumns(columns).setReadAt(Instant.now()).build();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
