package jp.daicho.classification;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Subject;

/**
 * A company's own vocabulary, tried before the built-in one: column words per item, table words per
 * subject, and value patterns per item. Written in YAML (docs/classification.md), so that no code changes
 * when a company names its columns {@code kokyaku_cd} or its tables {@code 会員台帳}.
 */
public record CompanyLexicon(List<ColumnWords> columns, Map<Subject, List<String>> tables, List<ValuePattern> values) {

    public static final CompanyLexicon NONE = new CompanyLexicon(List.of(), Map.of(), List.of());

    /** Words of column names that mean {@code item}: whole tokens (Latin) or substrings (Japanese). */
    public record ColumnWords(Item item, List<String> words) {
    }

    /** A pattern that a whole sampled value (NFKC-normalized) must match to look like {@code item}. */
    public record ValuePattern(Item item, Pattern pattern) {
    }

    /** A lexicon file that cannot be used; the message names the file, the entry and how to fix it. */
    public static final class InvalidLexicon extends IllegalArgumentException {
        InvalidLexicon(String message) {
            super(message);
        }
    }

    Optional<Item> columnItem(String columnName) {
        return columns.stream().filter(c -> c.words().stream().anyMatch(w -> matches(columnName, w)))
                .map(ColumnWords::item).findFirst();
    }

    Optional<Subject> tableSubject(String tableName) {
        return tables.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(w -> matches(tableName, w)))
                .map(Map.Entry::getKey).findFirst();
    }

    Optional<Item> valueItem(String normalizedValue) {
        return values.stream().filter(v -> v.pattern().matcher(normalizedValue).matches())
                .map(ValuePattern::item).findFirst();
    }

    private static boolean matches(String name, String word) {
        String w = Names.normalize(word).toLowerCase(Locale.ROOT);
        if (w.codePoints().anyMatch(c -> c > 0x7f)) {
            return Names.normalize(name).toLowerCase(Locale.ROOT).contains(w);
        }
        List<String> tokens = Names.tokens(name);
        return tokens.contains(w) || String.join("_", tokens).equals(w) || String.join("", tokens).equals(w);
    }

    /** Reads a lexicon; every mistake is reported with the file and entry it is in. */
    public static CompanyLexicon fromYaml(String yaml, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new InvalidLexicon(source + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            return NONE;
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new InvalidLexicon(source + ": expected a mapping with 'columns', 'tables' and/or 'values'");
        }
        for (Object key : top.keySet()) {
            if (!List.of("columns", "tables", "values").contains(String.valueOf(key))) {
                throw new InvalidLexicon(source + ": unknown section '" + key + "'; use columns, tables or values");
            }
        }
        var columns = new ArrayList<ColumnWords>();
        List<?> columnEntries = list(top.get("columns"), source + ": columns");
        for (int i = 0; i < columnEntries.size(); i++) {
            String where = source + ": columns[" + i + "]";
            Map<?, ?> entry = map(columnEntries.get(i), where);
            columns.add(new ColumnWords(item(entry.get("item"), where), strings(entry.get("words"), where + ".words")));
        }
        var tables = new EnumMap<Subject, List<String>>(Subject.class);
        Object tableSection = top.get("tables");
        if (tableSection != null) {
            map(tableSection, source + ": tables").forEach((subject, words) -> {
                String where = source + ": tables." + subject;
                tables.put(subject(subject, where), strings(words, where));
            });
        }
        var values = new ArrayList<ValuePattern>();
        List<?> valueEntries = list(top.get("values"), source + ": values");
        for (int i = 0; i < valueEntries.size(); i++) {
            String where = source + ": values[" + i + "]";
            Map<?, ?> entry = map(valueEntries.get(i), where);
            try {
                values.add(new ValuePattern(item(entry.get("item"), where),
                        Pattern.compile(String.valueOf(entry.get("pattern")))));
            } catch (PatternSyntaxException e) {
                throw new InvalidLexicon(where + ".pattern is not a valid regular expression: " + e.getDescription());
            }
        }
        return new CompanyLexicon(List.copyOf(columns), tables, List.copyOf(values));
    }

    private static Item item(Object code, String where) {
        for (Item item : Item.values()) {
            if (item.code().equals(String.valueOf(code))) {
                return item;
            }
        }
        throw new InvalidLexicon(where + ".item '" + code + "' is not an item code; use one of "
                + java.util.Arrays.stream(Item.values()).map(Item::code).toList());
    }

    private static Subject subject(Object code, String where) {
        for (Subject subject : Subject.values()) {
            if (subject != Subject.NONE && subject.code().equals(String.valueOf(code))) {
                return subject;
            }
        }
        throw new InvalidLexicon(where + ": '" + code + "' is not a subject; use customer, partner, employee or applicant");
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new InvalidLexicon(where + " must be a list");
    }

    private static Map<?, ?> map(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new InvalidLexicon(where + " must be a mapping");
    }

    private static List<String> strings(Object value, String where) {
        List<?> list = list(value, where);
        if (list.isEmpty()) {
            throw new InvalidLexicon(where + " must list at least one word");
        }
        return list.stream().map(String::valueOf).toList();
    }
}
