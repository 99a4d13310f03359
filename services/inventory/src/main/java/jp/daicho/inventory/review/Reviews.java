package jp.daicho.inventory.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.inventory.datasets.ClassificationChanged;
import jp.daicho.inventory.datasets.ClassificationHistory;
import jp.daicho.inventory.review.ReviewViews.QueuedField;
import jp.daicho.inventory.review.ReviewViews.Reviewed;
import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.ReviewState;
import jp.daicho.vocabulary.Subject;
import jp.daicho.vocabulary.Term;
import jp.daicho.web.Codes;
import jp.daicho.web.Rejected;

/**
 * The DPO's review of a classification: confirm it, or override it with another item and subject, with a
 * reason. Who, when and why are recorded; automation never replaces a reviewed decision: the inventory keeps
 * it whatever the classifier publishes later, and the review flows back to the classifier
 * ({@code ClassificationReviewed}), which stops publishing decisions for that field. The change is announced
 * ({@link ClassificationChanged}): the pipelines reading the field are checked again.
 */
@Service
public class Reviews {

    /** The longest reason kept: a paragraph, not a document. */
    static final int MAX_REASON = 2000;
    static final int MAX_QUEUE = 10_000;

    /** CONFIRM keeps the decision; OVERRIDE replaces item and subject. */
    public record ReviewRequest(Decision decision, String item, String subject, String reason) {
        public enum Decision { CONFIRM, OVERRIDE }
    }

    private final JdbcClient jdbc;
    private final ClassificationHistory history;
    private final ApplicationEventPublisher changes;
    private final ReviewEvents events;
    private final jp.daicho.inventory.policy.PolicyRepository policies;

    Reviews(JdbcClient jdbc, ClassificationHistory history, ApplicationEventPublisher changes, ReviewEvents events,
            jp.daicho.inventory.policy.PolicyRepository policies) {
        this.policies = policies;
        this.jdbc = jdbc;
        this.history = history;
        this.changes = changes;
        this.events = events;
    }

    /** The confidence below which an automatic decision waits for a person, unless a caller says otherwise. */
    public static final double UNSURE = 0.8;

    /** How many fields wait for a person: automatic decisions below {@code below} confidence, and drifted reviewed ones. */
    public long waiting(double below) {
        return jdbc.sql("""
                select count(*) from field_classification c join field f on f.dataset_id = c.dataset_id and f.name = c.field_name
                where f.present and (c.review_state = ? and c.confidence < ? or c.drifted_at is not null)
                """).params(ReviewState.AUTO.code(), below).query(Long.class).single();
    }

