package jp.daicho.inventory.review;

import java.time.Instant;
import java.util.List;

/** The review API's response bodies. */
public final class ReviewViews {

    /**
     * A field waiting for a person: an automatic decision the classifier was not sure of, or a reviewed decision its
     * values no longer fit ({@code drift}: what the classifier now finds; the decision shown is the DPO's).
     */
    public record QueuedField(String datasetId, String field, String item, String subject, boolean sensitive,
                              double confidence, List<String> evidence, Drift drift) {
    }

    /** What the classifier found in a reviewed field's values that its review did not: personal or sensitive data. */
    public record Drift(String item, String subject, boolean sensitive, double confidence, List<String> evidence,
                        Instant at) {
    }

    /** A DPO's decision on a field, as recorded: what it now holds, who decided, when and why. */
    public record Reviewed(String datasetId, String field, String item, String subject, boolean sensitive,
                           String reviewState, String reviewedBy, Instant reviewedAt, String reason) {
    }

    private ReviewViews() {
    }
}
