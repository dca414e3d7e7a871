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
        print(out, header, rows, footer, right, null, Palette.terminal());
    }

    /**
     * Columns whose flag is set in {@code right} are right-aligned; {@code tones} (null: none) colours each column's
     * cells when the palette is on. The header is bold, the rules dim, the footer bold, a "-" cell (no value) dim.
     */
    static void print(PrintWriter out, String[] header, List<String[]> rows, String[] footer, boolean[] right,
            Palette.Tone[] tones, Palette palette) {
        int[] widths = new int[header.length];
        measure(widths, header);
        rows.forEach(r -> measure(widths, r));
        if (footer != null) {
            measure(widths, footer);
        }
        out.println(line(header, widths, right, null, Palette.Tone.HEADING, palette));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        String paintedRule = palette.paint(Palette.Tone.RULE, rule.toString());
        out.println(paintedRule);
        rows.forEach(r -> out.println(line(r, widths, right, tones, null, palette)));
        if (footer != null) {
            out.println(paintedRule);
            out.println(line(footer, widths, right, tones, Palette.Tone.TOTAL, palette));
        }
    }

    private static void measure(int[] widths, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            widths[i] = Math.max(widths[i], cells[i] == null ? 0 : cells[i].codePointCount(0, cells[i].length()));
        }
    }

    /** One row, padded on the text and painted after, so escape codes take no width. */
    private static String line(String[] cells, int[] widths, boolean[] right, Palette.Tone[] tones,
            Palette.Tone rowTone, Palette palette) {
        int last = cells.length - 1;
        while (last > 0 && (cells[last] == null || cells[last].isEmpty())) {
            last--;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            String cell = cells[i] == null ? "" : cells[i];
            int pad = widths[i] - cell.codePointCount(0, cell.length());
            Palette.Tone tone = rowTone != null ? rowTone : cell.equals("-") ? Palette.Tone.MUTED
                    : tones != null ? tones[i] : null;
            s.append(i == 0 ? "" : "  ");
            if (right[i]) {
                s.append(" ".repeat(pad)).append(palette.paint(tone, cell));
            } else {
                s.append(palette.paint(tone, cell));
                if (i < last) {
                    s.append(" ".repeat(pad));
                }
            }
        }
        return s.toString();
    }
}
