package jp.daicho.classification;

import java.util.List;

/**
 * What the classifier knows of one column: its name and SQL type, the table it belongs to, the
 * {@code table.column} its declared foreign key references (or null), and a few sampled values. Samples
 * live only in memory and never leave the classifier.
 */
public record ColumnProfile(String table, String column, String sqlType, String references, List<String> samples,
                            String comment) {

    /** At most this many characters of a column's comment are read. */
    static final int MAX_COMMENT_CHARS = 1000;

    /** Null samples (SQL NULL) carry no evidence and are dropped; a null-only column has no samples. */
    public ColumnProfile {
        samples = samples.stream().filter(java.util.Objects::nonNull).toList();
        sqlType = sqlType == null ? "" : sqlType;
        comment = comment == null || comment.isBlank() ? null
                : comment.length() > MAX_COMMENT_CHARS ? comment.substring(0, MAX_COMMENT_CHARS) : comment;
    }

    /** A column without a comment. */
    public ColumnProfile(String table, String column, String sqlType, String references, List<String> samples) {
        this(table, column, sqlType, references, samples, null);
    }

    /** A column without a declared foreign key. */
    public ColumnProfile(String table, String column, String sqlType, List<String> samples) {
        this(table, column, sqlType, null, samples);
    }

    /** The referenced table of the declared foreign key, if any. */
    String referencedTable() {
        if (references == null || references.isBlank()) {
            return null;
        }
        int dot = references.lastIndexOf('.');
        return dot > 0 ? references.substring(0, dot) : references;
    }

    boolean integerTyped() {
        String t = sqlType.toLowerCase(java.util.Locale.ROOT);
        return t.contains("int") || t.equals("serial") || t.equals("bigserial") || t.startsWith("number(")
                || t.equals("int64") || t.equals("int32");
    }
}
