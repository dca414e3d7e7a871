package io.tokenomics.corpus;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a synthetic Claude Code config dir ({@code OUT/projects/<project-dir>/<session>.jsonl} plus
 * {@code <session>/subagents/agent-*.jsonl}) in the real 2.x line format, with every reader defect of FORMATS.md
 * section 1 in a small fraction of files, and {@code OUT/expected.json} holding the totals a correct reader must
 * report under the counting rules of DESIGN.md section 3.
 *
 * <p>One session in {@value CodexCorpusGenerator#SHARE} (index 1, 9, 17, ...) is a Codex CLI session instead,
 * written by {@link CodexCorpusGenerator} under {@code OUT/codex/} (a {@code CODEX_HOME}: {@code sessions/} and
 * {@code archived_sessions/}); its totals are the {@code "codex"} object of expected.json, every other total there
 * is the Claude part alone. Ingest both with the roots {@code OUT} and {@code OUT/codex}: a root holding
 * {@code projects/} is read as a Claude config dir, so {@code OUT} alone finds only the Claude part.
 *
 * <p>The totals are tallied while writing, from the generator's own knowledge of which lines are the kept copy of
 * each response; nothing is re-read. Output depends only on the options: one {@link SplittableRandom} seeded from
 * {@code seed}, no clock, no hash-order iteration. JSON text is written by hand into byte buffers so a gigabyte
 * takes seconds: most bytes are copies from pre-escaped text pools, cut only at line ends of the pool so a copy
 * never splits an escape sequence or a UTF-8 character.
 */
public final class CorpusGenerator {

    /**
     * @param out         config dir to create; {@code out/projects} and {@code out/codex/sessions} must be absent or
     *                    empty
     * @param sessions    number of main sessions, Claude and Codex (a minimum when {@code targetBytes > 0})
     * @param seed        same seed, same options: byte-identical output
     * @param targetBytes 0 to ignore; else sessions are added until about this many bytes are written
     */
    public record Options(Path out, int sessions, long seed, long targetBytes) {
    }

    /** What was written: .jsonl files and their bytes (expected.json not included), main sessions (both agents). */
    public record Result(long files, long bytes, long sessions, Path expectedFile) {
    }

    /** The model of some Codex sessions that no price table lists, so that reports must show it as unpriced. */
    public static final String UNPRICED_CODEX_MODEL = "gpt-6-codex-nightly";

    private CorpusGenerator() {
    }

    public static Result generate(Options options) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(options.out(), "options.out");
        if (options.sessions() < 0 || options.targetBytes() < 0) {
            throw new IllegalArgumentException("sessions and targetBytes must be >= 0");
        }
        return new Run(options).execute();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Constants of the corpus shape

    static final long DAY_MS = 86_400_000L;
    /** Exclusive end of the time range: the corpus covers 2026-09-01 .. 2026-10-31 (UTC). */
    static final long END_MS = LocalDate.of(2026, 11, 1).toEpochDay() * DAY_MS;
    static final int RANGE_DAYS = 61;

    private static final String SONNET_45 = "claude-sonnet-4-5-20250929";
    private static final String OPUS_46 = "claude-opus-4-6";
    private static final String HAIKU_45 = "claude-haiku-4-5-20251001";
    private static final String SONNET_4 = "claude-sonnet-4-20250514";
    private static final String SYNTHETIC = "<synthetic>";
    private static final String GLM = "glm-4.6";

    private static final String[] VERSIONS_21 = {"2.1.39", "2.1.42", "2.1.50", "2.1.63", "2.1.70", "2.1.88"};
    private static final String[] VERSIONS_10 = {"1.0.98", "1.0.108", "1.0.17"};

    /** Candidate working directories; 8 to 12 of them are used per corpus. Some show the lossy dir-name mapping. */
    private static final String[] PROJECT_PATHS = {
        "/home/dev/shop-api", "/home/dev/shop-web", "/home/dev/infra/terraform", "/home/dev/data-pipeline",
        "/home/dev/ml_notebooks", "/home/dev/docs.site", "/home/dev/cli-tools", "/home/dev/mobile-app",
        "/home/dev/auth-service", "/home/dev/billing worker", "/home/dev/blog", "/home/dev/dotfiles",
        "/home/dev/café-menu"};
    private static final String[] BRANCHES = {"main", "main", "main", "develop", "feature/cart-coupons",
        "fix/flaky-checkout", "feat/oauth-login", "HEAD", "", "chore/deps"};

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] LF = {'\n'};
    private static final byte[] CRLF = {'\r', '\n'};
    private static final char[] BASE62 =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * Special contents and defects. Session {@code i < values().length} is forced to carry feature {@code i}, so
     * every corpus of at least that many sessions has each one at least once; later sessions draw them at random.
     * RESUMED_COPY must not be first: it copies history of the session before it.
     */
    private enum Feature {
        BOM(0.006), CRLF(0.006), TRUNCATED_TAIL(0.008),
        // extra lines inserted in the middle of a main file
        BLANK_LINES(0.006), NOT_OBJECTS(0.004), CUT_RECORD(0.004), GLUED_RECORDS(0.004), UNKNOWN_TYPE(0.01),
        NO_MESSAGE_ID(0.004),
        // quirks of one response that still counts
        INVALID_UTF8(0.006), ODD_ESCAPES(0.006), PRETTY_SPACING(0.004), REORDERED_FIELDS(0.004),
        NULL_COUNTER(0.006), NO_TYPE(0.004), NO_REQUEST_ID(0.01), HUGE_LINE(0.003),
        // duplicates across files
        RESUMED_COPY(0.02), SIDECHAIN_REPLAY(0.01),
        // legitimate but rare content, forced once so small corpora have it
        SYNTHETIC(0.03), GLM_TURNS(0.01), SUBAGENT(0.0), COMPACTION(0.0), LONG_CONTEXT(0.0), MIDNIGHT(0.04),
        LEGACY(0.12);

        final double probability;

        Feature(double probability) {
            this.probability = probability;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The run: shared pools, tallies and the session loop

    private static final class Run {
        final Options options;
        final SplittableRandom master;
        final TextPool code;
        final TextPool prose;
        final byte[] base64;
        final Project[] projects;
        final double[] projectWeights;
        final Tally tally = new Tally();
        final Buf line = new Buf(1 << 16);
        final Buf aux = new Buf(1 << 16);
        final Buf block = new Buf(1 << 14);
        long files;
        long bytes;
        long sessions;

        Run(Options options) {
            this.options = options;
            this.master = new SplittableRandom(options.seed());
            this.code = TextPool.build(master.split(), 4 << 20, false);
            this.prose = TextPool.build(master.split(), 1 << 20, true);
            this.base64 = base64Pool(master.split(), 64 << 10);
            this.projects = pickProjects(master);
            this.projectWeights = new double[projects.length];
            for (int i = 0; i < projects.length; i++) {
                projectWeights[i] = 1.0 / (i + 1); // a few projects get most of the work, like real archives
            }
        }

        Result execute() throws IOException {
            Path projectsDir = options.out().resolve("projects");
            refuseNonEmpty(projectsDir);
            Files.createDirectories(projectsDir);
            CodexCorpusGenerator codex = new CodexCorpusGenerator(options.out(), master.split(), code, prose);
            EnumSet<Feature> next = plan(0);
            Capture previous = null;
            int claude = 0; // Claude sessions so far: features are planned by this index, not the session index
            for (long i = 0; i < options.sessions()
                    || (options.targetBytes() > 0 && bytes + codex.bytes < options.targetBytes()); i++) {
                if (CodexCorpusGenerator.isCodexSession(i)) {
                    codex.session(master.split(), pick(master, projects, projectWeights));
                    sessions++;
                    continue;
                }
                EnumSet<Feature> current = next;
                next = plan(++claude); // looked up one ahead: a session that is resumed next must record its history
                Project project = current.contains(Feature.RESUMED_COPY) && previous != null
                    ? previous.project() : pick(master, projects, projectWeights);
                SessionGen session = new SessionGen(this, master.split(), project, current,
                    next.contains(Feature.RESUMED_COPY));
                previous = session.write(current.contains(Feature.RESUMED_COPY) ? previous : null);
                sessions++;
            }
            Path expected = options.out().resolve("expected.json");
            Files.writeString(expected, tally.toJson(options.seed(), files + codex.files, bytes + codex.bytes, codex),
                StandardCharsets.UTF_8);
            return new Result(files + codex.files, bytes + codex.bytes, sessions, expected);
        }

        private EnumSet<Feature> plan(int index) {
            EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
            Feature[] all = Feature.values();
            if (index < all.length) {
                set.add(all[index]);
            }
            for (Feature f : all) {
                if (master.nextDouble() < f.probability) {
                    set.add(f);
                }
            }
            if (index == 0) {
                set.remove(Feature.RESUMED_COPY);
            }
            return set;
        }

        private static void refuseNonEmpty(Path dir) throws IOException {
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    if (entries.iterator().hasNext()) {
                        // expected.json must describe exactly the files present, so never mix with an old corpus
                        throw new FileAlreadyExistsException(dir.toString(), null, "not empty");
                    }
                }
            }
        }

        private static Project[] pickProjects(SplittableRandom r) {
            String[] paths = PROJECT_PATHS.clone();
            shuffle(r, paths);
            Project[] out = new Project[8 + r.nextInt(5)];
            for (int i = 0; i < out.length; i++) {
                out[i] = new Project(paths[i], dirName(paths[i]));
            }
            return out;
        }
    }

    /** A working directory and its lossy directory name under {@code projects/}. */
    record Project(String cwd, String dirName) {
    }

    /** Lines of a session kept for the next session, which resumes it by copying them (same message ids). */
    private record Capture(Project project, List<byte[]> lines) {
    }

    /** Claude Code's rule: every character outside [A-Za-z0-9] becomes '-'. */
    static String dirName(String cwd) {
        StringBuilder sb = new StringBuilder(cwd.length());
        for (int i = 0; i < cwd.length(); i++) {
            char c = cwd.charAt(i);
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            sb.append(keep ? c : '-');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------------------
    // One conversation: the main chain of a session, or a sidechain (sub-agent, compaction call, side question)

    private static final class Conv {
        final JsonlFile out;
        final boolean sidechain;
        final String agentId;
        final String sessionId;
        final String cwd;
        final String version;
        final String branch; // null: field absent (1.0.x files)
        final boolean legacy;
        String lastUuid;
        /** Tokens in the prompt cache after the previous request (0: nothing cached yet). */
        long cached;
        /** Tokens added to the context since the previous request: its output, tool results, prompts. */
        long pending;
        long compactAt;
        Conv echoTo; // parent conversation that receives agent_progress copies of our assistant lines
        String echoToolId;
        String echoPrompt;

        Conv(JsonlFile out, boolean sidechain, String agentId, Conv like) {
            this(out, sidechain, agentId, like.sessionId, like.cwd, like.version, like.branch, like.legacy);
        }

        Conv(JsonlFile out, boolean sidechain, String agentId, String sessionId, String cwd, String version,
                String branch, boolean legacy) {
            this.out = out;
            this.sidechain = sidechain;
            this.agentId = agentId;
            this.sessionId = sessionId;
            this.cwd = cwd;
            this.version = version;
            this.branch = branch;
            this.legacy = legacy;
        }
    }

    /** One API response: written as one line per content block, all lines with the same id and usage. */
    private static final class Resp {
        String id; // null: the line has no message.id (counted on its own)
        String requestId; // null: field absent
        String model;
        long input;
        long read;
        long w5;
        long w1h;
        long output;
        boolean ttlSplit = true; // write the cache_creation object
        boolean nullWrites;
        boolean synthetic;
        boolean noType;
        boolean pretty;
        boolean reordered;
        final List<Block> blocks = new ArrayList<>(4);
        long[] times;
        String[] uuids;
        long[] outs;

        int last() {
            return blocks.size() - 1;
        }

        Resp copy() {
            Resp c = new Resp();
            c.id = id;
            c.requestId = requestId;
            c.model = model;
            c.input = input;
            c.read = read;
            c.w5 = w5;
            c.w1h = w1h;
            c.output = output;
            c.ttlSplit = ttlSplit;
            c.blocks.addAll(blocks);
            c.times = times.clone();
            c.uuids = uuids.clone();
            c.outs = outs.clone();
            return c;
        }
    }

    /** A pre-rendered content block; tool_use blocks also remember what the tool result needs. */
    private record Block(byte[] json, String toolId, String tool, String detail) {
        boolean isTool() {
            return toolId != null;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Session writer

    private static final class SessionGen {
        private static final String[] MAIN_TOOLS = {"Bash", "Bash", "Bash", "Bash", "Bash", "Bash", "Read", "Read",
            "Read", "Read", "Read", "Edit", "Edit", "Edit", "Grep", "Grep", "Glob", "Write", "TodoWrite", "WebFetch",
            "Task"};
        private static final String[] SUB_TOOLS = {"Bash", "Read", "Read", "Read", "Grep", "Grep", "Glob",
            "WebFetch"};

        final Run run;
        final SplittableRandom r;
        final EnumSet<Feature> features;
        final Project project;
        final String sessionId;
        final boolean legacy;
        final Path sessionDir;
        final List<byte[]> capture;
        JsonlFile mainFile;
        Conv main;
        String model;
        long clock;
        Resp lastPlain;
        int glmLeft;

        SessionGen(Run run, SplittableRandom r, Project project, EnumSet<Feature> features, boolean recordHistory) {
            this.run = run;
            this.r = r;
            this.project = project;
            this.features = features;
            this.sessionId = uuid(r);
            this.legacy = features.contains(Feature.LEGACY);
            this.sessionDir = run.options.out().resolve("projects").resolve(project.dirName());
            this.capture = recordHistory ? new ArrayList<>() : null;
        }

        Capture write(Capture resumeFrom) throws IOException {
            int n = responseCount();
            clock = startTime(n);
            model = legacy ? (r.nextDouble() < 0.85 ? SONNET_4 : SONNET_45) : mainModel();
            String version = legacy ? pick(r, VERSIONS_10) : pick(r, VERSIONS_21);
            String branch = legacy ? null : pick(r, BRANCHES);
            mainFile = new JsonlFile(run, sessionDir.resolve(sessionId + ".jsonl"), has(Feature.BOM),
                has(Feature.CRLF));
            main = new Conv(mainFile, false, null, sessionId, project.cwd(), version, branch, legacy);
            main.compactAt = compactThreshold();
            if (resumeFrom != null) {
                copyHistory(resumeFrom);
            }
            sessionStart();
            conversation(n);
            finish();
            return capture == null ? null : new Capture(project, capture);
        }

        private boolean has(Feature f) {
            return features.contains(f);
        }

        /** Heavy tail: most sessions 1-20 responses, some hundreds, a very few thousands. */
        private int responseCount() {
            int n;
            if (r.nextDouble() < 0.03) {
                n = (int) Math.min(4000, 100 * StrictMath.pow(1 - r.nextDouble(), -1 / 1.1));
            } else {
                n = (int) Math.min(400, Math.max(1, lognormal(r, 7, 1.0)));
            }
            return has(Feature.MIDNIGHT) ? Math.max(n, 12) : n;
        }

        private long startTime(int n) {
            long estimate = n * 45_000L;
            long day = r.nextInt(RANGE_DAYS - 1); // a session starting at 23:58 on the last day would leave the range
            long second;
            if (has(Feature.MIDNIGHT)) {
                second = 23 * 3600 + 58 * 60 + 20 + r.nextInt(90); // ends well after 00:00 UTC
            } else if (r.nextDouble() < 0.7) {
                second = 7 * 3600 + r.nextInt(12 * 3600);
            } else {
                second = r.nextInt(24 * 3600);
            }
            long t = END_MS - RANGE_DAYS * DAY_MS + day * DAY_MS + second * 1000 + r.nextInt(1000);
            if (!has(Feature.MIDNIGHT) && t + estimate > END_MS) {
                t = Math.max(END_MS - RANGE_DAYS * DAY_MS, END_MS - estimate - r.nextInt(6 * 3600_000));
            }
            return t;
        }

        private String mainModel() {
            double u = r.nextDouble();
            return u < 0.45 ? SONNET_45 : u < 0.80 ? OPUS_46 : u < 0.92 ? HAIKU_45 : SONNET_4;
        }

        private long compactThreshold() {
            return 140_000 + r.nextInt(35_000);
        }

        // ---------------------------------------------------------------------------------------- session body

        private void sessionStart() throws IOException {
            if (legacy && r.nextDouble() < 0.3) {
                summaryLine();
            }
            if (!legacy) {
                int hooks = r.nextInt(3);
                for (int i = 0; i < hooks; i++) {
                    hookProgress(main, "SessionStart", "SessionStart:startup", pick(r, Text.HOOK_COMMANDS), null);
                }
            }
            if (r.nextDouble() < 0.25) {
                metaCommand();
            }
        }

        private void conversation(int n) throws IOException {
            int defectAt = n / 2;
            boolean needPrompt = true;
            for (int i = 0; i < n; i++) {
                boolean atDefect = i == defectAt;
                if (atDefect) {
                    insertDefectLines();
                }
                if (main.cached > main.compactAt || (atDefect && has(Feature.COMPACTION))) {
                    compact();
                }
                if (atDefect && has(Feature.SYNTHETIC)) {
                    if (needPrompt) {
                        humanPrompt();
                    }
                    syntheticReply(); // the request failed locally; the user asks again
                    needPrompt = true;
                }
                if (needPrompt) {
                    humanPrompt();
                    if (r.nextDouble() < 0.002) {
                        syntheticReply();
                        humanPrompt();
                    }
                }
                Resp resp = mainResponse(atDefect, i == n - 1);
                writeResponse(main, resp, true);
                boolean tools = runTools(main, resp);
                if (!tools) {
                    turnEnd(resp);
                }
                needPrompt = !tools;
            }
        }

        private void finish() throws IOException {
            if (has(Feature.SIDECHAIN_REPLAY) && lastPlain != null) {
                sideQuestion(lastPlain);
            }
            if (r.nextDouble() < 0.15) {
                summaryLine();
            }
            if (has(Feature.TRUNCATED_TAIL)) {
                // the process died while appending: a response line cut off, no newline; never counted
                Resp phantom = detachedResponse(main);
                renderLine(run.line, main, phantom, 0, main.lastUuid);
                mainFile.unterminated(run.line, cutPoint(run.line));
                run.tally.truncatedTails++;
            }
            mainFile.close();
        }

        /** A resumed session starts with copies of the previous session's lines: same ids, same usage. */
        private void copyHistory(Capture from) throws IOException {
            summaryLine();
            for (byte[] line : from.lines()) {
                mainFile.line(line, 0, line.length);
            }
        }

        // ------------------------------------------------------------------------------------ responses

        private Resp mainResponse(boolean atDefect, boolean last) {
            if (atDefect && has(Feature.GLM_TURNS)) {
                glmLeft = 2 + r.nextInt(4);
            }
            if (r.nextDouble() < 0.004) {
                model = legacy ? SONNET_45 : mainModel(); // /model switch, or fallback
            }
            String m = model;
            if (glmLeft > 0) {
                glmLeft--;
                m = GLM;
            }
            String forcedTool = null;
            if (atDefect && has(Feature.HUGE_LINE)) {
                forcedTool = "Write";
            } else if (atDefect && has(Feature.SUBAGENT)) {
                forcedTool = "Task";
            }
            int tools = last && forcedTool == null ? 0 : toolCount();
            if (forcedTool != null) {
                tools = Math.max(tools, 1);
            }
            boolean longContext = (atDefect && has(Feature.LONG_CONTEXT)) || r.nextDouble() < 0.003;
            Block text = atDefect && (has(Feature.INVALID_UTF8) || has(Feature.ODD_ESCAPES))
                ? oddTextBlock(has(Feature.INVALID_UTF8), has(Feature.ODD_ESCAPES)) : null;
            Resp resp = newResponse(main, m, tools, forcedTool, MAIN_TOOLS, text, longContext);
            if (longContext) {
                main.compactAt = 0; // the harness compacts right after a request this large
            }
            if (atDefect) {
                applyQuirks(resp);
            }
            if (isPlain(resp)) {
                lastPlain = resp;
            }
            return resp;
        }

        private int toolCount() {
            if (r.nextDouble() >= 0.62) {
                return 0;
            }
            return r.nextDouble() < 0.15 ? 2 : 1;
        }

        private boolean isPlain(Resp resp) {
            return resp.id != null && resp.requestId != null && !resp.noType && !resp.nullWrites && !resp.synthetic
                && !GLM.equals(resp.model);
        }

        /** Quirks of the one response at the defect point; the response still counts. */
        private void applyQuirks(Resp resp) {
            resp.pretty = has(Feature.PRETTY_SPACING);
            resp.reordered = has(Feature.REORDERED_FIELDS);
            resp.noType = has(Feature.NO_TYPE);
            if (has(Feature.NO_REQUEST_ID)) {
                resp.requestId = null;
            }
            if (has(Feature.NULL_COUNTER)) {
                resp.nullWrites = true; // "cache_creation_input_tokens":null reads as 0
                resp.ttlSplit = false;
                resp.w5 = 0;
                resp.w1h = 0;
            }
        }

        /**
         * Builds a response in conversation {@code c} and advances its context: cache reads grow with the session,
         * new tokens are written, and now and then the cache misses and everything is written again.
         */
        private Resp newResponse(Conv c, String m, int tools, String forcedTool, String[] toolChoices,
                Block text, boolean longContext) {
            Resp resp = new Resp();
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
                resp.blocks.add(toolUseBlock(c, tool, "Write".equals(forcedTool) && t == 0 && has(Feature.HUGE_LINE)));
            }
            usage(c, resp, longContext, true);
            outputs(resp);
            timeLines(resp, clock + 800 + lognormal(r, 2500, 0.8));
            c.pending += resp.output;
            return resp;
        }

        /** A response that never reaches the kept data (cut or glued line): does not touch the context. */
        private Resp detachedResponse(Conv c) {
            Resp resp = new Resp();
            resp.model = model;
            resp.id = messageId(r);
            resp.requestId = requestId(r);
            resp.blocks.add(textBlock());
            usage(c, resp, false, false);
            resp.output = 20 + r.nextInt(400);
            resp.outs = new long[] {resp.output};
            timeLines(resp, clock + 500);
            return resp;
        }

        private void usage(Conv c, Resp resp, boolean longContext, boolean advance) {
            long read;
            long write;
            if (c.cached == 0) {
                // first request of a conversation: system prompt and tools, often already cached by another session
                long base = c.sidechain ? 3_000 + r.nextInt(12_000) : 9_000 + r.nextInt(16_000);
                read = r.nextDouble() < 0.6 ? base * (60 + r.nextInt(35)) / 100 : 0;
                write = base - read + c.pending;
            } else if (r.nextDouble() < 0.015) {
                read = r.nextInt((int) Math.min(5_000, c.cached)); // cache expired: read drops, writes jump
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
            }
        }

        /** 2.1 files mix 1 h and 5 m writes (about 60/40); 1.0.x files and gateways have no split object. */
        private void splitWrites(Conv c, Resp resp, long write) {
            if (c.legacy || GLM.equals(resp.model)) {
                resp.ttlSplit = false;
                resp.w5 = write;
                return;
            }
            double u = r.nextDouble();
            if (u < 0.55) {
                resp.w1h = write;
            } else if (u < 0.9) {
                resp.w5 = write;
            } else {
                resp.w1h = write * r.nextInt(101) / 100;
                resp.w5 = write - resp.w1h;
            }
        }

        /** Early lines carry the stream-start snapshot (1-10 output tokens), the last line the final count. */
        private void outputs(Resp resp) {
            long content = 0;
            for (Block b : resp.blocks) {
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

        private void timeLines(Resp resp, long start) {
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

        private void writeResponse(Conv c, Resp resp, boolean count) throws IOException {
            String parent = c.lastUuid;
            for (int k = 0; k <= resp.last(); k++) {
                Buf b = run.line;
                renderLine(b, c, resp, k, k == 0 ? parent : resp.uuids[k - 1]);
                if (k == resp.last() && resp.pretty) {
                    prettify(b, run.aux);
                    b = run.aux;
                }
                emit(c, b, resp.id != null);
                if (c.echoTo != null) {
                    echo(c, resp, k);
                }
            }
            c.lastUuid = resp.uuids[resp.last()];
            clock = resp.times[resp.last()];
            if (count) {
                run.tally.count(resp);
            }
        }

        private void syntheticReply() throws IOException {
            Resp resp = new Resp();
            resp.synthetic = true;
            resp.model = SYNTHETIC;
            resp.id = uuid(r); // local placeholders carry a UUID, not a msg_ id
            resp.ttlSplit = false;
            run.block.reset().ascii("{\"type\":\"text\",\"text\":").str(pick(r, Text.SYNTHETIC_TEXTS)).ascii("}");
            resp.blocks.add(new Block(run.block.toArray(), null, null, null));
            timeLines(resp, clock + 300 + r.nextInt(3000));
            writeResponse(main, resp, true);
        }

        // ------------------------------------------------------------------------------------ content blocks

        private Block thinkingBlock() {
            Buf b = run.block.reset();
            b.ascii("{\"type\":\"thinking\",\"thinking\":\"");
            run.prose.append(b, r, (int) Math.min(20_000, lognormal(r, 600, 0.9)));
            b.ascii("\",\"signature\":\"Eq");
            int sig = 200 + r.nextInt(1200);
            b.bytes(run.base64, r.nextInt(run.base64.length - sig), sig);
            b.ascii("\"}");
            return new Block(b.toArray(), null, null, null);
        }

        private Block textBlock() {
            Buf b = run.block.reset();
            b.ascii("{\"type\":\"text\",\"text\":\"");
            run.prose.append(b, r, (int) Math.min(8_000, lognormal(r, 220, 0.9)));
            b.ascii("\"}");
            return new Block(b.toArray(), null, null, null);
        }

        /** Text with invalid UTF-8 bytes and/or a lone surrogate escape and an escaped NUL inside the string. */
        private Block oddTextBlock(boolean invalidUtf8, boolean oddEscapes) {
            Buf b = run.block.reset();
            b.ascii("{\"type\":\"text\",\"text\":\"").esc("Output of the legacy tool: ", false);
            if (invalidUtf8) {
                b.bytes(new byte[] {(byte) 0xC3, '(', (byte) 0xFF, (byte) 0xFE, (byte) 0x80}, 0, 5);
                b.esc(" (bytes copied from a Latin-1 file) ", false);
            }
            if (oddEscapes) {
                b.ascii("half an emoji \\ud83d, a NUL \\u0000 and a tab\\t");
            }
            b.esc(" done. café ✅", false).ascii("\"}");
            return new Block(b.toArray(), null, null, null);
        }

        private Block toolUseBlock(Conv c, String tool, boolean huge) {
            String id = "toolu_01" + base62(r, 22);
            Buf b = run.block.reset();
            b.ascii("{\"type\":\"tool_use\",\"id\":\"").ascii(id).ascii("\",\"name\":\"").ascii(tool)
                .ascii("\",\"input\":{");
            String detail = toolInput(b, c, tool, huge);
            b.ascii("}}");
            return new Block(b.toArray(), id, tool, detail);
        }

        /** Writes the tool's input fields; returns what the result line needs (a path, or the Task prompt). */
        private String toolInput(Buf b, Conv c, String tool, boolean huge) {
            String path = c.cwd + "/" + pick(r, Text.FILES);
            switch (tool) {
                case "Bash" -> b.ascii("\"command\":").str(pick(r, Text.COMMANDS)).ascii(",\"description\":")
                    .str(pick(r, Text.COMMAND_DESCRIPTIONS));
                case "Read" -> b.ascii("\"file_path\":").str(path);
                case "Edit" -> {
                    b.ascii("\"file_path\":").str(path).ascii(",\"old_string\":\"");
                    run.code.append(b, r, 40 + r.nextInt(600));
                    b.ascii("\",\"new_string\":\"");
                    run.code.append(b, r, 40 + r.nextInt(900));
                    b.ascii("\"");
                }
                case "Write" -> {
                    b.ascii("\"file_path\":").str(path).ascii(",\"content\":\"");
                    run.code.append(b, r, huge ? 1_100_000 + r.nextInt(300_000)
                        : (int) Math.min(60_000, lognormal(r, 1500, 1.0)));
                    b.ascii("\"");
                }
                case "Grep" -> b.ascii("\"pattern\":").str(pick(r, Text.PATTERNS)).ascii(",\"path\":").str(c.cwd)
                    .ascii(",\"output_mode\":\"content\"");
                case "Glob" -> b.ascii("\"pattern\":\"**/*.").ascii(pick(r, Text.EXTENSIONS)).ascii("\"");
                case "TodoWrite" -> b.ascii("\"todos\":[{\"content\":").str(pick(r, Text.TODOS))
                    .ascii(",\"status\":\"in_progress\",\"activeForm\":").str(pick(r, Text.TODOS)).ascii("}]");
                case "WebFetch" -> b.ascii("\"url\":").str(pick(r, Text.URLS)).ascii(",\"prompt\":")
                    .str("Summarize the parts about configuration");
                case "Task" -> {
                    String prompt = pick(r, Text.TASK_PROMPTS);
                    b.ascii("\"description\":").str(pick(r, Text.TODOS)).ascii(",\"prompt\":").str(prompt)
                        .ascii(",\"subagent_type\":").str(pick(r, Text.AGENT_TYPES));
                    return prompt;
                }
                default -> throw new IllegalStateException(tool);
            }
            return path;
        }

        // ------------------------------------------------------------------------------------ tools and results

        /** Runs the tool calls of a response; returns false when the response ended the turn. */
        private boolean runTools(Conv c, Resp resp) throws IOException {
            boolean any = false;
            String source = resp.uuids[resp.last()];
            for (Block block : resp.blocks) {
                if (!block.isTool()) {
                    continue;
                }
                any = true;
                if ("Task".equals(block.tool())) {
                    subagent(c, block, source);
                } else {
                    clock += 100 + Math.min(600_000, lognormal(r, 1500, 1.3));
                    toolResult(c, block, source);
                }
                if (!c.legacy && !c.sidechain && r.nextDouble() < 0.5) {
                    hookProgress(c, "PostToolUse", "PostToolUse:" + block.tool(), pick(r, Text.HOOK_COMMANDS),
                        block.toolId());
                }
            }
            return any;
        }

        /** Tool result sizes: a few bytes to megabytes, heavy-tailed; they make up most of a real corpus. */
        private int resultSize(Conv c) {
            double u = r.nextDouble();
            if (u < 0.0006 && !c.sidechain) {
                return 1_000_000 + r.nextInt(2_000_000);
            }
            if (u < 0.06) {
                return 0; // a tiny fixed answer ("ok", "(no output)")
            }
            return (int) Math.min(c.sidechain ? 200_000 : 3_000_000, lognormal(r, 700, 1.7));
        }

        private void toolResult(Conv c, Block tu, String sourceUuid) throws IOException {
            int size = resultSize(c);
            boolean error = "Bash".equals(tu.tool()) && r.nextDouble() < 0.06;
            long slice = size == 0 ? -1 : run.code.slice(r, size);
            String tiny = size == 0 ? pick(r, Text.TINY_RESULTS) : null;
            String uuid = uuid(r);
            Buf b = run.line;
            head(b.reset(), c, c.lastUuid);
            b.ascii(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"")
                .ascii(tu.toolId()).ascii("\",\"type\":\"tool_result\",\"content\":\"");
            if (error) {
                b.ascii("Error: Exit code 1\\n");
            }
            content(b, slice, tiny);
            b.ascii("\",\"is_error\":").ascii(error ? "true" : "false").ascii("}]},\"uuid\":\"").ascii(uuid)
                .ascii("\",\"timestamp\":\"").ts(clock).ascii("\",\"toolUseResult\":");
            toolUseResult(b, tu, slice, tiny, error);
            b.ascii(",\"sourceToolAssistantUUID\":\"").ascii(sourceUuid).ascii("\"}");
            emit(c, b, true);
            c.lastUuid = uuid;
            c.pending += 20 + Math.min(25_000, (slice < 0 ? 4 : sliceLength(slice)) / 4);
        }

        private void content(Buf b, long slice, String tiny) {
            if (slice < 0) {
                b.esc(tiny, false);
            } else {
                run.code.write(b, slice);
            }
        }

        /** The tool-specific structure next to the result: it repeats the output, as real files do. */
        private void toolUseResult(Buf b, Block tu, long slice, String tiny, boolean error) {
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
                    b.ascii("{\"type\":\"text\",\"file\":{\"filePath\":").str(tu.detail()).ascii(",\"content\":\"");
                    content(b, slice, tiny);
                    long lines = 1 + (slice < 0 ? 0 : sliceLength(slice) / 42);
                    b.ascii("\",\"numLines\":").num(lines).ascii(",\"startLine\":1,\"totalLines\":").num(lines)
                        .ascii("}}");
                }
                case "Edit" -> {
                    b.ascii("{\"filePath\":").str(tu.detail()).ascii(",\"originalFile\":\"");
                    content(b, slice, tiny);
                    b.ascii("\",\"structuredPatch\":[],\"userModified\":false,\"replaceAll\":false}");
                }
                case "WebFetch" -> {
                    b.ascii("{\"bytes\":").num(slice < 0 ? 2 : sliceLength(slice))
                        .ascii(",\"code\":200,\"codeText\":\"OK\",\"result\":\"");
                    content(b, slice, tiny);
                    b.ascii("\",\"durationMs\":").num(200 + r.nextInt(4000)).ascii("}");
                }
                case "Grep" -> {
                    b.ascii("{\"mode\":\"content\",\"numFiles\":0,\"filenames\":[],\"content\":\"");
                    content(b, slice, tiny);
                    b.ascii("\"}");
                }
                case "Glob" -> b.ascii("{\"filenames\":[").str(tu.detail()).ascii("],\"durationMs\":")
                    .num(1 + r.nextInt(90)).ascii(",\"numFiles\":1,\"truncated\":false}");
                case "Write" -> b.ascii("{\"type\":\"create\",\"filePath\":").str(tu.detail())
                    .ascii(",\"structuredPatch\":[]}");
                default -> b.ascii("{\"oldTodos\":[],\"newTodos\":[{\"content\":\"Run the tests\","
                    + "\"status\":\"in_progress\",\"activeForm\":\"Running the tests\"}]}");
            }
        }

        // ------------------------------------------------------------------------------------ sub-agents

        /**
         * A Task call: the sub-agent's own lines go to {@code <session>/subagents/agent-<id>.jsonl} (inline
         * sidechain lines in 1.0.x files) and are echoed into the parent as agent_progress lines, which must not
         * be counted; the parent then gets the tool result with a usage copy that must not be counted either.
         */
        private void subagent(Conv parent, Block task, String sourceUuid) throws IOException {
            String agentId = "a" + hex(r, 16);
            JsonlFile file = parent.legacy ? null : new JsonlFile(run,
                subagentPath("agent-" + agentId + ".jsonl"), false, false);
            Conv sub = new Conv(file == null ? parent.out : file, true, file == null ? null : agentId, parent);
            sub.compactAt = Long.MAX_VALUE;
            if (file != null) {
                sub.echoTo = parent;
                sub.echoToolId = task.toolId();
                sub.echoPrompt = task.detail();
            }
            clock += 200 + r.nextInt(800);
            userPrompt(sub, task.detail(), true, false);
            String subModel = r.nextDouble() < 0.5 ? HAIKU_45 : r.nextDouble() < 0.6 ? SONNET_45 : model;
            int n = (int) Math.min(60, 1 + lognormal(r, 5, 0.8));
            Resp lastResp = null;
            int toolCalls = 0;
            long tokens = 0;
            for (int i = 0; i < n; i++) {
                int tools = i == n - 1 ? 0 : (r.nextDouble() < 0.8 ? 1 : 2);
                lastResp = newResponse(sub, subModel, tools, null, SUB_TOOLS, null, false);
                writeResponse(sub, lastResp, true);
                toolCalls += tools;
                tokens = lastResp.input + lastResp.read + lastResp.w5 + lastResp.w1h + lastResp.output;
                runTools(sub, lastResp);
            }
            if (file != null) {
                file.close();
            }
            taskResult(parent, task, sourceUuid, agentId, lastResp, toolCalls, tokens);
        }

        private void taskResult(Conv c, Block task, String sourceUuid, String agentId, Resp last, int toolCalls,
                long tokens) throws IOException {
            String uuid = uuid(r);
            clock += 300 + r.nextInt(1500);
            Buf b = run.line;
            head(b.reset(), c, c.lastUuid);
            b.ascii(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"")
                .ascii(task.toolId()).ascii("\",\"type\":\"tool_result\",\"content\":[{\"type\":\"text\",\"text\":\"");
            long slice = run.prose.slice(r, 300 + r.nextInt(3000));
            run.prose.write(b, slice);
            b.ascii("\"}]}]},\"uuid\":\"").ascii(uuid).ascii("\",\"timestamp\":\"").ts(clock)
                .ascii("\",\"toolUseResult\":{\"status\":\"completed\",\"prompt\":").str(task.detail())
                .ascii(",\"agentId\":\"").ascii(agentId).ascii("\",\"content\":[{\"type\":\"text\",\"text\":\"");
            run.prose.write(b, slice);
            b.ascii("\"}],\"totalDurationMs\":").num(5_000 + r.nextInt(300_000)).ascii(",\"totalTokens\":").num(tokens)
                .ascii(",\"totalToolUseCount\":").num(toolCalls).ascii(",\"usage\":");
            usageObject(b, last, last.output, false, false);
            b.ascii("},\"sourceToolAssistantUUID\":\"").ascii(sourceUuid).ascii("\"}");
            emit(c, b, true);
            c.lastUuid = uuid;
            c.pending += 100 + sliceLength(slice) / 4;
        }

        private Path subagentPath(String name) {
            return sessionDir.resolve(sessionId).resolve("subagents").resolve(name);
        }

        /** An agent_progress line in the parent carrying a full copy of a sub-agent assistant line. */
        private void echo(Conv sub, Resp resp, int k) throws IOException {
            Conv p = sub.echoTo;
            String uuid = uuid(r);
            Buf b = run.aux;
            head(b.reset(), p, p.lastUuid);
            b.ascii(",\"type\":\"progress\",\"data\":{\"message\":{\"type\":\"assistant\",\"timestamp\":\"")
                .ts(resp.times[k]).ascii("\",\"message\":");
            message(b, sub, resp, k, false);
            if (resp.requestId != null) {
                b.ascii(",\"requestId\":\"").ascii(resp.requestId).ascii("\"");
            }
            b.ascii(",\"uuid\":\"").ascii(resp.uuids[k]).ascii("\"},\"normalizedMessages\":[],")
                .ascii("\"type\":\"agent_progress\",\"prompt\":").str(sub.echoPrompt).ascii(",\"agentId\":\"")
                .ascii(sub.agentId).ascii("\"},\"toolUseID\":\"agent_msg_01").ascii(base62(r, 22))
                .ascii("\",\"parentToolUseID\":\"").ascii(sub.echoToolId).ascii("\",\"uuid\":\"").ascii(uuid)
                .ascii("\",\"timestamp\":\"").ts(resp.times[k]).ascii("\"}");
            emit(p, b, true);
            p.lastUuid = uuid;
        }

        /**
         * A side question (/btw): a sidechain file replays a main-chain response with the same message.id, a new
         * requestId and a larger cache read (dropped: the main-chain line is the billed one), then asks its own
         * question (a distinct response, counted).
         */
        private void sideQuestion(Resp original) throws IOException {
            String agentId = "a" + hex(r, 16);
            try (JsonlFile file = new JsonlFile(run, subagentPath("agent-" + agentId + ".jsonl"), false, false)) {
                Conv side = new Conv(file, true, agentId, main);
                Resp replay = original.copy();
                replay.requestId = requestId(r);
                replay.read += 1_000 + r.nextInt(20_000);
                int k = replay.last();
                clock += 2_000 + r.nextInt(60_000);
                replay.times[k] = clock;
                replay.uuids[k] = uuid(r);
                renderLine(run.line, side, replay, k, null);
                file.line(run.line);
                side.lastUuid = replay.uuids[k];
                side.cached = original.read + original.w5 + original.w1h;
                userPrompt(side, "btw, " + pick(r, Text.PROMPTS), false, false);
                writeResponse(side, newResponse(side, model, 0, null, SUB_TOOLS, null, false), true);
            }
        }

        // ------------------------------------------------------------------------------------ compaction

        /** 2.x compaction: the summarizer call (an acompact sidechain), a boundary line, the summary user line. */
        private void compact() throws IOException {
            long pre = main.cached + main.pending;
            if (!legacy) {
                String agentId = "acompact-" + hex(r, 6);
                try (JsonlFile file = new JsonlFile(run, subagentPath("agent-" + agentId + ".jsonl"), false, false)) {
                    Conv sub = new Conv(file, true, agentId, main);
                    sub.cached = main.cached;
                    sub.pending = main.pending + 300;
                    clock += 1_000;
                    userPrompt(sub, Text.COMPACT_PROMPT, true, false);
                    writeResponse(sub, newResponse(sub, model, 0, null, SUB_TOOLS, null, false), true);
                }
            }
            clock += 20_000 + r.nextInt(60_000);
            String boundary = uuid(r);
            Buf b = run.line;
            head(b.reset(), main, null);
            b.ascii(",\"logicalParentUuid\":").strOrNull(main.lastUuid)
                .ascii(",\"type\":\"system\",\"subtype\":\"compact_boundary\",\"content\":\"Conversation compacted\"")
                .ascii(",\"isMeta\":false,\"timestamp\":\"").ts(clock).ascii("\",\"uuid\":\"").ascii(boundary)
                .ascii("\",\"level\":\"info\",\"compactMetadata\":{\"trigger\":\"auto\",\"preTokens\":").num(pre)
                .ascii("}}");
            emit(main, b, true);
            main.lastUuid = boundary;
            String uuid = uuid(r);
            head(b.reset(), main, boundary);
            b.ascii(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"")
                .esc(Text.COMPACT_SUMMARY_START, false);
            long slice = run.prose.slice(r, 3_000 + r.nextInt(12_000));
            run.prose.write(b, slice);
            b.ascii("\"},\"isVisibleInTranscriptOnly\":true,\"isCompactSummary\":true,\"uuid\":\"").ascii(uuid)
                .ascii("\",\"timestamp\":\"").ts(clock + 5).ascii("\"}");
            emit(main, b, true);
            main.lastUuid = uuid;
            main.cached = 0; // next request writes the summary into a fresh cache
            main.pending = sliceLength(slice) / 4;
            main.compactAt = compactThreshold();
        }

        // ------------------------------------------------------------------------------------ user and other lines

        private void humanPrompt() throws IOException {
            clock += 2_000 + Math.min(45 * 60_000, lognormal(r, 40_000, 1.2));
            String uuid = uuid(r);
            if (!legacy) {
                fileHistorySnapshot(uuid);
            }
            String text = pick(r, Text.PROMPTS);
            if (r.nextDouble() < 0.05) {
                text = text + "\n\n```\n" + Text.PASTE + "\n```";
            }
            Buf b = run.line;
            head(b.reset(), main, main.lastUuid);
            b.ascii(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":");
            if (r.nextDouble() < 0.2) {
                b.ascii("[{\"type\":\"text\",\"text\":").str(text).ascii("}]");
            } else {
                b.str(text);
            }
            b.ascii("},\"uuid\":\"").ascii(uuid).ascii("\",\"timestamp\":\"").ts(clock).ascii("\"");
            if (!legacy) {
                b.ascii(",\"thinkingMetadata\":{\"maxThinkingTokens\":31999},\"todos\":[],\"permissionMode\":\"")
                    .ascii(r.nextDouble() < 0.7 ? "default" : "acceptEdits").ascii("\"");
            }
            b.ascii("}");
            emit(main, b, true);
            main.lastUuid = uuid;
            main.pending += 30 + text.length() / 4;
        }

        /** A user line written by the harness: first line of a sidechain ({@code root}), a command or a meta line. */
        private void userPrompt(Conv c, String text, boolean root, boolean meta) throws IOException {
            String uuid = uuid(r);
            Buf b = run.line;
            head(b.reset(), c, root ? null : c.lastUuid);
            b.ascii(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":").str(text).ascii("}");
            if (meta) {
                b.ascii(",\"isMeta\":true");
            }
            b.ascii(",\"uuid\":\"").ascii(uuid).ascii("\",\"timestamp\":\"").ts(clock).ascii("\"}");
            emit(c, b, true);
            c.lastUuid = uuid;
            c.pending += 20 + text.length() / 4;
            if (c.echoTo != null) {
                echoPrompt(c, text, uuid);
            }
        }

        private void echoPrompt(Conv sub, String text, String uuid) throws IOException {
            Conv p = sub.echoTo;
            String own = uuid(r);
            Buf b = run.aux;
            head(b.reset(), p, p.lastUuid);
            b.ascii(",\"type\":\"progress\",\"data\":{\"message\":{\"type\":\"user\",\"message\":{\"role\":\"user\",")
                .ascii("\"content\":[{\"type\":\"text\",\"text\":").str(text).ascii("}]},\"uuid\":\"").ascii(uuid)
                .ascii("\",\"timestamp\":\"").ts(clock).ascii("\"},\"normalizedMessages\":[],")
                .ascii("\"type\":\"agent_progress\",\"prompt\":").str(text).ascii(",\"agentId\":\"")
                .ascii(sub.agentId).ascii("\"},\"toolUseID\":\"agent_msg_01").ascii(base62(r, 22))
                .ascii("\",\"parentToolUseID\":\"").ascii(sub.echoToolId).ascii("\",\"uuid\":\"").ascii(own)
                .ascii("\",\"timestamp\":\"").ts(clock).ascii("\"}");
            emit(p, b, true);
            p.lastUuid = own;
        }

        private void metaCommand() throws IOException {
            clock += 500;
            userPrompt(main, Text.CAVEAT, false, true);
            clock += 10;
            userPrompt(main, "<command-name>/model</command-name>\n<command-message>model</command-message>\n"
                + "<command-args></command-args>", false, false);
            clock += 10;
            userPrompt(main, "<local-command-stdout>Set model to " + model + "</local-command-stdout>", false, false);
        }

        private void fileHistorySnapshot(String messageId) throws IOException {
            Buf b = run.line.reset();
            b.ascii("{\"type\":\"file-history-snapshot\",\"messageId\":\"").ascii(messageId)
                .ascii("\",\"snapshot\":{\"messageId\":\"").ascii(messageId).ascii("\",\"trackedFileBackups\":{");
            if (r.nextDouble() < 0.3) {
                b.str(main.cwd + "/" + pick(r, Text.FILES)).ascii(":{\"backupFileName\":\"").ascii(hex(r, 16))
                    .ascii("@v1\",\"version\":1,\"backupTime\":\"").ts(clock - 1_000).ascii("\"}");
            }
            b.ascii("},\"timestamp\":\"").ts(clock).ascii("\"},\"isSnapshotUpdate\":false}");
            emit(main, b, true);
        }

        private void hookProgress(Conv c, String event, String name, String command, String toolId)
                throws IOException {
            String uuid = uuid(r);
            String id = toolId != null ? toolId : uuid(r);
            clock += 5 + r.nextInt(80);
            Buf b = run.line;
            head(b.reset(), c, c.lastUuid);
            b.ascii(",\"type\":\"progress\",\"data\":{\"type\":\"hook_progress\",\"hookEvent\":\"").ascii(event)
                .ascii("\",\"hookName\":").str(name).ascii(",\"command\":").str(command)
                .ascii("},\"parentToolUseID\":\"").ascii(id).ascii("\",\"toolUseID\":\"").ascii(id)
                .ascii("\",\"timestamp\":\"").ts(clock).ascii("\",\"uuid\":\"").ascii(uuid).ascii("\"}");
            emit(c, b, true);
            c.lastUuid = uuid;
        }

        private void turnEnd(Resp resp) throws IOException {
            if (!legacy && r.nextDouble() < 0.5) {
                String uuid = uuid(r);
                clock += 20 + r.nextInt(200);
                Buf b = run.line;
                head(b.reset(), main, main.lastUuid);
                b.ascii(",\"type\":\"system\",\"subtype\":\"turn_duration\",\"durationMs\":")
                    .num(1_000 + r.nextInt(300_000)).ascii(",\"timestamp\":\"").ts(clock).ascii("\",\"uuid\":\"")
                    .ascii(uuid).ascii("\",\"isMeta\":false}");
                emit(main, b, true);
                main.lastUuid = uuid;
            }
            if (r.nextDouble() < 0.01) {
                unknownTypeLine();
            }
        }

        private void summaryLine() throws IOException {
            Buf b = run.line.reset();
            b.ascii("{\"type\":\"summary\",\"summary\":").str(pick(r, Text.TITLES)).ascii(",\"leafUuid\":\"")
                .ascii(main.lastUuid != null ? main.lastUuid : uuid(r)).ascii("\"}");
            emit(main, b, true);
        }

        private void unknownTypeLine() throws IOException {
            Buf b = run.line.reset();
            b.ascii("{\"type\":\"workspace-telemetry\",\"sessionId\":\"").ascii(sessionId)
                .ascii("\",\"timestamp\":\"").ts(clock).ascii("\",\"payload\":{\"openFiles\":").num(r.nextInt(30))
                .ascii(",\"usage\":{\"input_tokens\":999}}}");
            emit(main, b, false);
        }

        // ------------------------------------------------------------------------------------ defect lines

        /** Lines a robust reader must survive, inserted once in the middle of the main file. */
        private void insertDefectLines() throws IOException {
            if (has(Feature.BLANK_LINES)) {
                mainFile.line(run.line.reset());
                mainFile.line(run.line.reset().ascii("   \t "));
            }
            if (has(Feature.NOT_OBJECTS)) {
                for (String s : new String[] {"42", "\"text\"", "[1]", "null"}) {
                    mainFile.line(run.line.reset().ascii(s));
                    run.tally.notObject++;
                }
            }
            if (has(Feature.UNKNOWN_TYPE)) {
                unknownTypeLine();
            }
            if (has(Feature.NO_MESSAGE_ID)) {
                noMessageId();
            }
            if (has(Feature.CUT_RECORD)) {
                Resp phantom = detachedResponse(main);
                renderLine(run.line, main, phantom, 0, main.lastUuid);
                mainFile.line(run.line.a, 0, cutPoint(run.line));
                run.tally.malformed++;
            }
            if (has(Feature.GLUED_RECORDS)) {
                renderLine(run.line, main, detachedResponse(main), 0, main.lastUuid);
                renderLine(run.aux, main, detachedResponse(main), 0, main.lastUuid);
                run.line.bytes(run.aux.a, 0, run.aux.n); // two concurrent appends without a newline between
                mainFile.line(run.line);
                run.tally.malformed++;
            }
        }

        /** A hand-made style assistant line without message.id: nothing to dedup on, counted on its own. */
        private void noMessageId() throws IOException {
            Resp resp = detachedResponse(main);
            resp.id = null;
            resp.requestId = null;
            clock = resp.times[0];
            writeResponse(main, resp, true);
        }

        /** Somewhere after the start; often after the usage object, so only a real parse can reject it. */
        private int cutPoint(Buf b) {
            return r.nextBoolean() ? b.n - 1 - r.nextInt(Math.min(60, b.n - 1)) : 1 + r.nextInt(b.n - 1);
        }

        // ------------------------------------------------------------------------------------ rendering

        private void emit(Conv c, Buf b, boolean copyable) throws IOException {
            c.out.line(b);
            if (capture != null && copyable && c.out == mainFile && capture.size() < 40 && b.n <= 65_536) {
                capture.add(Arrays.copyOf(b.a, b.n));
            }
        }

        private void head(Buf b, Conv c, String parentUuid) {
            b.ascii("{\"parentUuid\":").strOrNull(parentUuid).ascii(",\"isSidechain\":")
                .ascii(c.sidechain ? "true" : "false").ascii(",\"userType\":\"external\",\"cwd\":").str(c.cwd)
                .ascii(",\"sessionId\":\"").ascii(c.sessionId).ascii("\",\"version\":\"").ascii(c.version)
                .ascii("\"");
            if (c.branch != null) {
                b.ascii(",\"gitBranch\":").str(c.branch);
            }
            if (c.agentId != null) {
                b.ascii(",\"agentId\":\"").ascii(c.agentId).ascii("\"");
            }
        }

        /** Line k of a response, in the 2.x key order (type after message) or a shuffled order. */
        private void renderLine(Buf b, Conv c, Resp resp, int k, String parentUuid) {
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
            b.ascii(",\"uuid\":\"").ascii(resp.uuids[k]).ascii("\",\"timestamp\":\"").ts(resp.times[k]).ascii("\"");
            if (resp.synthetic) {
                b.ascii(",\"error\":\"unknown\",\"isApiErrorMessage\":true");
            }
            b.ascii("}");
        }

        private void renderReordered(Buf b, Conv c, Resp resp, int k, String parentUuid) {
            b.ascii("{");
            if (!resp.noType) {
                b.ascii("\"type\":\"assistant\",");
            }
            b.ascii("\"timestamp\":\"").ts(resp.times[k]).ascii("\",\"uuid\":\"").ascii(resp.uuids[k])
                .ascii("\",\"message\":");
            message(b, c, resp, k, true);
            if (resp.requestId != null) {
                b.ascii(",\"requestId\":\"").ascii(resp.requestId).ascii("\"");
            }
            b.ascii(",\"sessionId\":\"").ascii(c.sessionId).ascii("\",\"cwd\":").str(c.cwd).ascii(",\"parentUuid\":")
                .strOrNull(parentUuid).ascii(",\"version\":\"").ascii(c.version).ascii("\",\"userType\":\"external\"")
                .ascii(",\"isSidechain\":").ascii(c.sidechain ? "true" : "false");
            if (c.agentId != null) {
                b.ascii(",\"agentId\":\"").ascii(c.agentId).ascii("\"");
            }
            b.ascii("}");
        }

        private void message(Buf b, Conv c, Resp resp, int k, boolean reordered) {
            byte[] block = resp.blocks.get(k).json();
            boolean last = k == resp.last();
            if (reordered) {
                b.ascii("{\"usage\":");
                usageObject(b, resp, resp.outs[k], true, false);
                b.ascii(",\"content\":[").bytes(block, 0, block.length).ascii("],\"role\":\"assistant\"");
                idField(b, resp);
                b.ascii(",\"model\":").str(resp.model).ascii(",\"type\":\"message\"}");
                return;
            }
            if (c.legacy) {
                b.ascii("{");
                idFieldFirst(b, resp);
                b.ascii("\"type\":\"message\",\"role\":\"assistant\",\"model\":").str(resp.model);
            } else {
                b.ascii("{\"model\":").str(resp.model);
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

        private static Block block(Resp resp) {
            return resp.blocks.get(resp.last());
        }

        private static void idField(Buf b, Resp resp) {
            if (resp.id != null) {
                b.ascii(",\"id\":\"").ascii(resp.id).ascii("\"");
            }
        }

        private static void idFieldFirst(Buf b, Resp resp) {
            if (resp.id != null) {
                b.ascii("\"id\":\"").ascii(resp.id).ascii("\",");
            }
        }

        private static void usageObject(Buf b, Resp resp, long output, boolean reordered, boolean geo) {
            if (reordered) {
                b.ascii("{\"output_tokens\":").num(output).ascii(",\"cache_read_input_tokens\":").num(resp.read);
                writesTotal(b.ascii(",\"cache_creation_input_tokens\":"), resp);
                b.ascii(",\"input_tokens\":").num(resp.input);
                ttlObject(b, resp);
                b.ascii(",\"service_tier\":\"standard\"}");
                return;
            }
            b.ascii("{\"input_tokens\":").num(resp.input);
            writesTotal(b.ascii(",\"cache_creation_input_tokens\":"), resp);
            b.ascii(",\"cache_read_input_tokens\":").num(resp.read);
            ttlObject(b, resp);
            b.ascii(",\"output_tokens\":").num(output).ascii(",\"service_tier\":")
                .ascii(resp.synthetic ? "null" : "\"standard\"");
            if (geo && !resp.synthetic) {
                b.ascii(",\"inference_geo\":\"not_available\"");
            }
            b.ascii("}");
        }

        private static void writesTotal(Buf b, Resp resp) {
            if (resp.nullWrites) {
                b.ascii("null");
            } else {
                b.num(resp.w5 + resp.w1h);
            }
        }

        private static void ttlObject(Buf b, Resp resp) {
            if (resp.ttlSplit) {
                b.ascii(",\"cache_creation\":{\"ephemeral_5m_input_tokens\":").num(resp.w5)
                    .ascii(",\"ephemeral_1h_input_tokens\":").num(resp.w1h).ascii("}");
            }
        }
    }

    /** Python json.dumps spacing ({@code ": "} and {@code ", "}) applied outside strings, on one line. */
    private static void prettify(Buf src, Buf dst) {
        dst.reset();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < src.n; i++) {
            byte c = src.a[i];
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

    // ------------------------------------------------------------------------------------------------------------
    // Expected totals

    private static final class Tally {
        static final int IN = 0;
        static final int OUT = 1;
        static final int W5 = 2;
        static final int W1H = 3;
        static final int READ = 4;
        static final int RESPONSES = 5;
        static final String[] NAMES = {"input_tokens", "output_tokens", "cache_creation_5m_tokens",
            "cache_creation_1h_tokens", "cache_read_tokens", "responses"};

        final long[] totals = new long[6];
        final TreeMap<Long, long[]> daily = new TreeMap<>();
        final TreeMap<String, long[]> byModel = new TreeMap<>();
        long malformed;
        long notObject;
        long truncatedTails;

        /** The kept line of a response is its last line: it has the final output count and its timestamp. */
        void count(Resp resp) {
            long day = Math.floorDiv(resp.times[resp.last()], DAY_MS);
            add(totals, resp);
            add(daily.computeIfAbsent(day, d -> new long[6]), resp);
            if (!resp.synthetic) {
                add(byModel.computeIfAbsent(resp.model, m -> new long[6]), resp);
            }
        }

        private static void add(long[] t, Resp resp) {
            t[IN] += resp.input;
            t[OUT] += resp.output;
            t[W5] += resp.w5;
            t[W1H] += resp.w1h;
            t[READ] += resp.read;
            t[RESPONSES]++;
        }

        /**
         * {@code files} and {@code bytes} cover every .jsonl file of the corpus; {@code codex} is the Codex part,
         * every other key the Claude part alone.
         */
        String toJson(long seed, long files, long bytes, CodexCorpusGenerator codex) {
            StringBuilder s = new StringBuilder(4096);
            s.append("{\n  \"by_model\": {");
            appendMap(s, byModel, true);
            s.append("},\n  \"bytes\": ").append(bytes).append(",\n  \"codex\": ");
            codex.appendJson(s);
            s.append(",\n  \"daily_utc\": {");
            TreeMap<String, long[]> days = new TreeMap<>();
            daily.forEach((day, t) -> days.put(LocalDate.ofEpochDay(day).toString(), t));
            appendMap(s, days, true);
            s.append("},\n  \"files\": ").append(files)
                .append(",\n  \"rejects\": {\"malformed\": ").append(malformed)
                .append(", \"not_an_object\": ").append(notObject)
                .append("},\n  \"responses\": ").append(totals[RESPONSES])
                .append(",\n  \"seed\": ").append(seed)
                .append(",\n  \"totals\": ");
            appendCounters(s, totals, false);
            s.append(",\n  \"truncated_tails\": ").append(truncatedTails).append("\n}\n");
            return s.toString();
        }

        private static void appendMap(StringBuilder s, Map<String, long[]> map, boolean withResponses) {
            boolean first = true;
            for (Map.Entry<String, long[]> e : map.entrySet()) {
                s.append(first ? "\n    \"" : ",\n    \"").append(e.getKey()).append("\": ");
                appendCounters(s, e.getValue(), withResponses);
                first = false;
            }
            if (!first) {
                s.append("\n  ");
            }
        }

        /** Keys in sorted order: 1h, 5m, read, input, output[, responses]. */
        private static void appendCounters(StringBuilder s, long[] t, boolean withResponses) {
            int[] order = withResponses ? new int[] {W1H, W5, READ, IN, OUT, RESPONSES}
                : new int[] {W1H, W5, READ, IN, OUT};
            s.append('{');
            for (int i = 0; i < order.length; i++) {
                s.append(i == 0 ? "\"" : ", \"").append(NAMES[order[i]]).append("\": ").append(t[order[i]]);
            }
            s.append('}');
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Output file

    private static final class JsonlFile implements Closeable {
        private final Run run;
        private final OutputStream out;
        private final byte[] newline;
        private long bytes;
        private boolean closed;

        JsonlFile(Run run, Path path, boolean bom, boolean crlf) throws IOException {
            this.run = run;
            Files.createDirectories(path.getParent());
            this.out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
            this.newline = crlf ? CRLF : LF;
            if (bom) {
                write(BOM, 0, BOM.length);
            }
        }

        void line(Buf b) throws IOException {
            line(b.a, 0, b.n);
        }

        void line(byte[] a, int off, int len) throws IOException {
            write(a, off, len);
            write(newline, 0, newline.length);
        }

        /** The cut-off last line of a file: no newline after it. */
        void unterminated(Buf b, int len) throws IOException {
            write(b.a, 0, len);
        }

        private void write(byte[] a, int off, int len) throws IOException {
            out.write(a, off, len);
            bytes += len;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.close();
                run.files++;
                run.bytes += bytes;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Byte buffer with JSON helpers

    static final class Buf {
        byte[] a;
        int n;

        Buf(int capacity) {
            a = new byte[capacity];
        }

        Buf reset() {
            n = 0;
            return this;
        }

        byte[] toArray() {
            return Arrays.copyOf(a, n);
        }

        private void ensure(int extra) {
            if (n + extra > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, n + extra));
            }
        }

        void put(byte b) {
            ensure(1);
            a[n++] = b;
        }

        /** Text known to be ASCII and to need no escaping (constants, ids, numbers). */
        Buf ascii(String s) {
            int len = s.length();
            ensure(len);
            for (int i = 0; i < len; i++) {
                a[n++] = (byte) s.charAt(i);
            }
            return this;
        }

        Buf bytes(byte[] src, int off, int len) {
            ensure(len);
            System.arraycopy(src, off, a, n, len);
            n += len;
            return this;
        }

        Buf num(long v) {
            return ascii(Long.toString(v));
        }

        Buf str(String s) {
            put((byte) '"');
            esc(s, false);
            put((byte) '"');
            return this;
        }

        Buf strOrNull(String s) {
            return s == null ? ascii("null") : str(s);
        }

        /**
         * JSON string content: quotes, backslashes and controls escaped; other text as UTF-8, or as \\uXXXX when
         * {@code asciiOnly} (what Python's json.dumps writes). A lone surrogate is kept as an escape so the output
         * stays valid UTF-8.
         */
        Buf esc(String s, boolean asciiOnly) {
            int len = s.length();
            ensure(len * 6);
            for (int i = 0; i < len; i++) {
                char ch = s.charAt(i);
                if (ch < 0x80) {
                    escAscii(ch);
                } else if (asciiOnly) {
                    unicodeEscape(ch);
                } else if (ch < 0x800) {
                    a[n++] = (byte) (0xC0 | (ch >> 6));
                    a[n++] = (byte) (0x80 | (ch & 0x3F));
                } else if (Character.isHighSurrogate(ch) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(ch, s.charAt(++i));
                    a[n++] = (byte) (0xF0 | (cp >> 18));
                    a[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    a[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    a[n++] = (byte) (0x80 | (cp & 0x3F));
                } else if (Character.isSurrogate(ch)) {
                    unicodeEscape(ch);
                } else {
                    a[n++] = (byte) (0xE0 | (ch >> 12));
                    a[n++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                    a[n++] = (byte) (0x80 | (ch & 0x3F));
                }
            }
            return this;
        }

        private void escAscii(char ch) {
            switch (ch) {
                case '"' -> {
                    a[n++] = '\\';
                    a[n++] = '"';
                }
                case '\\' -> {
                    a[n++] = '\\';
                    a[n++] = '\\';
                }
                case '\n' -> {
                    a[n++] = '\\';
                    a[n++] = 'n';
                }
                case '\r' -> {
                    a[n++] = '\\';
                    a[n++] = 'r';
                }
                case '\t' -> {
                    a[n++] = '\\';
                    a[n++] = 't';
                }
                default -> {
                    if (ch < 0x20) {
                        unicodeEscape(ch);
                    } else {
                        a[n++] = (byte) ch;
                    }
                }
            }
        }

        private void unicodeEscape(char ch) {
            a[n++] = '\\';
            a[n++] = 'u';
            a[n++] = (byte) HEX[(ch >> 12) & 0xF];
            a[n++] = (byte) HEX[(ch >> 8) & 0xF];
            a[n++] = (byte) HEX[(ch >> 4) & 0xF];
            a[n++] = (byte) HEX[ch & 0xF];
        }

        /** ISO-8601 UTC with milliseconds and Z, e.g. 2026-03-02T09:00:02.000Z (no java.time per line). */
        Buf ts(long ms) {
            long days = Math.floorDiv(ms, DAY_MS);
            long msOfDay = Math.floorMod(ms, DAY_MS);
            long z = days + 719_468; // civil-from-days, H. Hinnant
            long era = Math.floorDiv(z, 146_097);
            long doe = z - era * 146_097;
            long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            long day = doy - (153 * mp + 2) / 5 + 1;
            long month = mp < 10 ? mp + 3 : mp - 9;
            long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
            ensure(24);
            digits(year, 4).put((byte) '-');
            digits(month, 2).put((byte) '-');
            digits(day, 2).put((byte) 'T');
            digits(msOfDay / 3_600_000, 2).put((byte) ':');
            digits(msOfDay / 60_000 % 60, 2).put((byte) ':');
            digits(msOfDay / 1000 % 60, 2).put((byte) '.');
            digits(msOfDay % 1000, 3).put((byte) 'Z');
            return this;
        }

        private Buf digits(long v, int width) {
            for (int i = width - 1; i >= 0; i--) {
                a[n + i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            n += width;
            return this;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Text pools

    /**
     * Pre-escaped JSON string content (no quotes) made of lines that each end in an escaped newline. Slices start
     * and end at line boundaries, so a slice never splits an escape or a multi-byte character.
     */
    static final class TextPool {
        final byte[] text;
        final int[] starts; // start offset of each line; text.length closes the last one

        private TextPool(byte[] text, int[] starts) {
            this.text = text;
            this.starts = starts;
        }

        static TextPool build(SplittableRandom r, int size, boolean prose) {
            Buf b = new Buf(size + 4096);
            int[] starts = new int[size / 8];
            int lines = 0;
            StringBuilder sb = new StringBuilder(256);
            while (b.n < size) {
                if (lines == starts.length) {
                    starts = Arrays.copyOf(starts, lines * 2);
                }
                starts[lines++] = b.n;
                sb.setLength(0);
                if (prose) {
                    Text.proseLine(r, sb);
                } else {
                    Text.codeLine(r, sb);
                }
                // a few lines as Python would write them (\u00e9, surrogate-pair escapes for emoji)
                b.esc(sb.toString(), r.nextDouble() < 0.03).ascii("\\n");
            }
            return new TextPool(b.toArray(), Arrays.copyOf(starts, lines));
        }

        /** About {@code len} bytes (at least one line), packed as start << 32 | end. */
        long slice(SplittableRandom r, int len) {
            len = Math.max(1, Math.min(len, text.length - 1));
            int lastStart = floorLine(text.length - len);
            int line = r.nextInt(lastStart + 1);
            int start = starts[line];
            int end = ceilBoundary(start + len);
            return ((long) start << 32) | end;
        }

        void append(Buf b, SplittableRandom r, int len) {
            write(b, slice(r, len));
        }

        void write(Buf b, long slice) {
            int start = (int) (slice >>> 32);
            b.bytes(text, start, (int) slice - start);
        }

        private int floorLine(int offset) {
            int i = Arrays.binarySearch(starts, offset);
            return i >= 0 ? i : -i - 2;
        }

        private int ceilBoundary(int offset) {
            int i = Arrays.binarySearch(starts, offset);
            if (i >= 0) {
                return offset;
            }
            int next = -i - 1;
            return next < starts.length ? starts[next] : text.length;
        }
    }

    private static int sliceLength(long slice) {
        return (int) slice - (int) (slice >>> 32);
    }

    static byte[] base64Pool(SplittableRandom r, int size) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) alphabet.charAt(r.nextInt(64));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Random helpers (StrictMath so a seed gives the same corpus on every JVM)

    private static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    static long lognormal(SplittableRandom r, double median, double sigma) {
        return Math.round(median * StrictMath.exp(sigma * gaussian(r)));
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static <T> T pick(SplittableRandom r, T[] values, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double u = r.nextDouble() * sum;
        for (int i = 0; i < values.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static void shuffle(SplittableRandom r, Object[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Object t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static String uuid(SplittableRandom r) {
        long hi = (r.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
        long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                c[p++] = '-';
            }
            long word = i < 16 ? hi : lo;
            c[p++] = HEX[(int) (word >>> (60 - 4 * (i % 16))) & 0xF];
        }
        return new String(c);
    }

    static String base62(SplittableRandom r, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            c[i] = BASE62[r.nextInt(62)];
        }
        return new String(c);
    }

    static String hex(SplittableRandom r, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            c[i] = HEX[r.nextInt(16)];
        }
        return new String(c);
    }

    private static String messageId(SplittableRandom r) {
        return "msg_01" + base62(r, 22);
    }

    private static String requestId(SplittableRandom r) {
        return "req_011C" + base62(r, 20);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Vocabulary

    static final class Text {
        static final String[] PROMPTS = {
            "Fix the failing test in src/cart.ts",
            "Why does `npm run build` fail with \"Cannot find module './config'\"?",
            "Add a coupon field to the checkout form",
            "Refactor the Windows path handling, C:\\Users\\dev\\AppData should work too",
            "Add a café menu page with the prices in €",
            "The deploy is broken again 😩 can you look at the CI logs?",
            "implement spotter-gqc",
            "Write tests for the invoice rounding (0.1 + 0.2 problem)",
            "Explain what this regex does: ^(?:\\d{3}-)?\\d{4}$",
            "Rename `UserSvc` to `UserService` everywhere",
            "continue",
            "yes, go ahead",
            "Can you make the log output less noisy?\nOnly warnings and errors please.",
            "Update the README with the new env vars:\n- DATABASE_URL\n- REDIS_URL\n- SENTRY_DSN",
            "Look at the flaky test in tests/test_checkout.py and tell me why it fails on Mondays",
            "Add retries with exponential backoff to the HTTP client",
            "Migrate the config from YAML to TOML",
            "Résumé upload fails for files with names like \"naïve façade.pdf\"",
            "Port the bash script to Python 3.12",
            "Check the 日本語 translations for missing keys",
            "Make the dashboard load faster, it takes 8 s on the first paint",
            "What's the tab\there? The parser chokes on it",
        };
        static final String PASTE = "Traceback (most recent call last):\n  File \"app/main.py\", line 42, in <module>\n"
            + "    run()\nKeyError: 'user_id'";
        static final String[] SYNTHETIC_TEXTS = {"No response requested.", "API Error: Request was aborted.",
            "Claude AI usage limit reached|1793664000", "Prompt is too long"};
        static final String[] TITLES = {"Fix flaky checkout test", "Add coupon support", "CI pipeline repair",
            "Refactor config loading", "Café menu page", "Invoice rounding tests"};
        static final String[] COMMANDS = {"npm test", "git status", "git diff --stat", "./gradlew build",
            "pytest -q tests/test_cart.py", "ls -la src", "grep -rn \"TODO\" src", "cargo check",
            "docker compose ps", "make lint", "go test ./...", "npm run build 2>&1 | tail -50"};
        static final String[] COMMAND_DESCRIPTIONS = {"Run the test suite", "Show working tree status",
            "Build the project", "List source files", "Find TODO comments", "Check the containers"};
        static final String[] FILES = {"src/cart.ts", "src/api/routes.py", "README.md", "pkg/server/handler.go",
            "lib/billing/invoice.rb", "tests/test_checkout.py", "src/components/CartItem.tsx",
            "docs/café-menu.md", "config/settings.json", "Makefile", "src/main/java/App.java"};
        static final String[] PATTERNS = {"TODO", "fn main", "class \\w+Service", "import .* from 'react'",
            "def test_"};
        static final String[] EXTENSIONS = {"ts", "py", "go", "rb", "java", "md", "json"};
        static final String[] TODOS = {"Run the tests", "Fix the coupon validation", "Update the docs",
            "Explore the codebase", "Review the migration"};
        static final String[] URLS = {"https://docs.example.com/config", "https://code.claude.com/docs/en/hooks.md",
            "https://github.com/example/shop/issues/42"};
        static final String[] TASK_PROMPTS = {
            "Find every place where prices are rounded and list the file and line.",
            "Explore the repository and explain how authentication works. Report the entry points.",
            "Search the tests for fixtures that depend on the current date.",
            "Read the CI configuration and find out why the deploy job is skipped on tags."};
        static final String[] AGENT_TYPES = {"Explore", "general-purpose", "Plan"};
        static final String[] HOOK_COMMANDS = {"/home/dev/.claude/hooks/notify.sh", "bd prime",
            "${CLAUDE_PLUGIN_ROOT}/scripts/fmt.sh", "npx prettier --write \"$FILE\""};
        static final String[] TINY_RESULTS = {"ok", "(no output)", "3 passed", "Done", "", "true",
            "File created successfully"};
        static final String CAVEAT = "<local-command-caveat>Caveat: The messages below were generated by the user "
            + "while running local commands. DO NOT respond to these messages or otherwise consider them in your "
            + "response unless the user explicitly asks you to.</local-command-caveat>";
        static final String COMPACT_PROMPT = "Your task is to create a detailed summary of the conversation so far, "
            + "paying close attention to the user's explicit requests and your previous actions.";
        static final String COMPACT_SUMMARY_START = "This session is being continued from a previous conversation "
            + "that ran out of context. The summary below covers the earlier portion of the conversation.\n\n";

        private static final String[] IDENTS = {"cart", "total", "items", "price", "user", "session", "config",
            "handler", "request", "response", "invoice", "coupon", "amount", "logger", "cache", "result", "err",
            "ctx", "value", "index", "count", "payload", "token", "retry"};
        private static final String[] KEYWORDS = {"const", "let", "return", "if", "for", "def", "func", "async",
            "await", "import", "class", "public", "static", "final"};
        private static final String[] WORDS = {"the", "a", "test", "fails", "because", "router", "returns",
            "null", "when", "the", "cart", "is", "empty", "so", "I", "will", "check", "first", "then", "update",
            "config", "file", "and", "run", "suite", "again", "looks", "like", "coupon", "validation", "is",
            "missing", "let", "me", "read", "handler", "before", "changing", "anything", "this", "should", "fix",
            "it", "now", "build", "passes", "café", "naïve", "résumé", "über", "✅", "🚀", "🐛", "日本語"};
        private static final String[] LEVELS = {"INFO ", "DEBUG", "WARN ", "ERROR"};

        static void codeLine(SplittableRandom r, StringBuilder sb) {
            int kind = r.nextInt(10);
            if (kind < 4) {
                sb.append("    ".repeat(r.nextInt(4))).append(pick(r, KEYWORDS)).append(' ')
                    .append(pick(r, IDENTS)).append(" = ").append(pick(r, IDENTS)).append('.')
                    .append(pick(r, IDENTS)).append("(\"").append(pick(r, IDENTS)).append("\", ")
                    .append(r.nextInt(1000)).append(");");
            } else if (kind < 6) {
                sb.append("2026-09-").append(10 + r.nextInt(20)).append(' ').append(10 + r.nextInt(13)).append(':')
                    .append(10 + r.nextInt(50)).append(':').append(10 + r.nextInt(50)).append(' ')
                    .append(pick(r, LEVELS)).append(" [worker-").append(r.nextInt(8)).append("] processed ")
                    .append(r.nextInt(5000)).append(" events in ").append(r.nextInt(900)).append("ms");
            } else if (kind < 7) {
                sb.append(r.nextBoolean() ? "  ✓ " : "  ✗ ").append(pick(r, IDENTS)).append(' ')
                    .append(pick(r, WORDS)).append(" (").append(r.nextInt(300)).append(" ms)");
            } else if (kind < 8) {
                sb.append("src/").append(pick(r, IDENTS)).append('/').append(pick(r, IDENTS)).append(".ts:")
                    .append(1 + r.nextInt(400)).append(':').append(1 + r.nextInt(80))
                    .append(" - error TS2345: Argument of type \"string\" is not assignable to \"number\".");
            } else if (kind < 9) {
                sb.append("C:\\Users\\dev\\").append(pick(r, IDENTS)).append("\\").append(pick(r, IDENTS))
                    .append(".json\t").append(r.nextInt(100_000)).append(" bytes");
            } else {
                sb.append("{\"").append(pick(r, IDENTS)).append("\": \"").append(pick(r, WORDS)).append("\", \"")
                    .append(pick(r, IDENTS)).append("\": ").append(r.nextInt(100)).append('}');
            }
        }

        static void proseLine(SplittableRandom r, StringBuilder sb) {
            int words = 6 + r.nextInt(30);
            for (int i = 0; i < words; i++) {
                sb.append(i == 0 ? "" : " ").append(pick(r, WORDS));
            }
            sb.append(r.nextInt(8) == 0 ? ": `" + pick(r, IDENTS) + "()` returns \"" + pick(r, WORDS) + "\"." : ".");
        }
    }
}
