package jp.daicho.capture.catalog;

import java.util.List;

/**
 * What a source's catalog says of one table: its columns with their types, primary and foreign keys and
 * comments. Schema metadata only, never a row.
 */
public record CatalogTable(String schema, String table, String comment, List<Column> columns) {

    public CatalogTable {
        columns = List.copyOf(columns);
    }

    /** A column; {@code references} is {@code table.column} of its declared foreign key, or null. */
    public record Column(String name, String sqlType, boolean primaryKey, String references, String comment,
                         boolean optional) {
    }

    /** The table as a {@code SourceCatalogRead} published it. */
    static CatalogTable from(jp.daicho.events.catalog.SourceCatalogRead event) {
        // MySQL and MariaDB tables have no schema of their own: their database stands in (as in their dataset id).
        return new CatalogTable(event.getSchemaName() != null ? event.getSchemaName() : event.getDatabase(), event.getTable(), event.getTableComment(),
                event.getColumns().stream().map(c -> new Column(c.getName(), c.getSqlType(), c.getPrimaryKey(),
                        c.getReferences(), c.getComment(), c.getOptional())).toList());
    }
}
