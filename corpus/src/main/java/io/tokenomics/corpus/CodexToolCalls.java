package io.tokenomics.corpus;

import static io.tokenomics.corpus.JsonBuffer.jsonLiteral;
import static io.tokenomics.corpus.RandomValues.base62;
import static io.tokenomics.corpus.RandomValues.hex;
import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.pick;

import java.io.IOException;
import java.util.SplittableRandom;

/** The tool calls of a Codex turn (apply_patch, plans, MCP tools, shell commands) and their outputs. */
final class CodexToolCalls {
    private static final String[] PLAN_STEPS = {"Reproduce the failure", "Read the relevant code",
        "Implement the change", "Run the test suite", "Update the docs"};
    private static final String[] MCP_TOOLS = {"mcp__docs__search", "mcp__github__get_issue",
        "mcp__postgres__query"};

    final CodexRollout rollout;
    final SplittableRandom r;

    CodexToolCalls(CodexRollout rollout) {
        this.rollout = rollout;
        this.r = rollout.r;
    }
    /** A tool call; returns {kind, call id, detail} for its output. */
    String[] toolCall() throws IOException {
        String callId = "call_" + base62(r, 24);
        double u = r.nextDouble();
        JsonBuffer b;
        if (u < 0.12) {
            // freeform apply_patch
            String path = pick(r, Vocabulary.FILES);
            b = rollout.item(rollout.clock, "custom_tool_call");
            b.ascii(",\"status\":\"completed\",\"call_id\":\"").ascii(callId)
                .ascii("\",\"name\":\"apply_patch\",\"input\":").string("*** Begin Patch\n*** Update File: " + path
                    + "\n@@\n");
            b.size--;
            rollout.corpus.code.append(b, r, 60 + r.nextInt(1_500));
            b.ascii("*** End Patch\\n\"}}");
            rollout.file.line(b);
            return new String[] {"patch", callId, path};
        }
        String name;
        StringBuilder args = new StringBuilder(128);
        if (u < 0.2) {
            name = "update_plan";
            args.append("{\"plan\":[{\"step\":").append(jsonLiteral(pick(r, PLAN_STEPS)))
                .append(",\"status\":\"completed\"},{\"step\":").append(jsonLiteral(pick(r, PLAN_STEPS)))
                .append(",\"status\":\"in_progress\"}]}");
        } else if (u < 0.26) {
            name = pick(r, MCP_TOOLS);
            args.append("{\"query\":").append(jsonLiteral(pick(r, Vocabulary.TODOS))).append('}');
        } else if (rollout.newMeta) {
            name = u < 0.3 ? "write_stdin" : "exec_command";
            if (name.equals("write_stdin")) {
                args.append("{\"session_id\":").append(1 + r.nextInt(9)).append(",\"chars\":\"\",")
                    .append("\"yield_time_ms\":1000}");
            } else {
                args.append("{\"cmd\":").append(jsonLiteral(pick(r, Vocabulary.COMMANDS)))
                    .append(",\"workdir\":").append(jsonLiteral(rollout.cwd)).append(",\"yield_time_ms\":10000}");
            }
        } else {
            name = "shell_command";
            args.append("{\"command\":").append(jsonLiteral(pick(r, Vocabulary.COMMANDS)))
                .append(",\"workdir\":").append(jsonLiteral(rollout.cwd)).append(",\"timeout_ms\":120000}");
        }
        b = rollout.item(rollout.clock, "function_call");
        b.ascii(",\"name\":\"").ascii(name).ascii("\",\"arguments\":").string(args.toString())
            .ascii(",\"call_id\":\"").ascii(callId).ascii("\"}}");
        rollout.file.line(b);
        return new String[] {name, callId, null};
    }

    /** The output of a call: a few bytes to hundreds of kilobytes, heavy-tailed. */
    void toolOutput(String[] tool) throws IOException {
        String kind = tool[0];
        JsonBuffer b;
        if (kind.equals("patch")) {
            b = rollout.item(rollout.clock, "custom_tool_call_output");
            b.ascii(",\"call_id\":\"").ascii(tool[1]).ascii("\",\"output\":")
                .string("{\"output\":\"Success. Updated the following files:\\nM " + tool[2]
                    + "\\n\",\"metadata\":{\"exit_code\":0,\"duration_seconds\":0.0}}")
                .ascii("}}");
            rollout.file.line(b);
            rollout.context += 40;
            return;
        }
        b = rollout.item(rollout.clock, "function_call_output");
        b.ascii(",\"call_id\":\"").ascii(tool[1]).ascii("\",\"output\":\"");
        int size;
        if (kind.equals("update_plan")) {
            b.ascii("Plan updated");
            size = 12;
        } else {
            size = outputSize();
            if (kind.equals("exec_command") || kind.equals("write_stdin")) {
                b.ascii("Chunk ID: ").ascii(hex(r, 6)).ascii("\\nWall time: ")
                    .ascii(String.valueOf(r.nextInt(30))).ascii(".").ascii(String.valueOf(1000 + r.nextInt(9000)))
                    .ascii(" seconds\\nProcess exited with code ").number(r.nextDouble() < 0.9 ? 0 : 1)
                    .ascii("\\nOriginal token count: ").number(size / 4).ascii("\\nOutput:\\n");
            } else if (kind.equals("shell_command")) {
                b.ascii("Exit code: 0\\nWall time: 1.").number(r.nextInt(10)).ascii(" seconds\\nOutput:\\n");
            }
            if (size > 0) {
                rollout.corpus.code.append(b, r, size);
            }
        }
        b.ascii("\"}}");
        rollout.file.line(b);
        rollout.context += 15 + Math.min(10_000, size / 4); // the truncation policy caps what the model sees
    }

    private int outputSize() {
        double u = r.nextDouble();
        if (u < 0.05) {
            return 0;
        }
        if (u < 0.002 + 0.05) {
            return 200_000 + r.nextInt(200_000);
        }
        return (int) Math.min(400_000, lognormal(r, 900, 1.6));
    }
}
