package jp.daicho.classifier.ingest;

import java.util.Map;

/**
 * One parsed change event: its dataset schema and, for inserts, updates and snapshot reads, the row
 * after the change as text (null values omitted; binary columns left out). Rows stay in memory. A JSON event with
 * its schema also gives each column's Kafka Connect type ({@code connectTypes}), which every later event of its
 * version is checked against ({@link EnvelopeCheck}); null for Avro and schemaless events.
 */
public record ChangeEvent(DatasetSchema schema, Map<String, String> row, Map<String, String> connectTypes) {

    /** An event whose rows need no check of their own (Avro: the decoder holds them to the writer schema). */
    public ChangeEvent(DatasetSchema schema, Map<String, String> row) {
        this(schema, row, null);
    }
}
