package jp.daicho.classification;

import java.util.List;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

/**
 * The decision for one column. {@code evidence} lists the rules that fired and masked value shapes only.
 */
public record Classification(Item item, Subject subject, double confidence, List<String> evidence, int sampleCount) {

    public Classification {
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be in [0,1]: " + confidence);
        }
        evidence = List.copyOf(evidence);
    }

    public boolean sensitive() {
        return item.sensitive();
    }

    /** A different decision from the same evidence plus the {@code reason} that changed it. */
    Classification reclassified(Item newItem, Subject newSubject, double newConfidence, String reason) {
        var more = new java.util.ArrayList<>(evidence);
        more.add(reason);
        return new Classification(newItem, newSubject, newConfidence, more, sampleCount);
    }

    /** Same decision, ignoring evidence wording and sample count: used to publish only real changes. */
    public boolean sameDecisionAs(Classification other) {
        return other != null && item == other.item && subject == other.subject
                && Math.abs(confidence - other.confidence) < 0.05;
    }
}
