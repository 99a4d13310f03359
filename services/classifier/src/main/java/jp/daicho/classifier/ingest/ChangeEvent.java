package jp.daicho.classifier.ingest;

import java.util.Map;

/**
 * One parsed change event: its dataset schema and, for inserts, updates and snapshot reads, the row
 * after the change as text (null values omitted; binary columns left out). Rows stay in memory.
 */
public record ChangeEvent(DatasetSchema schema, Map<String, String> row) {
}
