package jp.daicho.vocabulary;

/**
 * Why an incident must be reported to the Personal Information Protection Commission and told to the persons (APPI
 * Art. 26; the Enforcement Rules, Art. 7), or under the My Number Act (番号法 Art. 29-4 and its rules).
 */
public enum ReportReason implements Term {
    SENSITIVE("規則第7条第1号", "要配慮個人情報が含まれる個人データの漏えい等",
            "Rule 7(i)", "personal data including special-care-required information (要配慮個人情報)"),
    FINANCIAL("規則第7条第2号", "不正に利用されることにより財産的被害が生じるおそれがある個人データ（クレジットカード番号、口座情報、決済機能のあるサービスの認証情報）の漏えい等",
            "Rule 7(ii)", "personal data whose misuse may cause financial damage (card numbers, bank accounts, credentials of a service that pays or transfers)"),
    WRONGFUL_PURPOSE("規則第7条第3号", "不正の目的をもって行われたおそれがある漏えい等（不正アクセス、持ち出し等）",
            "Rule 7(iii)", "a leak that may have been done with a wrongful purpose (unauthorised access, theft, an insider taking data)"),
    OVER_1000("規則第7条第4号", "本人の数が1,000人を超える漏えい等",
            "Rule 7(iv)", "a leak concerning more than 1,000 persons"),
    MY_NUMBER("番号法第29条の4", "特定個人情報（個人番号を含む個人データ）の漏えい等: 番号法の規則による報告の要否を確認",
            "My Number Act Art. 29-4", "specific personal information (data with My Numbers): check the My Number Act's reporting rules too");

    private final String article;
    private final Words words;
    private final String articleEnglish;

    ReportReason(String article, String japanese, String articleEnglish, String english) {
        this.article = article;
        this.articleEnglish = articleEnglish;
        this.words = new Words(japanese, english);
    }

    /** The provision that makes it reportable, in Japanese ({@code 規則第7条第1号}). */
    public String article() {
        return article;
    }

    public String articleEnglish() {
        return articleEnglish;
    }

    @Override
    public Words words() {
        return words;
    }
}
