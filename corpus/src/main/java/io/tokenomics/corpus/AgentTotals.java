package io.tokenomics.corpus;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a correct reader must count in a corpus of one of the smaller agents ({@link QwenCorpus}, {@link KimiCorpus},
 * {@link DroidCorpus}, and with the agent's cost {@link AgentTotalsAndCost}): its turns and their tokens in our
 * classes (docs/formats.md, "Token classes"), in all and per UTC day, and its rejects. Tallied while writing, from
 * the generator's knowledge of which copy of a call counts.
 */
public final class AgentTotals {
    /** Indexes of {@link #all()} and of each day's counts. */
    public static final int TURNS = 0;
    public static final int INPUT = 1;
    public static final int OUTPUT = 2;
    public static final int CACHE_WRITE = 3;
    public static final int CACHE_READ = 4;
    public static final int REASONING = 5;
    private static final int COUNTS = 6;

    private final long[] all = new long[COUNTS];
    private final TreeMap<LocalDate, long[]> byDay = new TreeMap<>();
    private long rejects;
    private long files;

    AgentTotals() {
    }

    /** One model call as a reader must count it, at {@code epochMillis}. */
    void turn(long epochMillis, long input, long output, long cacheWrite, long cacheRead, long reasoning) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L));
        for (long[] counts : new long[][] {all, byDay.computeIfAbsent(day, d -> new long[COUNTS])}) {
            counts[TURNS]++;
            counts[INPUT] += input;
            counts[OUTPUT] += output;
            counts[CACHE_WRITE] += cacheWrite;
            counts[CACHE_READ] += cacheRead;
            counts[REASONING] += reasoning;
        }
    }

    void reject() {
        rejects++;
    }

    void file() {
        files++;
    }

    /** The counts of every turn: turns, input, output, cache writes, cache reads, reasoning. */
    public long[] all() {
        return all.clone();
    }

    /** The same counts per UTC day. */
    public Map<LocalDate, long[]> byDay() {
        return Collections.unmodifiableMap(byDay);
    }

    /** The lines (or files, for a format of one document per file) a reader must reject. */
    public long rejects() {
        return rejects;
    }

    /** The files a reader must read: its logs, not the files beside them that hold no usage. */
    public long files() {
        return files;
    }
}
