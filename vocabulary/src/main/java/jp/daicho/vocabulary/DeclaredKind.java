package jp.daicho.vocabulary;

/** Where a declared dataset lives, outside the captured databases: what carries the items a manifest names. */
public enum DeclaredKind implements Term {
    WEB_TAG("ウェブのタグ・Cookie", "Web tag or cookie"),
    APP_SDK("アプリの SDK", "App SDK"),
    SAAS("SaaS", "SaaS"),
    FILE("ファイル", "File");

    private final Words words;

    DeclaredKind(String japanese, String english) {
        this.words = new Words(japanese, english);
    }

    @Override
    public Words words() {
        return words;
    }
}
