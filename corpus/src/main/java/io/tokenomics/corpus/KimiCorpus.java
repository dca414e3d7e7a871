package io.tokenomics.corpus;

import static io.tokenomics.corpus.RandomValues.base62;
import static io.tokenomics.corpus.RandomValues.hex;
import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes Kimi wire files under {@code HOME/sessions/} in both shapes of docs/formats.md ("Kimi wire files"): Kimi
 * Code sessions ({@code <workspace>/session_<id>/agents/<agent>/wire.jsonl}, {@code usage.record}s of scope
 * {@code turn} and, for a compaction, {@code session}, each beside a {@code step.end} event holding the same tokens)
 * and kimi-cli sessions ({@code <hash>/<id>/wire.jsonl}, StatusUpdates with and without tokens, sub-agent steps
 * forwarded in SubagentEvents and, in some, also in the sub-agent's own file, forked copies of whole sessions,
 * context files). Also a cut line and a usage record without a time. Name {@code HOME} {@code .kimi}, as kimi-cli
 * does, for its context files to be told apart from logs. The returned totals are what a correct reader counts.
 */
public final class KimiCorpus {
    private static final String[] PROJECTS = {"shop", "api", "tools"};
    private static final String[] MODELS = {"moonshot-ai/kimi-k2.7-code", "kimi-code/k3"};
    private static final long START_MS = CorpusGenerator.START_MS;
    private static final long RANGE_MS = CorpusGenerator.RANGE_DAYS * CorpusGenerator.DAY_MS;

    private final Path sessions;
    private final SplittableRandom random;
    private final AgentTotals totals = new AgentTotals();

    private KimiCorpus(Path home, long seed) {
        this.sessions = home.resolve("sessions");
        this.random = new SplittableRandom(seed);
    }

    /** Writes {@code count} sessions (and their forks) under {@code home}; same seed, same bytes. */
    public static AgentTotals write(Path home, int count, long seed) throws IOException {
        KimiCorpus corpus = new KimiCorpus(home, seed);
        for (int i = 0; i < count; i++) {
            SplittableRandom r = corpus.random.split();
            if (i % 2 == 0) {
                corpus.kimiCode(i, r);
            } else {
                corpus.kimiCli(i, r);
            }
        }
        return corpus.totals;
    }

