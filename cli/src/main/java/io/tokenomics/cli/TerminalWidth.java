package io.tokenomics.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The width tables fit: {@code COLUMNS} when set, else the terminal's when standard output is one, else none
 * ({@link TextTable#UNLIMITED}), so that piped output keeps full rows for scripts. Most shells do not export
 * {@code COLUMNS}, so on a terminal the width is asked of {@code stty}, once, only when a table is printed.
 */
final class TerminalWidth {
    private TerminalWidth() {
    }

    static int of(Map<String, String> environment) {
        Integer columns = columns(environment.get("COLUMNS"));
        if (columns != null) {
            return columns;
        }
        return Palette.outputIsTerminal() ? stty() : TextTable.UNLIMITED;
    }

    /** A positive number of columns, else null. */
    static Integer columns(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code stty size} on the controlling terminal: "rows columns"; unlimited when it cannot tell. */
    private static int stty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return TextTable.UNLIMITED;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!p.waitFor(1, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return TextTable.UNLIMITED;
            }
            String[] parts = out.split("\\s+");
            Integer columns = parts.length == 2 ? columns(parts[1]) : null;
            return columns != null ? columns : TextTable.UNLIMITED;
        } catch (IOException e) {
            return TextTable.UNLIMITED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TextTable.UNLIMITED;
        }
    }
}
