package io.tokenomics.cli;

import io.tokenomics.cli.ReportCorpus.Compaction;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cache-miss rule of views.sql written again as a loop over each thread's turns, for the tests to count misses
 * without the SQL: a turn after the first non-synthetic one of its thread whose cache read is below half of the
 * previous prompt, whose prompt is above 10,000 tokens and above half the previous one, with no compaction of the
 * thread between the two turns (both ends included).
 */
final class CacheMisses {
    private CacheMisses() {
    }

    /** The misses, in thread order. */
    static List<Turn> of(ReportCorpus corpus) {
        Map<String, List<Compaction>> compactions = new HashMap<>();
        for (Compaction c : corpus.compactions) {
            compactions.computeIfAbsent(c.thread(), k -> new ArrayList<>()).add(c);
        }
        List<Turn> misses = new ArrayList<>();
        for (List<Turn> thread : threads(corpus.turns).values()) {
            Turn previous = null;
            for (Turn t : thread) {
                if (t.synthetic()) {
                    continue;
                }
                if (previous != null && t.read() < 0.5 * previous.context() && t.context() > 10_000
                        && t.context() > 0.5 * previous.context()
                        && !compactedBetween(compactions.get(t.thread()), previous, t)) {
                    misses.add(t);
                }
                previous = t;
            }
        }
        return misses;
    }

    /**
     * What the generator did, seen in the data: in its model a request reads exactly what the request before it left
     * in the cache (that one's read plus writes) unless the cache expired. These are the expiries on turns whose
     * prompt stayed large (above 10,000 tokens and half the previous), not right after a compaction.
     */
    static List<Turn> expiries(ReportCorpus corpus) {
        Map<String, List<Compaction>> compactions = new HashMap<>();
        for (Compaction c : corpus.compactions) {
            compactions.computeIfAbsent(c.thread(), k -> new ArrayList<>()).add(c);
        }
        List<Turn> expired = new ArrayList<>();
        for (List<Turn> thread : threads(corpus.turns).values()) {
            Turn previous = null;
            for (Turn t : thread) {
                if (t.synthetic()) {
                    continue;
                }
                if (previous != null && t.read() < previous.read() + previous.write5m() + previous.write1h()
                        && t.context() > 10_000 && t.context() > 0.5 * previous.context()
                        && !compactedBetween(compactions.get(t.thread()), previous, t)) {
                    expired.add(t);
                }
                previous = t;
            }
        }
        return expired;
    }

    static Map<String, List<Turn>> threads(List<Turn> turns) {
        Map<String, List<Turn>> threads = new LinkedHashMap<>();
        for (Turn t : turns) {
            threads.computeIfAbsent(t.thread(), k -> new ArrayList<>()).add(t);
        }
        return threads;
    }

    private static boolean compactedBetween(List<Compaction> compactions, Turn previous, Turn t) {
        if (compactions == null) {
            return false;
        }
        for (Compaction c : compactions) {
            if (!c.ts().isBefore(previous.ts()) && !c.ts().isAfter(t.ts())) {
                return true;
            }
        }
        return false;
    }
}
