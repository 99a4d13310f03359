package jp.daicho.classifier.classification;

import java.util.List;

/**
 * What the classifier knows of one column: its name and SQL type, the table it belongs to, and a few
 * sampled values. Samples live only in memory and never leave the classifier.
 */
public record ColumnProfile(String table, String column, String sqlType, List<String> samples) {

    /** Null samples (SQL NULL) carry no evidence and are dropped; a null-only column has no samples. */
    public ColumnProfile {
        samples = samples.stream().filter(java.util.Objects::nonNull).toList();
    }
}
