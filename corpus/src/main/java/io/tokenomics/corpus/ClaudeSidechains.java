package io.tokenomics.corpus;

import static io.tokenomics.corpus.ClaudeLineFormat.head;
import static io.tokenomics.corpus.ClaudeLineFormat.message;
import static io.tokenomics.corpus.ClaudeLineFormat.renderLine;
import static io.tokenomics.corpus.ClaudeLineFormat.usageObject;
import static io.tokenomics.corpus.ClaudeModels.HAIKU_45;
import static io.tokenomics.corpus.ClaudeModels.SONNET_45;
import static io.tokenomics.corpus.RandomValues.base62;
import static io.tokenomics.corpus.RandomValues.hex;
import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.pick;
import static io.tokenomics.corpus.RandomValues.requestId;
import static io.tokenomics.corpus.RandomValues.uuid;
import static io.tokenomics.corpus.TextPool.sliceLength;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Conversations beside the main chain: sub-agents of Task calls with their agent_progress echoes in the parent, and
 * side questions that replay a main-chain response (both must not be counted twice).
 */
final class ClaudeSidechains {
    final ClaudeSession session;
    final SplittableRandom r;
    final CorpusGenerator run;

    ClaudeSidechains(ClaudeSession session) {
        this.session = session;
        this.r = session.r;
        this.run = session.run;
    }

    /**
     * A Task call: the sub-agent's own lines go to {@code <session>/subagents/agent-<id>.jsonl} (inline
     * sidechain lines in 1.0.x files) and are echoed into the parent as agent_progress lines, which must not
     * be counted; the parent then gets the tool result with a usage copy that must not be counted either.
     */
    void subagent(Conversation parent, ContentBlock task, String sourceUuid) throws IOException {
        String agentId = "a" + hex(r, 16);
        JsonlFile file = parent.legacy ? null : run.newFile(subagentPath("agent-" + agentId + ".jsonl"), false, false);
        Conversation sub = new Conversation(file == null ? parent.out : file, true, file == null ? null : agentId,
            parent);
        sub.compactAt = Long.MAX_VALUE;
        if (file != null) {
            sub.echoTo = parent;
            sub.echoToolId = task.toolId();
            sub.echoPrompt = task.detail();
        }
        session.clock += 200 + r.nextInt(800);
        session.userPrompt(sub, task.detail(), true, false);
        String subModel = r.nextDouble() < 0.5 ? HAIKU_45 : r.nextDouble() < 0.6 ? SONNET_45 : session.model;
        int n = (int) Math.min(60, 1 + lognormal(r, 5, 0.8));
        Response lastResp = null;
        int toolCalls = 0;
        long tokens = 0;
        for (int i = 0; i < n; i++) {
            int tools = i == n - 1 ? 0 : (r.nextDouble() < 0.8 ? 1 : 2);
            lastResp = session.responses.newResponse(sub, subModel, tools, null, false, ClaudeResponses.SUB_TOOLS,
                null, false);
            session.responses.writeResponse(sub, lastResp, true);
            toolCalls += tools;
            tokens = lastResp.input + lastResp.read + lastResp.write5m + lastResp.write1h + lastResp.output;
            session.toolResults.runTools(sub, lastResp);
        }
        if (file != null) {
            file.close();
        }
        taskResult(parent, task, sourceUuid, agentId, lastResp, toolCalls, tokens);
    }

    private void taskResult(Conversation c, ContentBlock task, String sourceUuid, String agentId, Response last,
            int toolCalls, long tokens) throws IOException {
        String uuid = uuid(r);
        session.clock += 300 + r.nextInt(1500);
        JsonBuffer b = run.line;
        head(b.reset(), c, c.lastUuid);
        b.ascii(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"")
            .ascii(task.toolId()).ascii("\",\"type\":\"tool_result\",\"content\":[{\"type\":\"text\",\"text\":\"");
        long slice = run.prose.slice(r, 300 + r.nextInt(3000));
        run.prose.write(b, slice);
        b.ascii("\"}]}]},\"uuid\":\"").ascii(uuid).ascii("\",\"timestamp\":\"").timestamp(session.clock)
            .ascii("\",\"toolUseResult\":{\"status\":\"completed\",\"prompt\":").string(task.detail())
            .ascii(",\"agentId\":\"").ascii(agentId).ascii("\",\"content\":[{\"type\":\"text\",\"text\":\"");
        run.prose.write(b, slice);
        b.ascii("\"}],\"totalDurationMs\":").number(5_000 + r.nextInt(300_000)).ascii(",\"totalTokens\":")
            .number(tokens).ascii(",\"totalToolUseCount\":").number(toolCalls).ascii(",\"usage\":");
        usageObject(b, last, last.output, false, false);
        b.ascii("},\"sourceToolAssistantUUID\":\"").ascii(sourceUuid).ascii("\"}");
        session.emit(c, b, true);
        c.lastUuid = uuid;
        c.pending += 100 + sliceLength(slice) / 4;
    }

