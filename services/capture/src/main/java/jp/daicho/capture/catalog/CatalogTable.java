package jp.daicho.capture.catalog;

import java.util.List;

/**
 * What a source's catalog says of one table: its columns with their types, primary and foreign keys and
 * comments, and how many rows its statistics estimate. Schema metadata and a count only, never a row.
 *
 * @param rows the estimated row count, {@linkplain #rounded rounded}; null when the catalog has none
 */
public record CatalogTable(String schema, String table, String comment, List<Column> columns, Long rows) {

    public CatalogTable {
        columns = List.copyOf(columns);
    }

    /**
     * A row estimate to two significant digits (1,234 → 1,200; 87 → 87): statistics move all the time, and a table is
     * published again only when its count moves by more than a few per cent. Negative (no estimate yet): null.
     */
    static Long rounded(Long rows) {
        if (rows == null || rows < 0) {
            return null;
        }
        long scale = 1;
        while (rows / scale >= 100) {
            scale *= 10;
        }
        return rows / scale * scale;
    }

    /**
     * A column; {@code references} is {@code table.column} of its declared foreign key, or null; {@code generated}: the
     * database computes its values (change events may leave it out).
     */
    public record Column(String name, String sqlType, boolean primaryKey, String references, String comment,
                         boolean optional, boolean generated) {

        /** A column the database does not compute. */
        public Column(String name, String sqlType, boolean primaryKey, String references, String comment, boolean optional) {
            this(name, sqlType, primaryKey, references, comment, optional, false);
        }
    }

    /** The table as a {@code SourceCatalogRead} published it. */
    static CatalogTable from(jp.daicho.events.catalog.SourceCatalogRead event) {
        // MySQL and MariaDB tables have no schema of their own: their database stands in (as in their dataset id).
        return new CatalogTable(event.getSchemaName() != null ? event.getSchemaName() : event.getDatabase(), event.getTable(), event.getTableComment(),
                event.getColumns().stream().map(c -> new Column(c.getName(), c.getSqlType(), c.getPrimaryKey(),
                        c.getReferences(), c.getComment(), c.getOptional(), c.getGenerated())).toList(), event.getRows());
    }
}
