package io.tokenomics.corpus;

import static io.tokenomics.corpus.CorpusGenerator.DAY_MS;
import static io.tokenomics.corpus.CorpusGenerator.RANGE_DAYS;
import static io.tokenomics.corpus.CorpusGenerator.START_MS;
import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.pick;
import static io.tokenomics.corpus.RandomValues.uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a GitHub Copilot CLI home, {@code OUT/.copilot}: each session's {@code session-state/<id>/events.jsonl}
 * (start, resumes, messages, tool calls, credit checkpoints, and a shutdown per process holding every model's totals
 * since the session began) and, for sessions with the OpenTelemetry file export on, {@code otel/<id>-<n>.jsonl}
 * (a chat span per model call, tool and agent spans, metrics), with the defects of {@link CopilotFeature}.
 *
 * <p>The expected turns are tallied while writing, by the counting rules of docs/formats.md ("GitHub Copilot CLI"),
 * from the calls the generator made up: a model's calls up to a shutdown are one turn on the shutdown's day; the calls
 * after a session's last shutdown that have spans are one turn per model on the day of the last of them; each span of
 * a session without a session state is a turn; calls seen by no file are not counted. Same seed, same bytes.
 */
public final class CopilotCorpus {
    /** The counters of an expected turn or sum, in this order. */
    public static final int INPUT = 0;
    public static final int CACHE_READ = 1;
    public static final int CACHE_WRITE = 2;
    public static final int OUTPUT = 3;
    public static final int REASONING = 4;
    public static final int TURNS = 5;

    private static final String[] CLAUDE = {"claude-sonnet-4.5", "claude-opus-4.6"};
    private static final String[] GPT = {"gpt-5.4", "gpt-5-mini"};
    private static final String[] VERSIONS = {"1.0.45", "1.0.74", "1.0.77", "1.0.80"};

    /**
     * What was written: the home ({@code OUT/.copilot}), the files, the lines that are rejects, and the expected
     * sums by UTC day and model ({@code "2026-09-01 gpt-5.4"}), each {@code [uncached input, cache read, cache write,
     * output, reasoning, turns]}.
     */
    public record Result(Path home, long files, long rejects, SortedMap<String, long[]> expected) {
    }

    /** Writes {@code sessions} sessions into {@code out/.copilot}, which must not exist yet. */
    public static Result generate(Path out, int sessions, long seed) throws IOException {
        Objects.requireNonNull(out, "out");
        Path home = out.resolve(".copilot");
        if (Files.exists(home)) {
            throw new java.nio.file.FileAlreadyExistsException(home.toString());
        }
        CopilotCorpus corpus = new CopilotCorpus(home, new SplittableRandom(seed));
        for (int i = 0; i < sessions; i++) {
            corpus.session(i);
        }
        return new Result(home, corpus.files, corpus.rejects, corpus.expected);
    }

    private final Path home;
    private final SplittableRandom master;
    private final Project[] projects;
    private final JsonBuffer line = new JsonBuffer(1 << 12);
    private final SortedMap<String, long[]> expected = new TreeMap<>();
    private long files;
    private long rejects;

    private CopilotCorpus(Path home, SplittableRandom master) {
        this.home = home;
        this.master = master;
        this.projects = Project.pickAll(master.split());
    }

    /** One session's state while it is written. */
    private final class Session {
        final SplittableRandom r;
        final EnumSet<CopilotFeature> features;
        final String id;
        final String cwd;
        final String[] models;
        /** Every model's totals since the session began, by the name the shutdowns write. */
        final Map<String, long[]> totals = new TreeMap<>();
        /** By model: the calls since its latest shutdown, and the time of the last of them that has a span. */
        final Map<String, long[]> pending = new TreeMap<>();
        final Map<String, Long> lastSpan = new TreeMap<>();
        JsonlFile events;
        JsonlFile spans;
        long clock;
        /** The time of the event being written. */
        long eventMs;
        /** The id of the event before, or null. */
        String parent;
        long calls;
        byte[] checkpoint;

        Session(SplittableRandom r, EnumSet<CopilotFeature> features) {
            this.r = r;
            this.features = features;
            this.id = uuid(r);
            this.cwd = pick(r, projects).cwd();
            String claude = pick(r, CLAUDE);
            String gpt = pick(r, GPT);
            this.models = features.contains(CopilotFeature.MODEL_SWITCH) ? new String[] {claude, gpt}
                : new String[] {r.nextBoolean() || features.contains(CopilotFeature.ONE_MILLION) ? claude : gpt};
            this.clock = START_MS + r.nextInt(RANGE_DAYS - 3) * DAY_MS + r.nextInt(86_400) * 1000L;
        }

