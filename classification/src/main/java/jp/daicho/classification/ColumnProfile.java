package jp.daicho.classification;

import java.util.List;
import java.util.Map;

/**
 * What the classifier knows of one column: its name and SQL type, the table it belongs to, the
 * {@code table.column} its declared foreign key references (or null), a few sampled values, its comment, and whether
 * other tables' declared foreign keys point at it ({@code referenced}: it is its table's key, whatever its name — a
 * Frappe document's {@code name}, PrestaShop's {@code id_customer}). Samples live only in memory and never leave the
 * classifier.
 */
public record ColumnProfile(String table, String column, String sqlType, String references, List<String> samples,
                            String comment, boolean referenced) {

    /** At most this many characters of a column's comment are read. */
    static final int MAX_COMMENT_CHARS = 1000;

    /** Null samples (SQL NULL) carry no evidence and are dropped; a null-only column has no samples. */
    public ColumnProfile {
        samples = samples.stream().filter(java.util.Objects::nonNull).toList();
        sqlType = sqlType == null ? "" : sqlType;
        comment = comment == null || comment.isBlank() ? null
                : comment.length() > MAX_COMMENT_CHARS ? comment.substring(0, MAX_COMMENT_CHARS) : comment;
    }

    /** A column no other table's foreign key is known to point at. */
    public ColumnProfile(String table, String column, String sqlType, String references, List<String> samples,
                         String comment) {
        this(table, column, sqlType, references, samples, comment, false);
    }

    /** The same column, with or without other tables' foreign keys pointing at it. */
    ColumnProfile referenced(boolean referenced) {
        return referenced == this.referenced ? this
                : new ColumnProfile(table, column, sqlType, references, samples, comment, referenced);
    }

    /**
     * The tables of a schema (by name) with every column that another table's declared foreign key points at
     * ({@code table.column}, compared without case) marked {@link #referenced()}.
     */
    static Map<String, List<ColumnProfile>> markReferenced(Map<String, List<ColumnProfile>> tables) {
        var targets = new java.util.HashSet<String>();
        tables.values().forEach(columns -> columns.forEach(c -> {
            if (c.references() != null && !c.references().isBlank()) {
                targets.add(c.references().toLowerCase(java.util.Locale.ROOT));
            }
        }));
        var marked = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        tables.forEach((name, columns) -> marked.put(name, columns.stream()
                .map(c -> c.referenced(c.referenced() || targets.contains(referenceKey(name, c.column()))))
                .toList()));
        return marked;
    }

    /**
     * How a column is named by the foreign keys that point at it, compared without case: {@code table.column} in lower
     * case, as a declared reference ({@link #references()}) lower-cased is.
     */
    public static String referenceKey(String table, String column) {
        return (table + "." + column).toLowerCase(java.util.Locale.ROOT);
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

    /** A column of long text by its SQL type (text, clob, longtext), not a bounded varchar. */
    boolean longText() {
        String t = sqlType.toLowerCase(java.util.Locale.ROOT);
        return t.contains("text") || t.contains("clob");
    }

    /** A date or time column by its SQL type (date, datetime, timestamp, time). */
    boolean temporalTyped() {
        String t = sqlType.toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("date") || t.startsWith("time") || t.contains("timestamp");
    }

    boolean integerTyped() {
        String t = sqlType.toLowerCase(java.util.Locale.ROOT);
        return t.contains("int") || t.equals("serial") || t.equals("bigserial") || t.startsWith("number(")
                || t.equals("int64") || t.equals("int32");
    }
}
