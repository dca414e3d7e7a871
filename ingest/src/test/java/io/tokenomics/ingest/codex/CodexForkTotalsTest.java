package io.tokenomics.ingest.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forked and sub-agent rollouts count only what the child adds, however Codex stamped the copy of the parent's
 * history (docs/formats.md, "Forked and sub-agent rollouts"). The expected totals are worked out by hand from the
 * lines of ccusage's fork fixtures, and compared with ccusage 20.0.24's daily totals of the same files.
 */
class CodexForkTotalsTest {
    /** Uncached input, cache read, output, reasoning, turns, and turns without a model. */
    private static final String TOTALS = "SELECT sum(input_tokens)::BIGINT, sum(cache_read_tokens)::BIGINT,"
            + " sum(output_tokens)::BIGINT, sum(reasoning_tokens)::BIGINT, count(*),"
            + " count(*) FILTER (WHERE model IS NULL AND cost_usd IS NULL) FROM turns";
    /**
     * The three events of {@code fresh-thread}: totals 1000/600/50/10, 2000/1400/90/20, 3000/2400/120/30 (input,
     * cached, output, reasoning). A fork with no copy of its parent's meta and a turn started in its own first second
     * ({@code started_at} 1780918744 = 11:39:04): all three are its own. Input 3000 - cached 2400 = 600.
     */
    private static final List<Object> FORK_LOCAL = List.of(600L, 2_400L, 120L, 30L, 3L, 3L);
    /**
     * {@code multi-leaf}: its own meta (11:39:04.000), the parent's meta copied at 11:39:04.001, two turns started on
     * 2026-04-01 (started_at 1775001600 and 1775005200) whose events, re-stamped 11:39:04.900 and 11:39:06.100, carry
     * the parent's totals up to 236,700,000 / 200,000,000 / 2,000,000 / 200,000; then its own turn (started_at
     * 1780920000 = 12:00:00) whose event totals 236,705,000 / 200,003,000 / 2,000,500 / 200,050. The child adds 5000
     * input of which 3000 cached, 500 output of which 50 reasoning: one turn, input 5000 - 3000 = 2000.
     */
    private static final List<Object> MULTI_SECOND = List.of(2_000L, 3_000L, 500L, 50L, 1L, 1L);

    @TempDir
    Path temp;

    @Test
    void shouldCountEveryEventOfAForkThatCopiedNoHistoryEvenInItsFirstSecond() throws Exception {
        assertEquals(List.of(FORK_LOCAL), totals(fixture("fork-local-same-second-modern.jsonl"), 0));
        assertEquals(List.of(FORK_LOCAL), totals(fixture("fork-local-same-second-legacy.jsonl"), 0));
    }

    /** The modern file also holds a line that is no JSON ("malformed task_started marker"): one reject. */
    @Test
    void shouldCountOnlyTheOwnTurnOfAForkWhoseReplayWasRestampedOverSeveralSeconds() throws Exception {
        assertEquals(List.of(MULTI_SECOND), totals(fixture("replay-multisecond-modern.jsonl"), 1));
        assertEquals(List.of(MULTI_SECOND), totals(fixture("replay-multisecond-legacy.jsonl"), 0));
    }

    /**
     * The same files laid out in a Codex home, against ccusage 20.0.24. ccusage counts the replayed history of
     * {@code multi-leaf} as the fork's (236,700,000 input of which 200,000,000 cached, 2,000,000 output of which
     * 200,000 reasoning) and drops the two events of {@code fresh-thread} written in its first second (2000 / 1400 /
     * 90 / 20), which are the fork's own. No line names a model: our turns are unpriced, ccusage prices them as gpt-5.
     */
    @Test
    void shouldDifferFromCcusageByTheReplayedHistoryAndTheFirstSecondOfAFork() throws Exception {
        JsonNode ccusage = new ObjectMapper().readTree(Fixtures.fixtures().resolve("agents/CCUSAGE_TOTALS.json")
                .toFile()).path("codex");
        for (String variant : List.of("synthetic-modern", "synthetic-legacy")) {
            Path home = Fixtures.fixtures().resolve("agents/ccusage-homes/codex").resolve(variant).resolve(".codex");
            List<Object> ours = totals(home.resolve("sessions"), variant.endsWith("modern") ? 1 : 0).get(0);
            assertEquals(List.of(2_600L, 5_400L, 620L, 80L, 4L, 4L), ours, variant);
            JsonNode day = ccusage.path(variant).path("daily").get(0);
            long cachedReplay = 200_000_000L - 1_400L;
            assertEquals(day.path("cacheReadTokens").asLong(), (long) ours.get(1) + cachedReplay, variant);
            assertEquals(day.path("inputTokens").asLong(),
                    (long) ours.get(0) + (236_700_000L - 2_000L) - cachedReplay, variant);
            assertEquals(day.path("outputTokens").asLong(), (long) ours.get(2) + 2_000_000L - 90L, variant);
            assertEquals(day.path("reasoningOutputTokens").asLong(), (long) ours.get(3) + 200_000L - 20L, variant);
        }
    }