        boolean has(CopilotFeature f) {
            return features.contains(f);
        }
    }

    private void session(int index) throws IOException {
        Session s = new Session(master.split(), plan(index));
        int processes = s.has(CopilotFeature.RESUMED) ? 2 + s.r.nextInt(2) : 1;
        if (!s.has(CopilotFeature.NO_STATE)) {
            s.events = newFile(home.resolve("session-state").resolve(s.id).resolve("events.jsonl"));
        }
        for (int p = 0; p < processes; p++) {
            if (s.has(CopilotFeature.SPANS)) {
                s.spans = newFile(home.resolve("otel").resolve(s.id + "-" + p + ".jsonl"));
            }
            event(s, p == 0 ? "session.start" : "session.resume", s.clock);
            if (p == 0) {
                line.ascii("{\"sessionId\":\"").ascii(s.id).ascii("\",\"version\":1,\"producer\":\"copilot-agent\","
                    + "\"copilotVersion\":\"").ascii(pick(s.r, VERSIONS)).ascii("\",\"startTime\":\"")
                    .timestamp(s.clock).ascii("\",");
            } else {
                line.ascii("{\"resumeTime\":\"").timestamp(s.clock).ascii("\",\"eventCount\":").number(s.calls)
                    .ascii(",");
            }
            line.ascii("\"context\":{\"cwd\":").string(s.cwd).ascii(",\"gitRoot\":").string(s.cwd)
                .ascii(",\"branch\":\"main\"},\"alreadyInUse\":false}");
            endEvent(s);
            int turns = 1 + (int) Math.min(12, lognormal(s.r, 3, 0.8));
            for (int t = 0; t < turns; t++) {
                turn(s);
            }
            boolean last = p == processes - 1;
            if (!(last && s.has(CopilotFeature.LIVE))) {
                shutdown(s);
            }
            if (s.spans != null) {
                s.spans.close();
            }
            s.clock += 3_600_000L + s.r.nextInt(20) * 3_600_000L;
        }
        if (s.events != null) {
            s.events.close();
            for (Map.Entry<String, Long> e : s.lastSpan.entrySet()) {
                tally(e.getValue(), e.getKey(), s.pending.get(e.getKey())); // the spans after the last shutdown
            }
            if (s.checkpoint != null) {
                JsonlFile copy = newFile(home.resolve("session-state").resolve(s.id + "-checkpoint")
                    .resolve("events.jsonl"));
                copy.write(s.checkpoint, 0, s.checkpoint.length);
                copy.close();
                rejects += s.has(CopilotFeature.CUT_LINE) ? 1 : 0; // the cut line is before the first shutdown
            }
        }
    }

    /** A prompt, then model calls with tool rounds between them, and the answer. */
    private void turn(Session s) throws IOException {
        s.clock += 5_000 + Math.min(1_800_000L, lognormal(s.r, 60_000, 1.2));
        event(s, "user.message", s.clock);
        line.ascii("{\"content\":").string(pick(s.r, Vocabulary.PROMPTS)).ascii(",\"attachments\":[]}");
        endEvent(s);
        event(s, "assistant.turn_start", s.clock + 50);
        line.ascii("{\"turnId\":\"").number(s.calls).ascii("\"}");
        endEvent(s);
        if (s.has(CopilotFeature.CUT_LINE) && s.events != null && s.calls == 0) {
            line.reset().ascii("{\"type\":\"assistant.message\",\"data\":{\"content\":\"Let me look at");
            s.events.line(line);
            rejects++;
        }
        int calls = 1 + (int) Math.min(8, lognormal(s.r, 2, 0.9));
        String model = pick(s.r, s.models);
        long[] turnUsage = new long[5];
        for (int c = 0; c < calls; c++) {
            s.clock += 800 + Math.min(120_000L, lognormal(s.r, 6_000, 0.9));
            long[] call = call(s, model);
            for (int i = 0; i < 5; i++) {
                turnUsage[i] += call[i];
            }
            event(s, "assistant.message", s.clock);
            line.ascii("{\"messageId\":\"").ascii(uuid(s.r)).ascii("\",\"content\":\"\",\"model\":\"").ascii(model)
                .ascii("\",\"outputTokens\":").number(call[OUTPUT]).ascii(",\"toolRequests\":[]}");
            endEvent(s);
            if (c < calls - 1) {
                event(s, "tool.execution_complete", s.clock + 300);
                line.ascii("{\"toolCallId\":\"call-").number(s.calls).ascii("\",\"success\":true,\"result\":{"
                    + "\"content\":\"ok\"}}");
                endEvent(s);
                if (s.spans != null) {
                    span(s, "execute_tool", "execute_tool bash", s.clock + 300, null, null);
                }
            }
        }
        if (s.spans != null) {
            span(s, "invoke_agent", "invoke_agent GitHub Copilot", s.clock + 5, model, turnUsage); // the turn's sum
            line.reset().ascii("{\"type\":\"metric\",\"name\":\"gen_ai.client.token.usage\",\"attributes\":{"
                + "\"gen_ai.usage.input_tokens\":").number(turnUsage[INPUT]).ascii("}}");
            s.spans.line(line);
        }
        event(s, "assistant.turn_end", s.clock + 10);
        line.ascii("{\"turnId\":\"").number(s.calls).ascii("\"}");
        endEvent(s);
        if (s.r.nextDouble() < 0.3) {
            event(s, "session.usage_checkpoint", s.clock + 20);
            line.ascii("{\"totalNanoAiu\":").number(s.calls * 1_234_500_000L).ascii(",\"totalPremiumRequests\":")
                .number(s.calls).ascii("}");
            endEvent(s);
        }
    }

