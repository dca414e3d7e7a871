package io.tokenomics.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.query.QuerySession;
import io.tokenomics.query.SqlVariables;
import io.tokenomics.query.UsageReport;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The period reports with {@code --by user|host}: a row per person or machine inside each day, week or month, in
 * every output form. The JSON is the report's own (its list of periods), each row with a {@code user} or
 * {@code host} field beside the period.
 */
final class PartyReport {
    private PartyReport() {
    }

    /** Runs the report of {@code period} per the party of {@code options}; returns the exit code. */
    static int run(CommandSpec spec, ReportOptions options, ShowSqlOption showSql, UsageOptions usage,
            UsageReport.Period period, DayOfWeek firstDay, boolean breakdown) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String party = options.team.by.name();
        options.team.byHonoured = true;
        SqlVariables variables = UsageReport.byPartyVariables(options.filter(), period, firstDay, party);
        if (showSql.print(out, spec.name(), variables, QuerySession.resource(UsageReport.BY_PARTY_SQL))) {
            return 0;
        }
        String listName = switch (period) {
            case day -> "daily";
            case week -> "weekly";
            case month -> "monthly";
        };
        String keyName = period == UsageReport.Period.day ? "date" : period.name();
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            List<UsageReport.Group> groups = UsageOutput.ordered(UsageReport.byParty(session, variables),
                    usage.descending());
            if (options.json) {
                ObjectNode root = JsonText.NODES.objectNode();
                ArrayNode list = root.putArray(listName);
                for (UsageReport.Group g : groups) {
                    ObjectNode row = list.addObject();
                    row.put(keyName, g.key());
                    row.put(party, g.project());
                    UsageOutput.usage(row, g);
                }
                UsageOutput.write(out, root, groups);
            } else if (options.csv) {
                UsageOutput.csv(out, groups, keyName, party);
            } else {
                Palette palette = Palette.terminal();
                String title = Character.toUpperCase(party.charAt(0)) + party.substring(1);
                UsageOutput.title(out, "Tokens and cost per " + period.name() + " and " + party, options.zone(),
                        palette);
                UsageOutput.periodTable(out, groups, Character.toUpperCase(keyName.charAt(0)) + keyName.substring(1),
                        title, breakdown, false, usage.room(options), palette);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
        out.flush();
        return 0;
    }
}
