package jp.daicho.app.demo;

import java.time.LocalDate;
import java.util.Random;

/** Fictitious but realistic Japanese people, addresses and contact details for the demo database. */
final class DemoPeople {

    record Person(String family, String given, String familyKana, String givenKana, String romaji, String gender) {
        String name() {
            return family + " " + given;
        }

        String kana() {
            return familyKana + " " + givenKana;
        }
    }

    private static final String[][] FAMILY = {
            {"山田", "ヤマダ", "yamada"}, {"佐藤", "サトウ", "sato"}, {"鈴木", "スズキ", "suzuki"}, {"高橋", "タカハシ", "takahashi"},
            {"田中", "タナカ", "tanaka"}, {"伊藤", "イトウ", "ito"}, {"渡辺", "ワタナベ", "watanabe"}, {"中村", "ナカムラ", "nakamura"},
            {"小林", "コバヤシ", "kobayashi"}, {"加藤", "カトウ", "kato"}, {"吉田", "ヨシダ", "yoshida"}, {"山本", "ヤマモト", "yamamoto"}};
    private static final String[][] GIVEN = {
            {"太郎", "タロウ", "taro", "男性"}, {"花子", "ハナコ", "hanako", "女性"}, {"健太", "ケンタ", "kenta", "男性"},
            {"美咲", "ミサキ", "misaki", "女性"}, {"大輔", "ダイスケ", "daisuke", "男性"}, {"結衣", "ユイ", "yui", "女性"},
            {"翔太", "ショウタ", "shota", "男性"}, {"さくら", "サクラ", "sakura", "女性"}, {"蓮", "レン", "ren", "男性"},
            {"陽菜", "ヒナ", "hina", "女性"}};
    private static final String[][] ADDRESS = {
            {"105-0011", "東京都港区芝公園4丁目2-8"}, {"530-0001", "大阪府大阪市北区梅田1丁目1-3"},
            {"460-0008", "愛知県名古屋市中区栄3丁目5-1"}, {"812-0011", "福岡県福岡市博多区博多駅前2丁目1-1"},
            {"060-0005", "北海道札幌市中央区北5条西2丁目"}, {"980-0021", "宮城県仙台市青葉区中央1丁目3-1"}};
    static final String[] COMPANIES = {"株式会社サンプル物流", "東都システム株式会社", "みなと印刷株式会社", "合同会社北斗コンサルティング"};
    static final String[] DEPARTMENTS = {"営業部", "開発部", "人事部", "経理部", "カスタマーサポート部"};
    static final String[] POSITIONS = {"Webエンジニア", "カスタマーサクセス", "経理スタッフ", "データアナリスト"};
    static final String[] DIAGNOSES = {"異常なし", "高血圧症（経過観察）", "脂質異常症", "要再検査（肝機能）", "2型糖尿病（治療中）"};
    static final String[] HISTORY = {"なし", "喘息（小児期）", "虫垂炎手術（2015年）", "花粉症"};

    private final Random random;

    DemoPeople(long seed) {
        this.random = new Random(seed);
    }

    Person person() {
        String[] f = FAMILY[random.nextInt(FAMILY.length)];
        String[] g = GIVEN[random.nextInt(GIVEN.length)];
        return new Person(f[0], g[0], f[1], g[1], g[2] + "." + f[2], g[3]);
    }

    String mobile() {
        return String.format("0%d0-%04d-%04d", 7 + random.nextInt(3), random.nextInt(10000), random.nextInt(10000));
    }

    String landline() {
        return String.format("0%d-%04d-%04d", 3 + random.nextInt(4), random.nextInt(10000), random.nextInt(10000));
    }

    String[] address() {
        return ADDRESS[random.nextInt(ADDRESS.length)];
    }

    LocalDate birthDate() {
        return LocalDate.of(1955 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }
}