    /** One model call: its tokens, added to the session's totals, and its span. */
    private long[] call(Session s, String model) throws IOException {
        SplittableRandom r = s.r;
        boolean claude = model.startsWith("claude");
        long read = r.nextDouble() < 0.9 ? 2_000 + lognormal(r, 40_000, 0.8) : 0;
        long written = claude && r.nextDouble() < 0.6 ? lognormal(r, 2_000, 1.0) : 0;
        long uncached = 3 + lognormal(r, claude ? 20 : 1_500, 1.2);
        long output = 10 + lognormal(r, 400, 1.0);
        long reasoning = claude ? 0 : output / (2 + r.nextInt(4));
        long[] call = {uncached, read, written, output, reasoning};
        boolean oneMillion = s.has(CopilotFeature.ONE_MILLION) && claude;
        add(s.totals.computeIfAbsent(oneMillion ? model + "-1m" : model, m -> new long[6]), call);
        add(s.pending.computeIfAbsent(model, m -> new long[6]), call);
        s.calls++;
        if (s.spans != null) {
            String spanModel = oneMillion ? model + "-1m-internal" : model;
            span(s, "chat", "chat " + spanModel, s.clock, spanModel, call);
            if (s.has(CopilotFeature.NO_STATE)) {
                tally(s.clock, model, call);
            } else {
                s.lastSpan.put(model, s.clock);
            }
        }
        return call;
    }

    /** Every model's totals since the session began; the calls since a model's previous shutdown are its turn. */
    private void shutdown(Session s) throws IOException {
        s.clock += 2_000 + s.r.nextInt(30_000);
        if (s.events == null) {
            return;
        }
        event(s, "session.shutdown", s.clock);
        line.ascii("{\"shutdownType\":\"routine\",\"totalPremiumRequests\":").number(s.calls)
            .ascii(",\"totalNanoAiu\":").number(s.calls * 1_234_500_000L).ascii(",\"modelMetrics\":{");
        boolean first = true;
        for (Map.Entry<String, long[]> e : s.totals.entrySet()) {
            long[] t = e.getValue();
            line.ascii(first ? "\"" : ",\"").ascii(e.getKey()).ascii("\":{\"requests\":{\"count\":")
                .number(t[TURNS]).ascii(",\"cost\":1},\"usage\":{\"inputTokens\":")
                .number(t[INPUT] + t[CACHE_READ] + t[CACHE_WRITE]).ascii(",\"outputTokens\":").number(t[OUTPUT])
                .ascii(",\"cacheReadTokens\":").number(t[CACHE_READ]).ascii(",\"cacheWriteTokens\":")
                .number(t[CACHE_WRITE]).ascii(",\"reasoningTokens\":").number(t[REASONING])
                .ascii("},\"totalNanoAiu\":").number(t[TURNS] * 1_234_500_000L).ascii("}");
            first = false;
        }
        line.ascii("},\"currentModel\":\"").ascii(s.models[0]).ascii("\"}");
        endEvent(s);
        for (Map.Entry<String, long[]> e : s.pending.entrySet()) {
            tally(s.clock, e.getKey(), e.getValue());
        }
        s.pending.clear();
        s.lastSpan.clear();
        if (s.checkpoint == null && s.has(CopilotFeature.CHECKPOINT_COPY)) {
            s.events.out.flush();
            s.checkpoint = Files.readAllBytes(s.events.path);
        }
    }

