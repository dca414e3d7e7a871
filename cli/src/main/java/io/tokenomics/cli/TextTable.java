package io.tokenomics.cli;

import java.io.PrintWriter;
import java.util.List;

/** A plain aligned table for terminals: text columns left-aligned, the numeric ones (from a given index) right. */
final class TextTable {
    private TextTable() {
    }

    static void print(PrintWriter out, String[] header, List<String[]> rows, String[] footer, int firstNumeric) {
        int[] widths = new int[header.length];
        measure(widths, header);
        rows.forEach(r -> measure(widths, r));
        if (footer != null) {
            measure(widths, footer);
        }
        line(out, header, widths, firstNumeric);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        rows.forEach(r -> line(out, r, widths, firstNumeric));
        if (footer != null) {
            out.println(rule);
            line(out, footer, widths, firstNumeric);
        }
    }

    private static void measure(int[] widths, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            widths[i] = Math.max(widths[i], cells[i] == null ? 0 : cells[i].codePointCount(0, cells[i].length()));
        }
    }

    private static void line(PrintWriter out, String[] cells, int[] widths, int firstNumeric) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i] == null ? "" : cells[i];
            int pad = widths[i] - cell.codePointCount(0, cell.length());
            s.append(i == 0 ? "" : "  ");
            if (i >= firstNumeric) {
                s.append(" ".repeat(pad)).append(cell);
            } else {
                s.append(cell).append(i == cells.length - 1 ? "" : " ".repeat(pad));
            }
        }
        out.println(s.toString().stripTrailing());
    }
}
