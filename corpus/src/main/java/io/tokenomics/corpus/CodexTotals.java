package io.tokenomics.corpus;

import static io.tokenomics.corpus.CorpusGenerator.DAY_MS;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Codex part of expected.json: the tokens of every model call written once (copies and repeats excluded), by
 * model and UTC day, and the files written.
 */
final class CodexTotals {
    /** Usage indexes, also the order of the counters in a token object. */
    static final int IN = 0;
    static final int CACHED = 1;
    static final int OUT = 2;
    static final int REASONING = 3;
    static final int TOTAL = 4;
    static final int EVENTS = 5;


    static final String[] NAMES = {"input_tokens", "cached_input_tokens", "output_tokens",
        "reasoning_output_tokens", "total_tokens", "events"};
    final long[] sums = new long[6];
    long files;
    long bytes;
    long sessions;
    long truncatedTails;
    long archivedCopies;
    final TreeMap<Long, long[]> daily = new TreeMap<>();
    final TreeMap<String, long[]> byModel = new TreeMap<>();
    /** Cache misses by cause, in the order of {@link ClaudeCacheMisses#CAUSES}. */
    final long[] cacheMisses = new long[ClaudeCacheMisses.CAUSES.length];

    void count(long ms, String model, long[] call) {
        add(sums, call);
        add(daily.computeIfAbsent(Math.floorDiv(ms, DAY_MS), d -> new long[6]), call);
        add(byModel.computeIfAbsent(model, m -> new long[6]), call);
    }

    static void add(long[] t, long[] call) {
        for (int i = 0; i < 5; i++) {
            t[i] += call[i];
        }
        t[EVENTS]++;
    }


    /** The {@code "codex"} object of expected.json, keys sorted. */
    void appendJson(StringBuilder s) {
        s.append("{\n    \"archived_copies\": ").append(archivedCopies).append(",\n    \"by_model\": {");
        appendMap(s, byModel);
        s.append("},\n    \"bytes\": ").append(bytes).append(",\n    \"cache_misses\": {\"by_cause\": ");
        ClaudeCacheMisses.appendByCause(s, cacheMisses);
        s.append("},\n    \"daily_utc\": {");
        TreeMap<String, long[]> days = new TreeMap<>();
        daily.forEach((day, t) -> days.put(LocalDate.ofEpochDay(day).toString(), t));
        appendMap(s, days);
        s.append("},\n    \"events\": ").append(sums[EVENTS])
            .append(",\n    \"files\": ").append(files)
            .append(",\n    \"sessions\": ").append(sessions)
            .append(",\n    \"totals\": ");
        appendCounters(s, sums, false);
        s.append(",\n    \"truncated_tails\": ").append(truncatedTails).append("\n  }");
    }

    private static void appendMap(StringBuilder s, Map<String, long[]> map) {
        boolean first = true;
        for (Map.Entry<String, long[]> e : map.entrySet()) {
            s.append(first ? "\n      \"" : ",\n      \"").append(e.getKey()).append("\": ");
            appendCounters(s, e.getValue(), true);
            first = false;
        }
        if (!first) {
            s.append("\n    ");
        }
    }

    /** Keys in sorted order: cached, [events,] input, output, reasoning, total. */
    private static void appendCounters(StringBuilder s, long[] t, boolean withEvents) {
        int[] order = withEvents ? new int[] {CACHED, EVENTS, IN, OUT, REASONING, TOTAL}
            : new int[] {CACHED, IN, OUT, REASONING, TOTAL};
        s.append('{');
        for (int i = 0; i < order.length; i++) {
            s.append(i == 0 ? "\"" : ", \"").append(NAMES[order[i]]).append("\": ").append(t[order[i]]);
        }
        s.append('}');
    }
}
