package jp.daicho.inventory.requests;

/** What a person may ask of the company about their own data (開示等の請求), with the article that gives the right. */
public enum RequestKind {

    PURPOSE_NOTICE(new Article("第32条第2項", "利用目的の通知", "Notice of the purposes of use"), true),
    DISCLOSURE(new Article("第33条第1項", "保有個人データの開示", "Disclosure of retained personal data"), true),
    PROVISION_RECORDS(new Article("第33条第5項", "第三者提供記録の開示", "Disclosure of third-party provision records"), true),
    CORRECTION(new Article("第34条", "内容の訂正・追加・削除", "Correction, addition or deletion"), false),
    SUSPENSION(new Article("第35条第1項・第5項", "利用停止・消去", "Suspension of use or erasure"), false),
    STOP_PROVISION(new Article("第35条第3項・第5項", "第三者提供の停止", "Stop of provision to third parties"), false);

    private final Article article;
    private final boolean feeAllowed;

    RequestKind(Article article, boolean feeAllowed) {
        this.article = article;
        this.feeAllowed = feeAllowed;
    }

    /** The right, in words, with the APPI article that gives it. */
    public Article article() {
        return article;
    }

    /** Whether the company may charge its published fee for it (Art. 38(1): purpose notices and disclosures). */
    public boolean feeAllowed() {
        return feeAllowed;
    }
}
