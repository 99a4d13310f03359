package jp.daicho.vocabulary;

/** On which ground personal data may go to a recipient abroad (APPI Art. 28). The code is the constant's name. */
public enum CrossBorderBasis implements Term {
    /** A country the PPC recognises as having an equivalent regime: the EEA and the UK (Rules Art. 15). */
    ADEQUACY("同等の水準にある国", "Adequate country"),
    /** The recipient keeps measures equivalent to APPI's by contract or certification (Art. 28(1), Rules Art. 16). */
    EQUIVALENT_MEASURES("相当措置（契約・認証）", "Equivalent measures"),
    /** The person's consent, given with information on that country's regime (Art. 28(2)). */
    CONSENT("外国にある第三者への提供の同意", "Consent to provision abroad");

    private final Words words;

    CrossBorderBasis(String japanese, String english) {
        this.words = new Words(japanese, english);
    }

    @Override
    public Words words() {
        return words;
    }
}
