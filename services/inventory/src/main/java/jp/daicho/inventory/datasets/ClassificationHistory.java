package jp.daicho.inventory.datasets;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every decision a field ever had and the period it stood, so the inventory can be read as of any past
 * date. Append-only but for closing the period of the decision a new one replaces.
 */
@Repository
public class ClassificationHistory {

    private final JdbcClient jdbc;

    ClassificationHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a decision if it differs from the current one (item, subject, sensitivity or review state).
     *
     * @return whether the decision changed
     */
    public boolean record(String datasetId, String field, String item, String subject, boolean sensitive,
                          double confidence, String reviewState, String decidedBy, String reason, Instant at) {
        var current = jdbc.sql("""
                select item, subject, sensitive, review_state from classification_history
                where dataset_id = ? and field_name = ? and valid_to is null for update
                """).params(datasetId, field).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|"
                + rs.getBoolean(3) + "|" + rs.getString(4)).optional();
        if (current.isPresent() && current.get().equals(item + "|" + subject + "|" + sensitive + "|" + reviewState)) {
            return false;
        }
        Timestamp when = Timestamp.from(at);
        jdbc.sql("update classification_history set valid_to = ? where dataset_id = ? and field_name = ? and valid_to is null")
                .params(when, datasetId, field).update();
        jdbc.sql("""
                insert into classification_history (dataset_id, field_name, item, subject, sensitive, confidence,
                    review_state, decided_by, reason, valid_from)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(datasetId, field, item, subject, sensitive, confidence, reviewState, decidedBy, reason, when)
                .update();
        return true;
    }
}
