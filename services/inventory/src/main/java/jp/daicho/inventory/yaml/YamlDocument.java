package jp.daicho.inventory.yaml;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import jp.daicho.vocabulary.Words;

/**
 * A YAML document read as a tree that remembers where each value was written, so that every error
 * names the file, line and path ({@code pipeline.yml:12: destination.country: …}). Reading collects
 * errors instead of stopping at the first, so an author sees everything to fix at once.
 */
public final class YamlDocument {

    /** Errors found while reading a document, in Japanese and English; the message lists every one of them in English. */
    public static final class Invalid extends IllegalArgumentException {
        private final List<Words> problems;

        public Invalid(List<Words> problems) {
            super(String.join("\n", problems.stream().map(Words::english).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Words> problems() {
            return problems;
        }
    }

    /** A problem of the whole document: {@code file: message}. */
    private static Invalid invalid(String file, String japanese, String english) {
        return new Invalid(List.of(new Words(file + ": " + japanese, file + ": " + english)));
    }

    /** Documents larger than this are refused before parsing. */
    public static final int MAX_CHARS = 512 * 1024;

    private final String file;
    private final List<Words> problems = new ArrayList<>();

    private YamlDocument(String file) {
        this.file = file;
    }

    /** Parses {@code text}; a syntax error or an empty document throws {@link Invalid} at once. */
    public static Value parse(String text, String file) {
        var document = new YamlDocument(file);
        if (text == null || text.isBlank()) {
            throw invalid(file, "文書が空です", "the document is empty");
        }
        if (text.length() > MAX_CHARS) {
            throw invalid(file, "文書が " + text.length() + " 文字あります。受け付けるのは " + MAX_CHARS + " 文字までです",
                    "the document has " + text.length() + " characters; at most " + MAX_CHARS + " are accepted");
        }
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_CHARS * 2);
        try {
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
            if (root == null) {
                throw invalid(file, "文書が空です", "the document is empty");
            }
            return document.new Value(root, "");
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw invalid(file + ":" + line, "YAML として正しくありません: " + e.getProblem(), "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw invalid(file, "YAML として正しくありません: " + e.getMessage(), "not valid YAML: " + e.getMessage());
        }
    }

    /** One node of the document with its path; accessors record a problem and return a neutral value. */
    public final class Value {
        private final Node node;
        private final String path;

        Value(Node node, String path) {
            this.node = node;
            this.path = path;
        }

        public String path() {
            return path.isEmpty() ? "(document)" : path;
        }

        public int line() {
            return node == null ? 0 : node.getStartMark().getLine() + 1;
        }

        public boolean present() {
            return node != null && !(node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null"));
        }

        /** Records a problem at this value's line, in Japanese and English. */
        public void problem(String japanese, String english) {
            String where = file + ":" + line() + ": " + path() + ": ";
            problems.add(new Words(where + japanese, where + english));
        }

        public Value get(String key) {
            if (node instanceof MappingNode map) {
                for (NodeTuple tuple : map.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        return new Value(tuple.getValueNode(), child(key));
                    }
                }
                return new Value(null, child(key));
            }
            if (present()) {
                problem("'" + key + "' を持つマッピングが必要です", "expected a mapping with '" + key + "'");
            }
            return new Value(null, child(key));
        }

        /** Keys of a mapping; an unknown key is a problem (a typo must not be ignored silently). */
        public Set<String> keys(Set<String> allowed) {
            var keys = new LinkedHashSet<String>();
            if (node instanceof MappingNode map) {
                for (NodeTuple tuple : map.getValue()) {
                    String key = ((ScalarNode) tuple.getKeyNode()).getValue();
                    keys.add(key);
                    if (!allowed.isEmpty() && !allowed.contains(key)) {
                        new Value(tuple.getKeyNode(), child(key)).problem("知らないキーです。使えるのは " + allowed,
                                "unknown key; expected one of " + allowed);
                    }
                }
            } else if (present()) {
                problem("マッピングが必要です", "expected a mapping");
            }
            return keys;
        }

        public List<Value> list() {
            if (node instanceof SequenceNode seq) {
                var values = new ArrayList<Value>();
                for (int i = 0; i < seq.getValue().size(); i++) {
                    values.add(new Value(seq.getValue().get(i), path() + "[" + i + "]"));
                }
                return values;
            }
            if (present()) {
                problem("リストが必要です", "expected a list");
            }
            return List.of();
        }

        /** Whether this is a single value (not a list or a mapping). */
        public boolean scalar() {
            return node instanceof ScalarNode && present();
        }

        public Optional<String> text() {
            if (node instanceof ScalarNode scalar && present()) {
                return Optional.of(scalar.getValue());
            }
            if (present()) {
                problem("値を一つ書いてください", "expected a single value");
            }
            return Optional.empty();
        }

        public String required() {
            Optional<String> text = text();
            if (text.isEmpty() || text.get().isBlank()) {
                if (!present()) {
                    problem("がありません", "is missing");
                }
                return "";
            }
            return text.get();
        }

        public Optional<LocalDate> date() {
            return text().flatMap(t -> {
                try {
                    return Optional.of(LocalDate.parse(t));
                } catch (DateTimeParseException e) {
                    problem("'" + t + "' は日付ではありません（YYYY-MM-DD）", "'" + t + "' is not a date (YYYY-MM-DD)");
                    return Optional.empty();
                }
            });
        }

        public boolean bool(boolean otherwise) {
            return text().map(t -> switch (t.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes" -> true;
                case "false", "no" -> false;
                default -> {
                    problem("'" + t + "' は true でも false でもありません", "'" + t + "' is not true or false");
                    yield otherwise;
                }
            }).orElse(otherwise);
        }

        /** A value that must be one of {@code allowed} (e.g. an enum's names); records a problem otherwise. */
        public <E extends Enum<E>> Optional<E> oneOf(Class<E> type) {
            return text().flatMap(t -> {
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().equalsIgnoreCase(t)) {
                        return Optional.of(constant);
                    }
                }
                String allowed = java.util.Arrays.toString(type.getEnumConstants());
                problem("'" + t + "' は " + allowed + " のいずれでもありません", "'" + t + "' is not one of " + allowed);
                return Optional.empty();
            });
        }

        public List<String> strings() {
            return list().stream().map(Value::required).filter(s -> !s.isEmpty()).toList();
        }

        /** Throws {@link Invalid} with every problem recorded in this document so far. */
        public void check() {
            if (!problems.isEmpty()) {
                throw new Invalid(problems);
            }
        }

        public List<Words> problems() {
            return List.copyOf(problems);
        }

        private String child(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }
    }
}
