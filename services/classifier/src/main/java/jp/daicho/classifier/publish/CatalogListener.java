package jp.daicho.classifier.publish;

import java.util.LinkedHashMap;

import org.springframework.stereotype.Component;

import jp.daicho.classifier.ingest.SourceCatalogs;
import jp.daicho.events.catalog.SourceCatalogRead;
import jp.daicho.schemas.Topics;

/**
 * Reads the source catalogs capture publishes into {@link SourceCatalogs}, tombstones of dropped tables included.
 * Without a table's catalog the classifier decides from names, types and values.
 */
@Component
class CatalogListener extends StateTopic<SourceCatalogRead> {

    private final SourceCatalogs catalogs;

    CatalogListener(SourceCatalogs catalogs) {
        super(Topics.SOURCE_CATALOG_READ, SourceCatalogRead.class);
        this.catalogs = catalogs;
    }

    @Override
    void apply(SourceCatalogRead event) {
        var columns = new LinkedHashMap<String, SourceCatalogs.Column>();
        event.getColumns().forEach(c -> columns.put(c.getName(), new SourceCatalogs.Column(c.getName(),
                c.getSqlType(), c.getOptional(), c.getPrimaryKey(), c.getReferences(), c.getComment(), c.getGenerated())));
        catalogs.read(event.getDatasetId(), event.getSystem(), event.getDatabase(), event.getSchemaName(),
                event.getTable(), columns);
    }

    /** Capture writes a tombstone when a table is gone from its source's catalog. */
    @Override
    void removed(String datasetId) {
        catalogs.dropped(datasetId);
    }
}
