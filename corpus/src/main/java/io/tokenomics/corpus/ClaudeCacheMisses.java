package io.tokenomics.corpus;

import java.util.HashMap;
import java.util.Map;

/**
 * The cache misses of the Claude part and their causes, as a correct reader must find them (views.sql, thread_turns
 * and cache_misses; docs/usage.md), tallied while writing from the generator's own records: each thread's kept
 * responses as the reader sees them, its compactions, and the session's calls that break a cache (memory-file edits
 * and skill loads), never from the files written.
 *
 * <p>A thread is what the reader takes for one: the session and the agent id, so a 1.0.x sub-agent written inline in
 * its parent's file is in the parent's thread. Responses are reported in the order of their times, which is the
 * order the reader sorts a thread in; only one session is open at a time.
 */
final class ClaudeCacheMisses {
    static final String[] CAUSES = {"idle_expiry", "model_switch", "memory_edit", "skill_load", "unexplained"};
    static final int IDLE = 0;
    static final int MODEL = 1;
    static final int MEMORY = 2;
    static final int SKILL = 3;
    static final int UNEXPLAINED = 4;
    static final long FIVE_MINUTES_MS = 300_000;
    private static final long HOUR_MS = 3_600_000;

    /** What the reader keeps of a thread between two of its requests. */
    private static final class Thread {
        boolean hasPrevious;
        long previousMs;
        long previousContext;
        String previousModel;
        /** Whether the thread's last cache write was mostly 1-hour writes; false before any write. */
        boolean lastWrite1h;
        long lastCompactionMs = Long.MIN_VALUE;
    }

    final long[] byCause = new long[CAUSES.length];
    /** Idle expiries of a 5-minute cache, then of a 1-hour one. */
    final long[] idleByTtl = new long[2];
    private final Map<String, Thread> threads = new HashMap<>();
    private long lastMemoryEditMs = Long.MIN_VALUE;
    private long lastSkillLoadMs = Long.MIN_VALUE;

    /** A response that counts, in conversation {@code c}, with its usage as written. */
    void response(Conversation c, Response resp) {
        if (resp.synthetic) {
            return; // never a miss, and never the request before one
        }
        Thread t = threads.computeIfAbsent(c.sessionId + "/" + c.agentId, k -> new Thread());
        long ms = resp.times[resp.last()];
        long context = resp.input + resp.read + resp.write5m + resp.write1h;
        if (t.hasPrevious && isMiss(t, resp, context)) {
            int cause = cause(t, resp, ms);
            byCause[cause]++;
            if (cause == IDLE) {
                idleByTtl[t.lastWrite1h ? 1 : 0]++;
            }
        }
        t.hasPrevious = true;
        t.previousMs = ms;
        t.previousContext = context;
        t.previousModel = resp.model;
        if (resp.write5m + resp.write1h > 0) {
            t.lastWrite1h = resp.write1h > resp.write5m;
        }
        for (ContentBlock block : resp.blocks) {
            if (block.breaksCache() && "Skill".equals(block.tool())) {
                lastSkillLoadMs = ms;
            } else if (block.breaksCache()) {
                lastMemoryEditMs = ms;
            }
        }
    }

    /** A compaction boundary of conversation {@code c} written at {@code ms}. */
    void compaction(Conversation c, long ms) {
        threads.computeIfAbsent(c.sessionId + "/" + c.agentId, k -> new Thread()).lastCompactionMs = ms;
    }

    /** The session is written: its threads and calls are never added to again. */
    void endSession() {
        threads.clear();
        lastMemoryEditMs = Long.MIN_VALUE;
        lastSkillLoadMs = Long.MIN_VALUE;
    }

    /** The read fell below half the previous prompt, the prompt stayed above 10,000 and half the previous one. */
    private static boolean isMiss(Thread t, Response resp, long context) {
        boolean compacted = t.lastCompactionMs >= t.previousMs;
        return 2 * resp.read < t.previousContext && context > 10_000 && 2 * context > t.previousContext
            && !compacted;
    }

    /** The first cause that holds, in the order of docs/usage.md. */
    private int cause(Thread t, Response resp, long ms) {
        if (ms - t.previousMs > (t.lastWrite1h ? HOUR_MS : FIVE_MINUTES_MS)) {
            return IDLE;
        }
        if (!resp.model.equals(t.previousModel)) {
            return MODEL;
        }
        if (lastMemoryEditMs >= t.previousMs) {
            return MEMORY;
        }
        return lastSkillLoadMs >= t.previousMs ? SKILL : UNEXPLAINED;
    }

    /** {@code "cache_misses": {"by_cause": {...}, "idle_expiry_by_ttl_s": {"300": n, "3600": n}}}. */
    void appendJson(StringBuilder s) {
        s.append("{\"by_cause\": ");
        appendByCause(s, byCause);
        s.append(", \"idle_expiry_by_ttl_s\": {\"300\": ").append(idleByTtl[0]).append(", \"3600\": ")
            .append(idleByTtl[1]).append("}}");
    }

    /** Counts by cause as a JSON object, keys sorted. */
    static void appendByCause(StringBuilder s, long[] byCause) {
        String[] sorted = CAUSES.clone();
        java.util.Arrays.sort(sorted);
        s.append('{');
        for (int i = 0; i < sorted.length; i++) {
            int cause = java.util.Arrays.asList(CAUSES).indexOf(sorted[i]);
            s.append(i == 0 ? "\"" : ", \"").append(sorted[i]).append("\": ").append(byCause[cause]);
        }
        s.append('}');
    }
}
