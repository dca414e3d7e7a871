package io.tokenomics.ingest.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.ingest.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemini CLI sessions against ccusage 20.0.24's daily totals of the same samples (real sessions, and hand-made
 * ones of both formats): input, output, cache reads and cost per day and model, to the token and to the cent. Our
 * output also holds the thoughts, which ccusage bills as output but leaves out of its count; a session copied into a
 * checkpoint file counts once, where ccusage counts it twice (docs/formats.md, "Gemini CLI sessions").
 */
class GeminiTotalsTest {
    @TempDir
    Path temp;

    @Test
    void shouldCountTheRealSessionsAsCcusageDoes() throws Exception {
        assertDays("real", "real");
    }

    @Test
    void shouldCountTheHandMadeSessionsOfBothFormatsAsCcusageDoes() throws Exception {
        assertDays("synthetic", "synthetic");
    }

    /** The checkpoint copies of one session: counted once, as the real sessions alone count. */
    @Test
    void shouldCountASessionKeptInTwoFilesOnce() throws Exception {
        assertDays("real-with-checkpoint-dups", "real");
    }

    /** A message written again when its tokens arrive replaces the earlier copy; a rewind takes no spend back. */
    @Test
    void shouldKeepTheLastCopyOfAMessageAndTheTurnsARewindLeavesBehind() throws Exception {
        Path chats = Files.createDirectories(temp.resolve("gemini/tmp/proj/chats"));
        Files.writeString(chats.resolve("session-2026-05-01T10-00-x.jsonl"), String.join("\n",
                "{\"sessionId\":\"s1\",\"projectHash\":\"proj\",\"startTime\":\"2026-05-01T10:00:00Z\"}",
                "{\"id\":\"a\",\"timestamp\":\"2026-05-01T10:00:01Z\",\"type\":\"gemini\","
                        + "\"model\":\"gemini-2.5-flash\"}",
                "{\"id\":\"a\",\"timestamp\":\"2026-05-01T10:00:02Z\",\"type\":\"gemini\","
                        + "\"model\":\"gemini-2.5-flash\","
                        + "\"tokens\":{\"input\":100,\"output\":10,\"cached\":40,\"thoughts\":5,\"tool\":3}}",
                "{\"$set\":{\"lastUpdated\":\"2026-05-01T10:00:03Z\"}}",
                "{\"id\":\"b\",\"timestamp\":\"2026-05-01T10:00:04Z\",\"type\":\"gemini\","
                        + "\"model\":\"gemini-2.5-flash\","
                        + "\"tokens\":{\"input\":200,\"output\":20,\"cached\":0,\"thoughts\":0,\"tool\":0}}",
                "{\"$rewindTo\":\"a\"}") + "\n");
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(temp.resolve("gemini/tmp")), 1);
        assertEquals(List.of(List.of("gemini", "s1", "proj", 63L, 15L, 40L, 5L), List.of("gemini", "s1", "proj",
                        200L, 20L, 0L, 0L)),
                Fixtures.rows(data, "SELECT agent, session_id, project, input_tokens, output_tokens,"
                        + " cache_read_tokens, reasoning_tokens FROM turns ORDER BY ts"));
    }

    private void assertDays(String variant, String expectedVariant) throws Exception {
        Path agents = Fixtures.fixtures().resolve("agents");
        Path data = temp.resolve("data-" + variant);
        Fixtures.ingest(data, List.of(agents.resolve("ccusage-homes/gemini/" + variant + "/.gemini/tmp")), 2);
        JsonNode totals = new ObjectMapper().readTree(agents.resolve("CCUSAGE_TOTALS.json").toFile())
                .path("gemini").path(expectedVariant).path("daily");
        List<List<Object>> expected = new ArrayList<>();
        for (JsonNode day : totals) {
            for (JsonNode model : day.path("modelBreakdowns")) {
                expected.add(List.of(day.path("date").asText(), model.path("modelName").asText(),
                        model.path("inputTokens").asLong(), model.path("outputTokens").asLong(),
                        model.path("cacheReadTokens").asLong(), Math.round(model.path("cost").asDouble() * 1e6)));
            }
        }
        assertEquals(expected, Fixtures.rows(data, "SELECT strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d'), model,"
                + " sum(input_tokens)::BIGINT, sum(output_tokens - reasoning_tokens)::BIGINT,"
                + " sum(cache_read_tokens)::BIGINT,"
                + " round(sum(cost_usd) * 1e6)::BIGINT FROM turns GROUP BY ALL ORDER BY 1, 2"));
    }
}