    /**
     * Fields waiting for a person: reviewed fields whose values drifted first, then automatic decisions below
     * {@code below} confidence, least sure first.
     */
    public List<QueuedField> queue(double below, int limit) {
        if (limit < 1 || limit > MAX_QUEUE) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "limit は 1 から " + MAX_QUEUE + " までです（" + limit + " ではなく）。",
                    "limit must be between 1 and " + MAX_QUEUE + ", not " + limit);
        }
        if (!(below > 0 && below <= 1)) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "below は 0 より大きく 1 以下の確信度です（" + below + " ではなく）。",
                    "below is a confidence between 0 (exclusive) and 1, not " + below);
        }
        return jdbc.sql("""
                select c.dataset_id, c.field_name, c.item, c.subject, c.sensitive, c.confidence, c.evidence, c.drift_item,
                       c.drift_subject, c.drift_sensitive, c.drift_confidence, c.drift_evidence, c.drifted_at
                from field_classification c join field f on f.dataset_id = c.dataset_id and f.name = c.field_name
                where f.present and (c.review_state = ? and c.confidence < ? or c.drifted_at is not null)
                order by c.drifted_at is null, c.confidence, c.dataset_id, c.field_name limit ?
                """).params(ReviewState.AUTO.code(), below, limit)
                .query((rs, n) -> new QueuedField(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getDouble(6), List.of((String[]) rs.getArray(7).getArray()),
                        rs.getTimestamp(13) == null ? null : new ReviewViews.Drift(rs.getString(8), rs.getString(9),
                                rs.getBoolean(10), rs.getDouble(11), List.of((String[]) rs.getArray(12).getArray()),
                                rs.getTimestamp(13).toInstant())))
                .list();
    }

    @Transactional
    public Reviewed review(String datasetId, String field, ReviewRequest review, String who) {
        if (review.decision() == null) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "decision がありません。判定をそのまま確認するなら CONFIRM、置き換えるなら "
                    + "item と subject を添えて OVERRIDE を送ってください。", "decision is missing: send CONFIRM to keep the classification or "
                    + "OVERRIDE with item and subject to replace it");
        }
        if (review.reason() == null || review.reason().isBlank() || review.reason().length() > MAX_REASON) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "reason（理由）がありません（又は " + MAX_REASON + " 文字を超えています）。"
                    + "記録のために理由を書いてください。", "reason is missing (or longer than " + MAX_REASON
                    + " characters): say why, for the record");
        }
        var current = jdbc.sql("select item, subject from field_classification where dataset_id = ? and field_name = ? for update")
                .params(datasetId, field).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional()
                .orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "データセット '" + datasetId + "' に判定済みの項目 '" + field
                        + "' はありません。項目の一覧は GET /api/datasets/{id} です。", "No classified field '" + field + "' in dataset '"
                        + datasetId + "'. GET /api/datasets/{id} lists its fields."));
        Item item = Term.of(Item.class, current[0]);
        String subject = current[1];
        ReviewState state = ReviewState.CONFIRMED;
        if (review.decision() == ReviewRequest.Decision.OVERRIDE) {
            if (review.item() == null || review.subject() == null) {
                throw new Rejected(HttpStatus.BAD_REQUEST, "OVERRIDE には item と subject の両方が必要です（分類器の判定に代わる分類）。",
                        "OVERRIDE needs both item and subject: the classification that replaces the classifier's");
            }
            item = Codes.parameter("item", Item.class, review.item());
            subject = policies.subject("subject", review.subject());
            if (item.personal() == Subject.NONE.code().equals(subject)) {
                throw new Rejected(HttpStatus.BAD_REQUEST, "subject が none になるのは item が none のときだけです。個人情報の項目は誰かの"
                        + "ものであり、誰のものでもない項目は個人情報ではありません。", "subject is none exactly when item is none: a personal item "
                        + "belongs to someone, and a field about no one holds no personal item");
            }
            state = ReviewState.OVERRIDDEN;
        }
        Instant now = Instant.now();
        jdbc.sql("""
                update field_classification set review_auto_item = case when review_state = 'AUTO' then item else review_auto_item end,
                    review_auto_sensitive = case when review_state = 'AUTO' then sensitive else review_auto_sensitive end,
                    item = ?, subject = ?, sensitive = ?, confidence = 1.0, review_state = ?,
                    reviewed_by = ?, reviewed_at = ?, review_reason = ?, drift_item = null, drift_subject = null,
                    drift_sensitive = null, drift_confidence = null, drift_evidence = null, drifted_at = null
                where dataset_id = ? and field_name = ?
                """).params(item.code(), subject, item.sensitive(), state.code(), who, Timestamp.from(now),
                        review.reason(), datasetId, field)
                .update();
        history.record(datasetId, field, item.code(), subject, item.sensitive(), 1.0, state.code(), who,
                review.reason(), now);
        changes.publishEvent(new ClassificationChanged(datasetId, field));
        events.reviewed(datasetId, field, item.code(), subject, item.sensitive(), state.code(), who, now);
        return new Reviewed(datasetId, field, item.code(), subject, item.sensitive(), state.code(), who, now,
                review.reason());
    }
}
