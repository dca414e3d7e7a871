package io.tokenomics.ingest.source;

import io.tokenomics.ingest.json.StringView;
import io.tokenomics.ingest.json.Utf8Text;

/**
 * What the dataset keeps of a tool call's input, and nothing more (docs/formats.md, "What a tool call's input
 * leaves"): of the file it targets, a 64-bit hash of its path and whether it is a memory file; of a shell command
 * line, its program word and, when it runs git, git's subcommand word. Never a path, a command line or any other
 * text of the input.
 *
 * <p>One instance per reader, refilled for every tool call; the values are decoded into a scratch array that grows
 * to the longest value seen, so that a call allocates nothing.
 */
public final class ToolInput {
    /** The longest program or subcommand word kept; a longer token is no plain word (it may be a key or a hash). */
    public static final int MAX_WORD = 32;

    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;
    private static final byte[] CLAUDE_MD = ascii("CLAUDE.md");
    private static final byte[] CLAUDE_LOCAL_MD = ascii("CLAUDE.local.md");
    private static final byte[] CLAUDE_DIR = ascii(".claude");
    private static final byte[] GIT = ascii("git");
    private static final byte[] COMMIT = ascii("commit");
    private static final byte[] CD = ascii("cd");
    private static final byte[][] WRAPPERS = {ascii("sudo"), ascii("env"), ascii("nohup"), ascii("time"),
        ascii("nice"), ascii("exec"), ascii("command"), ascii("builtin"), ascii("timeout")};
    private static final byte[] TIMEOUT = ascii("timeout");
    /** Options of the wrappers that take the next token as their argument. */
    private static final byte[][] WRAPPER_OPTIONS_WITH_ARGUMENT = {ascii("-u"), ascii("-g"), ascii("-n"),
        ascii("-k"), ascii("-s"), ascii("-C")};
    /** Options of git itself (before the subcommand) that take the next token as their argument. */
    private static final byte[][] GIT_OPTIONS_WITH_ARGUMENT = {ascii("-C"), ascii("-c"), ascii("--git-dir"),
        ascii("--work-tree"), ascii("--namespace")};

    private byte[] text = new byte[256];
    private int textLength;
    /** The token found by the last {@link #nextToken}: {@code [tokenStart, tokenEnd)} of {@link #text}. */
    private int tokenStart;
    private int tokenEnd;
    private boolean tokenIsOperator;
    private boolean tokenEndsCommand;
    /** Whether the last simple command read was a leading {@code cd}, after which the program is still to come. */
    private boolean leadingCd;

    private boolean hasTarget;
    private long targetHash;
    private boolean targetIsMemoryFile;
    private final byte[] program = new byte[MAX_WORD];
    private int programLength;
    private final byte[] gitSubcommand = new byte[MAX_WORD];
    private int gitSubcommandLength;

    /** Reads the path a call targets; an absent view means it names none. */
    public void readTarget(StringView path) {
        hasTarget = path.present;
        if (!hasTarget) {
            return;
        }
        decode(path);
        targetHash = hash(text, textLength);
        targetIsMemoryFile = isMemoryFile(text, textLength);
    }

    /** Reads a shell call's command line; an absent view means the call is no shell call. */
    public void readCommand(StringView command) {
        programLength = 0;
        gitSubcommandLength = 0;
        if (!command.present) {
            return;
        }
        decode(command);
        readCommandWords();
    }

    /** Reads a command line given as UTF-8 bytes, for sources whose commands are not one JSON string. */
    public void readCommand(byte[] utf8, int length) {
        programLength = 0;
        gitSubcommandLength = 0;
        ensureCapacity(length);
        System.arraycopy(utf8, 0, text, 0, length);
        textLength = length;
        readCommandWords();
    }

    public boolean hasTarget() {
        return hasTarget;
    }

    public long targetHash() {
        return targetHash;
    }

    public boolean targetIsMemoryFile() {
        return targetIsMemoryFile;
    }

    /** The program word's bytes, the first {@link #programLength()} of them; none when the length is 0. */
    public byte[] program() {
        return program;
    }

    public int programLength() {
        return programLength;
    }

    /** git's subcommand word's bytes, the first {@link #gitSubcommandLength()} of them; none when the length is 0. */
    public byte[] gitSubcommand() {
        return gitSubcommand;
    }

    public int gitSubcommandLength() {
        return gitSubcommandLength;
    }