    /** A span of the export: a chat span carries one call's tokens, an agent span the sum of its turn's. */
    private void span(Session s, String operation, String name, long endMs, String model, long[] usage)
            throws IOException {
        line.reset().ascii("{\"type\":\"span\",\"traceId\":\"").ascii(RandomValues.hex(s.r, 32))
            .ascii("\",\"spanId\":\"").ascii(RandomValues.hex(s.r, 16)).ascii("\",\"name\":\"").ascii(name)
            .ascii("\",\"startTime\":[").number(Math.floorDiv(endMs - 900, 1000)).ascii(",")
            .number(Math.floorMod(endMs - 900, 1000) * 1_000_000L).ascii("],\"endTime\":[")
            .number(Math.floorDiv(endMs, 1000)).ascii(",").number(Math.floorMod(endMs, 1000) * 1_000_000L)
            .ascii("],\"attributes\":{\"gen_ai.operation.name\":\"").ascii(operation)
            .ascii("\",\"gen_ai.conversation.id\":\"").ascii(s.id).ascii("\"");
        if (model != null) {
            line.ascii(",\"gen_ai.request.model\":\"").ascii(model.replace("-internal", "")).ascii("\"")
                .ascii(",\"gen_ai.response.model\":\"").ascii(model).ascii("\"");
        }
        if (usage != null) {
            line.ascii(",\"gen_ai.usage.input_tokens\":").number(usage[INPUT] + usage[CACHE_READ] + usage[CACHE_WRITE])
                .ascii(",\"gen_ai.usage.output_tokens\":").number(usage[OUTPUT])
                .ascii(",\"gen_ai.usage.cache_read.input_tokens\":").number(usage[CACHE_READ])
                .ascii(",\"gen_ai.usage.cache_creation.input_tokens\":").number(usage[CACHE_WRITE])
                .ascii(",\"gen_ai.usage.reasoning.output_tokens\":").number(usage[REASONING]);
        }
        line.ascii("}}");
        s.spans.line(line);
    }

    /** Starts an event line of the session state in {@link #line}, up to its data; {@link #endEvent} ends it. */
    private void event(Session s, String type, long ms) {
        line.reset().ascii("{\"type\":\"").ascii(type).ascii("\",\"data\":");
        s.eventMs = ms;
    }

    private void endEvent(Session s) throws IOException {
        String eventId = uuid(s.r);
        line.ascii(",\"id\":\"").ascii(eventId).ascii("\",\"timestamp\":\"").timestamp(s.eventMs)
            .ascii("\",\"parentId\":").ascii(s.parent == null ? "null" : "\"" + s.parent + "\"").ascii("}");
        s.parent = eventId;
        if (s.events != null) {
            s.events.line(line);
        }
    }

    private void tally(long ms, String model, long[] sum) {
        String day = LocalDate.ofEpochDay(Math.floorDiv(ms, DAY_MS)).toString();
        long[] t = expected.computeIfAbsent(day + " " + model, k -> new long[6]);
        for (int i = 0; i < 5; i++) {
            t[i] += sum[i];
        }
        t[TURNS]++;
    }

    private static void add(long[] t, long[] call) {
        for (int i = 0; i < 5; i++) {
            t[i] += call[i];
        }
        t[TURNS]++;
    }

    private EnumSet<CopilotFeature> plan(int index) {
        EnumSet<CopilotFeature> set = EnumSet.noneOf(CopilotFeature.class);
        CopilotFeature[] all = CopilotFeature.values();
        for (CopilotFeature f : all) {
            if (master.nextDouble() < f.probability) {
                set.add(f);
            }
        }
        if (index < all.length) {
            set.add(all[index]);
        }
        if (index == CopilotFeature.LIVE.ordinal()) {
            set.add(CopilotFeature.SPANS); // the spans after the last shutdown, in a resumed session
            set.add(CopilotFeature.RESUMED);
        }
        if (set.contains(CopilotFeature.NO_STATE)) {
            set.add(CopilotFeature.SPANS);
        }
        return set;
    }

    private JsonlFile newFile(Path path) throws IOException {
        return new JsonlFile(path, false, false, null, written -> files++);
    }
}
