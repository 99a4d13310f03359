package jp.daicho.vocabulary;

/** What happened to personal data in an incident (APPI Art. 26: 漏えい、滅失若しくは毀損). */
public enum IncidentKind implements Term {
    LEAK("漏えい", "Leak"),
    LOSS("滅失", "Loss"),
    DAMAGE("毀損", "Damage");

    private final Words words;

    IncidentKind(String japanese, String english) {
        this.words = new Words(japanese, english);
    }

    @Override
    public Words words() {
        return words;
    }
}