    /**
     * 64-bit FNV-1a of the first {@code length} bytes: stable across runs and machines, so that a file keeps its
     * identity in a dataset that several ingests wrote.
     */
    public static long hash(byte[] bytes, int length) {
        long h = FNV_OFFSET;
        for (int i = 0; i < length; i++) {
            h = (h ^ (bytes[i] & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    /**
     * Whether a path names a memory file: its last part is {@code CLAUDE.md} or {@code CLAUDE.local.md}, or one of
     * the folders on its way is {@code .claude}. Both separators count, so that Windows paths are read too.
     */
    public static boolean isMemoryFile(byte[] path, int length) {
        int partStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i < length && path[i] != '/' && path[i] != '\\') {
                continue;
            }
            boolean last = i == length;
            if (last && (equals(path, partStart, i, CLAUDE_MD) || equals(path, partStart, i, CLAUDE_LOCAL_MD))) {
                return true;
            }
            if (!last && equals(path, partStart, i, CLAUDE_DIR)) {
                return true;
            }
            partStart = i + 1;
        }
        return false;
    }

    private void decode(StringView view) {
        ensureCapacity(Utf8Text.maxDecodedLength(view.length));
        textLength = Utf8Text.decode(view, text);
    }

    private void ensureCapacity(int length) {
        if (length > text.length) {
            text = new byte[Math.max(length, text.length * 2)];
        }
    }

    /**
     * The program word of the line's first simple command and git's subcommand. The first command is the one after
     * a leading {@code cd DIR &&} (or {@code ;}); its program is its first token after variable assignments and
     * wrappers ({@code sudo}, {@code env}, {@code timeout 60}, ...), cut to its last path part. Of the line's git
     * commands, the one that commits is kept, else the first: a line {@code git add -A && git commit -m ...} is a
     * commit.
     */
    private void readCommandWords() {
        int position = 0;
        boolean first = true;
        while (position < textLength) {
            leadingCd = false;
            position = simpleCommand(position, first);
            first = leadingCd;
            if (gitSubcommandLength == COMMIT.length && equals(gitSubcommand, 0, COMMIT.length, COMMIT)) {
                return;
            }
        }
    }

    /**
     * Reads the simple command that starts at or after {@code from}: its program word when {@code first}, and its
     * git subcommand when it runs git and none was found yet, or it commits. Returns where the next command starts.
     */
    private int simpleCommand(int from, boolean first) {
        int at = from;
        boolean afterWrapper = false;
        boolean skipNext = false;
        while (true) {
            at = nextToken(at);
            if (tokenStart == tokenEnd) {
                return textLength;
            }
            if (tokenIsOperator) {
                continue; // before the program: a subshell's parenthesis, an empty command
            }
            if (skipNext) {
                skipNext = false;
            } else if (afterWrapper && text[tokenStart] == '-') {
                skipNext = isOneOf(tokenStart, tokenEnd, WRAPPER_OPTIONS_WITH_ARGUMENT);
            } else if (isOneOf(tokenStart, tokenEnd, WRAPPERS)) {
                afterWrapper = true;
                if (equals(text, tokenStart, tokenEnd, TIMEOUT)) {
                    at = skipOptionsAndOneToken(at);
                }
            } else if (!isAssignment(tokenStart, tokenEnd)) {
                break;
            }
        }
        int wordStart = baseNameStart(tokenStart, tokenEnd);
        boolean plain = isPlainWord(wordStart, tokenEnd);
        if (first && plain) {
            programLength = tokenEnd - wordStart;
            System.arraycopy(text, wordStart, program, 0, programLength);
            leadingCd = equals(text, tokenStart, tokenEnd, CD);
        }
        if (plain && equals(text, wordStart, tokenEnd, GIT)) {
            at = gitSubcommand(at);
        }
        return skipToCommandEnd(at);
    }

    /** After {@code git}: skips its own options, then keeps the subcommand word if it is a plain word. */
    private int gitSubcommand(int from) {
        int at = from;
        while (true) {
            int before = at;
            at = nextToken(at);
            if (tokenStart == tokenEnd || tokenIsOperator) {
                return before;
            }
            if (text[tokenStart] != '-') {
                break;
            }
            if (isOneOf(tokenStart, tokenEnd, GIT_OPTIONS_WITH_ARGUMENT)) {
                at = nextToken(at);
            }
        }
        boolean commits = equals(text, tokenStart, tokenEnd, COMMIT);
        if (isPlainWord(tokenStart, tokenEnd) && (gitSubcommandLength == 0 || commits)) {
            gitSubcommandLength = tokenEnd - tokenStart;
            System.arraycopy(text, tokenStart, gitSubcommand, 0, gitSubcommandLength);
        }
        return at;
    }

    private int skipOptionsAndOneToken(int from) {
        int at = from;
        while (true) {
            int before = at;
            at = nextToken(at);
            if (tokenStart == tokenEnd || tokenIsOperator) {
                return before;
            }
            if (text[tokenStart] != '-') {
                return at;
            }
            if (isOneOf(tokenStart, tokenEnd, WRAPPER_OPTIONS_WITH_ARGUMENT)) {
                at = nextToken(at);
            }
        }
    }

    private int skipToCommandEnd(int from) {
        int at = from;
        while (true) {
            at = nextToken(at);
            if (tokenStart == tokenEnd || tokenIsOperator && tokenEndsCommand) {
                return at;
            }
        }
    }

    /**
     * Finds the next token from {@code from} and returns where the scan goes on. A token is a run of bytes up to a
     * blank or an operator byte ({@code ; & | ( ) < >}, newline), quoted parts included whole; an operator is a run
     * of operator bytes, and it ends the command when it holds anything but redirections. A {@code #} that starts a
     * token starts a comment, which the newline ends. At the end of the text the token is empty.
     */
    private int nextToken(int from) {
        int at = from;
        while (true) {
            while (at < textLength && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r')) {
                at++;
            }
            if (at < textLength && text[at] == '#') {
                while (at < textLength && text[at] != '\n') {
                    at++;
                }
                continue;
            }
            break;
        }
        tokenStart = at;
        tokenIsOperator = false;
        tokenEndsCommand = false;
        if (at < textLength && isOperatorByte(text[at])) {
            tokenIsOperator = true;
            while (at < textLength && isOperatorByte(text[at])) {
                tokenEndsCommand |= endsCommand(at);
                at++;
            }
            tokenEnd = at;
            return at;
        }
        while (at < textLength) {
            byte b = text[at];
            if (b == ' ' || b == '\t' || b == '\r' || isOperatorByte(b)) {
                break;
            }
            at = b == '\'' || b == '"' ? quotedEnd(at) : at + 1;
        }
        tokenEnd = at;
        return at;
    }

    /** The end of the quoted part opening at {@code quote}: after its closing quote, or the text's end. */
    private int quotedEnd(int quote) {
        byte q = text[quote];
        int at = quote + 1;
        while (at < textLength && text[at] != q) {
            at += q == '"' && text[at] == '\\' ? 2 : 1;
        }
        return Math.min(at + 1, textLength);
    }

    /**
     * Whether the operator byte at {@code at} ends a command: every one but a redirection's ({@code <}, {@code >},
     * and an {@code &} that joins one: {@code 2>&1}, {@code &>}).
     */
    private boolean endsCommand(int at) {
        byte b = text[at];
        if (b == '<' || b == '>') {
            return false;
        }
        if (b != '&') {
            return true;
        }
        boolean afterRedirection = at > 0 && (text[at - 1] == '<' || text[at - 1] == '>');
        boolean beforeRedirection = at + 1 < textLength && text[at + 1] == '>';
        return !afterRedirection && !beforeRedirection;
    }

    private static boolean isOperatorByte(byte b) {
        return b == ';' || b == '&' || b == '|' || b == '(' || b == ')' || b == '<' || b == '>' || b == '\n';
    }

    /** {@code NAME=value}, NAME a shell variable name. */
    private boolean isAssignment(int start, int end) {
        if (!isNameStart(text[start])) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            byte b = text[i];
            if (b == '=') {
                return true;
            }
            if (!isNameStart(b) && (b < '0' || b > '9')) {
                return false;
            }
        }
        return false;
    }

    private static boolean isNameStart(byte b) {
        return b == '_' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    /** Where the token's last path part starts. */
    private int baseNameStart(int start, int end) {
        for (int i = end - 1; i >= start; i--) {
            if (text[i] == '/') {
                return i + 1;
            }
        }
        return start;
    }

    /** 1 to {@value #MAX_WORD} bytes of letters, digits, {@code . _ + -}, beginning with a letter or digit. */
    private boolean isPlainWord(int start, int end) {
        if (end <= start || end - start > MAX_WORD || !isLetterOrDigit(text[start])) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            byte b = text[i];
            if (!isLetterOrDigit(b) && b != '.' && b != '_' && b != '+' && b != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
    }

    private boolean isOneOf(int start, int end, byte[][] words) {
        for (byte[] word : words) {
            if (equals(text, start, end, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equals(byte[] bytes, int start, int end, byte[] word) {
        return java.util.Arrays.equals(bytes, start, end, word, 0, word.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
