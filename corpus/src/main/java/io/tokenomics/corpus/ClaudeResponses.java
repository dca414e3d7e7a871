package io.tokenomics.corpus;

import static io.tokenomics.corpus.ClaudeLineFormat.prettify;
import static io.tokenomics.corpus.ClaudeLineFormat.renderLine;
import static io.tokenomics.corpus.ClaudeModels.GLM;
import static io.tokenomics.corpus.ClaudeModels.SONNET_45;
import static io.tokenomics.corpus.ClaudeModels.SYNTHETIC;
import static io.tokenomics.corpus.RandomValues.base62;
import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.messageId;
import static io.tokenomics.corpus.RandomValues.pick;
import static io.tokenomics.corpus.RandomValues.requestId;
import static io.tokenomics.corpus.RandomValues.uuid;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The API responses of a Claude session: their content blocks, their usage (the prompt cache grows with the
 * conversation and now and then misses), the quirks of the one response at the defect point, and their lines.
 */
final class ClaudeResponses {
    private static final String[] MAIN_TOOLS = {"Bash", "Bash", "Bash", "Bash", "Bash", "Bash", "Read", "Read",
        "Read", "Read", "Read", "Edit", "Edit", "Edit", "Grep", "Grep", "Glob", "Write", "TodoWrite", "WebFetch",
        "Task"};
    static final String[] SUB_TOOLS = {"Bash", "Read", "Read", "Read", "Grep", "Grep", "Glob",
        "WebFetch"};
    private static final long FIVE_MINUTES_MS = 300_000;
    private static final long HOUR_MS = 3_600_000;


    final ClaudeSession session;
    final SplittableRandom r;
    final CorpusGenerator run;

    ClaudeResponses(ClaudeSession session) {
        this.session = session;
        this.r = session.r;
        this.run = session.run;
    }

    Response mainResponse(boolean atDefect, boolean last) {
        if (atDefect && session.has(ClaudeFeature.GLM_TURNS)) {
            session.glmLeft = 2 + r.nextInt(4);
        }
        if (r.nextDouble() < 0.004) {
            session.model = session.legacy ? SONNET_45 : session.mainModel(); // /model switch, or fallback
        }
        String m = session.model;
        if (session.glmLeft > 0) {
            session.glmLeft--;
            m = GLM;
        }
        String forcedTool = null;
        boolean breaksCache = false;
        if (atDefect && session.has(ClaudeFeature.HUGE_LINE)) {
            forcedTool = "Write";
        } else if (atDefect && session.has(ClaudeFeature.SUBAGENT)) {
            forcedTool = "Task";
        } else if (!atDefect && !last && r.nextDouble() < 0.03) {
            // A skill load, or an edit of a memory file: the next request writes its cache again.
            forcedTool = r.nextBoolean() ? "Skill" : r.nextBoolean() ? "Edit" : "Write";
            breaksCache = true;
        }
        int tools = last && forcedTool == null ? 0 : toolCount();
        if (forcedTool != null) {
            tools = Math.max(tools, 1);
        }
        boolean longContext = (atDefect && session.has(ClaudeFeature.LONG_CONTEXT)) || r.nextDouble() < 0.003;
        boolean invalidUtf8 = session.has(ClaudeFeature.INVALID_UTF8);
        boolean oddEscapes = session.has(ClaudeFeature.ODD_ESCAPES);
        ContentBlock text = atDefect && (invalidUtf8 || oddEscapes) ? oddTextBlock(invalidUtf8, oddEscapes) : null;
        Response resp = newResponse(session.main, m, tools, forcedTool, breaksCache, MAIN_TOOLS, text, longContext);
        session.main.cacheBroken = breaksCache;
        if (longContext) {
            session.main.compactAt = 0; // the harness compacts right after a request this large
        }
        if (atDefect) {
            applyQuirks(resp);
        }
        if (isPlain(resp)) {
            session.lastPlain = resp;
        }
        return resp;
    }

    private int toolCount() {
        if (r.nextDouble() >= 0.62) {
            return 0;
        }
        return r.nextDouble() < 0.15 ? 2 : 1;
    }

    private boolean isPlain(Response resp) {
        return resp.id != null && resp.requestId != null && !resp.noType && !resp.nullWrites && !resp.synthetic
            && !GLM.equals(resp.model);
    }

