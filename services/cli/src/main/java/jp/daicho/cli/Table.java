package jp.daicho.cli;

import java.util.List;

/**
 * A plain-text table aligned for terminals: East Asian wide characters (漢字, かな, full-width forms)
 * take two columns, so Japanese names line up.
 */
final class Table {

    private final List<String> header;
    private final List<List<String>> rows;
    private final boolean showHeader;

    private Table(List<String> header, List<List<String>> rows, boolean showHeader) {
        this.header = header;
        this.rows = rows;
        this.showHeader = showHeader;
    }

    static Table of(List<String> header, List<List<String>> rows) {
        return new Table(header, rows, true);
    }

    Table withoutHeader() {
        return new Table(header, rows, false);
    }

    @Override
    public String toString() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = showHeader ? width(header.get(i)) : 0;
            for (var row : rows) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        var sb = new StringBuilder();
        if (showHeader) {
            line(sb, header, widths);
        }
        rows.forEach(row -> line(sb, row, widths));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] widths) {
        var line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - width(cell) + 2));
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    /** Display width in terminal columns. */
    static int width(String s) {
        return s.codePoints().map(cp -> wide(cp) ? 2 : 1).sum();
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
