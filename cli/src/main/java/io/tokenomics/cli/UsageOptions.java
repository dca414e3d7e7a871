package io.tokenomics.cli;

import picocli.CommandLine.Option;

/** Options of the ccusage-shaped reports (daily, weekly, monthly, session, blocks): order and table form. */
final class UsageOptions {
    /** The order of the rows. */
    enum Order { asc, desc }

    @Option(names = {"-o", "--order"}, paramLabel = "ORDER", defaultValue = "asc",
            description = "asc (oldest first, the default) or desc (newest first).")
    Order order;

    @Option(names = "--compact",
            description = "The narrow table: no cache and total-token columns (as a narrow terminal gets).")
    boolean compact;

    boolean descending() {
        return order == Order.desc;
    }

    /** The room of a table: the terminal's width (or COLUMNS), and --compact. */
    TextTable.Room room(ReportOptions options) {
        return new TextTable.Room(TerminalWidth.of(options.settings.defaults().variables()), compact);
    }
}
