package jp.daicho.inventory.review;

import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.web.Rejected;
import jp.daicho.inventory.datasets.ClassificationHistory;
import jp.daicho.inventory.pipelines.CheckPipelines;
import jp.daicho.schemas.Taxonomy;

/**
 * The DPO's review of a classification: confirm it, or override it with another item and subject, with a
 * reason. Who and when are recorded; automation never replaces a reviewed decision: the inventory keeps
 * it whatever the classifier publishes later, and the review flows back to the classifier
 * ({@code ClassificationReviewed}), which stops publishing decisions for that field. The pipelines reading
 * the field are checked again.
 */
@RestController
@RequestMapping("/api")
class ReviewController {

    /** CONFIRM keeps the decision; OVERRIDE replaces item and subject. */
    record Review(Decision decision, String item, String subject, String reason) {
        enum Decision { CONFIRM, OVERRIDE }
    }

    private final JdbcClient jdbc;
    private final ClassificationHistory history;
    private final CheckPipelines checks;
    private final ReviewEvents events;

    ReviewController(JdbcClient jdbc, ClassificationHistory history, CheckPipelines checks, ReviewEvents events) {
        this.jdbc = jdbc;
        this.history = history;
        this.checks = checks;
        this.events = events;
    }

    /** Fields waiting for a person: automatic decisions below {@code below} confidence, least sure first. */
    @GetMapping("/review-queue")
    java.util.List<Map<String, Object>> queue(@RequestParam(defaultValue = "0.8") double below,
                                              @RequestParam(defaultValue = "500") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "limit must be between 1 and 10000");
        }
        return jdbc.sql("""
                select c.dataset_id, c.field_name, c.item, c.subject, c.sensitive, c.confidence, c.evidence
                from field_classification c join field f on f.dataset_id = c.dataset_id and f.name = c.field_name
                where f.present and c.review_state = 'AUTO' and c.confidence < ?
                order by c.confidence, c.dataset_id, c.field_name limit ?
                """).params(below, limit).query((rs, n) -> {
                    // evidence is a text[]: as a JSON list, not the driver's array object
                    var row = new java.util.LinkedHashMap<String, Object>();
                    row.put("dataset_id", rs.getString(1));
                    row.put("field_name", rs.getString(2));
                    row.put("item", rs.getString(3));
                    row.put("subject", rs.getString(4));
                    row.put("sensitive", rs.getBoolean(5));
                    row.put("confidence", rs.getDouble(6));
                    row.put("evidence", java.util.List.of((String[]) rs.getArray(7).getArray()));
                    return (Map<String, Object>) row;
                }).list();
    }

    @PostMapping("/datasets/{id}/fields/{field}/review")
    @Transactional
    Map<String, Object> review(@PathVariable String id, @PathVariable String field, @RequestBody Review review, Principal who) {
        if (review.decision() == null) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "decision is missing: CONFIRM or OVERRIDE");
        }
        if (review.reason() == null || review.reason().isBlank() || review.reason().length() > 2000) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "reason is missing (or longer than 2000 characters): say why, for the record");
        }
        var current = jdbc.sql("select item, subject, confidence from field_classification where dataset_id = ? and field_name = ? for update")
                .params(id, field).query().listOfRows();
        if (current.isEmpty()) {
            throw new Rejected(HttpStatus.NOT_FOUND, "No classified field '" + field + "' in dataset '" + id
                    + "'. GET /api/datasets/{id} lists its fields.");
        }
        String item = (String) current.getFirst().get("item");
        String subject = (String) current.getFirst().get("subject");
        String state = "CONFIRMED";
        if (review.decision() == Review.Decision.OVERRIDE) {
            if (review.item() == null || !Taxonomy.isItem(review.item())) {
                throw new Rejected(HttpStatus.BAD_REQUEST, "item '" + review.item() + "' is not an item code; use one of "
                        + String.join(", ", Taxonomy.ITEMS));
            }
            if (review.subject() == null || !Taxonomy.isSubject(review.subject())) {
                throw new Rejected(HttpStatus.BAD_REQUEST, "subject '" + review.subject() + "' is not a subject code; use one of "
                        + String.join(", ", Taxonomy.SUBJECTS));
            }
            if (review.item().equals("none") != review.subject().equals("none")) {
                throw new Rejected(HttpStatus.BAD_REQUEST, "subject is none exactly when item is none");
            }
            item = review.item();
            subject = review.subject();
            state = "OVERRIDDEN";
        }
        boolean sensitive = Taxonomy.SENSITIVE_ITEMS.contains(item);
        Instant now = Instant.now();
        jdbc.sql("""
                update field_classification set item = ?, subject = ?, sensitive = ?, confidence = 1.0, review_state = ?,
                    reviewed_by = ?, reviewed_at = ?, review_reason = ?
                where dataset_id = ? and field_name = ?
                """).params(item, subject, sensitive, state, who.getName(), Timestamp.from(now), review.reason(), id, field)
                .update();
        history.record(id, field, item, subject, sensitive, 1.0, state, who.getName(), review.reason(), now);
        checks.onClassificationChanged(id, field);
        events.reviewed(id, field, item, subject, sensitive, state, who.getName(), now);
        return Map.of("datasetId", id, "field", field, "item", item, "subject", subject, "sensitive", sensitive,
                "reviewState", state, "reviewedBy", who.getName(), "reviewedAt", now);
    }
}