    Path subagentPath(String name) {
        return session.sessionDir.resolve(session.sessionId).resolve("subagents").resolve(name);
    }

    /** An agent_progress line in the parent carrying a full copy of a sub-agent assistant line. */
    void echo(Conversation sub, Response resp, int k) throws IOException {
        Conversation p = sub.echoTo;
        String uuid = uuid(r);
        JsonBuffer b = run.aux;
        head(b.reset(), p, p.lastUuid);
        b.ascii(",\"type\":\"progress\",\"data\":{\"message\":{\"type\":\"assistant\",\"timestamp\":\"")
            .timestamp(resp.times[k]).ascii("\",\"message\":");
        message(b, sub, resp, k, false);
        if (resp.requestId != null) {
            b.ascii(",\"requestId\":\"").ascii(resp.requestId).ascii("\"");
        }
        b.ascii(",\"uuid\":\"").ascii(resp.uuids[k]).ascii("\"},\"normalizedMessages\":[],")
            .ascii("\"type\":\"agent_progress\",\"prompt\":").string(sub.echoPrompt).ascii(",\"agentId\":\"")
            .ascii(sub.agentId).ascii("\"},\"toolUseID\":\"agent_msg_01").ascii(base62(r, 22))
            .ascii("\",\"parentToolUseID\":\"").ascii(sub.echoToolId).ascii("\",\"uuid\":\"").ascii(uuid)
            .ascii("\",\"timestamp\":\"").timestamp(resp.times[k]).ascii("\"}");
        session.emit(p, b, true);
        p.lastUuid = uuid;
    }

    /**
     * A side question (/btw): a sidechain file replays a main-chain response with the same message.id, a new
     * requestId and a larger cache read (dropped: the main-chain line is the billed one), then asks its own
     * question (a distinct response, counted).
     */
    void sideQuestion(Response original) throws IOException {
        String agentId = "a" + hex(r, 16);
        try (JsonlFile file = run.newFile(subagentPath("agent-" + agentId + ".jsonl"), false, false)) {
            Conversation side = new Conversation(file, true, agentId, session.main);
            Response replay = original.copy();
            replay.requestId = requestId(r);
            replay.read += 1_000 + r.nextInt(20_000);
            int k = replay.last();
            session.clock += 2_000 + r.nextInt(60_000);
            replay.times[k] = session.clock;
            replay.uuids[k] = uuid(r);
            renderLine(run.line, side, replay, k, null);
            file.line(run.line);
            side.lastUuid = replay.uuids[k];
            side.cached = original.read + original.write5m + original.write1h;
            side.lastRequestMs = replay.times[k];
            side.lastModel = original.model;
            side.lastWrite1h = original.write1h > original.write5m;
            session.userPrompt(side, "btw, " + pick(r, Vocabulary.PROMPTS), false, false);
            Response question = session.responses.newResponse(side, session.model, 0, null, false,
                ClaudeResponses.SUB_TOOLS, null, false);
            session.responses.writeResponse(side, question, true);
        }
    }


    void echoPrompt(Conversation sub, String text, String uuid) throws IOException {
        Conversation p = sub.echoTo;
        String own = uuid(r);
        JsonBuffer b = run.aux;
        head(b.reset(), p, p.lastUuid);
        b.ascii(",\"type\":\"progress\",\"data\":{\"message\":{\"type\":\"user\",\"message\":{\"role\":\"user\",")
            .ascii("\"content\":[{\"type\":\"text\",\"text\":").string(text).ascii("}]},\"uuid\":\"").ascii(uuid)
            .ascii("\",\"timestamp\":\"").timestamp(session.clock).ascii("\"},\"normalizedMessages\":[],")
            .ascii("\"type\":\"agent_progress\",\"prompt\":").string(text).ascii(",\"agentId\":\"")
            .ascii(sub.agentId).ascii("\"},\"toolUseID\":\"agent_msg_01").ascii(base62(r, 22))
            .ascii("\",\"parentToolUseID\":\"").ascii(sub.echoToolId).ascii("\",\"uuid\":\"").ascii(own)
            .ascii("\",\"timestamp\":\"").timestamp(session.clock).ascii("\"}");
        session.emit(p, b, true);
        p.lastUuid = own;
    }
}
