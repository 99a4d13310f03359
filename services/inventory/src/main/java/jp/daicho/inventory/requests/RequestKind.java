package jp.daicho.inventory.requests;

import java.util.Arrays;
import java.util.List;

/** What a person may ask of the company about their own data (開示等の請求), with the article that gives the right. */
public enum RequestKind {

    PURPOSE_NOTICE("第32条第2項", "利用目的の通知", "Notice of the purposes of use", true),
    DISCLOSURE("第33条第1項", "保有個人データの開示", "Disclosure of retained personal data", true),
    PROVISION_RECORDS("第33条第5項", "第三者提供記録の開示", "Disclosure of third-party provision records", true),
    CORRECTION("第34条", "内容の訂正・追加・削除", "Correction, addition or deletion", false),
    SUSPENSION("第35条第1項・第5項", "利用停止・消去", "Suspension of use or erasure", false),
    STOP_PROVISION("第35条第3項・第5項", "第三者提供の停止", "Stop of provision to third parties", false);

    private final String article;
    private final String japanese;
    private final String english;
    private final boolean feeAllowed;

    RequestKind(String article, String japanese, String english, boolean feeAllowed) {
        this.article = article;
        this.japanese = japanese;
        this.english = english;
        this.feeAllowed = feeAllowed;
    }

    /** The APPI article, as 第33条第1項. */
    public String article() {
        return article;
    }

    public String japanese() {
        return japanese;
    }

    public String english() {
        return english;
    }

    /** Whether the company may charge its published fee for it (Art. 38(1): purpose notices and disclosures). */
    public boolean feeAllowed() {
        return feeAllowed;
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
