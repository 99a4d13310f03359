package jp.daicho.capture.source;

import io.debezium.config.Configuration;
import io.debezium.document.Document;
import io.debezium.relational.history.HistoryRecord;
import io.debezium.relational.history.HistoryRecordComparator;
import io.debezium.relational.history.SchemaHistoryListener;
import io.debezium.storage.kafka.history.KafkaSchemaHistory;

/**
 * Debezium's schema history in Kafka, for a MySQL or MariaDB source, recovered up to the right DDL after a restart.
 *
 * <p>Debezium's MySQL connector reading MariaDB stores restart offsets without the server id (MariaDB starts a
 * transaction with its own GTID event, which the MySQL connector does not handle), while the DDL records in the
 * history carry it. Its comparator then sees "another server" and compares timestamps, so none of the DDL streamed
 * since the snapshot is recovered: a table created while capture ran was unknown after a restart and stopped the
 * connector. Here an offset without a server id is taken to be of the server the DDL record names, and binary log
 * coordinates decide, as they do on MySQL. Offsets that carry a server id are compared as Debezium compares them.
 */
public class BinlogSchemaHistory extends KafkaSchemaHistory {

    private static final String POSITION = "position";
    private static final String SERVER_ID = "server_id";

    @Override
    public void configure(Configuration config, HistoryRecordComparator comparator, SchemaHistoryListener listener,
                          boolean useCatalogBeforeSchema) {
        super.configure(config, new SameServerWhenUnnamed(comparator), listener, useCatalogBeforeSchema);
    }

    static final class SameServerWhenUnnamed extends HistoryRecordComparator {

        private final HistoryRecordComparator binlog;

        SameServerWhenUnnamed(HistoryRecordComparator binlog) {
            this.binlog = binlog;
        }

        @Override
        public boolean isAtOrBefore(HistoryRecord recorded, HistoryRecord desired) {
            return binlog.isAtOrBefore(recorded, withServerOf(recorded, desired));
        }

        static HistoryRecord withServerOf(HistoryRecord recorded, HistoryRecord desired) {
            Document recordedPosition = recorded.document().getDocument(POSITION);
            Document desiredPosition = desired.document().getDocument(POSITION);
            if (recordedPosition == null || desiredPosition == null || desiredPosition.has(SERVER_ID)
                    || !recordedPosition.has(SERVER_ID)) {
                return desired;
            }
            Document named = desired.document().clone();
            named.getDocument(POSITION).setNumber(SERVER_ID, recordedPosition.getLong(SERVER_ID).longValue());
            return new HistoryRecord(named);
        }
    }
}
