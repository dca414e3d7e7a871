package io.tokenomics.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenomics.corpus.CopilotCorpus;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated Copilot CLI home (resumed sessions with a shutdown per process, span files beside the session state,
 * sessions still running after their last shutdown, a checkpoint copy in a second folder, two models in a session,
 * the one-million-token names, spans of sessions without a session state, a cut line) is ingested, and the turns must
 * carry exactly the generator's expected tokens per UTC day and model, turn for turn.
 */
class CopilotCorpusIngestTest {
    @TempDir
    Path temp;

    @Test
    void shouldCountEveryModelCallOnceAsTheGeneratorDid() throws Exception {
        CopilotCorpus.Result corpus = CopilotCorpus.generate(temp.resolve("home"), 40, 21);
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, new CopilotSource().defaultRoots(Map.of(),
                temp.resolve("home")), 2);
        assertEquals(corpus.files(), summary.filesRead(), summary.line());
        assertEquals(corpus.rejects(), summary.totalRejects(), summary.line());
        Map<String, List<Long>> expected = new TreeMap<>();
        corpus.expected().forEach((dayAndModel, sums) -> expected.put(dayAndModel, longs(sums)));
        Map<String, List<Long>> actual = new TreeMap<>();
        String byDayAndModel = "SELECT strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d') || ' ' || model,"
                + " sum(input_tokens)::BIGINT, sum(cache_read_tokens)::BIGINT, sum(cache_write_5m_tokens)::BIGINT,"
                + " sum(output_tokens)::BIGINT, sum(reasoning_tokens)::BIGINT, count(*) FROM turns GROUP BY 1";
        for (List<Object> row : Fixtures.rows(data, byDayAndModel)) {
            List<Long> sums = new ArrayList<>();
            row.subList(1, row.size()).forEach(value -> sums.add(((Number) value).longValue()));
            actual.put((String) row.get(0), sums);
        }
        assertEquals(expected, actual);
        assertEquals(0L, ((Number) Fixtures.rows(data, "SELECT count(*) FROM turns WHERE cost_usd IS NULL").get(0)
                .get(0)).longValue(), "every model of the corpus has a price");
    }

    private static List<Long> longs(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