    /** Quirks of the one response at the defect point; the response still counts. */
    private void applyQuirks(Response resp) {
        resp.pretty = session.has(ClaudeFeature.PRETTY_SPACING);
        resp.reordered = session.has(ClaudeFeature.REORDERED_FIELDS);
        resp.noType = session.has(ClaudeFeature.NO_TYPE);
        if (session.has(ClaudeFeature.NO_REQUEST_ID)) {
            resp.requestId = null;
        }
        if (session.has(ClaudeFeature.NULL_COUNTER)) {
            resp.nullWrites = true; // "cache_creation_input_tokens":null reads as 0
            resp.ttlSplit = false;
            resp.write5m = 0;
            resp.write1h = 0;
        }
    }

    /**
     * Builds a response in conversation {@code c} and advances its context: cache reads grow with the session,
     * new tokens are written, and when the cache is lost ({@link #cacheLost}) everything is written again.
     * {@code breaksCache}: the forced tool is a Skill call or an Edit or Write of a memory file.
     */
    Response newResponse(Conversation c, String m, int tools, String forcedTool, boolean breaksCache,
            String[] toolChoices, ContentBlock text, boolean longContext) {
        Response resp = new Response();
        resp.model = m;
        resp.id = messageId(r);
        resp.requestId = requestId(r);
        if (r.nextDouble() < 0.45) {
            resp.blocks.add(thinkingBlock());
        }
        if (text != null) {
            resp.blocks.add(text);
        } else if (tools == 0 || r.nextDouble() < 0.6) {
            resp.blocks.add(textBlock());
        }
        for (int t = 0; t < tools; t++) {
            String tool = t == 0 && forcedTool != null ? forcedTool : pick(r, toolChoices);
            boolean huge = "Write".equals(forcedTool) && t == 0 && session.has(ClaudeFeature.HUGE_LINE);
            resp.blocks.add(toolUseBlock(c, tool, huge, breaksCache && t == 0));
        }
        outputs(resp);
        timeLines(resp, session.clock + 800 + lognormal(r, 2500, 0.8));
        usage(c, resp, longContext, true); // after the times: whether the cache expired depends on them
        c.pending += resp.output;
        return resp;
    }

    /** A response that never reaches the kept data (cut or glued line): does not touch the context. */
    Response detachedResponse(Conversation c) {
        Response resp = new Response();
        resp.model = session.model;
        resp.id = messageId(r);
        resp.requestId = requestId(r);
        resp.blocks.add(textBlock());
        resp.output = 20 + r.nextInt(400);
        resp.outs = new long[] {resp.output};
        timeLines(resp, session.clock + 500);
        usage(c, resp, false, false);
        return resp;
    }

    private void usage(Conversation c, Response resp, boolean longContext, boolean advance) {
        long read;
        long write;
        if (c.cached == 0) {
            // first request of a conversation: system prompt and tools, often already cached by another session
            long base = c.sidechain ? 3_000 + r.nextInt(12_000) : 9_000 + r.nextInt(16_000);
            read = r.nextDouble() < 0.6 ? base * (60 + r.nextInt(35)) / 100 : 0;
            write = base - read + c.pending;
        } else if (advance && cacheLost(c, resp)) {
            read = r.nextInt((int) Math.min(5_000, c.cached)); // read drops, writes jump
            write = c.cached - read + c.pending;
        } else {
            read = c.cached;
            write = c.pending;
        }
        resp.input = r.nextDouble() < 0.88 ? 1 + r.nextInt(9) : 10 + r.nextInt(2_500);
        if (longContext && resp.input + read + write <= 200_000) {
            write += 200_001 - (resp.input + read + write) + r.nextInt(80_000); // pasted a huge log
        }
        resp.read = read;
        splitWrites(c, resp, write);
        if (advance) {
            c.cached = read + write;
            c.pending = 0;
            c.lastRequestMs = resp.times[resp.last()];
            c.lastModel = resp.model;
            c.cacheBroken = false;
            if (resp.write5m + resp.write1h > 0) {
                c.lastWrite1h = resp.write1h > resp.write5m;
            }
        }
    }

    /**
     * Whether the cache a request of {@code c} would read is gone: expired (the pause since the conversation's
     * previous request is beyond the lifetime of its last write), written for another model, invalidated by a
     * memory-file edit or a skill load since, or evicted for a reason no log shows.
     */
    private boolean cacheLost(Conversation c, Response resp) {
        long pause = resp.times[resp.last()] - c.lastRequestMs;
        boolean evicted = r.nextDouble() < 0.01;
        return pause > (c.lastWrite1h ? HOUR_MS : FIVE_MINUTES_MS) || !resp.model.equals(c.lastModel)
            || c.cacheBroken || evicted;
    }