    /** A review sub-agent and its parent, neither with a token count: nothing, as ccusage. */
    @Test
    void shouldCountNothingOfRolloutsWithoutTokenCounts() throws Exception {
        Path home = Fixtures.fixtures().resolve("agents/ccusage-homes/codex/agtrace-subagent/.codex/sessions");
        assertEquals(0L, totals(home, 0).get(0).get(4));
    }

    /**
     * A sub-agent spawned by {@code thread_spawn} copies its parent's history stamped with its own first second; its
     * own turn starts later. The copied event and its repeat count nothing, the own event counts what it adds.
     */
    @Test
    void shouldCountOnlyWhatASpawnedSubAgentAddsToItsCopiedHistory() throws Exception {
        Path rollout = temp.resolve("sessions/2026/06/09/rollout-2026-06-09T08-00-00-child.jsonl");
        Files.createDirectories(rollout.getParent());
        Files.writeString(rollout, String.join("\n",
                "{\"timestamp\":\"2026-06-09T08:00:00.010Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"child\","
                        + "\"timestamp\":\"2026-06-09T08:00:00.000Z\",\"source\":{\"subagent\":{\"thread_spawn\":"
                        + "{\"parent_thread_id\":\"parent\",\"depth\":1}}}}}",
                "{\"timestamp\":\"2026-06-09T08:00:00.020Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"parent\","
                        + "\"timestamp\":\"2026-06-08T07:00:00.000Z\",\"source\":\"cli\"}}",
                "{\"timestamp\":\"2026-06-09T08:00:00.030Z\",\"type\":\"turn_context\",\"payload\":{\"model\":"
                        + "\"gpt-5.4\"}}",
                "{\"timestamp\":\"2026-06-09T08:00:00.040Z\",\"type\":\"event_msg\",\"payload\":{\"type\":"
                        + "\"task_started\",\"started_at\":1780902000}}",
                tokenCount("2026-06-09T08:00:00.050Z", 50_000, 40_000, 900, 300),
                tokenCount("2026-06-09T08:00:00.060Z", 50_000, 40_000, 900, 300),
                "{\"timestamp\":\"2026-06-09T08:00:07.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":"
                        + "\"task_started\",\"started_at\":1780992007}}",
                tokenCount("2026-06-09T08:00:09.000Z", 62_000, 51_000, 1_100, 350)) + "\n");
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(temp.resolve("sessions")), 1);
        assertEquals(List.of(List.of(1_000L, 11_000L, 200L, 50L, "gpt-5.4", true)), Fixtures.rows(data,
                "SELECT input_tokens, cache_read_tokens, output_tokens, reasoning_tokens, model, is_sidechain"
                        + " FROM turns"));
    }

    private static String tokenCount(String time, long input, long cached, long output, long reasoning) {
        return "{\"timestamp\":\"" + time + "\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\","
                + "\"info\":{\"total_token_usage\":{\"input_tokens\":" + input + ",\"cached_input_tokens\":" + cached
                + ",\"output_tokens\":" + output + ",\"reasoning_output_tokens\":" + reasoning
                + ",\"total_tokens\":" + (input + output) + "}}}}";
    }

    private static Path fixture(String name) {
        return Fixtures.fixtures().resolve("agents/ccusage__ccusage/rust/crates/ccusage/tests/fixtures/codex")
                .resolve(name);
    }

    private List<List<Object>> totals(Path root, long rejects) throws Exception {
        Path data = temp.resolve("d" + Math.abs(root.toString().hashCode()));
        IngestSummary summary = Fixtures.ingest(data, List.of(root), 1);
        assertEquals(rejects, summary.totalRejects(), summary.line());
        return Fixtures.rows(data, TOTALS);
    }
}
