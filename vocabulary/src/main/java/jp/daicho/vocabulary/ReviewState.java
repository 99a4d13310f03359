package jp.daicho.vocabulary;

/** Who stands behind a field's classification. The code is the constant's name. */
public enum ReviewState implements Term {
    /** The classifier's decision, which a later decision of the classifier may replace. */
    AUTO("自動判定", "Automatic"),
    /** A DPO confirmed the classifier's decision; automation never replaces it. */
    CONFIRMED("確認済み", "Confirmed"),
    /** A DPO replaced the classifier's decision with their own; automation never replaces it. */
    OVERRIDDEN("修正済み", "Corrected");

    private final Words words;

    ReviewState(String japanese, String english) {
        this.words = new Words(japanese, english);
    }

    @Override
    public Words words() {
        return words;
    }
}
