package io.tokenomics.corpus;

import static io.tokenomics.corpus.ClaudeLineFormat.head;
import static io.tokenomics.corpus.ClaudeLineFormat.message;
import static io.tokenomics.corpus.ClaudeLineFormat.usageObject;

/**
 * The JSON of assistant lines in Claude Code's 2.x and 1.0.x formats: the common head of a line, the message with
 * its usage, the reordered variant and Python's spacing. Stateless: it draws nothing from the random stream.
 */
final class ClaudeLineFormat {
    private ClaudeLineFormat() {
    }

    static void head(JsonBuffer b, Conversation c, String parentUuid) {
        b.ascii("{\"parentUuid\":").stringOrNull(parentUuid).ascii(",\"isSidechain\":")
            .ascii(c.sidechain ? "true" : "false").ascii(",\"userType\":\"external\",\"cwd\":").string(c.cwd)
            .ascii(",\"sessionId\":\"").ascii(c.sessionId).ascii("\",\"version\":\"").ascii(c.version)
            .ascii("\"");
        if (c.branch != null) {
            b.ascii(",\"gitBranch\":").string(c.branch);
        }
        if (c.agentId != null) {
            b.ascii(",\"agentId\":\"").ascii(c.agentId).ascii("\"");
        }
    }

    /** Line k of a response, in the 2.x key order (type after message) or a shuffled order. */
    static void renderLine(JsonBuffer b, Conversation c, Response resp, int k, String parentUuid) {
        b.reset();
        if (resp.reordered && k == resp.last()) {
            renderReordered(b, c, resp, k, parentUuid);
            return;
        }
        head(b, c, parentUuid);
        b.ascii(",\"message\":");
        message(b, c, resp, k, false);
        if (resp.requestId != null) {
            b.ascii(",\"requestId\":\"").ascii(resp.requestId).ascii("\"");
        }
        if (!resp.noType) {
            b.ascii(",\"type\":\"assistant\"");
        }
        b.ascii(",\"uuid\":\"").ascii(resp.uuids[k]).ascii("\",\"timestamp\":\"").timestamp(resp.times[k]).ascii("\"");
        if (resp.synthetic) {
            b.ascii(",\"error\":\"unknown\",\"isApiErrorMessage\":true");
        }
        b.ascii("}");
    }

    static void renderReordered(JsonBuffer b, Conversation c, Response resp, int k, String parentUuid) {
        b.ascii("{");
        if (!resp.noType) {
            b.ascii("\"type\":\"assistant\",");
        }
        b.ascii("\"timestamp\":\"").timestamp(resp.times[k]).ascii("\",\"uuid\":\"").ascii(resp.uuids[k])
            .ascii("\",\"message\":");
        message(b, c, resp, k, true);
        if (resp.requestId != null) {
            b.ascii(",\"requestId\":\"").ascii(resp.requestId).ascii("\"");
        }
        b.ascii(",\"sessionId\":\"").ascii(c.sessionId).ascii("\",\"cwd\":").string(c.cwd).ascii(",\"parentUuid\":")
            .stringOrNull(parentUuid).ascii(",\"version\":\"").ascii(c.version).ascii("\",\"userType\":\"external\"")
            .ascii(",\"isSidechain\":").ascii(c.sidechain ? "true" : "false");
        if (c.agentId != null) {
            b.ascii(",\"agentId\":\"").ascii(c.agentId).ascii("\"");
        }
        b.ascii("}");
    }

    static void message(JsonBuffer b, Conversation c, Response resp, int k, boolean reordered) {
        byte[] block = resp.blocks.get(k).json();
        boolean last = k == resp.last();
        if (reordered) {
            b.ascii("{\"usage\":");
            usageObject(b, resp, resp.outs[k], true, false);
            b.ascii(",\"content\":[").bytes(block, 0, block.length).ascii("],\"role\":\"assistant\"");
            idField(b, resp);
            b.ascii(",\"model\":").string(resp.model).ascii(",\"type\":\"message\"}");
            return;
        }
        if (c.legacy) {
            b.ascii("{");
            idFieldFirst(b, resp);
            b.ascii("\"type\":\"message\",\"role\":\"assistant\",\"model\":").string(resp.model);
        } else {
            b.ascii("{\"model\":").string(resp.model);
            idField(b, resp);
            b.ascii(",\"type\":\"message\",\"role\":\"assistant\"");
        }
        b.ascii(",\"content\":[").bytes(block, 0, block.length).ascii("],\"stop_reason\":");
        if (c.legacy && last) {
            b.ascii(block(resp).isTool() ? "\"tool_use\"" : "\"end_turn\"");
        } else {
            b.ascii("null");
        }
        b.ascii(",\"stop_sequence\":null,\"usage\":");
        usageObject(b, resp, resp.outs[k], false, !c.legacy);
        b.ascii("}");
    }

    static ContentBlock block(Response resp) {
        return resp.blocks.get(resp.last());
    }

    private static void idField(JsonBuffer b, Response resp) {
        if (resp.id != null) {
            b.ascii(",\"id\":\"").ascii(resp.id).ascii("\"");
        }
    }

    private static void idFieldFirst(JsonBuffer b, Response resp) {
        if (resp.id != null) {
            b.ascii("\"id\":\"").ascii(resp.id).ascii("\",");
        }
    }

    static void usageObject(JsonBuffer b, Response resp, long output, boolean reordered, boolean geo) {
        if (reordered) {
            b.ascii("{\"output_tokens\":").number(output).ascii(",\"cache_read_input_tokens\":").number(resp.read);
            writesTotal(b.ascii(",\"cache_creation_input_tokens\":"), resp);
            b.ascii(",\"input_tokens\":").number(resp.input);
            ttlObject(b, resp);
            b.ascii(",\"service_tier\":\"standard\"}");
            return;
        }
        b.ascii("{\"input_tokens\":").number(resp.input);
        writesTotal(b.ascii(",\"cache_creation_input_tokens\":"), resp);
        b.ascii(",\"cache_read_input_tokens\":").number(resp.read);
        ttlObject(b, resp);
        b.ascii(",\"output_tokens\":").number(output).ascii(",\"service_tier\":")
            .ascii(resp.synthetic ? "null" : "\"standard\"");
        if (geo && !resp.synthetic) {
            b.ascii(",\"inference_geo\":\"not_available\"");
        }
        b.ascii("}");
    }

    private static void writesTotal(JsonBuffer b, Response resp) {
        if (resp.nullWrites) {
            b.ascii("null");
        } else {
            b.number(resp.write5m + resp.write1h);
        }
    }

    private static void ttlObject(JsonBuffer b, Response resp) {
        if (resp.ttlSplit) {
            b.ascii(",\"cache_creation\":{\"ephemeral_5m_input_tokens\":").number(resp.write5m)
                .ascii(",\"ephemeral_1h_input_tokens\":").number(resp.write1h).ascii("}");
        }
    }

    /** Python json.dumps spacing ({@code ": "} and {@code ", "}) applied outside strings, on one line. */
    static void prettify(JsonBuffer src, JsonBuffer dst) {
        dst.reset();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < src.size; i++) {
            byte c = src.array[i];
            dst.put(c);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ':' || c == ',') {
                dst.put((byte) ' ');
            }
        }
    }
}