    /** 2.1 files mix 1 h and 5 m writes (about 60/40); 1.0.x files and gateways have no split object. */
    private void splitWrites(Conversation c, Response resp, long write) {
        if (c.legacy || GLM.equals(resp.model)) {
            resp.ttlSplit = false;
            resp.write5m = write;
            return;
        }
        double u = r.nextDouble();
        if (u < 0.55) {
            resp.write1h = write;
        } else if (u < 0.9) {
            resp.write5m = write;
        } else {
            resp.write1h = write * r.nextInt(101) / 100;
            resp.write5m = write - resp.write1h;
        }
    }

    /** Early lines carry the stream-start snapshot (1-10 output tokens), the last line the final count. */
    private void outputs(Response resp) {
        long content = 0;
        for (ContentBlock b : resp.blocks) {
            content += b.json().length;
        }
        long out = Math.max(1, content / 4 + lognormal(r, 40, 1.0));
        int last = resp.last();
        if (last > 0) {
            out = Math.max(out, 12); // strictly above every early line, so the kept line is unambiguous
        }
        resp.output = Math.min(out, 64_000);
        resp.outs = new long[last + 1];
        for (int k = 0; k < last; k++) {
            resp.outs[k] = 1 + r.nextInt(10);
        }
        resp.outs[last] = resp.output;
    }

    private void timeLines(Response resp, long start) {
        int lines = resp.blocks.size();
        resp.times = new long[lines];
        resp.uuids = new String[lines];
        long t = start;
        for (int k = 0; k < lines; k++) {
            if (k > 0) {
                t += 150 + lognormal(r, 1200, 0.9);
            }
            resp.times[k] = t;
            resp.uuids[k] = uuid(r);
        }
        if (resp.outs == null || resp.outs.length != lines) {
            long[] outs = new long[lines];
            for (int k = 0; k < lines - 1; k++) {
                outs[k] = 1 + r.nextInt(10);
            }
            outs[lines - 1] = resp.output;
            resp.outs = outs;
        }
    }

    void writeResponse(Conversation c, Response resp, boolean count) throws IOException {
        String parent = c.lastUuid;
        for (int k = 0; k <= resp.last(); k++) {
            JsonBuffer b = run.line;
            renderLine(b, c, resp, k, k == 0 ? parent : resp.uuids[k - 1]);
            if (k == resp.last() && resp.pretty) {
                prettify(b, run.aux);
                b = run.aux;
            }
            session.emit(c, b, resp.id != null);
            if (c.echoTo != null) {
                session.sidechains.echo(c, resp, k);
            }
        }
        c.lastUuid = resp.uuids[resp.last()];
        session.clock = resp.times[resp.last()];
        if (count) {
            run.tally.count(resp);
            run.tally.cacheMisses.response(c, resp);
        }
    }

    void syntheticReply() throws IOException {
        Response resp = new Response();
        resp.synthetic = true;
        resp.model = SYNTHETIC;
        resp.id = uuid(r); // local placeholders carry a UUID, not a msg_ id
        resp.ttlSplit = false;
        run.block.reset().ascii("{\"type\":\"text\",\"text\":").string(pick(r, Vocabulary.SYNTHETIC_TEXTS)).ascii("}");
        resp.blocks.add(new ContentBlock(run.block.toArray()));
        timeLines(resp, session.clock + 300 + r.nextInt(3000));
        writeResponse(session.main, resp, true);
    }


    private ContentBlock thinkingBlock() {
        JsonBuffer b = run.block.reset();
        b.ascii("{\"type\":\"thinking\",\"thinking\":\"");
        run.prose.append(b, r, (int) Math.min(20_000, lognormal(r, 600, 0.9)));
        b.ascii("\",\"signature\":\"Eq");
        int sig = 200 + r.nextInt(1200);
        b.bytes(run.base64, r.nextInt(run.base64.length - sig), sig);
        b.ascii("\"}");
        return new ContentBlock(b.toArray());
    }

    private ContentBlock textBlock() {
        JsonBuffer b = run.block.reset();
        b.ascii("{\"type\":\"text\",\"text\":\"");
        run.prose.append(b, r, (int) Math.min(8_000, lognormal(r, 220, 0.9)));
        b.ascii("\"}");
        return new ContentBlock(b.toArray());
    }

