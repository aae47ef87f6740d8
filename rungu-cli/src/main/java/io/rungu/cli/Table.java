package io.rungu.cli;

import io.rungu.wire.WireJson;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for people: a header row and left-aligned columns separated by two spaces. */
final class Table {
    /** Longer cells are cut with an ellipsis so a row stays on one line. */
    static final int CELL_MAX = 60;

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cell(cells[i]);
        }
        rows.add(text);
        return this;
    }

    boolean isEmpty() {
        return rows.size() == 1;
    }

    void print(PrintStream out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** One line of at most {@link #CELL_MAX} characters; null shows as "-". */
    static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Instant instant) {
            return WireJson.timestamp(instant);
        }
        String text = value.toString().replaceAll("\\s+", " ").strip();
        if (text.codePointCount(0, text.length()) > CELL_MAX) {
            text = text.substring(0, text.offsetByCodePoints(0, CELL_MAX - 1)) + "…";
        }
        return text;
    }
}
