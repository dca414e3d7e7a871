package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users coming from ccusage reach for, and the small defects a first try met. */
class CcusageHabitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static ReportCorpus corpus;

    @BeforeAll
    static void corpus() throws Exception {
        corpus = ReportCorpus.of(11, 300);
    }

    @Test
    void shouldMatchAProjectBySubstringInAnyCase() throws Exception {
        String project = corpus.turns.stream().map(Turn::project).filter(p -> p != null && p.length() > 8)
                .findFirst().orElseThrow();
        String part = project.substring(3, project.length() - 2);
        long tokens = 0;
        for (Turn t : corpus.turns) {
            if (t.project() != null && t.project().toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT))) {
                tokens += t.tokens();
            }
        }
        assertTrue(tokens > 0);
        assertEquals(tokens, corpus.json("daily", "--project", part).get("totals").get("totalTokens").asLong());
        assertEquals(tokens, corpus.json("daily", "--project", part.toUpperCase(Locale.ROOT)).get("totals")
                .get("totalTokens").asLong());
        assertEquals(tokens, corpus.json("daily", "--project", "%" + part + "%").get("totals").get("totalTokens")
                .asLong(), "a LIKE pattern still works");
    }

    @Test
    void shouldWriteCodexDailyInTheShapeOfCcusageCodex() throws Exception {
        JsonNode report = corpus.json("daily", "--agent", "codex");
        assertTrue(report.get("daily").size() > 0);
        long total = 0;
        for (JsonNode day : report.get("daily")) {
            assertTrue(day.get("costUSD").isNumber() && day.get("reasoningOutputTokens").isNumber(), day.toString());
            assertTrue(day.get("models").isObject() && day.get("models").size() > 0, day.toString());
            long models = 0;
            for (JsonNode m : day.get("models")) {
                models += m.get("totalTokens").asLong();
                assertFalse(m.get("isFallback").asBoolean());
            }
            assertEquals(day.get("totalTokens").asLong(), models, day.toString());
            assertFalse(day.has("totalCost") || day.has("modelBreakdowns"), day.toString());
            total += day.get("totalTokens").asLong();
        }
        assertEquals(total, report.get("totals").get("totalTokens").asLong());
        assertTrue(report.get("totals").get("reasoningOutputTokens").asLong() > 0, "Codex reports reasoning");
        assertTrue(report.get("totals").has("costUSD"));
    }

    @Test
    void shouldShowOneSessionAndItsTurnsWithId() throws Exception {
        String id = corpus.turns.get(0).sessionId();
        long turns = corpus.turns.stream().filter(t -> t.sessionId().equals(id)).count();
        long tokens = corpus.turns.stream().filter(t -> t.sessionId().equals(id)).mapToLong(Turn::tokens).sum();
        JsonNode session = corpus.json("session", "--id", id);
        assertEquals(id, session.get("sessionId").asText());
        assertEquals(turns, session.get("entries").size());
        assertEquals(tokens, session.get("totalTokens").asLong());
        assertTrue(session.get("entries").get(0).has("costUSD"));
        ReportCorpus.Output table = corpus.report("session", "--id", id);
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().startsWith("Session " + id), table.out());
        ReportCorpus.Output none = corpus.report("session", "--id", "no-such-session");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no session no-such-session"), none.err());
    }

    @Test
    void shouldCutBlocksToTheSessionLengthAndKeepTheRecentOnes() throws Exception {
        int five = corpus.json("blocks").get("blocks").size();
        int two = corpus.json("blocks", "--session-length", "2").get("blocks").size();
        assertTrue(two > five, two + " two-hour blocks, " + five + " five-hour ones");
        Instant threeDaysAgo = Instant.now().minus(3, ChronoUnit.DAYS);
        for (JsonNode b : corpus.json("blocks", "--recent").get("blocks")) {
            assertTrue(b.get("isActive").asBoolean() || !Instant.parse(b.get("startTime").asText())
                    .isBefore(threeDaysAgo), b.toString());
        }
        assertEquals(Main.USAGE, corpus.report("blocks", "--session-length", "0").code());
    }

    @Test
    void shouldPrintTheWhatifHelpWithoutAFormatWarning() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ReportCorpus.Output help;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            help = ReportCorpus.run("whatif", "--help");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, help.code());
        assertEquals("", captured.toString(StandardCharsets.UTF_8) + help.err());
        assertTrue(help.out().contains("--from '%opus%'"), help.out());
    }

    @Test
    void shouldSayASqlFileIsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("missing.sql");
        ReportCorpus.Output o = corpus.report("sql", "-f", missing.toString());
        assertEquals(Main.USAGE, o.code());
        assertEquals("tokenomics: cannot read SQL from " + missing + ": no such file" + System.lineSeparator(),
                o.err());
    }

    @Test
    void shouldPrintTheResultOfEveryStatement(@TempDir Path dir) throws Exception {
        ReportCorpus.Output two = corpus.report("sql", "SELECT 1 AS first_one; SELECT 'a;b' AS second_one -- x;\n;");
        assertEquals(0, two.code(), two.err());
        assertTrue(two.out().contains("first_one") && two.out().contains("second_one")
                && two.out().contains("a;b"), two.out());
        Path file = dir.resolve("tail.sql");
        ReportCorpus.Output sql = corpus.report("tail", "--show-sql");
        Files.writeString(file, sql.out());
        ReportCorpus.Output tail = corpus.report("sql", "-f", file.toString(), "--format", "json");
        assertEquals(0, tail.code(), tail.err());
        int arrays = 0;
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(tail.out())) {
            for (JsonNode value = JSON.readTree(parser); value != null; value = JSON.readTree(parser)) {
                assertTrue(value.isArray(), value.toString());
                arrays++;
            }
        }
        assertTrue(arrays > 2, "one JSON array per section:\n" + tail.out());
    }

    @Test
    void shouldNeitherOfferNorTakeCsvForTheDashboard() {
        ReportCorpus.Output help = ReportCorpus.run("dashboard", "--help");
        assertFalse(help.out().contains("--csv"), help.out());
        ReportCorpus.Output o = corpus.report("dashboard", "--csv");
        assertEquals(Main.USAGE, o.code());
        assertTrue(o.err().startsWith("tokenomics: unknown option '--csv'"), o.err());
    }
}
