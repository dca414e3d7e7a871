package io.tokenomics.cli;

import io.tokenomics.columnar.Table;
import io.tokenomics.lake.LakeListing;
import io.tokenomics.query.QuerySession;
import io.tokenomics.query.SqlVariables;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** Options of every report over the rows of several people and machines: a lake, or datasets merged by copying. */
final class TeamOptions {
    /** Who a report's rows are per, inside each period. */
    enum Party { user, host }

    @Option(names = "--user", paramLabel = "NAME",
            description = "Only this person's rows (the name ingest wrote: ingest --user, else $USER).")
    String user;

    @Option(names = "--by", paramLabel = "WHO",
            description = "user or host: a row per person or machine inside each period (daily, weekly, monthly).")
    Party by;

    /** Set by the reports that honour {@link #by}; any other report refuses it rather than ignore it. */
    boolean byHonoured;

    /** Refuses {@code --by} on a report that has no periods to split. */
    void check() {
        if (by != null && !byHonoured) {
            throw new UserException("--by splits the periods of daily, weekly and monthly; this report has none");
        }
    }

    /** Sets the person filter on the session, which the table views read. */
    QuerySession apply(QuerySession session) throws SQLException {
        if (user != null) {
            new SqlVariables().text("user_name", user).apply(session);
        }
        return session;
    }

    /**
     * Opens a lake for a report: nothing is ingested, what the lake's listing says is printed on {@code err}, and a
     * lake without turns stops the report when it needs data.
     */
    QuerySession openLake(Path lake, ZoneId zone, int threads, Path cache, PrintWriter err, boolean requireData)
            throws IOException, SQLException {
        QuerySession session = QuerySession.open(lake, zone, threads, cache);
        try {
            LakeListing listing = session.lake().orElseThrow();
            for (String warning : listing.warnings()) {
                err.println("tokenomics: " + warning);
            }
            if (requireData && listing.files(Table.TURNS).isEmpty()) {
                throw new NoDataException("the lake " + lake + " holds no turns yet; publish a dataset into it: "
                        + "tokenomics publish " + lake);
            }
            return apply(session);
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
