package io.tokenomics.ingest;

/**
 * Extracts the fields we keep from one Claude Code transcript line in place, without building a tree or a string:
 * the envelope, {@code message.usage} and the content blocks (text and thinking sizes, tool uses, tool results).
 * Known keys of the objects on that path are matched by {@link KeyTable}; every other value is skipped. Fields may
 * come in any order with whitespace anywhere.
 */
final class JsonLineParser extends JsonCursor {
    private static final KeyTable TOP = new KeyTable("type", "sessionId", "timestamp", "cwd", "version", "gitBranch",
            "agentId", "uuid", "requestId", "subtype", "isSidechain", "isMeta", "isCompactSummary", "message",
            "compactMetadata");
    private static final KeyTable MESSAGE = new KeyTable("id", "model", "role", "stop_reason", "usage", "content");
    private static final KeyTable USAGE = new KeyTable("input_tokens", "output_tokens",
            "cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation", "service_tier", "speed",
            "server_tool_use");
    private static final KeyTable CACHE_CREATION = new KeyTable("ephemeral_5m_input_tokens",
            "ephemeral_1h_input_tokens");
    private static final KeyTable SERVER_TOOL_USE = new KeyTable("web_search_requests");
    private static final KeyTable BLOCK = new KeyTable("type", "text", "thinking", "id", "name", "input",
            "tool_use_id", "content", "is_error");
    private static final KeyTable COMPACT_METADATA = new KeyTable("trigger", "preTokens");

    private static final byte[] TEXT = ascii("text");
    private static final byte[] THINKING = ascii("thinking");
    private static final byte[] TOOL_USE = ascii("tool_use");
    private static final byte[] TOOL_RESULT = ascii("tool_result");

    // Per-block fields, reused.
    private final StringView blockType = new StringView();
    private final StringView blockId = new StringView();
    private final StringView blockName = new StringView();
    private final StringView blockToolUseId = new StringView();
    private LineRecord record;

    /**
     * Parses one Claude Code transcript line into {@code record}; see {@link JsonCursor#parseLine}.
     */
    int parse(long start, long limit, LineRecord record) {
        record.clear();
        this.record = record;
        return parseLine(start, limit);
    }

    @Override
    boolean parseObject() {
        return parseTop(record);
    }

    private boolean parseTop(LineRecord r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(TOP, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case 0 -> string(r.type);
                case 1 -> string(r.sessionId);
                case 2 -> string(r.timestamp);
                case 3 -> string(r.cwd);
                case 4 -> string(r.version);
                case 5 -> string(r.gitBranch);
                case 6 -> string(r.agentId);
                case 7 -> string(r.uuid);
                case 8 -> string(r.requestId);
                case 9 -> string(r.subtype);
                case 10 -> (r.isSidechain = bool()) | error == null;
                case 11 -> (r.isMeta = bool()) | error == null;
                case 12 -> (r.isCompactSummary = bool()) | error == null;
                case 13 -> peek() == '{' ? parseMessage(r) : skipValue();
                case 14 -> peek() == '{' ? parseCompactMetadata(r) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseMessage(LineRecord r) {
        r.hasMessage = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(MESSAGE, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case 0 -> string(r.messageId);
                case 1 -> string(r.model);
                case 2 -> string(r.role);
                case 3 -> string(r.stopReason);
                case 4 -> peek() == '{' ? parseUsage(r) : skipValue();
                case 5 -> parseContent(r);
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseUsage(LineRecord r) {
        r.hasUsage = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(USAGE, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok;
            switch (key) {
                case 0 -> {
                    r.inputTokens = count();
                    ok = error == null;
                }
                case 1 -> {
                    r.outputTokens = count();
                    ok = error == null;
                }
                case 2 -> {
                    r.cacheCreationTokens = count();
                    ok = error == null;
                }
                case 3 -> {
                    r.cacheRead = count();
                    ok = error == null;
                }
                case 4 -> ok = peek() == '{' ? parseCacheCreation(r) : skipValue();
                case 5 -> ok = string(r.serviceTier);
                case 6 -> ok = string(r.speed);
                case 7 -> ok = peek() == '{' ? parseServerToolUse(r) : skipValue();
                default -> ok = skipValue();
            }
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseCacheCreation(LineRecord r) {
        r.hasCacheSplit = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(CACHE_CREATION, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == 0) {
                r.cacheWrite5m = count();
            } else if (key == 1) {
                r.cacheWrite1h = count();
            } else if (!skipValue()) {
                return false;
            }
            if (error != null) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseServerToolUse(LineRecord r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(SERVER_TOOL_USE, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == 0) {
                r.webSearchRequests = count();
            } else if (!skipValue()) {
                return false;
            }
            if (error != null) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseCompactMetadata(LineRecord r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(COMPACT_METADATA, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == 0) {
                if (!string(r.compactTrigger)) {
                    return false;
                }
            } else if (key == 1) {
                r.compactPreTokens = count();
                if (error != null) {
                    return false;
                }
            } else if (!skipValue()) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseContent(LineRecord r) {
        byte b = peek();
        if (b == '"') {
            long close = measureString(p + 1);
            if (close < 0) {
                return failed(ErrorCode.MALFORMED);
            }
            r.contentIsString = true;
            r.contentStringChars = lastChars;
            p = close + 1;
            return true;
        }
        if (b != '[') {
            return skipValue();
        }
        p++;
        skipWhitespace();
        if (peek() == ']') {
            p++;
            return true;
        }
        while (true) {
            boolean ok = peek() == '{' ? parseBlock(r) : skipValue();
            if (!ok) {
                return false;
            }
            skipWhitespace();
            byte next = peek();
            p++;
            if (next == ']') {
                return true;
            }
            if (next != ',') {
                return failed(ErrorCode.MALFORMED);
            }
            skipWhitespace();
        }
    }

    private boolean parseBlock(LineRecord r) {
        blockType.clear();
        blockId.clear();
        blockName.clear();
        blockToolUseId.clear();
        long textChars = 0;
        long thinkingChars = 0;
        long inputBytes = 0;
        long contentBytes = 0;
        boolean isError = false;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(BLOCK, first)) >= KeyTable.UNKNOWN) {
            first = false;
            long valueStart = p;
            boolean ok;
            switch (key) {
                case 0 -> ok = string(blockType);
                case 1 -> {
                    ok = measuredString();
                    textChars = lastChars;
                }
                case 2 -> {
                    ok = measuredString();
                    thinkingChars = lastChars;
                }
                case 3 -> ok = string(blockId);
                case 4 -> ok = string(blockName);
                case 5 -> {
                    ok = skipValue();
                    inputBytes = p - valueStart;
                }
                case 6 -> ok = string(blockToolUseId);
                case 7 -> {
                    ok = skipValue();
                    contentBytes = p - valueStart;
                }
                case 8 -> {
                    isError = bool();
                    ok = error == null;
                }
                default -> ok = skipValue();
            }
            if (!ok) {
                return false;
            }
        }
        if (key != END) {
            return false;
        }
        if (blockType.equalsAscii(TEXT)) {
            r.textBlocks++;
            r.textChars += textChars;
        } else if (blockType.equalsAscii(THINKING)) {
            r.thinkingChars += thinkingChars;
        } else if (blockType.equalsAscii(TOOL_USE)) {
            r.addToolUse(blockId, blockName, inputBytes);
        } else if (blockType.equalsAscii(TOOL_RESULT)) {
            r.addToolResult(blockToolUseId, contentBytes, isError);
        }
        return true;
    }
}
