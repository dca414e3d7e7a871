package io.tokenomics.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.query.ReportTable;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the sections of a report: titled terminal tables, CSV (one table per section, each after a
 * {@code # name} line when there are several), or one JSON object with an array of rows per section.
 */
final class SectionOutput {
    private SectionOutput() {
    }

    static void table(PrintWriter out, List<ReportTable> tables, ZoneId zone) {
        table(out, tables, zone, Palette.terminal());
    }

    static void table(PrintWriter out, List<ReportTable> tables, ZoneId zone, Palette palette) {
        boolean first = true;
        for (ReportTable t : tables) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(palette.paint(Palette.Tone.TITLE, t.title()));
            if (t.rows().isEmpty()) {
                out.println("  (none)");
                continue;
            }
            int n = t.columns().size();
            ColumnStyle[] styles = new ColumnStyle[n];
            String[] header = new String[n];
            boolean[] right = new boolean[n];
            Palette.Tone[] tones = new Palette.Tone[n];
            for (int c = 0; c < n; c++) {
                List<Object> values = new ArrayList<>(t.rows().size());
                for (List<Object> row : t.rows()) {
                    values.add(row.get(c));
                }
                styles[c] = ColumnStyle.of(t.columns().get(c), values);
                header[c] = ColumnStyle.title(t.columns().get(c));
                right[c] = styles[c].rightAligned();
                tones[c] = styles[c].tone();
            }
            List<String[]> rows = new ArrayList<>(t.rows().size());
            for (List<Object> row : t.rows()) {
                String[] cells = new String[n];
                for (int c = 0; c < n; c++) {
                    cells[c] = styles[c].format(row.get(c), zone);
                }
                rows.add(cells);
            }
            TextTable.print(out, header, rows, null, right, tones, palette);
        }
    }

    static void csv(PrintWriter out, List<ReportTable> tables) {
        boolean several = tables.size() > 1;
        boolean first = true;
        for (ReportTable t : tables) {
            if (several) {
                if (!first) {
                    out.println();
                }
                out.println("# " + t.name());
            }
            first = false;
            List<String> header = new ArrayList<>();
            t.columns().forEach(c -> header.add(Csv.field(c)));
            out.println(String.join(",", header));
            for (List<Object> row : t.rows()) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object value : row) {
                    cells.add(Csv.field(csvText(value)));
                }
                out.println(String.join(",", cells));
            }
        }
    }

    private static String csvText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>(list.size());
            list.forEach(v -> parts.add(String.valueOf(v)));
            return String.join(";", parts);
        }
        return value.toString();
    }

    static void json(PrintWriter out, List<ReportTable> tables) {
        ObjectNode root = JsonText.NODES.objectNode();
        for (ReportTable t : tables) {
            root.set(t.name(), rows(t));
        }
        out.println(JsonText.pretty(root));
    }

    /** The rows of a section as JSON objects keyed by column name, as {@code --json} prints them. */
    static ArrayNode rows(ReportTable t) {
        ArrayNode rows = JsonText.NODES.arrayNode();
        for (List<Object> row : t.rows()) {
            ObjectNode node = rows.addObject();
            for (int c = 0; c < row.size(); c++) {
                put(node, t.columns().get(c), row.get(c));
            }
        }
        return rows;
    }

    private static void put(ObjectNode node, String name, Object value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof Long l) {
            node.put(name, l);
        } else if (value instanceof Double d) {
            node.put(name, d);
        } else if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof List<?> list) {
            ArrayNode array = node.putArray(name);
            list.forEach(v -> array.add(String.valueOf(v)));
        } else {
            node.put(name, value.toString());
        }
    }
}
