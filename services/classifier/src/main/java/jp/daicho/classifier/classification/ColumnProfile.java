package jp.daicho.classifier.classification;

import java.util.List;

/**
 * What the classifier knows of one column: its name and SQL type, the table it belongs to, and a few
 * sampled values. Samples live only in memory and never leave the classifier.
 */
public record ColumnProfile(String table, String column, String sqlType, List<String> samples) {

    public ColumnProfile {
        samples = List.copyOf(samples);
    }
}
