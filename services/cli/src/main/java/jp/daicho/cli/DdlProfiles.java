package jp.daicho.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a SQL script's {@code CREATE TABLE} statements (PostgreSQL or MySQL dialect, parsed with
 * JSqlParser) into a table profile without samples. Each statement is parsed on its own: one that cannot
 * be parsed is reported with its line and the others are still profiled; other statements are ignored.
 */
final class DdlProfiles {

    record Statement(int line, String sql) {
    }

    private DdlProfiles() {
    }

    /** @return the profile, and the number of statements that could not be parsed in {@code failures[0]} */
    static JsonNode fromScript(String script, String file, PrintStream err, int[] failures) {
        ObjectNode profile = JsonMapper.builder().build().createObjectNode();
        var tables = profile.putArray("tables");
        for (Statement statement : split(script)) {
            String head = statement.sql().strip().toLowerCase(java.util.Locale.ROOT);
            if (!head.startsWith("create") && !head.startsWith("alter")) {
                continue;
            }
            try {
                // Comments leave blank lines behind, and JSqlParser reads blank lines as the end of a statement.
                var parsed = CCJSqlParserUtil.parse(statement.sql().strip().replaceAll("\\n\\s*\\n", "\n"));
                if (parsed instanceof CreateTable create && create.getColumnDefinitions() != null) {
                    var table = tables.addObject().put("name", unquote(create.getTable().getName()));
                    var columns = table.putArray("columns");
                    for (var column : create.getColumnDefinitions()) {
                        columns.addObject().put("name", unquote(column.getColumnName()))
                                .put("type", column.getColDataType().toString())
                                .put("fk", inlineReference(column.getColumnSpecs()));
                    }
                    if (create.getIndexes() != null) {
                        create.getIndexes().forEach(index -> foreignKey(table, index));
                    }
                } else if (parsed instanceof Alter alter && alter.getAlterExpressions() != null) {
                    String name = unquote(alter.getTable().getName());
                    for (JsonNode t : tables) {
                        if (t.path("name").asString().equals(name)) {
                            alter.getAlterExpressions().forEach(e -> foreignKey((ObjectNode) t, e.getIndex()));
                        }
                    }
                }
            } catch (JSQLParserException | RuntimeException e) {
                failures[0]++;
                err.println("daicho: " + file + ": line " + statement.line() + ": cannot parse this statement ("
                        + firstLine(e.getMessage()) + "); the other statements are still classified");
            }
        }
        return profile;
    }

    /** Splits at semicolons outside quotes and comments, remembering where each statement starts. */
    static List<Statement> split(String script) {
        var statements = new ArrayList<Statement>();
        var current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            char next = i + 1 < script.length() ? script.charAt(i + 1) : 0;
            if (quote == 0 && c == '-' && next == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                line++;
                current.append('\n');
                continue;
            }
            if (quote == 0 && c == '/' && next == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? script.length() : end + 2;
                line += (int) script.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end - 1;
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"' || c == '`')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            }
            if (quote == 0 && c == ';') {
                if (startLine > 0) {
                    statements.add(new Statement(startLine, current.toString()));
                }
                current.setLength(0);
                startLine = -1;
                continue;
            }
            if (startLine < 0 && !Character.isWhitespace(c)) {
                startLine = line;
            }
            if (c == '\n') {
                line++;
            }
            current.append(c);
        }
        if (startLine > 0 && !current.toString().isBlank()) {
            statements.add(new Statement(startLine, current.toString()));
        }
        return statements;
    }

    /** {@code REFERENCES persons(person_id)} among a column's specs, as {@code persons.person_id}. */
    private static String inlineReference(List<String> specs) {
        if (specs == null) {
            return null;
        }
        for (int i = 0; i + 1 < specs.size(); i++) {
            if (specs.get(i).equalsIgnoreCase("REFERENCES")) {
                String target = unquote(specs.get(i + 1));
                String column = i + 2 < specs.size() && specs.get(i + 2).startsWith("(")
                        ? unquote(specs.get(i + 2).replaceAll("[()\\s]", "")) : "id";
                return target + "." + column;
            }
        }
        return null;
    }

    /** {@code FOREIGN KEY (a) REFERENCES t(b)}: marks column {@code a} of {@code table}. */
    private static void foreignKey(ObjectNode table, Index index) {
        if (!(index instanceof ForeignKeyIndex fk) || fk.getTable() == null) {
            return;
        }
        List<String> from = fk.getColumnsNames();
        List<String> to = fk.getReferencedColumnNames();
        for (int i = 0; i < from.size(); i++) {
            String target = unquote(fk.getTable().getName()) + "." + (to != null && i < to.size() ? unquote(to.get(i)) : "id");
            for (JsonNode column : table.path("columns")) {
                if (column.path("name").asString().equals(unquote(from.get(i)))) {
                    ((ObjectNode) column).put("fk", target);
                }
            }
        }
    }

    private static String unquote(String name) {
        if (name != null && name.length() >= 2 && "`\"[".indexOf(name.charAt(0)) >= 0) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 160 ? first.substring(0, 160) + "…" : first;
    }
}
