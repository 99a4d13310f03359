package jp.daicho.vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a piece of a classification's evidence looked at. Evidence reads {@code kind:what}
 * ({@code column-word:mail}, {@code value-shape:email}); two joined by {@code +} decided together. Evidence never
 * holds a value, so neither does its text.
 */
public enum EvidenceKind implements Term {
    COLUMN_NAME("column-name", "列名", "Column name", true),
    COLUMN_WORD("column-word", "列名の語", "Word in the column name"),
    COLUMN_COMMENT("column-comment", "列のコメント", "Column comment", true),
    COMPANY_LEXICON("company-lexicon", "自社の用語集", "Company lexicon", true),
    SQL_TYPE("sql-type", "データ型", "SQL type"),
    KEY("key", "キー", "Key"),
    FOREIGN_KEY("foreign-key", "外部キーの参照先", "Foreign key to"),
    FOREIGN_KEY_TABLE_WORD("foreign-key-table-word", "参照先テーブル名の語", "Word in the referenced table's name"),
    REFERENCE_TO("reference-to", "参照先", "Reference to"),
    VALUE_SHAPE("value-shape", "値の形", "Shape of the values", true),
    VALUES("values", "値の傾向", "What the values look like"),
    RULES("rules", "判定規則", "Rule", true),
    RULES_SUBJECT("rules-subject", "本人の区分の判定規則", "Rule for whose data", true),
    TABLE_WORD("table-word", "テーブル名の語", "Word in the table name"),
    TABLE_NAME("table-name", "テーブル名", "Table name", true),
    TABLE_SUBJECT("table-subject", "テーブルの本人の区分", "Whose table", true),
    TABLE_HOLDS("table-holds", "同じテーブルの項目", "The table also holds", true),
    TABLE_COLUMN_WORD("table-column-word", "同じテーブルの列名の語", "Word in another column's name"),
    TABLE_REFERS_TO("table-refers-to", "テーブルの参照先", "The table refers to"),
    REFERENCED_SUBJECT("referenced-subject", "参照先の本人の区分", "Whose data the reference points at", true),
    CLINICAL("clinical", "診療記録の列", "Clinical record column"),
    TABLE_KIND("table-kind", "テーブルの種類", "Kind of table"),
    TABLE_SIZE("table-size", "テーブルの列数", "Size of the table"),
    ACCOUNTS_BELONG_TO("accounts-belong-to", "アカウントの持ち主", "Whose accounts", true),
    SCHEMA_HAS("schema-has", "スキーマの特徴", "The schema has"),
    CONTEXT("context", "文脈", "Context"),
    SAMPLE("sample", "値の例（伏字）", "Sample value, masked"),
    SUBJECT("subject", "本人の区分", "Whose data"),
    REVIEW("review", "要確認", "To review");

    private final String code;
    private final Words words;
    /** Whether what it saw is an item or subject code (a decision), rather than a word of the schema. */
    private final boolean aboutCodes;

    EvidenceKind(String code, String japanese, String english) {
        this(code, japanese, english, false);
    }

    EvidenceKind(String code, String japanese, String english, boolean aboutCodes) {
        this.code = code;
        this.words = new Words(japanese, english);
        this.aboutCodes = aboutCodes;
    }

    /** Evidence of this kind about {@code what}: {@code column-word:mail}. */
    public String about(String what) {
        return code + ":" + what;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Words words() {
        return words;
    }

    /**
     * One piece of evidence as a reader reads it: each part's kind in the reader's language, then what it saw
     * ({@code column-word:mail+table-word:member} → 列名の語「mail」＋テーブル名の語「member」). Evidence of a kind
     * this version does not know is shown as it is.
     */
    public static String describe(String evidence, Locale locale) {
        if (evidence == null) {
            return "";
        }
        boolean japanese = Term.readsJapanese(locale);
        List<String> parts = new ArrayList<>();
        for (String part : evidence.split("\\+")) {
            int colon = part.indexOf(':');
            Optional<EvidenceKind> kind = colon < 0 ? Optional.empty() : Term.find(EvidenceKind.class, part.substring(0, colon));
            if (kind.isEmpty()) {
                parts.add(part);
            } else {
                String what = kind.get().aboutCodes ? word(part.substring(colon + 1), locale) : part.substring(colon + 1);
                parts.add(japanese ? kind.get().japanese() + "「" + what + "」" : kind.get().english() + " '" + what + "'");
            }
        }
        return String.join(japanese ? "＋" : " + ", parts);
    }

    /** An item or subject code as the reader's word for it; anything else as it is. */
    private static String word(String code, Locale locale) {
        return Term.find(Item.class, code).<Term>map(t -> t)
                .or(() -> Term.find(Subject.class, code))
                .map(t -> t.text(locale)).orElse(code);
    }
}
