package io.tokenomics.corpus;

import static io.tokenomics.corpus.ClaudeLineFormat.head;
import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.pick;
import static io.tokenomics.corpus.RandomValues.uuid;
import static io.tokenomics.corpus.TextPool.sliceLength;

import java.io.IOException;
import java.util.SplittableRandom;

/** The tool calls of a response and the user lines that carry their results. */
final class ClaudeToolResults {
    final ClaudeSession session;
    final SplittableRandom r;
    final CorpusGenerator run;

    ClaudeToolResults(ClaudeSession session) {
        this.session = session;
        this.r = session.r;
        this.run = session.run;
    }

    /** Runs the tool calls of a response; returns false when the response ended the turn. */
    boolean runTools(Conversation c, Response resp) throws IOException {
        boolean any = false;
        String source = resp.uuids[resp.last()];
        for (ContentBlock block : resp.blocks) {
            if (!block.isTool()) {
                continue;
            }
            any = true;
            if ("Task".equals(block.tool())) {
                session.sidechains.subagent(c, block, source);
            } else {
                session.clock += 100 + Math.min(600_000, lognormal(r, 1500, 1.3));
                toolResult(c, block, source);
            }
            if (!c.legacy && !c.sidechain && r.nextDouble() < 0.5) {
                session.hookProgress(c, "PostToolUse", "PostToolUse:" + block.tool(), pick(r, Vocabulary.HOOK_COMMANDS),
                    block.toolId());
            }
        }
        return any;
    }

    /** Tool result sizes: a few bytes to megabytes, heavy-tailed; they make up most of a real corpus. */
    private int resultSize(Conversation c) {
        double u = r.nextDouble();
        if (u < 0.0006 && !c.sidechain) {
            return 1_000_000 + r.nextInt(2_000_000);
        }
        if (u < 0.06) {
            return 0; // a tiny fixed answer ("ok", "(no output)")
        }
        return (int) Math.min(c.sidechain ? 200_000 : 3_000_000, lognormal(r, 700, 1.7));
    }

    private void toolResult(Conversation c, ContentBlock tu, String sourceUuid) throws IOException {
        int size = resultSize(c);
        boolean error = "Bash".equals(tu.tool()) && r.nextDouble() < 0.06;
        long slice = size == 0 ? -1 : run.code.slice(r, size);
        String tiny = size == 0 ? pick(r, Vocabulary.TINY_RESULTS) : null;
        String uuid = uuid(r);
        JsonBuffer b = run.line;
        head(b.reset(), c, c.lastUuid);
        b.ascii(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"")
            .ascii(tu.toolId()).ascii("\",\"type\":\"tool_result\",\"content\":\"");
        if (error) {
            b.ascii("Error: Exit code 1\\n");
        }
        content(b, slice, tiny);
        b.ascii("\",\"is_error\":").ascii(error ? "true" : "false").ascii("}]},\"uuid\":\"").ascii(uuid)
            .ascii("\",\"timestamp\":\"").timestamp(session.clock).ascii("\",\"toolUseResult\":");
        toolUseResult(b, tu, slice, tiny, error);
        b.ascii(",\"sourceToolAssistantUUID\":\"").ascii(sourceUuid).ascii("\"}");
        session.emit(c, b, true);
        c.lastUuid = uuid;
        c.pending += 20 + Math.min(25_000, (slice < 0 ? 4 : sliceLength(slice)) / 4);
    }

    private void content(JsonBuffer b, long slice, String tiny) {
        if (slice < 0) {
            b.escaped(tiny, false);
        } else {
            run.code.write(b, slice);
        }
    }

    /** The tool-specific structure next to the result: it repeats the output, as real files do. */
    private void toolUseResult(JsonBuffer b, ContentBlock tu, long slice, String tiny, boolean error) {
        if (error) {
            b.ascii("\"Error: Exit code 1\\n");
            content(b, slice, tiny);
            b.ascii("\"");
            return;
        }
        switch (tu.tool()) {
            case "Bash" -> {
                b.ascii("{\"stdout\":\"");
                content(b, slice, tiny);
                b.ascii("\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false}");
            }
            case "Read" -> {
                b.ascii("{\"type\":\"text\",\"file\":{\"filePath\":").string(tu.detail()).ascii(",\"content\":\"");
                content(b, slice, tiny);
                long lines = 1 + (slice < 0 ? 0 : sliceLength(slice) / 42);
                b.ascii("\",\"numLines\":").number(lines).ascii(",\"startLine\":1,\"totalLines\":").number(lines)
                    .ascii("}}");
            }
            case "Edit" -> {
                b.ascii("{\"filePath\":").string(tu.detail()).ascii(",\"originalFile\":\"");
                content(b, slice, tiny);
                b.ascii("\",\"structuredPatch\":[],\"userModified\":false,\"replaceAll\":false}");
            }
            case "WebFetch" -> {
                b.ascii("{\"bytes\":").number(slice < 0 ? 2 : sliceLength(slice))
                    .ascii(",\"code\":200,\"codeText\":\"OK\",\"result\":\"");
                content(b, slice, tiny);
                b.ascii("\",\"durationMs\":").number(200 + r.nextInt(4000)).ascii("}");
            }
            case "Grep" -> {
                b.ascii("{\"mode\":\"content\",\"numFiles\":0,\"filenames\":[],\"content\":\"");
                content(b, slice, tiny);
                b.ascii("\"}");
            }
            case "Glob" -> b.ascii("{\"filenames\":[").string(tu.detail()).ascii("],\"durationMs\":")
                .number(1 + r.nextInt(90)).ascii(",\"numFiles\":1,\"truncated\":false}");
            case "Write" -> b.ascii("{\"type\":\"create\",\"filePath\":").string(tu.detail())
                .ascii(",\"structuredPatch\":[]}");
            case "Skill" -> b.ascii("{\"success\":true,\"commandName\":").string(tu.detail()).ascii("}");
            default -> b.ascii("{\"oldTodos\":[],\"newTodos\":[{\"content\":\"Run the tests\","
                + "\"status\":\"in_progress\",\"activeForm\":\"Running the tests\"}]}");
        }
    }
}
