package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenomics.corpus.AgentTotals;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares the dataset of a generated corpus of one agent with the totals its generator tallied, exactly. */
public final class AgentCorpusCheck {
    private static final String SUMS = "count(*), sum(input_tokens), sum(output_tokens),"
            + " sum(cache_write_5m_tokens + cache_write_1h_tokens), sum(cache_read_tokens), sum(reasoning_tokens)";

    private AgentCorpusCheck() {
    }

    /** The files read, the turns and their tokens in all and per UTC day, and the rejects. */
    public static void assertCounted(AgentTotals expected, IngestSummary summary, Path data, String agent)
            throws Exception {
        assertEquals(expected.files(), summary.filesSeen(), "files");
        assertEquals(List.of(longs(expected.all())),
                longRows(Fixtures.rows(data, "SELECT " + SUMS + " FROM turns WHERE agent = '" + agent + "'")));
        List<List<Long>> days = new ArrayList<>();
        for (Map.Entry<LocalDate, long[]> day : expected.byDay().entrySet()) {
            List<Long> row = new ArrayList<>(List.of(day.getKey().toEpochDay()));
            row.addAll(longs(day.getValue()));
            days.add(row);
        }
        assertEquals(days, longRows(Fixtures.rows(data, "SELECT epoch_ms(ts) // 86400000 AS day, " + SUMS
                + " FROM turns WHERE agent = '" + agent + "' GROUP BY day ORDER BY day")));
        assertEquals(expected.rejects(), summary.totalRejects(), "rejects");
    }

    private static List<Long> longs(long[] values) {
        List<Long> out = new ArrayList<>();
        for (long v : values) {
            out.add(v);
        }
        return out;
    }

    private static List<List<Long>> longRows(List<List<Object>> rows) {
        List<List<Long>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Long> values = new ArrayList<>();
            for (Object value : row) {
                values.add(value == null ? 0L : ((Number) value).longValue());
            }
            out.add(values);
        }
        return out;
    }
}
