package io.tokenomics.ingest.claude;

import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.KeyTable;
import io.tokenomics.ingest.json.StringView;

/**
 * Extracts the fields we keep from one Claude Code transcript line in place, without building a tree or a string:
 * the envelope, {@code message.usage} and the content blocks (text and thinking sizes, tool uses, tool results).
 * Known keys of the objects on that path are matched by {@link KeyTable}; every other value is skipped. Fields may
 * come in any order with whitespace anywhere.
 */
final class ClaudeLineParser extends JsonCursor {
    // The fields of the line's top-level object.
    private static final int TYPE = 0;
    private static final int SESSION_ID = 1;
    private static final int TIMESTAMP = 2;
    private static final int CWD = 3;
    private static final int VERSION = 4;
    private static final int GIT_BRANCH = 5;
    private static final int AGENT_ID = 6;
    private static final int UUID = 7;
    private static final int REQUEST_ID = 8;
    private static final int SUBTYPE = 9;
    private static final int IS_SIDECHAIN = 10;
    private static final int IS_META = 11;
    private static final int IS_COMPACT_SUMMARY = 12;
    private static final int MESSAGE = 13;
    private static final int COMPACT_METADATA = 14;
    private static final KeyTable TOP = KeyTable.builder().key(TYPE, "type").key(SESSION_ID, "sessionId")
            .key(TIMESTAMP, "timestamp").key(CWD, "cwd").key(VERSION, "version").key(GIT_BRANCH, "gitBranch")
            .key(AGENT_ID, "agentId").key(UUID, "uuid").key(REQUEST_ID, "requestId").key(SUBTYPE, "subtype")
            .key(IS_SIDECHAIN, "isSidechain").key(IS_META, "isMeta").key(IS_COMPACT_SUMMARY, "isCompactSummary")
            .key(MESSAGE, "message").key(COMPACT_METADATA, "compactMetadata").build();

    // The fields of message.
    private static final int MESSAGE_ID = 0;
    private static final int MODEL = 1;
    private static final int ROLE = 2;
    private static final int STOP_REASON = 3;
    private static final int USAGE = 4;
    private static final int CONTENT = 5;
    private static final KeyTable MESSAGE_KEYS = KeyTable.builder().key(MESSAGE_ID, "id").key(MODEL, "model")
            .key(ROLE, "role").key(STOP_REASON, "stop_reason").key(USAGE, "usage").key(CONTENT, "content").build();

    // The fields of message.usage.
    private static final int INPUT_TOKENS = 0;
    private static final int OUTPUT_TOKENS = 1;
    private static final int CACHE_CREATION_TOKENS = 2;
    private static final int CACHE_READ_TOKENS = 3;
    private static final int CACHE_CREATION = 4;
    private static final int SERVICE_TIER = 5;
    private static final int SPEED = 6;
    private static final int SERVER_TOOL_USE = 7;
    private static final KeyTable USAGE_KEYS = KeyTable.builder().key(INPUT_TOKENS, "input_tokens")
            .key(OUTPUT_TOKENS, "output_tokens").key(CACHE_CREATION_TOKENS, "cache_creation_input_tokens")
            .key(CACHE_READ_TOKENS, "cache_read_input_tokens").key(CACHE_CREATION, "cache_creation")
            .key(SERVICE_TIER, "service_tier").key(SPEED, "speed").key(SERVER_TOOL_USE, "server_tool_use").build();

    // The fields of message.usage.cache_creation, server_tool_use and compactMetadata.
    private static final int WRITE_5M = 0;
    private static final int WRITE_1H = 1;
    private static final KeyTable CACHE_CREATION_KEYS = KeyTable.builder().key(WRITE_5M, "ephemeral_5m_input_tokens")
            .key(WRITE_1H, "ephemeral_1h_input_tokens").build();
    private static final int WEB_SEARCH_REQUESTS = 0;
    private static final KeyTable SERVER_TOOL_USE_KEYS = KeyTable.builder()
            .key(WEB_SEARCH_REQUESTS, "web_search_requests").build();
    private static final int TRIGGER = 0;
    private static final int PRE_TOKENS = 1;
    private static final KeyTable COMPACT_METADATA_KEYS = KeyTable.builder().key(TRIGGER, "trigger")
            .key(PRE_TOKENS, "preTokens").build();

    // The fields of a content block.
    private static final int BLOCK_TYPE = 0;
    private static final int TEXT_VALUE = 1;
    private static final int THINKING_VALUE = 2;
    private static final int BLOCK_ID = 3;
    private static final int NAME = 4;
    private static final int INPUT = 5;
    private static final int TOOL_USE_ID = 6;
    private static final int BLOCK_CONTENT = 7;
    private static final int IS_ERROR = 8;
    private static final KeyTable BLOCK = KeyTable.builder().key(BLOCK_TYPE, "type").key(TEXT_VALUE, "text")
            .key(THINKING_VALUE, "thinking").key(BLOCK_ID, "id").key(NAME, "name").key(INPUT, "input")
            .key(TOOL_USE_ID, "tool_use_id").key(BLOCK_CONTENT, "content").key(IS_ERROR, "is_error").build();

    // The fields of a tool_use block's input that say what the call targets.
    private static final int FILE_PATH = 0;
    private static final int NOTEBOOK_PATH = 1;
    private static final int COMMAND = 2;
    private static final KeyTable INPUT_KEYS = KeyTable.builder().key(FILE_PATH, "file_path")
            .key(NOTEBOOK_PATH, "notebook_path").key(COMMAND, "command").build();

