package jp.daicho.classification;

import java.util.List;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

/**
 * One application's schema with every column labelled by hand: what the model learns from and is measured on.
 * Read from the corpus files (classification/corpus/*.json) by the command line; the samples are synthetic.
 */
public record LabeledSchema(String app, List<Table> tables) {

    public LabeledSchema {
        // as a schema is classified: the columns other tables' foreign keys point at are marked (ColumnProfile.referenced)
        var byName = new java.util.LinkedHashMap<String, List<ColumnProfile>>();
        tables.forEach(t -> byName.put(t.name(), t.columns()));
        var marked = ColumnProfile.markReferenced(byName);
        tables = tables.stream().map(t -> new Table(t.name(), marked.get(t.name()), t.labels())).toList();
    }

    /** A table: its columns and, in the same order, their labels. */
    public record Table(String name, List<ColumnProfile> columns, List<Label> labels) {
        public Table {
            if (columns.size() != labels.size()) {
                throw new IllegalArgumentException(name + ": " + columns.size() + " columns but " + labels.size() + " labels");
            }
            columns = List.copyOf(columns);
            labels = List.copyOf(labels);
        }
    }

    /** A column's label; an ambiguous one is a best guess that careful reviewers could dispute, left out of scores. */
    public record Label(Item item, Subject subject, boolean ambiguous) {
    }

    /** The names of all tables: the neighbours each table is classified among. */
    java.util.Set<String> tableNames() {
        var names = new java.util.LinkedHashSet<String>();
        tables.forEach(t -> names.add(t.name()));
        return names;
    }

    /** The same schema with its samples left out: how the classifier does from names alone. */
    LabeledSchema withoutSamples() {
        return new LabeledSchema(app, tables.stream().map(t -> new Table(t.name(), t.columns().stream()
                .map(c -> new ColumnProfile(c.table(), c.column(), c.sqlType(), c.references(), List.of(), null,
                        c.referenced())).toList(),
                t.labels())).toList());
    }
}
