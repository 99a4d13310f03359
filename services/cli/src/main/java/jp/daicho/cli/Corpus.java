package jp.daicho.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jp.daicho.classification.ColumnProfile;
import jp.daicho.vocabulary.Item;
import jp.daicho.classification.LabeledSchema;
import jp.daicho.vocabulary.Subject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads labelled schemas (the corpus format of classification/corpus/README.md:
 * {@code {"app", "tables": [{"name", "columns": [{"name", "type", "fk", "samples", "label"}]}]}}).
 */
final class Corpus {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Corpus() {
    }

    /** Every {@code *.json} of a directory, in name order, or the files named. */
    static List<LabeledSchema> read(List<String> paths) throws IOException {
        var files = new ArrayList<Path>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    list.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
                }
            } else {
                files.add(path);
            }
        }
        var schemas = new ArrayList<LabeledSchema>();
        for (Path file : files) {
            schemas.add(of(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)), file.getFileName().toString()));
        }
        return schemas;
    }

    /** A profile whose every column has a label; {@code IllegalArgumentException} names the first that has none. */
    static LabeledSchema of(JsonNode profile, String file) {
        String app = profile.path("app").asString(file.replaceFirst("\\.json$", ""));
        var tables = new ArrayList<LabeledSchema.Table>();
        for (JsonNode table : profile.path("tables")) {
            String name = table.path("name").asString();
            var columns = new ArrayList<ColumnProfile>();
            var labels = new ArrayList<LabeledSchema.Label>();
            int unnamed = 0;
            for (JsonNode c : table.path("columns")) {
                String column = c.path("name").asString("");
                column = column.isBlank() ? "(unnamed " + ++unnamed + ")" : column;
                var samples = new ArrayList<String>();
                c.path("samples").forEach(s -> samples.add(s.isNull() ? null : s.isValueNode() ? s.asString() : s.toString()));
                columns.add(new ColumnProfile(name, column, c.path("type").asString(""),
                        c.path("fk").isString() ? c.path("fk").asString() : null, samples));
                JsonNode label = c.path("label");
                if (!label.isObject()) {
                    throw new IllegalArgumentException(file + ": " + name + "." + column + " has no label");
                }
                labels.add(new LabeledSchema.Label(code(Item.class, label.path("item").asString(), file, name, column),
                        code(Subject.class, label.path("subject").asString(), file, name, column),
                        label.path("ambiguous").asBoolean(false)));
            }
            tables.add(new LabeledSchema.Table(name, columns, labels));
        }
        return new LabeledSchema(app, tables);
    }

    private static <E extends Enum<E>> E code(Class<E> type, String code, String file, String table, String column) {
        try {
            return Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + table + "." + column + ": '" + code + "' is not a "
                    + type.getSimpleName().toLowerCase(Locale.ROOT) + " code");
        }
    }
}
