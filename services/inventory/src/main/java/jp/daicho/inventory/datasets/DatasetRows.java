package jp.daicho.inventory.datasets;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How many rows each captured table holds, as its source's catalog statistics estimate it: the 台帳's number of
 * records. Kept as a history (one row per change), so that the 台帳 as of a past day counts as it counted then.
 */
@Repository
public class DatasetRows {

    private final JdbcClient jdbc;

    DatasetRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The estimate read at {@code readAt}; kept only if it differs from the latest one before it (the topic may repeat it). */
    public void record(String datasetId, Long rows, Instant readAt) {
        jdbc.sql("""
                insert into dataset_rows (dataset_id, read_at, rows)
                select ?, ?, ?
                where not exists (select 1 from (select r.rows from dataset_rows r where r.dataset_id = ? and r.read_at <= ?
                                                 order by r.read_at desc limit 1) latest
                                  where latest.rows is not distinct from ?)
                on conflict do nothing
                """).params(datasetId, Timestamp.from(readAt), rows, datasetId, Timestamp.from(readAt), rows)
                .update();
    }
}
