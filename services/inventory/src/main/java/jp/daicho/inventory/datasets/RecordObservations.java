package jp.daicho.inventory.datasets;

import java.sql.Timestamp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records dataset observations and field classifications. Both are idempotent: the same event applied
 * twice leaves the inventory as applying it once did, so redelivery after a crash is harmless.
 */
@Service
public class RecordObservations {

    private static final Logger log = LoggerFactory.getLogger(RecordObservations.class);

    private final JdbcClient jdbc;
    private final ClassificationHistory history;
    private final ApplicationEventPublisher changes;

    RecordObservations(JdbcClient jdbc, ClassificationHistory history, ApplicationEventPublisher changes) {
        this.jdbc = jdbc;
        this.history = history;
        this.changes = changes;
    }

    /**
     * A known schema fingerprint only refreshes last-seen; a new one becomes the next schema version. A dropped table
     * is marked dropped (its fields no longer present, its versions and decisions kept); seen again, it is not.
     */
    @Transactional
    public void on(DatasetObservation o) {
        Timestamp at = Timestamp.from(o.observedAt());
        if (o.dropped()) {
            int marked = jdbc.sql("update dataset set dropped_at = ? where id = ? and dropped_at is null and last_seen_at <= ?")
                    .params(at, o.datasetId(), at).update();
            if (marked > 0) {
                jdbc.sql("update field set present = false where dataset_id = ?").param(o.datasetId()).update();
                log.info("Dataset {} was dropped from its source", o.datasetId());
            }
            return;
        }
        jdbc.sql("""
                insert into dataset (id, system_name, database_name, schema_name, table_name, source_topic,
                                     current_version, first_seen_at, last_seen_at)
                values (?, ?, ?, ?, ?, ?, 0, ?, ?)
                on conflict (id) do update set last_seen_at = greatest(dataset.last_seen_at, excluded.last_seen_at)
                """).params(o.datasetId(), o.system(), o.database(), o.schemaName(), o.table(), o.sourceTopic(), at, at)
                .update();
        int revived = jdbc.sql("update dataset set dropped_at = null where id = ? and dropped_at <= ?")
                .params(o.datasetId(), at).update();
        // Serialize versioning per dataset.
        int current = jdbc.sql("select current_version from dataset where id = ? for update")
                .param(o.datasetId()).query(Integer.class).single();
        boolean known = jdbc.sql("select count(*) from dataset_version where dataset_id = ? and fingerprint = ?")
                .params(o.datasetId(), o.fingerprint()).query(Integer.class).single() > 0;
        if (known) {
            if (revived > 0) {
                // The table is back with a schema it had before: its columns are present again.
                jdbc.sql("update field set present = (name = any(?)) where dataset_id = ?")
                        .params(o.columns().stream().map(DatasetObservation.Column::name).toArray(String[]::new), o.datasetId())
                        .update();
            }
            return;
        }
        int version = current + 1;
        jdbc.sql("insert into dataset_version (dataset_id, version, fingerprint, column_count, observed_at) values (?, ?, ?, ?, ?)")
                .params(o.datasetId(), version, o.fingerprint(), o.columns().size(), at).update();
        jdbc.sql("update dataset set current_version = ? where id = ?").params(version, o.datasetId()).update();
        jdbc.sql("update field set present = false where dataset_id = ?").param(o.datasetId()).update();
        for (var c : o.columns()) {
            jdbc.sql("""
                    insert into field (dataset_id, name, position, sql_type, optional, primary_key, since_version, present)
                    values (?, ?, ?, ?, ?, ?, ?, true)
                    on conflict (dataset_id, name) do update set position = excluded.position, sql_type = excluded.sql_type,
                        optional = excluded.optional, primary_key = excluded.primary_key, present = true
                    """).params(o.datasetId(), c.name(), c.position(), c.sqlType(), c.optional(), c.primaryKey(), version)
                    .update();
        }
        log.info("Dataset {} is at schema version {} ({} columns)", o.datasetId(), version, o.columns().size());
    }

    /**
     * Keeps the newest automatic decision per field. A decision a person confirmed or overrode
     * (review state other than AUTO) is never replaced by automation, nor a decision drawn from sampled values by one
     * from names alone for the same schema version (the catalog read again after a restart).
     */
    @Transactional
    public void on(FieldClassification c) {
        int changed = jdbc.sql("""
                insert into field_classification (dataset_id, field_name, item, subject, sensitive, confidence, evidence,
                    sample_count, schema_fingerprint, classifier_version, classified_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (dataset_id, field_name) do update set item = excluded.item, subject = excluded.subject,
                    sensitive = excluded.sensitive, confidence = excluded.confidence, evidence = excluded.evidence,
                    sample_count = excluded.sample_count, schema_fingerprint = excluded.schema_fingerprint,
                    classifier_version = excluded.classifier_version, classified_at = excluded.classified_at
                where field_classification.review_state = 'AUTO'
                  and field_classification.classified_at <= excluded.classified_at
                  and not (excluded.sample_count = 0 and field_classification.sample_count > 0
                           and field_classification.schema_fingerprint = excluded.schema_fingerprint)
                """).params(c.datasetId(), c.field(), c.item(), c.subject(), c.sensitive(), c.confidence(),
                        c.evidence().toArray(String[]::new), c.sampleCount(), c.fingerprint(), c.classifierVersion(),
                        Timestamp.from(c.classifiedAt()))
                .update();
        if (changed > 0 && history.record(c.datasetId(), c.field(), c.item(), c.subject(), c.sensitive(), c.confidence(),
                "AUTO", c.classifierVersion(), null, c.classifiedAt())) {
            changes.publishEvent(new ClassificationChanged(c.datasetId(), c.field()));
        } else if (changed == 0 && drifted(c)) {
            log.info("Field {}.{} was reviewed, but its values now look like {} ({}): back in the review queue",
                    c.datasetId(), c.field(), c.item(), c.sensitive() ? "sensitive" : "personal");
        }
    }

    /**
     * A reviewed field whose sampled values no longer fit the DPO's decision — personal where they decided it is not,
     * sensitive where they decided it is not — is marked for review again with what the classifier found; the first
     * such finding is kept until the DPO reviews the field. Their decision stays. Finding again what the classifier
     * had decided when the DPO reviewed is no drift: they saw it and decided otherwise.
     */
    private boolean drifted(FieldClassification c) {
        if (c.sampleCount() == 0 || !(c.sensitive() || !c.item().equals("none"))) {
            return false;
        }
        return jdbc.sql("""
                update field_classification set drift_item = ?, drift_subject = ?, drift_sensitive = ?, drift_confidence = ?,
                    drift_evidence = ?, drifted_at = ?
                where dataset_id = ? and field_name = ? and review_state <> 'AUTO' and drifted_at is null
                  and ((? and not sensitive) or (? <> 'none' and item = 'none'))
                  and not (review_auto_item is not distinct from ? and review_auto_sensitive is not distinct from ?)
                """).params(c.item(), c.subject(), c.sensitive(), c.confidence(), c.evidence().toArray(String[]::new),
                        Timestamp.from(c.classifiedAt()), c.datasetId(), c.field(), c.sensitive(), c.item(), c.item(),
                        c.sensitive())
                .update() > 0;
    }
}
