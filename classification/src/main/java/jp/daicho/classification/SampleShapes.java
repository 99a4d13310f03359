package jp.daicho.classification;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.daicho.vocabulary.Item;

/**
 * How many of a column's non-blank sampled values have each shape (e-mail, phone, postal code…, or an item the
 * company's lexicon knows by value). Counted once per column and read by both the rules and the model's features:
 * shape detection is the costly part of classifying a sampled column.
 */
final class SampleShapes {

    /** A value shape must hold for this share of the non-blank samples to count as evidence. */
    static final double SHARE = 0.6;

    private final Map<Item, Integer> counts;
    private final int samples;

    private SampleShapes(Map<Item, Integer> counts, int samples) {
        this.counts = counts;
        this.samples = samples;
    }

    static SampleShapes of(ColumnProfile column, CompanyLexicon company) {
        var counts = new EnumMap<Item, Integer>(Item.class);
        int samples = 0;
        for (String raw : column.samples()) {
            if (raw.isBlank()) {
                continue;
            }
            samples++;
            company.valueItem(Names.normalize(raw)).or(() -> ValueShapes.detect(raw))
                    .ifPresent(item -> counts.merge(item, 1, Integer::sum));
        }
        return new SampleShapes(counts, samples);
    }

    /** Every column's shapes, by column name. */
    static Map<String, SampleShapes> of(List<ColumnProfile> columns, CompanyLexicon company) {
        var shapes = new LinkedHashMap<String, SampleShapes>();
        for (ColumnProfile column : columns) {
            shapes.put(column.column(), of(column, company));
        }
        return shapes;
    }

    /** The shapes most samples have, in {@link Item} order. */
    List<Item> held() {
        return counts.entrySet().stream().filter(e -> e.getValue() >= SHARE * samples).map(Map.Entry::getKey).toList();
    }

    /** The first shape most samples have, if any. */
    Optional<Item> dominant() {
        return held().stream().findFirst();
    }
}
