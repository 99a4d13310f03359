package jp.daicho.classifier.ingest;

/** Why an input record is not a change event we can read; the reason never quotes the record. */
public final class RejectedEvent extends Exception {

    private final String errorType;

    public RejectedEvent(String errorType, String reason) {
        super(reason, null, false, false);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
