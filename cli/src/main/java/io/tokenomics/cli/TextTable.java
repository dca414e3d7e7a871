package io.tokenomics.cli;

import java.io.PrintWriter;
import java.util.List;

/** A plain aligned table for terminals: text columns left-aligned, numeric ones right-aligned. */
final class TextTable {
    private TextTable() {
    }

    /** Columns from {@code firstNumeric} on are right-aligned. */
    static void print(PrintWriter out, String[] header, List<String[]> rows, String[] footer, int firstNumeric) {
        boolean[] right = new boolean[header.length];
        for (int i = firstNumeric; i < right.length; i++) {
            right[i] = true;
        }
        print(out, header, rows, footer, right);
    }

    /** Columns whose flag is set in {@code right} are right-aligned. */
    static void print(PrintWriter out, String[] header, List<String[]> rows, String[] footer, boolean[] right) {
        int[] widths = new int[header.length];
        measure(widths, header);
        rows.forEach(r -> measure(widths, r));
        if (footer != null) {
            measure(widths, footer);
        }
        line(out, header, widths, right);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        rows.forEach(r -> line(out, r, widths, right));
        if (footer != null) {
            out.println(rule);
            line(out, footer, widths, right);
        }
    }

    private static void measure(int[] widths, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            widths[i] = Math.max(widths[i], cells[i] == null ? 0 : cells[i].codePointCount(0, cells[i].length()));
        }
    }

    private static void line(PrintWriter out, String[] cells, int[] widths, boolean[] right) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i] == null ? "" : cells[i];
            int pad = widths[i] - cell.codePointCount(0, cell.length());
            s.append(i == 0 ? "" : "  ");
            if (right[i]) {
                s.append(" ".repeat(pad)).append(cell);
            } else {
                s.append(cell).append(i == cells.length - 1 ? "" : " ".repeat(pad));
            }
        }
        out.println(s.toString().stripTrailing());
    }
}
