package io.tokenomics.ingest.droid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenomics.columnar.PriceTable;
import io.tokenomics.ingest.CcusageDaily;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.Ingest;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Factory Droid sessions against ccusage 20.0.24's daily totals of the same sample, and the rules where we differ
 * from it (docs/formats.md, "Factory Droid sessions"): one turn per session from its settings file, a broken
 * settings file a reject, a session kept in two places counted once, from its latest counts.
 */
class DroidTotalsTest {
    private static final String SESSION = "052cb8d0-4616-488a-99fe-bfbbbe9429b3";

    @TempDir
    Path temp;

    /**
     * The real settings file gives ccusage's tokens (its output leaves out the 1,088 thinking tokens it bills as
     * output). Its model, {@code custom:BYOK-GPT-5-MINI-0}, is a name the user gave a model of their own, which our
     * price table does not know: unpriced here, where ccusage finds gpt-5-mini inside the name. Priced as gpt-5-mini,
     * the turn costs what ccusage says to the micro-dollar. The session's messages file is not read.
     */
    @Test
    void shouldCountTheRealSessionAsCcusageDoes() throws Exception {
        Path sessions = CcusageDaily.home("droid", "real").resolve(".factory/sessions");
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(sessions), 2);
        assertEquals(1, summary.filesSeen());
        List<List<Object>> expected = CcusageDaily.expected("droid", "real");
        Long ccusageCost = (Long) expected.get(0).set(6, null);
        assertEquals(expected, CcusageDaily.ours(data));
        assertEquals(List.of(List.of("droid:" + SESSION, SESSION, "-Users-testuser-projects-testing-git", 1088L)),
                Fixtures.rows(data, "SELECT message_id, session_id, project, reasoning_tokens FROM turns"));

        Path priced = temp.resolve("priced.json");
        Files.writeString(priced, "{\"byok-gpt-5-mini-0\": {\"input_cost_per_token\": 2.5e-07,"
                + " \"output_cost_per_token\": 2e-06, \"cache_read_input_token_cost\": 2.5e-08,"
                + " \"litellm_provider\": \"openai\"}}");
        Path pricedData = temp.resolve("priced");
        Ingest.run(Ingest.builder(List.of(sessions), pricedData).threads(1).host("test-host")
                .prices(() -> load(priced)).build());
        assertEquals(List.of(List.of(ccusageCost)),
                Fixtures.rows(pricedData, "SELECT round(sum(cost_usd) * 1e6)::BIGINT FROM turns"));
    }

    /** A settings file that is no JSON is a reject, where ccusage 20.0.24 skips it without a word. */
    @Test
    void shouldRejectABrokenSettingsFile() throws Exception {
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(CcusageDaily.home("droid", "broken").resolve(".factory/sessions")), 2);
        assertEquals(List.of(List.of("bad.settings.json", 1L, "malformed")),
                Fixtures.rows(data, "SELECT parse_filename(file), line_no, reason FROM rejects"));
        List<List<Object>> expected = CcusageDaily.expected("droid", "real");
        expected.get(0).set(6, null);
        assertEquals(expected, CcusageDaily.ours(data));
    }

    /**
     * The settings file is written again as the session goes on: a copy of it elsewhere (an older one, a backup) is
     * the same session, counted once from the copy with the most output. Droid's {@code Claude-Sonnet-4.5} is kept
     * lower-cased and priced as Anthropic names it, {@code claude-sonnet-4-5}. A file whose counts hold no number, or
     * with tokens and no readable time, is a reject; one without tokens makes no turn.
     */
    @Test
    void shouldCountASessionOnceFromItsLatestCounts() throws Exception {
        Path sessions = temp.resolve(".factory/sessions");
        settings(sessions.resolve("-home-dev-app/s1.settings.json"), "\"model\": \"Claude-Sonnet-4.5-[Anthropic]\","
                + " \"providerLockTimestamp\": \"2026-05-01T10:00:00.000Z\", \"tokenUsage\": {\"inputTokens\": 300,"
                + " \"outputTokens\": 40, \"cacheCreationTokens\": 20, \"cacheReadTokens\": 900,"
                + " \"thinkingTokens\": 5}");
        settings(sessions.resolve("backup/s1.settings.json"), "\"model\": \"Claude-Sonnet-4.5-[Anthropic]\","
                + " \"providerLockTimestamp\": \"2026-05-01T10:00:00.000Z\", \"tokenUsage\": {\"inputTokens\": 100,"
                + " \"outputTokens\": 10, \"cacheCreationTokens\": 20, \"cacheReadTokens\": 300}");
        settings(sessions.resolve("-home-dev-app/s2.settings.json"), "\"model\": \"custom:My Model-1\","
                + " \"tokenUsage\": {\"inputTokens\": 7}");
        settings(sessions.resolve("-home-dev-app/s3.settings.json"), "\"providerLockTimestamp\":"
                + " \"2026-05-02T10:00:00Z\", \"tokenUsage\": {\"inputTokens\": \"7\"}");
        settings(sessions.resolve("-home-dev-app/s4.settings.json"), "\"model\": \"gpt-5\", \"autonomy\": \"auto\"");
        settings(sessions.resolve("-home-dev-app/s5.settings.json"), "\"model\": \"gpt-5\", \"providerLockTimestamp\":"
                + " \"2026-05-02T10:00:00Z\", \"tokenUsage\": {\"totalTokens\": 50}");
        Files.writeString(sessions.resolve("-home-dev-app/s1.jsonl"), "{\"type\":\"session_start\",\"id\":\"s1\"}\n");
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(sessions), 2);
        assertEquals(List.of(
                        Arrays.asList("s1", "-home-dev-app", "claude-sonnet-4.5", 300L, 45L, 20L, 900L, 5L, true),
                        Arrays.asList("s5", "-home-dev-app", "gpt-5", 0L, 50L, 0L, 0L, 0L, true)),
                Fixtures.rows(data, "SELECT session_id, project, model, input_tokens, output_tokens,"
                        + " cache_write_5m_tokens, cache_read_tokens, reasoning_tokens, cost_usd > 0 FROM turns"
                        + " ORDER BY 1"));
        assertEquals(List.of(List.of("s2.settings.json", "bad_timestamp"), List.of("s3.settings.json", "bad_usage")),
                Fixtures.rows(data, "SELECT parse_filename(file), reason FROM rejects ORDER BY 1"));
    }

    private static void settings(Path file, String fields) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\n  \"assistantActiveTimeMs\": 1000,\n  " + fields + "\n}");
    }

    private static PriceTable load(Path file) {
        try {
            return PriceTable.fromFile(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
