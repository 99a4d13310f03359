package jp.daicho.classifier.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.daicho.classifier.classification.Classification;
import jp.daicho.classifier.classification.ColumnProfile;
import jp.daicho.classifier.classification.FieldClassifier;

/**
 * Handles one change event at a time (per consumer thread). Classifies per dataset schema version with a
 * few sampled rows, and does not parse events of a schema version whose sampling is done: their schema
 * part is compared byte for byte with the one already seen, which costs a memory compare.
 */
public final class ChangeEventHandler {

    private static final byte[] PAYLOAD_MARK = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);

    private final ChangeEventReader reader;
    private final FieldClassifier classifier;
    private final Publications publications;
    private final int maxSampleRows;
    private final Map<String, SchemaVersion> lastByTopic = new HashMap<>();
    private final Map<String, SchemaVersion> versions = new HashMap<>();
    private long skipped;

    public ChangeEventHandler(ChangeEventReader reader, FieldClassifier classifier, Publications publications,
                              int maxSampleRows) {
        this.reader = reader;
        this.classifier = classifier;
        this.publications = publications;
        this.maxSampleRows = maxSampleRows;
    }

    public void handle(String topic, int partition, long offset, byte[] key, byte[] value) {
        if (value == null) {
            return; // tombstone after a delete: nothing to learn
        }
        SchemaVersion last = lastByTopic.get(topic);
        if (last != null && last.samplingDone() && last.sameSchemaAs(value)) {
            skipped++;
            return;
        }
        ChangeEvent event;
        try {
            event = reader.read(key, value);
        } catch (RejectedEvent rejected) {
            publications.rejected(topic, partition, offset, value, rejected);
            return;
        }
        DatasetSchema schema = event.schema();
        SchemaVersion version = versions.computeIfAbsent(schema.datasetId() + "|" + schema.fingerprint(), k -> {
            publications.datasetObserved(topic, schema);
            return new SchemaVersion(schema);
        });
        version.rememberSchemaBytes(value);
        lastByTopic.put(topic, version);
        if (event.row() != null && !version.samplingDone()) {
            version.sample(event.row());
            if (version.sampledRows == 1 || version.sampledRows == 5 || version.samplingDone()) {
                classify(version);
            }
        }
    }

    /** Drops all state, so that the next events are observed and classified as if for the first time. */
    public void forget() {
        lastByTopic.clear();
        versions.clear();
    }

    /** Events recognised as an already-sampled schema version without parsing them. */
    public long skipped() {
        return skipped;
    }

    private void classify(SchemaVersion version) {
        var profiles = new ArrayList<ColumnProfile>();
        for (var column : version.schema.columns()) {
            profiles.add(new ColumnProfile(version.schema.table(), column.name(), column.sqlType(),
                    version.samples.getOrDefault(column.name(), List.of())));
        }
        classifier.classifyTable(version.schema.table(), profiles).forEach((column, decision) -> {
            if (!decision.sameDecisionAs(version.published.get(column))) {
                publications.fieldClassified(version.schema, column, decision);
                version.published.put(column, decision);
            }
        });
        if (version.samplingDone()) {
            version.samples.clear(); // the values are not needed any more: free them
        }
    }

    private final class SchemaVersion {
        final DatasetSchema schema;
        final Map<String, List<String>> samples = new LinkedHashMap<>();
        final Map<String, Classification> published = new HashMap<>();
        byte[] schemaBytes;
        int sampledRows;

        SchemaVersion(DatasetSchema schema) {
            this.schema = schema;
        }

        boolean samplingDone() {
            return sampledRows >= maxSampleRows;
        }

        void sample(Map<String, String> row) {
            sampledRows++;
            row.forEach((column, v) -> samples.computeIfAbsent(column, c -> new ArrayList<>()).add(v));
        }

        /**
         * Keeps the bytes up to {@code ,"payload":} of the latest parsed event: the JSON converter's schema
         * part. (Snapshot and streaming events of one version may spell it differently.)
         */
        void rememberSchemaBytes(byte[] value) {
            if (sameSchemaAs(value)) {
                return;
            }
            int at = indexOf(value, PAYLOAD_MARK);
            if (at > 0) {
                schemaBytes = Arrays.copyOf(value, at + PAYLOAD_MARK.length);
            }
        }

        boolean sameSchemaAs(byte[] value) {
            return schemaBytes != null && value.length > schemaBytes.length
                    && Arrays.equals(value, 0, schemaBytes.length, schemaBytes, 0, schemaBytes.length);
        }
    }

    /**
     * First occurrence of {@code mark}. In the JSON converter's compact output, quotes inside strings are
     * escaped, so the first {@code ,"payload":} is the boundary between schema and payload.
     */
    static int indexOf(byte[] haystack, byte[] mark) {
        outer:
        for (int i = 0; i <= haystack.length - mark.length; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (haystack[i + j] != mark[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
