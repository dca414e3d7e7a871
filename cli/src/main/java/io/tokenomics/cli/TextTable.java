package io.tokenomics.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain aligned table for terminals: text columns left-aligned, numeric ones right-aligned. Given a width (the
 * terminal's, or {@code COLUMNS}), a table that would be wider gives way column by column, as each column's
 * {@link Shape} allows: lists wrap inside their cell onto more lines, long text is cut with "…", and then whole
 * columns are left out, the least important first; a note under the table names what was left out.
 */
final class TextTable {
    /** The width of an unlimited table: piped output keeps full rows for scripts. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    private static final String GAP = "  ";

    /**
     * How a column gives way to a narrow terminal.
     *
     * @param wrap a list ("a, b, c") that wraps onto more lines, never narrower than its longest item
     * @param cutTo the narrowest it may be cut to with "…" (0: never cut)
     * @param cutLeft cut from the left (paths: their end says most)
     * @param dropRank left out when the table is still too wide: 1 first, 2 next, ...; 0 never
     * @param compact left out by {@code --compact}
     */
    record Shape(boolean wrap, int cutTo, boolean cutLeft, int dropRank, boolean compact) {
        static final Shape FIXED = new Shape(false, 0, false, 0, false);
        static final Shape LIST = new Shape(true, 0, false, 0, false);

        static Shape dropped(int rank, boolean compact) {
            return new Shape(false, 0, false, rank, compact);
        }

        static Shape cutFromLeft(int min, int rank) {
            return new Shape(false, min, true, rank, false);
        }
    }

    /** The room a table has: a width in characters ({@link #UNLIMITED} for none), and the narrow form asked for. */
    record Room(int width, boolean compact) {
        static final Room FULL = new Room(UNLIMITED, false);
    }

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
        print(out, header, rows, footer, right, tones, palette, null, Room.FULL);
    }

    /**
     * A table fitted to {@code room} as {@code shapes} allow (null: every column fixed). When columns were left out
     * for lack of width (not for {@code --compact}), a note under the table names them.
     */
    static void print(PrintWriter out, String[] header, List<String[]> rows, String[] footer, boolean[] right,
            Palette.Tone[] tones, Palette palette, Shape[] shapes, Room room) {
        int n = header.length;
        Shape[] shape = shapes != null ? shapes : filled(n);
        boolean[] kept = new boolean[n];
        for (int i = 0; i < n; i++) {
            kept[i] = !(room.compact() && shape[i].compact());
        }
        List<String[]> all = new ArrayList<>(rows);
        all.add(header);
        if (footer != null) {
            all.add(footer);
        }
        List<String> left = new ArrayList<>();
        int[] widths = layout(all, shape, kept, room.width());
        int rank = 1;
        int maxRank = maxRank(shape);
        while (widths == null && rank <= maxRank) {
            for (int i = 0; i < n; i++) {
                if (kept[i] && shape[i].dropRank() == rank) {
                    kept[i] = false;
                    left.add(header[i]);
                }
            }
            rank++;
            widths = layout(all, shape, kept, room.width());
        }
        if (widths == null) {
            widths = natural(all, shape, kept);
        }
        Cells cells = new Cells(widths, kept, shape, right, tones, palette);
        cells.print(out, header, Palette.Tone.HEADING);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                rule.append(rule.length() == 0 ? "" : GAP).append("-".repeat(widths[i]));
            }
        }
        String paintedRule = palette.paint(Palette.Tone.RULE, rule.toString());
        out.println(paintedRule);
        rows.forEach(r -> cells.print(out, r, null));
        if (footer != null) {
            out.println(paintedRule);
            cells.print(out, footer, Palette.Tone.TOTAL);
        }
        if (!left.isEmpty()) {
            for (String line : wrapWords("Left out to fit " + room.width() + " columns: " + String.join(", ", left)
                    + " (--json has every column).", room.width())) {
                out.println(palette.paint(Palette.Tone.MUTED, line));
            }
        }
    }

    /** Prints a note, wrapped at spaces to the width. */
    static void note(PrintWriter out, String text, int width) {
        wrapWords(text, width).forEach(out::println);
    }

    /** The text in lines of at most {@code width} characters, broken at spaces (a longer word stays whole). */
    static List<String> wrapWords(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && length(line) + 1 + length(word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static Shape[] filled(int n) {
        Shape[] shapes = new Shape[n];
        java.util.Arrays.fill(shapes, Shape.FIXED);
        return shapes;
    }

    private static int maxRank(Shape[] shapes) {
        int max = 0;
        for (Shape s : shapes) {
            max = Math.max(max, s.dropRank());
        }
        return max;
    }

    /** Each kept column's width as wide as its widest cell. */
    private static int[] natural(List<String[]> all, Shape[] shape, boolean[] kept) {
        int[] widths = new int[shape.length];
        for (String[] cells : all) {
            for (int i = 0; i < cells.length && i < widths.length; i++) {
                if (kept[i]) {
                    widths[i] = Math.max(widths[i], length(cells[i]));
                }
            }
        }
        return widths;
    }

    /**
     * The widths of the kept columns within {@code width}: lists wrapped, then text cut, as far as needed and
     * allowed; null when they cannot fit.
     */
    private static int[] layout(List<String[]> all, Shape[] shape, boolean[] kept, int width) {
        int[] widths = natural(all, shape, kept);
        if (width == UNLIMITED) {
            return widths;
        }
        long total = -GAP.length();
        for (int i = 0; i < widths.length; i++) {
            total += kept[i] ? widths[i] + GAP.length() : 0;
        }
        long excess = total - width;
        for (int pass = 0; pass < 2 && excess > 0; pass++) {
            for (int i = 0; i < widths.length && excess > 0; i++) {
                if (!kept[i]) {
                    continue;
                }
                int narrowest = pass == 0 ? (shape[i].wrap() ? longestItem(all, i) : widths[i])
                        : shape[i].cutTo() > 0 ? Math.min(widths[i], shape[i].cutTo()) : widths[i];
                int give = (int) Math.min(excess, widths[i] - narrowest);
                if (give > 0) {
                    widths[i] -= give;
                    excess -= give;
                }
            }
        }
        return excess > 0 ? null : widths;
    }

    /** The longest item of a column of lists, the least it can wrap to. */
    private static int longestItem(List<String[]> all, int column) {
        int longest = 1;
        for (String[] cells : all) {
            if (column < cells.length && cells[column] != null) {
                for (String item : cells[column].split(", ")) {
                    longest = Math.max(longest, length(item) + 1);
                }
            }
        }
        return longest;
    }

    static int length(CharSequence s) {
        return s == null ? 0 : Character.codePointCount(s, 0, s.length());
    }

    /** The rendering of rows at fixed widths. */
    private record Cells(int[] widths, boolean[] kept, Shape[] shape, boolean[] right, Palette.Tone[] tones,
            Palette palette) {

        /** A row as one line or more: a wrapped list continues on the next lines, the other cells blank there. */
        void print(PrintWriter out, String[] row, Palette.Tone rowTone) {
            List<List<String>> parts = new ArrayList<>();
            int lines = 1;
            for (int i = 0; i < widths.length; i++) {
                List<String> p = kept[i] ? fit(i, i < row.length && row[i] != null ? row[i] : "") : List.of("");
                parts.add(p);
                lines = Math.max(lines, p.size());
            }
            for (int line = 0; line < lines; line++) {
                String[] cells = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    cells[i] = line < parts.get(i).size() ? parts.get(i).get(line) : "";
                }
                out.println(line(cells, rowTone));
            }
        }

        /** A cell as the lines it takes at its column's width. */
        private List<String> fit(int column, String cell) {
            int width = widths[column];
            if (length(cell) <= width) {
                return List.of(cell);
            }
            if (shape[column].wrap()) {
                List<String> lines = new ArrayList<>();
                StringBuilder line = new StringBuilder();
                String[] items = cell.split(", ");
                for (int k = 0; k < items.length; k++) {
                    String item = items[k] + (k < items.length - 1 ? "," : "");
                    if (line.length() > 0 && length(line) + 1 + length(item) > width) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    line.append(line.length() == 0 ? "" : " ").append(item);
                }
                lines.add(line.toString());
                lines.replaceAll(l -> cut(l, width, false));
                return lines;
            }
            return List.of(cut(cell, width, shape[column].cutLeft()));
        }

        private static String cut(String text, int width, boolean fromLeft) {
            int length = length(text);
            if (length <= width || width < 1) {
                return text;
            }
            return fromLeft ? "…" + text.substring(text.offsetByCodePoints(0, length - width + 1))
                    : text.substring(0, text.offsetByCodePoints(0, width - 1)) + "…";
        }

        /** One line, padded on the text and painted after, so escape codes take no width. */
        private String line(String[] cells, Palette.Tone rowTone) {
            int last = cells.length - 1;
            while (last > 0 && (!kept[last] || cells[last] == null || cells[last].isEmpty())) {
                last--;
            }
            StringBuilder s = new StringBuilder();
            boolean first = true;
            for (int i = 0; i <= last; i++) {
                if (!kept[i]) {
                    continue;
                }
                String cell = cells[i] == null ? "" : cells[i];
                int pad = widths[i] - length(cell);
                Palette.Tone tone = rowTone != null ? rowTone : cell.equals("-") ? Palette.Tone.MUTED
                        : tones != null ? tones[i] : null;
                s.append(first ? "" : GAP);
                first = false;
                if (right[i]) {
                    s.append(" ".repeat(Math.max(0, pad))).append(palette.paint(tone, cell));
                } else {
                    s.append(palette.paint(tone, cell));
                    if (i < last) {
                        s.append(" ".repeat(Math.max(0, pad)));
                    }
                }
            }
            return s.toString();
        }
    }
}
