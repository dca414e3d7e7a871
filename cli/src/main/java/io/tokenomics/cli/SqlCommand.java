package io.tokenomics.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.query.QuerySession;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run any SQL over the dataset: tables turns, tool_uses, tool_results, prompts, compactions, "
                + "rejects, files and the sessions view.",
        footer = {"", "Examples:",
            "  tokenomics sql \"SELECT model, sum(cost_usd) FROM turns GROUP BY ALL\"",
            "  tokenomics sql --format csv \"SELECT * FROM sessions ORDER BY cost_usd DESC\"",
            "  tokenomics sql -f query.sql"})
final class SqlCommand implements Callable<Integer> {
    private static final int MAX_TABLE_ROWS = 1000;

    enum Format { table, csv, json }

    @Mixin
    ReportOptions options;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, csv or json (default: table).")
    Format format;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the SQL from a file.")
    java.nio.file.Path file;

    @Parameters(paramLabel = "SQL", arity = "0..1", description = "The query.")
    String sql;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String text = sql;
        if (file != null) {
            try {
                text = Files.readString(file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UserException("cannot read SQL from " + file + ": no such file", e);
            } catch (java.io.IOException e) {
                throw new UserException("cannot read SQL from " + file + ": " + Main.describe(e), e);
            }
        }
        if (text == null || text.isBlank()) {
            throw new UserException("no SQL given (pass it as an argument or with --file)");
        }
        Format chosen = format != null ? format : options.json ? Format.json : options.csv ? Format.csv
                : Format.table;
        PrintWriter out = spec.commandLine().getOut();
        List<String> statements = SqlStatements.split(text);
        try (QuerySession session = options.open(spec.commandLine().getErr(), false)) {
            options.filter().apply(session);
            boolean printed = false;
            for (int i = 0; i < statements.size(); i++) {
                ResultSet rs;
                try {
                    rs = session.run(statements.get(i));
                } catch (SQLException e) {
                    throw new UserException("SQL error" + (statements.size() > 1 ? " in statement " + (i + 1) : "")
                            + ": " + firstLine(e.getMessage()), e);
                }
                if (rs == null) {
                    // COPY, CREATE, SET ...: nothing to print but what it did, unless other statements print.
                    if (statements.size() == 1) {
                        long changed = session.lastUpdateCount();
                        spec.commandLine().getErr().println(changed >= 0 ? "done: " + changed + " rows" : "done");
                    }
                    continue;
                }
                // Every query of the text prints its result, one after the other (a blank line between tables
                // and CSV tables; one JSON array each).
                if (printed && chosen != Format.json) {
                    out.println();
                }
                printed = true;
                try (rs) {
                    switch (chosen) {
                        case csv -> csv(out, rs);
                        case json -> json(out, rs);
                        default -> table(out, rs);
                    }
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline) + " " + trimmed.substring(newline + 1).strip()
                .replace('\n', ' ');
    }

    private static void table(PrintWriter out, ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        String[] header = new String[n];
        for (int i = 0; i < n; i++) {
            header[i] = meta.getColumnLabel(i + 1);
        }
        List<String[]> rows = new ArrayList<>();
        int total = 0;
        while (rs.next()) {
            total++;
            if (rows.size() < MAX_TABLE_ROWS) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = text(rs.getObject(i + 1));
                }
                rows.add(row);
            }
        }
        TextTable.print(out, header, rows, null, n);
        out.println("(" + total + (total == 1 ? " row" : " rows")
                + (total > MAX_TABLE_ROWS ? ", first " + MAX_TABLE_ROWS + " shown; use --format csv for all" : "")
                + ")");
    }

    private static void csv(PrintWriter out, ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            header.add(Csv.field(meta.getColumnLabel(i)));
        }
        out.println(String.join(",", header));
        while (rs.next()) {
            List<String> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object value = rs.getObject(i);
                row.add(value == null ? "" : Csv.field(text(value)));
            }
            out.println(String.join(",", row));
        }
    }

    private static void json(PrintWriter out, ResultSet rs) throws Exception {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        ArrayNode array = JsonText.NODES.arrayNode();
        while (rs.next()) {
            ObjectNode row = array.addObject();
            for (int i = 1; i <= n; i++) {
                Object value = rs.getObject(i);
                String name = meta.getColumnLabel(i);
                if (value == null) {
                    row.putNull(name);
                } else if (value instanceof Number number) {
                    putNumber(row, name, number);
                } else if (value instanceof Boolean b) {
                    row.put(name, b);
                } else {
                    row.put(name, text(value));
                }
            }
        }
        out.println(JsonText.pretty(array));
    }

    /** A number as a JSON number, with the digits DuckDB gave. */
    private static void putNumber(ObjectNode row, String name, Number number) {
        if (number instanceof Long l) {
            row.put(name, l);
        } else if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            row.put(name, number.intValue());
        } else if (number instanceof Double d) {
            row.put(name, d);
        } else if (number instanceof Float f) {
            row.put(name, f);
        } else if (number instanceof BigInteger big) {
            row.put(name, big);
        } else if (number instanceof BigDecimal decimal) {
            row.put(name, decimal);
        } else {
            // No type of DuckDB's driver comes here; any other number keeps its value as a double.
            row.put(name, number.doubleValue());
        }
    }

    private static String text(Object value) throws SQLException {
        if (value == null) {
            return "";
        }
        if (value instanceof java.sql.Array array) {
            Object[] items = (Object[]) array.getArray();
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                parts.add(String.valueOf(item));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
