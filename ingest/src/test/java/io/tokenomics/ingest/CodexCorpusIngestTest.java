package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.corpus.CorpusGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus with its Codex part (repeats, info null, resets, last-only events, a mid-file model switch, forked
 * rollouts replaying their parent with its timestamps and re-stamped in the fork's first second or over several
 * seconds, an archived copy, a truncated tail, bare-era files, an unpriced model) is ingested, and the Codex turns must
 * carry exactly the generator's expected Codex totals: Codex input = our input + cache read, cached = cache read,
 * output = output, reasoning kept apart, one row per counted event.
 */
class CodexCorpusIngestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Eleven Codex sessions (every 8th): one of each forced Codex feature at least. */
    private static final int SESSIONS = 88;
    private static final String SUMS = "sum(input_tokens + cache_read_tokens), sum(cache_read_tokens),"
        + " sum(output_tokens), sum(reasoning_tokens), sum(input_tokens + cache_read_tokens + output_tokens),"
        + " count(*)";
    private static final String[] FIELDS = {"input_tokens", "cached_input_tokens", "output_tokens",
        "reasoning_output_tokens", "total_tokens", "events"};

    @TempDir
    static Path temp;
    static Path data;
    static JsonNode expected;

    @BeforeAll
    static void generateAndIngest() throws Exception {
        Path corpus = temp.resolve("corpus");
        data = temp.resolve("data");
        CorpusGenerator.Result result = CorpusGenerator.generate(new CorpusGenerator.Options(corpus, SESSIONS, 11, 0));
        expected = JSON.readTree(result.expectedFile().toFile());
        // a root holding projects/ is read as a Claude config dir; the Codex home beside it is its own root
        Ingest.run(Ingest.builder(List.of(corpus, corpus.resolve("codex")), data).threads(2).host("h").build());
    }

    @Test
    void shouldCountEveryCodexEventOnceAsTheGeneratorDid() throws Exception {
        List<Object> row = rows("SELECT " + SUMS + " FROM turns WHERE agent = 'codex'").get(0);
        JsonNode codex = expected.get("codex");
        assertEquals(want(codex.get("totals"), codex.get("events").asLong()), longs(row));
    }

    @Test
    void shouldAttributeEveryEventToTheModelOfItsTurnContext() throws Exception {
        Map<String, List<Long>> actual = new TreeMap<>();
        for (List<Object> row : rows("SELECT model, " + SUMS + " FROM turns WHERE agent = 'codex' GROUP BY model")) {
            actual.put((String) row.get(0), longs(row.subList(1, row.size())));
        }
        Map<String, List<Long>> want = new TreeMap<>();
        expected.get("codex").get("by_model").fields()
            .forEachRemaining(e -> want.put(e.getKey(), want(e.getValue(), e.getValue().get("events").asLong())));
        assertEquals(want, actual);
    }

    @Test
    void shouldPutEveryEventOnItsUtcDay() throws Exception {
        Map<String, List<Long>> actual = new TreeMap<>();
        for (List<Object> row : rows("SELECT epoch_ms(ts) // 86400000 AS day, " + SUMS
                + " FROM turns WHERE agent = 'codex' GROUP BY day")) {
            actual.put(LocalDate.ofEpochDay(((Number) row.get(0)).longValue()).toString(),
                longs(row.subList(1, row.size())));
        }
        Map<String, List<Long>> want = new TreeMap<>();
        expected.get("codex").get("daily_utc").fields()
            .forEachRemaining(e -> want.put(e.getKey(), want(e.getValue(), e.getValue().get("events").asLong())));
        assertEquals(want, actual);
    }

    @Test
    void shouldLeaveTheClaudePartAsItWasAndPriceOnlyKnownModels() throws Exception {
        assertEquals(expected.get("responses").asLong(),
            ((Number) rows("SELECT count(*) FROM turns WHERE agent = 'claude'").get(0).get(0)).longValue());
        List<List<Object>> cost = rows("SELECT model, count(*) FILTER (WHERE cost_usd IS NULL),"
            + " count(*) FILTER (WHERE cost_usd > 0) FROM turns WHERE agent = 'codex' GROUP BY model ORDER BY model");
        assertTrue(cost.size() >= 4, cost.toString());
        for (List<Object> row : cost) {
            boolean unpriced = CorpusGenerator.UNPRICED_CODEX_MODEL.equals(row.get(0));
            long withoutCost = ((Number) row.get(1)).longValue();
            long withCost = ((Number) row.get(2)).longValue();
            assertEquals(unpriced, withoutCost > 0, row.toString());
            assertEquals(!unpriced, withCost > 0, row.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The expected counters in the order of {@link #SUMS}. */
    private static List<Long> want(JsonNode counters, long events) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < FIELDS.length - 1; i++) {
            out.add(counters.get(FIELDS[i]).asLong());
        }
        out.add(events);
        return out;
    }

    private static List<Long> longs(List<Object> row) {
        List<Long> out = new ArrayList<>();
        for (Object o : row) {
            out.add(o == null ? 0L : ((Number) o).longValue());
        }
        return out;
    }

    private static List<List<Object>> rows(String sql) throws IOException, SQLException {
        return io.tokenomics.ingest.Fixtures.rows(data, sql);
    }
}
