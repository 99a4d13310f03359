package jp.daicho.vocabulary;

/** How an Art. 29/30 record is kept (PPC Rules Art. 19 and 23). The code is the constant's name. */
public enum RecordMode implements Term {
    /** A record each time data is provided or received. */
    EACH_TIME("都度記録", "Each time"),
    /** One record for repeated provisions to one counterparty (Rules 19(2), 23(2)); never for opt-out. */
    BATCH("一括記録", "Batch"),
    /** The contract standing in for the record, for provision with consent (Rules 19(3), 23(3)). */
    CONTRACT_SUBSTITUTE("契約書等による代替", "Contract in place of a record");

    private final Words words;

    RecordMode(String japanese, String english) {
        this.words = new Words(japanese, english);
    }

    /** Years a record is kept (Rules 21 and 25): 1 after the last provision for a contract, otherwise 3. */
    public int retentionYears() {
        return this == CONTRACT_SUBSTITUTE ? 1 : 3;
    }

    @Override
    public Words words() {
        return words;
    }
}
