package io.tokenomics.corpus;

import static io.tokenomics.corpus.CodexTotals.CACHED;
import static io.tokenomics.corpus.CodexTotals.IN;
import static io.tokenomics.corpus.CodexTotals.OUT;
import static io.tokenomics.corpus.CodexTotals.REASONING;
import static io.tokenomics.corpus.CodexTotals.TOTAL;
import static io.tokenomics.corpus.RandomValues.lognormal;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The token_count events of a rollout and the state the counting rules read: the thread's cumulative totals, the
 * last total written, the last call. About half of the events repeat the previous totals, some carry only rate
 * limits, and a reset makes the totals go down.
 */
final class CodexTokenCounts {
    /** Cumulative totals of the thread as the rollout writes them, and the last total written (the rules' prev). */
    final long[] total = new long[5];
    long[] prev;
    long[] lastCall;
    boolean lastWritten;
    /** The prefix of the next call's prompt that the server has cached. */
    long cachedPrefix;
    long[] snapshot; // an earlier total, for a rollback-style reset
    /** The previous counted call as the reader sees it (views.sql, thread_turns): time, prompt, model. */
    long previousCallMs;
    long previousContext;
    String previousModel;
    final CodexRollout rollout;
    final SplittableRandom r;

    CodexTokenCounts(CodexRollout rollout) {
        this.rollout = rollout;
        this.r = rollout.r;
    }

    /** The usage of one model call; the prompt then becomes the cached prefix and grows by the output. */
    long[] modelCall(int minOutput) {
        long[] u = new long[5];
        long input = rollout.context;
        long cached;
        if (cachedPrefix == 0) {
            cached = r.nextDouble() < 0.5 ? (input * (20 + r.nextInt(50)) / 100) / 128 * 128 : 0;
        } else if (r.nextDouble() < 0.03) {
            cached = 0; // the cache expired
        } else {
            cached = Math.min(cachedPrefix, input) / 128 * 128;
        }
        long output = Math.max(1, Math.min(32_000, minOutput + lognormal(r, 260, 1.1)));
        long reasoning = r.nextDouble() < 0.15 ? 0 : output * r.nextInt(90) / 100;
        u[IN] = input;
        u[CACHED] = cached;
        u[OUT] = output;
        u[REASONING] = reasoning;
        u[TOTAL] = input + output;
        cachedPrefix = input;
        rollout.context += output;
        return u;
    }

    /** A token_count event that counts: the call's usage, as totals (and mostly its last usage) or last only. */
    void counting(long[] call) throws IOException {
        JsonBuffer b = rollout.event(rollout.clock, "token_count");
        b.ascii(",\"info\":{");
        if (rollout.lastOnly) {
            b.ascii("\"last_token_usage\":");
            usage(b, call);
            lastWritten = true;
        } else {
            if (snapshot != null) {
                // the first call after a reset: totals start again (new process) or fall back (rollback)
                long[] candidate = call.clone();
                boolean rollback = snapshot.length > 0;
                if (rollback) {
                    add(candidate, snapshot);
                }
                if (prev != null && anyBelow(candidate, prev)) {
                    System.arraycopy(candidate, 0, total, 0, 5);
                    // the rules count last_token_usage; without it the new total, which only a restart makes
                    // equal to the call
                    lastWritten = rollback || r.nextDouble() < 0.8;
                } else {
                    add(total, call); // not visibly a reset: the totals keep growing
                    lastWritten = r.nextDouble() < 0.9;
                }
                snapshot = null;
            } else {
                add(total, call);
                lastWritten = r.nextDouble() < 0.9; // some events carry only the totals
            }
            b.ascii("\"total_token_usage\":");
            usage(b, total);
            if (lastWritten) {
                b.ascii(",\"last_token_usage\":");
                usage(b, call);
            }
            prev = total.clone();
        }
        b.ascii(",\"model_context_window\":").number(rollout.window).ascii("},\"rate_limits\":");
        rateLimits(b);
        b.ascii("}}");
        rollout.file.line(b);
        lastCall = call;
        rollout.corpus.totals.count(rollout.clock, rollout.model, call);
        cacheMiss(call);
    }

