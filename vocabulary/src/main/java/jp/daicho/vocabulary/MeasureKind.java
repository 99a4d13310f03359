package jp.daicho.vocabulary;

/**
 * The kinds of security-control measures (安全管理措置, APPI Art. 23) the PPC's guidelines name (通則編 10-1 … 10-7), as a
 * privacy policy publishes them (Art. 32(1)(iv)) and the register of measures records them.
 */
public enum MeasureKind implements Term {
    BASIC_POLICY("基本方針の策定", "Basic policy"),
    RULES("個人データの取扱いに係る規律の整備", "Rules for handling personal data"),
    ORGANIZATIONAL("組織的安全管理措置", "Organizational measures"),
    HUMAN("人的安全管理措置", "Human measures"),
    PHYSICAL("物理的安全管理措置", "Physical measures"),
    TECHNICAL("技術的安全管理措置", "Technical measures"),
    EXTERNAL_ENVIRONMENT("外的環境の把握", "Knowing the foreign environment");

    private final Words words;

    MeasureKind(String japanese, String english) {
        this.words = new Words(japanese, english);
    }

    @Override
    public Words words() {
        return words;
    }
}
