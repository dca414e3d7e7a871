package io.tokenomics.cli;

import io.tokenomics.query.QuerySession;
import io.tokenomics.query.SqlVariables;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --show-sql}: print the report's SQL, with this command's options as variables, instead of running it. */
final class ShowSqlOption {
    @Option(names = "--show-sql",
            description = "Print the SQL this report runs (with SET VARIABLE lines for the options given) and exit; "
                    + "paste it into 'tokenomics sql' to adapt it.")
    boolean showSql;

    /** Prints the SQL when asked to and says whether it did. */
    boolean print(PrintWriter out, String command, SqlVariables variables, String sql) {
        if (!showSql) {
            return false;
        }
        out.println("-- tokenomics " + command + ": the variables below carry this command's options; the views"
                + " (sessions, thread_turns, ...)");
        out.println("-- and macros (in_period, ...) it uses exist in every 'tokenomics sql' session. The tables (turns,"
                + " ...) hold the rows");
        out.println("-- of the agents the variable agent names: each is a view of its files WHERE "
                + QuerySession.AGENT_FILTER + ".");
        out.print(variables.script());
        out.println();
        out.print(sql.endsWith("\n") ? sql : sql + "\n");
        out.flush();
        return true;
    }
}