    private static final byte[] TEXT = ascii("text");
    private static final byte[] THINKING = ascii("thinking");
    private static final byte[] TOOL_USE = ascii("tool_use");
    private static final byte[] TOOL_RESULT = ascii("tool_result");

    // Per-block fields, reused.
    private final StringView blockType = new StringView();
    private final StringView blockId = new StringView();
    private final StringView blockName = new StringView();
    private final StringView blockToolUseId = new StringView();
    private final StringView inputFilePath = new StringView();
    private final StringView inputNotebookPath = new StringView();
    private final StringView inputCommand = new StringView();
    private ClaudeLine record;

    /**
     * Parses one Claude Code transcript line into {@code record}; see {@link JsonCursor#parseLine}.
     */
    int parse(long start, long limit, ClaudeLine record) {
        record.clear();
        this.record = record;
        return parseLine(start, limit);
    }

    @Override
    protected boolean parseObject() {
        return parseTop(record);
    }

    private boolean parseTop(ClaudeLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(TOP, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case TYPE -> string(r.type);
                case SESSION_ID -> string(r.sessionId);
                case TIMESTAMP -> string(r.timestamp);
                case CWD -> string(r.cwd);
                case VERSION -> string(r.version);
                case GIT_BRANCH -> string(r.gitBranch);
                case AGENT_ID -> string(r.agentId);
                case UUID -> string(r.uuid);
                case REQUEST_ID -> string(r.requestId);
                case SUBTYPE -> string(r.subtype);
                case IS_SIDECHAIN -> (r.isSidechain = bool()) | error == null;
                case IS_META -> (r.isMeta = bool()) | error == null;
                case IS_COMPACT_SUMMARY -> (r.isCompactSummary = bool()) | error == null;
                case MESSAGE -> peek() == '{' ? parseMessage(r) : skipValue();
                case COMPACT_METADATA -> peek() == '{' ? parseCompactMetadata(r) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseMessage(ClaudeLine r) {
        r.hasMessage = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(MESSAGE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case MESSAGE_ID -> string(r.messageId);
                case MODEL -> string(r.model);
                case ROLE -> string(r.role);
                case STOP_REASON -> string(r.stopReason);
                case USAGE -> peek() == '{' ? parseUsage(r) : skipValue();
                case CONTENT -> parseContent(r);
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseUsage(ClaudeLine r) {
        r.hasUsage = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(USAGE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok;
            switch (key) {
                case INPUT_TOKENS -> {
                    r.inputTokens = count();
                    ok = error == null;
                }
                case OUTPUT_TOKENS -> {
                    r.outputTokens = count();
                    ok = error == null;
                }
                case CACHE_CREATION_TOKENS -> {
                    r.cacheCreationTokens = count();
                    ok = error == null;
                }
                case CACHE_READ_TOKENS -> {
                    r.cacheRead = count();
                    ok = error == null;
                }
                case CACHE_CREATION -> ok = peek() == '{' ? parseCacheCreation(r) : skipValue();
                case SERVICE_TIER -> ok = string(r.serviceTier);
                case SPEED -> ok = string(r.speed);
                case SERVER_TOOL_USE -> ok = peek() == '{' ? parseServerToolUse(r) : skipValue();
                default -> ok = skipValue();
            }
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseCacheCreation(ClaudeLine r) {
        r.hasCacheSplit = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(CACHE_CREATION_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == WRITE_5M) {
                r.cacheWrite5m = count();
            } else if (key == WRITE_1H) {
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

    private boolean parseServerToolUse(ClaudeLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(SERVER_TOOL_USE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == WEB_SEARCH_REQUESTS) {
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

    private boolean parseCompactMetadata(ClaudeLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(COMPACT_METADATA_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == TRIGGER) {
                if (!string(r.compactTrigger)) {
                    return false;
                }
            } else if (key == PRE_TOKENS) {
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

    private boolean parseContent(ClaudeLine r) {
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

    private boolean parseBlock(ClaudeLine r) {
        blockType.clear();
        blockId.clear();
        blockName.clear();
        blockToolUseId.clear();
        inputFilePath.clear();
        inputNotebookPath.clear();
        inputCommand.clear();
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
                case BLOCK_TYPE -> ok = string(blockType);
                case TEXT_VALUE -> {
                    ok = measuredString();
                    textChars = lastChars;
                }
                case THINKING_VALUE -> {
                    ok = measuredString();
                    thinkingChars = lastChars;
                }
                case BLOCK_ID -> ok = string(blockId);
                case NAME -> ok = string(blockName);
                case INPUT -> {
                    ok = peek() == '{' ? parseToolInput() : skipValue();
                    inputBytes = p - valueStart;
                }
                case TOOL_USE_ID -> ok = string(blockToolUseId);
                case BLOCK_CONTENT -> {
                    ok = skipValue();
                    contentBytes = p - valueStart;
                }
                case IS_ERROR -> {
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
            r.addToolUse(blockId, blockName, inputBytes, inputFilePath.present ? inputFilePath : inputNotebookPath,
                    inputCommand);
        } else if (blockType.equalsAscii(TOOL_RESULT)) {
            r.addToolResult(blockToolUseId, contentBytes, isError);
        }
        return true;
    }

    /** The keys of a tool call's input that name its target file or its command line; every other is skipped. */
    private boolean parseToolInput() {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(INPUT_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case FILE_PATH -> string(inputFilePath);
                case NOTEBOOK_PATH -> string(inputNotebookPath);
                case COMMAND -> string(inputCommand);
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }
}