    private void kimiCode(int index, SplittableRandom r) throws IOException {
        String project = PROJECTS[index % PROJECTS.length];
        Path session = sessions.resolve("wd_" + project + "_" + Integer.toHexString(project.hashCode()))
                .resolve("session_" + uuid(r));
        long ms = START_MS + r.nextLong(RANGE_MS - 3_600_000L);
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"metadata\",\"protocol_version\":\"1.4\",\"created_at\":" + ms + "}");
        lines.add("{\"type\":\"config.update\",\"cwd\":\"/home/dev/" + project + "\",\"modelAlias\":\"" + MODELS[0]
                + "\",\"time\":" + ms + "}");
        String model = MODELS[r.nextInt(MODELS.length)];
        int calls = 1 + r.nextInt(6);
        for (int call = 0; call < calls; call++) {
            ms += 1_000 + r.nextLong(60_000);
            codeCall(lines, r, model, ms, "turn", call == 0 ? ",\"agentId\":\"main\"" : "");
        }
        if (index % 6 == 0) {
            ms += 10_000;
            lines.add("{\"type\":\"full_compaction.begin\",\"source\":\"manual\",\"time\":" + ms + "}");
            codeCall(lines, r, model, ms + 30_000, "session", "");
            lines.add("{\"type\":\"full_compaction.complete\",\"time\":" + (ms + 30_001) + "}");
        }
        if (index % 10 == 2) {
            lines.add("{\"type\":\"usage.record\",\"model\":\"" + model + "\",\"usage\":{\"inputOther\":10,"
                    + "\"output\":5,\"inputCacheRead\":0,\"inputCacheCreation\":0},\"usageScope\":\"turn\","
                    + "\"time\":\"later\"}");
            totals.reject();
        }
        if (index % 10 == 4) {
            lines.add("{\"type\":\"context.append_loop_event\",\"event\":{\"type\":\"content.part\",\"part\":{");
            totals.reject();
        }
        write(session.resolve("agents/main/wire.jsonl"), lines);
        if (index % 4 == 0) {
            List<String> sub = new ArrayList<>();
            sub.add("{\"type\":\"metadata\",\"protocol_version\":\"1.4\",\"created_at\":" + ms + "}");
            int subagentCalls = 1 + r.nextInt(3);
            for (int call = 0; call < subagentCalls; call++) {
                ms += 2_000;
                codeCall(sub, r, model, ms, "turn", "");
            }
            write(session.resolve("agents/agent-0/wire.jsonl"), sub);
        }
    }

    /** One Kimi Code call: its request, its step's end (the tokens again, not counted) and its usage record. */
    private void codeCall(List<String> lines, SplittableRandom r, String model, long ms, String scope, String extra) {
        String usage = usage(r, ms, "inputOther", "output", "inputCacheRead", "inputCacheCreation");
        lines.add("{\"type\":\"llm.request\",\"kind\":\"" + (scope.equals("turn") ? "loop" : "compaction")
                + "\",\"provider\":\"kimi\",\"model\":\"kimi-k2.7-code\",\"time\":" + (ms - 800) + "}");
        lines.add("{\"type\":\"context.append_loop_event\",\"event\":{\"type\":\"step.end\",\"uuid\":\"" + uuid(r)
                + "\",\"usage\":" + usage + ",\"finishReason\":\"tool_use\",\"messageId\":\"chatcmpl-"
                + base62(r, 24) + "\"},\"time\":" + ms + "}");
        lines.add("{\"type\":\"usage.record\",\"model\":\"" + model + "\",\"usage\":" + usage + ",\"usageScope\":\""
                + scope + "\",\"time\":" + ms + extra + "}");
    }

    private void kimiCli(int index, SplittableRandom r) throws IOException {
        Path project = sessions.resolve(hex(new SplittableRandom(index % PROJECTS.length), 32));
        String id = uuid(r);
        long ms = START_MS + r.nextLong(RANGE_MS - 3_600_000L);
        List<String> lines = new ArrayList<>();
        List<String> own = new ArrayList<>();
        lines.add("{\"type\":\"metadata\",\"protocol_version\":\"1.3\"}");
        lines.add(envelope(ms, "TurnBegin", "{\"user_input\":\"look at {\\\"a\\\": 1}\"}"));
        String agent = "a" + hex(r, 8);
        int steps = 1 + r.nextInt(6);
        for (int step = 0; step < steps; step++) {
            ms += 1_000 + r.nextLong(60_000);
            lines.add(envelope(ms, "StepBegin", "{\"n\":" + (step + 1) + "}"));
            lines.add(envelope(ms, "StatusUpdate", statusPayload(r, ms)));
            if (index % 3 == 1) {
                ms += 500;
                String payload = statusPayload(r, ms);
                lines.add(envelope(ms, "SubagentEvent", "{\"parent_tool_call_id\":\"call_" + step + "\",\"agent_id\":\""
                        + agent + "\",\"subagent_type\":\"coder\",\"event\":{\"type\":\"StatusUpdate\",\"payload\":"
                        + payload + "}}"));
                own.add(envelope(ms, "StatusUpdate", payload));
            }
        }
        lines.add(envelope(ms + 1, "StatusUpdate", "{\"context_usage\":0.3,\"token_usage\":null,\"message_id\":null,"
                + "\"plan_mode\":false}"));
        write(project.resolve(id).resolve("wire.jsonl"), lines);
        Files.writeString(project.resolve(id).resolve("context.jsonl"), "{\"role\":\"_checkpoint\",\"id\":0}\n"
                + "{\"role\":\"_usage\",\"token_count\":" + (1000 + index) + "}\n", StandardCharsets.UTF_8);
        if (!own.isEmpty() && index % 4 == 1) {
            write(project.resolve(id).resolve("subagents").resolve(agent).resolve("wire.jsonl"), own);
        }
        if (index % 5 == 3) {
            // /fork: the session's records copied into a new one.
            write(project.resolve(uuid(r)).resolve("wire.jsonl"), lines);
        }
    }

    /** A StatusUpdate's payload with a step's tokens and response id, counted into the totals. */
    private String statusPayload(SplittableRandom r, long ms) {
        return "{\"context_usage\":0.2,\"token_usage\":" + usage(r, ms, "input_other", "output", "input_cache_read",
                "input_cache_creation") + ",\"message_id\":\"chatcmpl-" + base62(r, 24) + "\",\"plan_mode\":null}";
    }

    private static String envelope(long ms, String type, String payload) {
        return "{\"timestamp\":" + ms / 1000 + "." + String.format(java.util.Locale.ROOT, "%03d", ms % 1000)
                + ",\"message\":{\"type\":\"" + type + "\",\"payload\":" + payload + "}}";
    }

    /** A call's usage object with the given names, counted into the totals. */
    private String usage(SplittableRandom r, long ms, String input, String output, String read, String write) {
        long uncached = lognormal(r, 2_000, 1.0);
        long out = lognormal(r, 300, 1.0);
        long cacheRead = r.nextInt(4) == 0 ? 0 : lognormal(r, 30_000, 0.8);
        long cacheWrite = r.nextInt(8) == 0 ? lognormal(r, 1_000, 0.5) : 0;
        totals.turn(ms, uncached, out, cacheWrite, cacheRead, 0);
        return "{\"" + input + "\":" + uncached + ",\"" + output + "\":" + out + ",\"" + read + "\":" + cacheRead
                + ",\"" + write + "\":" + cacheWrite + "}";
    }

    private void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        totals.file();
    }
}