    /**
     * A counted call whose cached prompt fell below half of the previous call's prompt while its prompt stayed above
     * 10,000 tokens and half the previous one is a cache miss; its cause, as a correct reader finds it: a pause
     * beyond 5 minutes (Codex reports no cache lifetime), another model, else none it can see. A rollout is one
     * thread: a child's copy of its parent's history counts nothing, and Codex compacts without a reader's row.
     */
    private void cacheMiss(long[] call) {
        if (previousModel != null && 2 * call[CACHED] < previousContext && call[IN] > 10_000
                && 2 * call[IN] > previousContext) {
            int cause = rollout.clock - previousCallMs > ClaudeCacheMisses.FIVE_MINUTES_MS ? ClaudeCacheMisses.IDLE
                : !rollout.model.equals(previousModel) ? ClaudeCacheMisses.MODEL : ClaudeCacheMisses.UNEXPLAINED;
            rollout.corpus.totals.cacheMisses[cause]++;
        }
        previousCallMs = rollout.clock;
        previousContext = call[IN];
        previousModel = rollout.model;
    }

    /** The same totals again (after a tool round, or at the end of a turn): counts nothing. */
    void repeat() throws IOException {
        if (rollout.lastOnly || prev == null || lastCall == null) {
            return;
        }
        JsonBuffer b = rollout.event(rollout.clock, "token_count");
        b.ascii(",\"info\":{\"total_token_usage\":");
        usage(b, prev);
        if (lastWritten) {
            b.ascii(",\"last_token_usage\":");
            usage(b, lastCall);
        }
        b.ascii(",\"model_context_window\":").number(rollout.window).ascii("},\"rate_limits\":");
        rateLimits(b);
        b.ascii("}}");
        rollout.file.line(b);
    }

    void rateLimitsOnly() throws IOException {
        JsonBuffer b = rollout.event(rollout.clock, "token_count");
        b.ascii(",\"info\":null,\"rate_limits\":");
        rateLimits(b);
        b.ascii("}}");
        rollout.file.line(b);
    }

    /**
     * The next counting event follows a resume in a new process (totals start again from zero) or a rollback
     * (totals fall back to an earlier value, here half of the thread's): either way they go down.
     */
    void resetCounters() {
        if (prev == null) {
            return;
        }
        if (r.nextBoolean()) {
            snapshot = new long[0];
        } else {
            snapshot = new long[5];
            for (int i = 0; i < 4; i++) {
                snapshot[i] = prev[i] / 2;
            }
            snapshot[TOTAL] = snapshot[IN] + snapshot[OUT];
        }
        cachedPrefix = 0;
    }

    private void rateLimits(JsonBuffer b) {
        long resets = rollout.clock / 1000 + 600 + r.nextInt(17_000);
        b.ascii("{\"limit_id\":\"codex\",\"primary\":{\"used_percent\":").number(r.nextInt(100))
            .ascii(".0,\"window_minutes\":300,\"resets_at\":").number(resets)
            .ascii("},\"secondary\":{\"used_percent\":").number(r.nextInt(100))
            .ascii(".0,\"window_minutes\":10080,\"resets_at\":").number(resets + 86_400 * (1 + r.nextInt(6)))
            .ascii("},\"credits\":{\"has_credits\":false,\"unlimited\":false,\"balance\":null},")
            .ascii("\"plan_type\":null}");
    }

    /** A line cut off while the process died: a token_count with higher totals, never counted. */
    void truncatedTail() throws IOException {
        rollout.clock += 2_000;
        long[] phantom = total.clone();
        phantom[IN] += 30_000;
        phantom[OUT] += 500;
        phantom[TOTAL] += 30_500;
        JsonBuffer b = rollout.event(rollout.clock, "token_count");
        b.ascii(",\"info\":{\"").ascii(rollout.lastOnly ? "last_token_usage" : "total_token_usage").ascii("\":");
        usage(b, rollout.lastOnly ? new long[] {30_000, 0, 500, 0, 30_500} : phantom);
        b.ascii(",\"model_context_window\":").number(rollout.window).ascii("},\"rate_limits\":null}}");
        int cut = r.nextBoolean() ? b.size - 1 - r.nextInt(Math.min(40, b.size - 2)) : 1 + r.nextInt(b.size - 2);
        rollout.file.unterminated(b, cut);
        rollout.corpus.totals.truncatedTails++;
    }


    private static void usage(JsonBuffer b, long[] u) {
        b.ascii("{\"input_tokens\":").number(u[IN]).ascii(",\"cached_input_tokens\":").number(u[CACHED])
            .ascii(",\"output_tokens\":").number(u[OUT]).ascii(",\"reasoning_output_tokens\":").number(u[REASONING])
            .ascii(",\"total_tokens\":").number(u[TOTAL]).ascii("}");
    }

    static void add(long[] total, long[] call) {
        for (int i = 0; i < 5; i++) {
            total[i] += call[i];
        }
    }

    /** The counting rules' test for a reset: any counter below the previous total. */
    private static boolean anyBelow(long[] now, long[] previous) {
        for (int i = 0; i < 5; i++) {
            if (now[i] < previous[i]) {
                return true;
            }
        }
        return false;
    }
}
