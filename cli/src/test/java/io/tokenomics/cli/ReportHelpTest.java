package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every report's help prints as written: picocli reads descriptions as format strings, so a bare % breaks them. */
class ReportHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"daily", "weekly", "monthly", "blocks", "tail", "cache", "context", "tools", "tasks",
        "budget", "models"})
    void shouldPrintTheHelpWithoutFormatWarnings(String command) {
        PrintStream original = System.err;
        ByteArrayOutputStream traced = new ByteArrayOutputStream();
        ReportCorpus.Output help;
        try {
            System.setErr(new PrintStream(traced, true, StandardCharsets.UTF_8));
            help = ReportCorpus.run(command, "--help");
        } finally {
            System.setErr(original);
        }
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().contains("Examples:"), help.out());
        assertFalse(traced.toString(StandardCharsets.UTF_8).contains("WARN"), traced.toString(StandardCharsets.UTF_8));
    }
}