    /** Vocabulary with invalid UTF-8 bytes and/or a lone surrogate escape and an escaped NUL inside the string. */
    private ContentBlock oddTextBlock(boolean invalidUtf8, boolean oddEscapes) {
        JsonBuffer b = run.block.reset();
        b.ascii("{\"type\":\"text\",\"text\":\"").escaped("Output of the legacy tool: ", false);
        if (invalidUtf8) {
            b.bytes(new byte[] {(byte) 0xC3, '(', (byte) 0xFF, (byte) 0xFE, (byte) 0x80}, 0, 5);
            b.escaped(" (bytes copied from a Latin-1 file) ", false);
        }
        if (oddEscapes) {
            b.ascii("half an emoji \\ud83d, a NUL \\u0000 and a tab\\t");
        }
        b.escaped(" done. café ✅", false).ascii("\"}");
        return new ContentBlock(b.toArray());
    }

    private ContentBlock toolUseBlock(Conversation c, String tool, boolean huge, boolean breaksCache) {
        String id = "toolu_01" + base62(r, 22);
        JsonBuffer b = run.block.reset();
        b.ascii("{\"type\":\"tool_use\",\"id\":\"").ascii(id).ascii("\",\"name\":\"").ascii(tool)
            .ascii("\",\"input\":{");
        String detail = toolInput(b, c, tool, huge, breaksCache);
        b.ascii("}}");
        return new ContentBlock(b.toArray(), id, tool, detail, breaksCache);
    }

    /**
     * Writes the tool's input fields; returns what the result line needs (a path, or the Task prompt). An Edit or
     * Write that breaks the cache targets a memory file; a Read now and then reads one, which breaks nothing.
     */
    private String toolInput(JsonBuffer b, Conversation c, String tool, boolean huge, boolean breaksCache) {
        boolean memory = breaksCache || ("Read".equals(tool) && r.nextDouble() < 0.05);
        String path = c.cwd + "/" + pick(r, memory ? Vocabulary.MEMORY_FILES : Vocabulary.FILES);
        switch (tool) {
            case "Bash" -> b.ascii("\"command\":").string(pick(r, Vocabulary.COMMANDS)).ascii(",\"description\":")
                .string(pick(r, Vocabulary.COMMAND_DESCRIPTIONS));
            case "Read" -> b.ascii("\"file_path\":").string(path);
            case "Edit" -> {
                b.ascii("\"file_path\":").string(path).ascii(",\"old_string\":\"");
                run.code.append(b, r, 40 + r.nextInt(600));
                b.ascii("\",\"new_string\":\"");
                run.code.append(b, r, 40 + r.nextInt(900));
                b.ascii("\"");
            }
            case "Write" -> {
                b.ascii("\"file_path\":").string(path).ascii(",\"content\":\"");
                run.code.append(b, r, huge ? 1_100_000 + r.nextInt(300_000)
                    : (int) Math.min(60_000, lognormal(r, 1500, 1.0)));
                b.ascii("\"");
            }
            case "Grep" -> b.ascii("\"pattern\":").string(pick(r, Vocabulary.PATTERNS)).ascii(",\"path\":")
                .string(c.cwd).ascii(",\"output_mode\":\"content\"");
            case "Glob" -> b.ascii("\"pattern\":\"**/*.").ascii(pick(r, Vocabulary.EXTENSIONS)).ascii("\"");
            case "Skill" -> {
                String skill = pick(r, Vocabulary.SKILLS);
                b.ascii("\"command\":").string(skill);
                return skill;
            }
            case "TodoWrite" -> b.ascii("\"todos\":[{\"content\":").string(pick(r, Vocabulary.TODOS))
                .ascii(",\"status\":\"in_progress\",\"activeForm\":").string(pick(r, Vocabulary.TODOS)).ascii("}]");
            case "WebFetch" -> b.ascii("\"url\":").string(pick(r, Vocabulary.URLS)).ascii(",\"prompt\":")
                .string("Summarize the parts about configuration");
            case "Task" -> {
                String prompt = pick(r, Vocabulary.TASK_PROMPTS);
                b.ascii("\"description\":").string(pick(r, Vocabulary.TODOS)).ascii(",\"prompt\":").string(prompt)
                    .ascii(",\"subagent_type\":").string(pick(r, Vocabulary.AGENT_TYPES));
                return prompt;
            }
            default -> throw new IllegalStateException(tool);
        }
        return path;
    }
}
