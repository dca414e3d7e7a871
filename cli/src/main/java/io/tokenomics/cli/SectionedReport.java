package io.tokenomics.cli;

import io.tokenomics.query.QuerySession;
import io.tokenomics.query.ReportSql;
import io.tokenomics.query.ReportTable;
import io.tokenomics.query.SqlVariables;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The run of a report made of SQL sections ({@link ReportSql}) for one command: {@code --show-sql}, or the sections
 * as a table, CSV or JSON. A command with a section computed in Java runs the SQL itself and adds its table before
 * {@link #print}.
 */
final class SectionedReport {
    private final CommandSpec spec;
    private final ReportOptions options;
    private final SectionOptions sections;
    private final ShowSqlOption showSql;

    SectionedReport(CommandSpec spec, ReportOptions options, SectionOptions sections, ShowSqlOption showSql) {
        this.spec = spec;
        this.options = options;
        this.sections = sections;
        this.showSql = showSql;
    }

    /** The filter's variables and {@code top}, to which a command adds its own. */
    SqlVariables variables() {
        return options.filter().variables().integer("top", sections.top());
    }

    /** Runs the whole report; the notes are printed under the tables. */
    int run(ReportSql sql, SqlVariables variables, String... notes) throws SQLException, IOException {
        if (showSql(sql, variables)) {
            return 0;
        }
        List<ReportTable> tables;
        try (QuerySession session = open()) {
            tables = sql.run(session, variables);
        }
        print(tables, notes);
        return 0;
    }

    /** Prints the SQL when {@code --show-sql} asks for it (only the sections asked for) and says whether it did. */
    boolean showSql(ReportSql sql, SqlVariables variables) {
        if (!showSql.showSql) {
            return false;
        }
        Set<String> names = sections.names();
        ReportSql shown;
        try {
            shown = names.isEmpty() ? sql : sql.only(names);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        return showSql.print(out(), spec.name(), variables, shown.text());
    }

    QuerySession open() throws SQLException, IOException {
        return options.open(spec.commandLine().getErr());
    }

    /** Prints the sections asked for with {@code --section} (all by default) in the form the options ask for. */
    void print(List<ReportTable> tables, String... notes) {
        List<ReportTable> chosen = chosen(tables);
        PrintWriter out = out();
        if (options.json) {
            SectionOutput.json(out, chosen);
        } else if (options.csv) {
            SectionOutput.csv(out, chosen);
        } else {
            SectionOutput.table(out, chosen, options.zone());
            if (notes.length > 0) {
                out.println();
                for (String note : notes) {
                    out.println(note);
                }
            }
        }
        out.flush();
    }

    private List<ReportTable> chosen(List<ReportTable> tables) {
        Set<String> names = sections.names();
        if (names.isEmpty()) {
            return tables;
        }
        List<ReportTable> chosen = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (ReportTable t : tables) {
            all.add(t.name());
            if (names.contains(t.name())) {
                chosen.add(t);
            }
        }
        for (String name : names) {
            if (!all.contains(name)) {
                throw new UserException("no section '" + name + "' in " + spec.name() + " (sections: "
                        + String.join(", ", all) + ")");
            }
        }
        return chosen;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
