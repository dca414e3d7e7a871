package io.tokenomics.corpus;

import static io.tokenomics.corpus.CorpusGenerator.DAY_MS;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

// Expected totals

/**
 * The Claude part of expected.json, tallied while writing from the generator's knowledge of which line is the kept
 * copy of each response.
 */
final class ClaudeTotals {
    static final int IN = 0;
    static final int OUT = 1;
    static final int WRITE_5M = 2;
    static final int WRITE_1H = 3;
    static final int READ = 4;
    static final int RESPONSES = 5;
    static final String[] NAMES = {"input_tokens", "output_tokens", "cache_creation_5m_tokens",
        "cache_creation_1h_tokens", "cache_read_tokens", "responses"};

    final long[] totals = new long[6];
    final TreeMap<Long, long[]> daily = new TreeMap<>();
    final TreeMap<String, long[]> byModel = new TreeMap<>();
    long malformed;
    long notObject;
    long truncatedTails;
    final ClaudeCacheMisses cacheMisses = new ClaudeCacheMisses();

    /** The kept line of a response is its last line: it has the final output count and its timestamp. */
    void count(Response resp) {
        long day = Math.floorDiv(resp.times[resp.last()], DAY_MS);
        add(totals, resp);
        add(daily.computeIfAbsent(day, d -> new long[6]), resp);
        if (!resp.synthetic) {
            add(byModel.computeIfAbsent(resp.model, m -> new long[6]), resp);
        }
    }

    static void add(long[] t, Response resp) {
        t[IN] += resp.input;
        t[OUT] += resp.output;
        t[WRITE_5M] += resp.write5m;
        t[WRITE_1H] += resp.write1h;
        t[READ] += resp.read;
        t[RESPONSES]++;
    }

    /**
     * {@code files} and {@code bytes} cover every .jsonl file of the corpus; {@code codex} is the Codex part,
     * every other key the Claude part alone.
     */
    String toJson(long seed, long files, long bytes, CodexCorpus codex) {
        StringBuilder s = new StringBuilder(4096);
        s.append("{\n  \"by_model\": {");
        appendMap(s, byModel, true);
        s.append("},\n  \"bytes\": ").append(bytes).append(",\n  \"cache_misses\": ");
        cacheMisses.appendJson(s);
        s.append(",\n  \"codex\": ");
        codex.totals.appendJson(s);
        s.append(",\n  \"daily_utc\": {");
        TreeMap<String, long[]> days = new TreeMap<>();
        daily.forEach((day, t) -> days.put(LocalDate.ofEpochDay(day).toString(), t));
        appendMap(s, days, true);
        s.append("},\n  \"files\": ").append(files)
            .append(",\n  \"rejects\": {\"malformed\": ").append(malformed)
            .append(", \"not_an_object\": ").append(notObject)
            .append("},\n  \"responses\": ").append(totals[RESPONSES])
            .append(",\n  \"seed\": ").append(seed)
            .append(",\n  \"totals\": ");
        appendCounters(s, totals, false);
        s.append(",\n  \"truncated_tails\": ").append(truncatedTails).append("\n}\n");
        return s.toString();
    }

    private static void appendMap(StringBuilder s, Map<String, long[]> map, boolean withResponses) {
        boolean first = true;
        for (Map.Entry<String, long[]> e : map.entrySet()) {
            s.append(first ? "\n    \"" : ",\n    \"").append(e.getKey()).append("\": ");
            appendCounters(s, e.getValue(), withResponses);
            first = false;
        }
        if (!first) {
            s.append("\n  ");
        }
    }

    /** Keys in sorted order: 1h, 5m, read, input, output[, responses]. */
    private static void appendCounters(StringBuilder s, long[] t, boolean withResponses) {
        int[] order = withResponses ? new int[] {WRITE_1H, WRITE_5M, READ, IN, OUT, RESPONSES}
            : new int[] {WRITE_1H, WRITE_5M, READ, IN, OUT};
        s.append('{');
        for (int i = 0; i < order.length; i++) {
            s.append(i == 0 ? "\"" : ", \"").append(NAMES[order[i]]).append("\": ").append(t[order[i]]);
        }
        s.append('}');
    }
}
