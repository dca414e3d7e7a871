package io.tokenomics.corpus;

import io.tokenomics.corpus.CorpusGenerator.Buf;
import io.tokenomics.corpus.CorpusGenerator.Project;
import io.tokenomics.corpus.CorpusGenerator.Text;
import io.tokenomics.corpus.CorpusGenerator.TextPool;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes the Codex CLI part of a synthetic corpus: rollouts under
 * {@code OUT/codex/sessions/YYYY/MM/DD/rollout-<local time>-<uuid v7>.jsonl} in the wrapped format of FORMATS.md
 * section 3 ({@code {"timestamp","type","payload"}} lines), a few bare-era files, and a copy of a rollout under
 * {@code OUT/codex/archived_sessions/}. {@link CorpusGenerator} calls it for a fixed share of its sessions.
 *
 * <p>The expected totals are the tokens of the model calls the generator made up, tallied as it writes them. The
 * files are built so that the counting rules (FORMATS.md 3.9) recover exactly those tokens: about half of the
 * {@code token_count} events repeat the previous totals, {@code info: null} events carry only rate limits, counter
 * resets drop the totals (the event's {@code last_token_usage} holds the call), a few files carry only
 * {@code last_token_usage}, forked and sub-agent rollouts replay their parent's history (earlier timestamps) before
 * their own turns, and the archived copy repeats every event of its original. A rule that is not applied shows up
 * as a difference from {@code expected.json}.
 *
 * <p>Deterministic like the Claude part: every random choice comes from the {@link SplittableRandom} handed in, no
 * clock is read, maps are sorted.
 */
final class CodexCorpusGenerator {
    static final String GPT_53_CODEX = "gpt-5.3-codex";
    static final String GPT_54 = "gpt-5.4";
    static final String GPT_51_CODEX_MAX = "gpt-5.1-codex-max";
    static final String UNPRICED_MODEL = CorpusGenerator.UNPRICED_CODEX_MODEL;

    /** Session {@code i} of a corpus is a Codex session when {@code i % SHARE == 1}: every corpus of 2+ has one. */
    static final int SHARE = 8;

    static boolean isCodexSession(long index) {
        return index % SHARE == 1;
    }

    private static final long DAY_MS = CorpusGenerator.DAY_MS;
    private static final long HOUR_MS = 3_600_000L;
    private static final long END_MS = CorpusGenerator.END_MS;
    private static final long START_MS = END_MS - CorpusGenerator.RANGE_DAYS * DAY_MS;
    /** No new turn starts later than this before the end of the window; one turn lasts under 5 hours. */
    private static final long LAST_TURN_MS = END_MS - 12 * HOUR_MS;

    private static final String[] VERSIONS_OLD = {"0.46.0", "0.58.0", "0.63.0", "0.66.0"};
    private static final String[] VERSIONS_NEW = {"0.98.0", "0.104.0-alpha.1", "0.107.0", "0.111.0", "0.116.0"};
    private static final String[] ORIGINATORS = {"codex_cli_rs", "codex_cli_rs", "codex_cli_rs", "Codex Desktop",
        "codex_vscode", "codex_exec"};
    private static final String[] EFFORTS = {"low", "medium", "medium", "high", "high", "xhigh"};
    private static final String[] APPROVALS = {"on-request", "on-request", "never", "untrusted", "on-failure"};
    private static final String[] SANDBOXES = {"workspace-write", "workspace-write", "read-only",
        "danger-full-access"};
    private static final String[] REASONING_TITLES = {"**Inspecting the failing test**", "**Reading the config**",
        "**Planning the refactor**", "**Checking the build output**", "**Searching for call sites**",
        "**Verifying the fix**", "**Considering edge cases**"};
    private static final String[] PLAN_STEPS = {"Reproduce the failure", "Read the relevant code",
        "Implement the change", "Run the test suite", "Update the docs"};
    private static final String[] MCP_TOOLS = {"mcp__docs__search", "mcp__github__get_issue",
        "mcp__postgres__query"};
    private static final String[] AGENT_ROLES = {"explorer", "reviewer", "worker"};
    private static final String[] NICKNAMES = {"Ada", "Grace", "Linus", "Edsger"};
    private static final long[] WINDOWS = {272_000, 258_400};
    /** Local time of the machine, for file and folder names only (timestamps inside are UTC). */
    private static final int[] OFFSET_MINUTES = {120, 60, 0, -240, -420, 330, 540};

    /** Usage indexes, also the order of the counters in a token object. */
    static final int IN = 0;
    static final int CACHED = 1;
    static final int OUT = 2;
    static final int REASONING = 3;
    static final int TOTAL = 4;
    static final int EVENTS = 5;

    /**
     * Contents and defects. Codex session {@code k < values().length} is forced to carry feature {@code k}; later
     * ones draw them at random. FORK must follow a session that can be its parent.
     */
    enum Feature {
        MODEL_SWITCH(0.10), FORK(0.05), COUNTER_RESET(0.08), LAST_ONLY(0.05), ARCHIVED(0.03), TRUNCATED_TAIL(0.03),
        BARE_ERA(0.04), UNPRICED(0.03), COMPACTION(0.02);

        final double probability;

        Feature(double probability) {
            this.probability = probability;
        }
    }

    /** What a forked child copies: its parent's lines, and the state at the parent's last line. */
    private record Parent(String id, String cwd, String model, long endMs, long[] lastTotal, List<byte[]> lines) {
    }

    private final Path root;
    private final TextPool code;
    private final TextPool prose;
    private final byte[] base64;
    private final SplittableRandom planner;
    private final long offsetMs;
    private final Buf line = new Buf(1 << 16);
    private final Buf aux = new Buf(1 << 12);
    final Tally tally = new Tally();
    long files;
    long bytes;
    long sessions;
    long truncatedTails;
    long archivedCopies;
    private EnumSet<Feature> next;
    private Parent parent;

    CodexCorpusGenerator(Path out, SplittableRandom r, TextPool code, TextPool prose) throws IOException {
        this.root = out.resolve("codex");
        this.code = code;
        this.prose = prose;
        this.planner = r.split();
        this.base64 = CorpusGenerator.base64Pool(r.split(), 16 << 10);
        this.offsetMs = OFFSET_MINUTES[r.nextInt(OFFSET_MINUTES.length)] * 60_000L;
        for (String dir : new String[] {"sessions", "archived_sessions"}) {
            Path d = root.resolve(dir);
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
                    if (entries.iterator().hasNext()) {
                        throw new FileAlreadyExistsException(d.toString(), null, "not empty");
                    }
                }
            }
        }
    }

    /** Writes the next Codex session, in a working directory the Claude sessions also use. */
    void session(SplittableRandom r, Project project) throws IOException {
        int index = (int) sessions;
        EnumSet<Feature> current = next != null ? next : plan(0);
        next = plan(index + 1);
        if (next.contains(Feature.FORK) && !canBeParent(current)) {
            if (forced(index + 1) == Feature.FORK && forced(index) != Feature.BARE_ERA
                    && forced(index) != Feature.LAST_ONLY) {
                current.remove(Feature.BARE_ERA); // keep the forced fork: its parent gives way
                current.remove(Feature.LAST_ONLY);
            } else {
                next.remove(Feature.FORK);
            }
        }
        Parent from = current.contains(Feature.FORK) ? parent : null;
        parent = null;
        if (current.contains(Feature.BARE_ERA)) {
            bare(r, project, current);
        } else {
            new Session(r, project, current, from, next.contains(Feature.FORK)).write();
        }
        sessions++;
    }

    private static boolean canBeParent(EnumSet<Feature> f) {
        return !f.contains(Feature.BARE_ERA) && !f.contains(Feature.LAST_ONLY);
    }

    private static Feature forced(int index) {
        Feature[] all = Feature.values();
        return index < all.length ? all[index] : null;
    }

    private EnumSet<Feature> plan(int index) {
        EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
        Feature forced = forced(index);
        if (forced != null) {
            set.add(forced);
        }
        for (Feature f : Feature.values()) {
            if (planner.nextDouble() < f.probability) {
                set.add(f);
            }
        }
        if (index == 0) {
            set.remove(Feature.FORK);
        }
        // a bare-era file has no usage at all; a last-only file has no totals to reset, fork from or match
        for (Feature f : new Feature[] {Feature.MODEL_SWITCH, Feature.FORK, Feature.COUNTER_RESET,
            Feature.LAST_ONLY, Feature.UNPRICED, Feature.COMPACTION}) {
            exclusive(set, Feature.BARE_ERA, f, forced);
        }
        for (Feature f : new Feature[] {Feature.COUNTER_RESET, Feature.ARCHIVED, Feature.FORK}) {
            exclusive(set, Feature.LAST_ONLY, f, forced);
        }
        exclusive(set, Feature.ARCHIVED, Feature.BARE_ERA, forced); // an archived copy with events to count once
        return set;
    }

    /** At most one of {@code a} and {@code b}: the forced one stays, else {@code a}. */
    private static void exclusive(EnumSet<Feature> set, Feature a, Feature b, Feature forced) {
        if (set.contains(a) && set.contains(b)) {
            set.remove(forced == b ? a : b);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Wrapped-format session

    private final class Session {
        final SplittableRandom r;
        final Project project;
        final EnumSet<Feature> features;
        final Parent from;
        final List<byte[]> capture;
        final String id;
        final String cwd;
        final boolean newMeta;
        final String version;
        final long window;
        final String sandbox;
        final boolean lastOnly;
        RolloutFile file;
        long clock;
        String model;
        String effort;
        /** Cumulative totals of the thread as the rollout writes them, and the last total written (the rules' prev). */
        final long[] total = new long[5];
        long[] prev;
        long[] lastCall;
        boolean lastWritten;
        /** Prompt tokens of the next call, and the prefix of them the server has cached. */
        long context;
        long cachedPrefix;
        long compactAt;
        long[] snapshot; // an earlier total, for a rollback-style reset

        Session(SplittableRandom r, Project project, EnumSet<Feature> features, Parent from, boolean recordHistory) {
            this.r = r;
            this.project = project;
            this.features = features;
            this.from = from;
            this.capture = recordHistory ? new ArrayList<>() : null;
            this.cwd = from != null ? from.cwd() : project.cwd();
            this.newMeta = r.nextDouble() < 0.8;
            this.version = newMeta ? CorpusGenerator.pick(r, VERSIONS_NEW) : CorpusGenerator.pick(r, VERSIONS_OLD);
            this.window = WINDOWS[r.nextInt(WINDOWS.length)];
            this.sandbox = CorpusGenerator.pick(r, SANDBOXES);
            this.lastOnly = features.contains(Feature.LAST_ONLY);
            long start = from != null ? from.endMs() + 30_000 + r.nextInt(1_800_000) : startTime();
            this.clock = start;
            this.id = uuidV7(r, start);
        }

        private boolean has(Feature f) {
            return features.contains(f);
        }

        /** Heavy tail: most sessions a few turns, some dozens, a very few hundreds. */
        private int turnCount() {
            int n;
            if (r.nextDouble() < 0.04) {
                n = (int) Math.min(300, 25 * StrictMath.pow(1 - r.nextDouble(), -1 / 1.2));
            } else {
                n = (int) Math.min(60, Math.max(1, CorpusGenerator.lognormal(r, 3, 0.9)));
            }
            if (has(Feature.MODEL_SWITCH) || has(Feature.COUNTER_RESET) || has(Feature.COMPACTION)) {
                n = Math.max(n, 3);
            }
            return capture != null ? Math.min(n, 30) : n; // a fork parent's history is kept in memory
        }

        private long startTime() {
            long day = r.nextInt(CorpusGenerator.RANGE_DAYS - 1);
            long second = r.nextDouble() < 0.7 ? 7 * 3600 + r.nextInt(13 * 3600) : r.nextInt(24 * 3600);
            long t = START_MS + day * DAY_MS + second * 1000 + r.nextInt(1000);
            // the first turn always ends in the window; a fork parent leaves room for its child's first turn
            long latest = capture != null ? END_MS - 13 * HOUR_MS : END_MS - 6 * HOUR_MS;
            return Math.min(t, latest - r.nextInt(6 * 3600) * 1000L);
        }

        void write() throws IOException {
            int n = turnCount();
            model = from != null ? from.model() : sessionModel();
            effort = CorpusGenerator.pick(r, EFFORTS);
            file = new RolloutFile(rolloutPath(id, clock), capture);
            if (from != null) {
                meta(from);
                for (byte[] copied : from.lines()) {
                    file.line(copied, copied.length); // the parent's history, its token_count events included
                }
                System.arraycopy(from.lastTotal(), 0, total, 0, 5);
                prev = from.lastTotal().clone();
                cachedPrefix = 0;
            } else {
                meta(null);
            }
            context = 9_000 + r.nextInt(9_000);
            compactAt = 170_000 + r.nextInt(60_000);
            int switchAt = has(Feature.MODEL_SWITCH) ? Math.max(1, n / 2) : -1;
            int resetAt = has(Feature.COUNTER_RESET) ? Math.max(1, n / 2 + (n > 3 ? 1 : 0)) : -1;
            int compactTurn = has(Feature.COMPACTION) ? Math.max(1, n / 2) : -1;
            for (int t = 0; t < n && (t == 0 || clock < LAST_TURN_MS); t++) {
                if (t == switchAt || (t > 0 && r.nextDouble() < 0.015)) {
                    model = otherModel(model); // /model in the middle of the session
                }
                turn(t == 0 && from == null, t == resetAt, t == compactTurn);
            }
            if (has(Feature.TRUNCATED_TAIL)) {
                truncatedTail();
            }
            file.close();
            if (capture != null) {
                parent = new Parent(id, cwd, model, clock, prev != null ? prev.clone() : new long[5], capture);
            }
            if (has(Feature.ARCHIVED)) {
                archive(file.path, has(Feature.TRUNCATED_TAIL));
            }
        }

        private String sessionModel() {
            if (has(Feature.UNPRICED)) {
                return UNPRICED_MODEL;
            }
            double u = r.nextDouble();
            return u < 0.45 ? GPT_53_CODEX : u < 0.75 ? GPT_54 : GPT_51_CODEX_MAX;
        }

        private String otherModel(String current) {
            String[] all = {GPT_53_CODEX, GPT_54, GPT_51_CODEX_MAX};
            String m;
            do {
                m = CorpusGenerator.pick(r, all);
            } while (m.equals(current));
            return m;
        }

        // ---------------------------------------------------------------------------------------- lines

        /** The first line: this thread's own session meta; a child names its parent. */
        private void meta(Parent of) throws IOException {
            long written = clock + 40 + r.nextInt(6_000); // the meta line is written a few seconds after the start
            Buf b = env(written, "session_meta");
            b.ascii("{\"id\":\"").ascii(id).ascii("\",\"timestamp\":\"").ts(clock).ascii("\",\"cwd\":").str(cwd)
                .ascii(",\"originator\":").str(CorpusGenerator.pick(r, ORIGINATORS)).ascii(",\"cli_version\":\"")
                .ascii(version).ascii("\",\"source\":");
            boolean subagent = of != null && r.nextBoolean();
            if (subagent) {
                b.ascii("{\"subagent\":{\"thread_spawn\":{\"parent_thread_id\":\"").ascii(of.id())
                    .ascii("\",\"depth\":1,\"agent_path\":null,\"agent_nickname\":")
                    .str(CorpusGenerator.pick(r, NICKNAMES)).ascii(",\"agent_role\":")
                    .str(CorpusGenerator.pick(r, AGENT_ROLES)).ascii("}}}");
            } else {
                b.ascii(r.nextDouble() < 0.8 ? "\"cli\"" : "\"vscode\"");
            }
            if (of != null && !subagent) {
                b.ascii(",\"forked_from_id\":\"").ascii(of.id()).ascii("\"");
            } else if (newMeta && r.nextDouble() < 0.3) {
                b.ascii(",\"forked_from_id\":null"); // present but null: not a child
            }
            b.ascii(",\"model_provider\":\"openai\"");
            if (newMeta) {
                b.ascii(",\"base_instructions\":{\"text\":\"You are Codex, a coding agent based on GPT-5. ");
                prose.append(b, r, 400 + r.nextInt(1_500));
                b.ascii("\"}");
            } else {
                b.ascii(",\"instructions\":null");
            }
            b.ascii(",\"git\":{\"commit_hash\":\"").ascii(CorpusGenerator.hex(r, 40)).ascii("\",\"branch\":")
                .str(r.nextDouble() < 0.7 ? "main" : "feature/" + CorpusGenerator.pick(r, new String[] {
                    "coupons", "oauth", "perf"}))
                .ascii(",\"repository_url\":\"git@github.com:dev/").ascii(repoName()).ascii(".git\"}}}");
            file.line(b);
            clock = written + 2;
        }

        private String repoName() {
            String c = cwd;
            int slash = c.lastIndexOf('/');
            String name = slash >= 0 ? c.substring(slash + 1) : c;
            StringBuilder sb = new StringBuilder();
            for (char ch : name.toCharArray()) {
                sb.append((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ? ch : '-');
            }
            return sb.toString();
        }

        /** One user turn: prompt, turn context, model calls with tool rounds, the answer. */
        private void turn(boolean first, boolean reset, boolean compact) throws IOException {
            if (!first) {
                clock += 3_000 + Math.min(45 * 60_000, CorpusGenerator.lognormal(r, 60_000, 1.3));
            }
            if (compact || context > compactAt) {
                compacted();
            }
            if (r.nextDouble() < 0.04) {
                state();
            }
            String turnId = uuidV7(r, clock);
            if (first) {
                environment();
            }
            Buf b = event(clock, "task_started");
            if (newMeta) {
                b.ascii(",\"turn_id\":\"").ascii(turnId).ascii("\"");
            }
            b.ascii(",\"model_context_window\":").num(window);
            if (newMeta) {
                b.ascii(",\"collaboration_mode_kind\":\"default\"");
            }
            file.line(b.ascii("}}"));
            String prompt = CorpusGenerator.pick(r, Text.PROMPTS);
            b = item(clock + 1, "message");
            b.ascii(",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":").str(prompt).ascii("}]}}");
            file.line(b);
            b = event(clock + 1, "user_message");
            b.ascii(",\"message\":").str(prompt).ascii(",\"images\":[]");
            if (newMeta) {
                b.ascii(",\"local_images\":[],\"text_elements\":[]");
            }
            b.ascii("}}");
            file.line(b);
            context += 20 + prompt.length() / 4;
            clock += 10;
            turnContext(turnId);
            if (r.nextDouble() < 0.75) {
                clock += 300 + r.nextInt(4_000);
                rateLimitsOnly();
            }
            if (reset) {
                resetCounters();
            }
            int n = (int) Math.min(40, Math.max(1, CorpusGenerator.lognormal(r, 4, 0.9)));
            byte[] answer = null;
            for (int c = 0; c < n; c++) {
                boolean last = c == n - 1;
                clock += 400 + Math.min(120_000, CorpusGenerator.lognormal(r, 4_000, 0.8));
                if (context > window - 30_000) {
                    compacted(); // auto-compaction in the middle of a long turn
                }
                if (r.nextDouble() < 0.6) {
                    reasoning();
                }
                List<String[]> tools = new ArrayList<>(2);
                if (last) {
                    answer = assistantMessage();
                } else {
                    if (r.nextDouble() < 0.4) {
                        assistantMessage(); // a short preamble before the tool call
                    }
                    int k = r.nextDouble() < 0.35 ? 2 : 1;
                    for (int i = 0; i < k; i++) {
                        tools.add(toolCall());
                    }
                }
                long[] usage = modelCall(last ? 120 : 0);
                clock += 2 + r.nextInt(30);
                counting(usage);
                for (String[] tool : tools) {
                    clock += 20 + Math.min(300_000, CorpusGenerator.lognormal(r, 1_500, 1.3));
                    toolOutput(tool);
                }
                if (!last) {
                    clock += 3 + r.nextInt(10);
                    if (r.nextDouble() < 0.9) {
                        turnContext(turnId); // written again after each tool round
                    }
                    if (r.nextDouble() < 0.92) {
                        clock += 200 + r.nextInt(3_000);
                        repeat();
                    }
                }
            }
            clock += 5 + r.nextInt(300);
            b = event(clock, "task_complete");
            if (newMeta) {
                b.ascii(",\"turn_id\":\"").ascii(turnId).ascii("\"");
            }
            b.ascii(",\"last_agent_message\":\"").bytes(answer, 0, answer.length).ascii("\"}}");
            file.line(b);
            if (r.nextDouble() < 0.15) {
                clock += 50;
                repeat(); // a late refresh of the same totals
            }
        }

        private void environment() throws IOException {
            Buf b;
            if (newMeta) {
                b = item(clock, "message");
                b.ascii(",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"<permissions "
                    + "instructions>Filesystem sandboxing defines which files can be read or written. ");
                prose.append(b, r, 300 + r.nextInt(900));
                b.ascii("</permissions instructions>\"}]}}");
                file.line(b);
            }
            if (r.nextDouble() < 0.5) {
                b = item(clock, "message");
                b.ascii(",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":")
                    .str("# AGENTS.md instructions for " + cwd + "\n\n<INSTRUCTIONS>\n");
                b.n--; // reopen the string
                prose.append(b, r, 200 + r.nextInt(2_500));
                b.ascii("</INSTRUCTIONS>\"}]}}");
                file.line(b);
            }
            b = item(clock, "message");
            b.ascii(",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":").str("<environment_context>\n"
                + "  <cwd>" + cwd + "</cwd>\n  <approval_policy>" + CorpusGenerator.pick(r, APPROVALS)
                + "</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n"
                + "  <network_access>restricted</network_access>\n  <shell>zsh</shell>\n</environment_context>")
                .ascii("}]}}");
            file.line(b);
        }

        private void turnContext(String turnId) throws IOException {
            Buf b = env(clock, "turn_context");
            b.ascii("{");
            if (newMeta) {
                b.ascii("\"turn_id\":\"").ascii(turnId).ascii("\",");
            }
            b.ascii("\"cwd\":").str(cwd).ascii(",\"approval_policy\":\"on-request\",\"sandbox_policy\":{\"type\":\"")
                .ascii(sandbox)
                .ascii("\",\"writable_roots\":[").str(cwd).ascii("],\"network_access\":false},\"model\":")
                .str(model);
            if (newMeta) {
                b.ascii(",\"personality\":\"pragmatic\",\"collaboration_mode\":{\"mode\":\"default\",\"settings\":"
                    + "{\"model\":").str(model).ascii(",\"reasoning_effort\":\"").ascii(effort).ascii("\"}}");
            }
            b.ascii(",\"effort\":\"").ascii(effort).ascii("\",\"summary\":\"auto\"");
            if (newMeta) {
                b.ascii(",\"truncation_policy\":{\"mode\":\"tokens\",\"limit\":10000}");
            }
            b.ascii("}}");
            file.line(b);
        }

        private void reasoning() throws IOException {
            String title = CorpusGenerator.pick(r, REASONING_TITLES);
            if (r.nextBoolean()) {
                Buf b = event(clock, "agent_reasoning");
                b.ascii(",\"text\":").str(title).ascii("}}");
                file.line(b);
            }
            Buf b = item(clock, "reasoning");
            b.ascii(",\"summary\":[{\"type\":\"summary_text\",\"text\":").str(title)
                .ascii("}],\"content\":null,\"encrypted_content\":\"gAAAAB");
            int len = 300 + r.nextInt(6_000);
            b.bytes(base64, r.nextInt(base64.length - len), len);
            b.ascii("\"}}");
            file.line(b);
            clock += 1;
        }

        /** The answer (or a preamble), twice as real rollouts have it; returns its escaped text. */
        private byte[] assistantMessage() throws IOException {
            Buf t = aux.reset();
            prose.append(t, r, (int) Math.min(6_000, CorpusGenerator.lognormal(r, 300, 0.9)));
            byte[] text = t.toArray();
            Buf b = event(clock, "agent_message");
            b.ascii(",\"message\":\"").bytes(text, 0, text.length).ascii("\"}}");
            file.line(b);
            b = item(clock, "message");
            b.ascii(",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"")
                .bytes(text, 0, text.length).ascii("\"}]");
            if (newMeta) {
                b.ascii(",\"phase\":\"final_answer\"");
            }
            b.ascii("}}");
            file.line(b);
            return text;
        }

        /** A tool call; returns {kind, call id, detail} for its output. */
        private String[] toolCall() throws IOException {
            String callId = "call_" + CorpusGenerator.base62(r, 24);
            double u = r.nextDouble();
            Buf b;
            if (u < 0.12) {
                // freeform apply_patch
                String path = CorpusGenerator.pick(r, Text.FILES);
                b = item(clock, "custom_tool_call");
                b.ascii(",\"status\":\"completed\",\"call_id\":\"").ascii(callId)
                    .ascii("\",\"name\":\"apply_patch\",\"input\":").str("*** Begin Patch\n*** Update File: " + path
                        + "\n@@\n");
                b.n--;
                code.append(b, r, 60 + r.nextInt(1_500));
                b.ascii("*** End Patch\\n\"}}");
                file.line(b);
                return new String[] {"patch", callId, path};
            }
            String name;
            StringBuilder args = new StringBuilder(128);
            if (u < 0.2) {
                name = "update_plan";
                args.append("{\"plan\":[{\"step\":").append(quote(CorpusGenerator.pick(r, PLAN_STEPS)))
                    .append(",\"status\":\"completed\"},{\"step\":").append(quote(CorpusGenerator.pick(r, PLAN_STEPS)))
                    .append(",\"status\":\"in_progress\"}]}");
            } else if (u < 0.26) {
                name = CorpusGenerator.pick(r, MCP_TOOLS);
                args.append("{\"query\":").append(quote(CorpusGenerator.pick(r, Text.TODOS))).append('}');
            } else if (newMeta) {
                name = u < 0.3 ? "write_stdin" : "exec_command";
                if (name.equals("write_stdin")) {
                    args.append("{\"session_id\":").append(1 + r.nextInt(9)).append(",\"chars\":\"\",")
                        .append("\"yield_time_ms\":1000}");
                } else {
                    args.append("{\"cmd\":").append(quote(CorpusGenerator.pick(r, Text.COMMANDS)))
                        .append(",\"workdir\":").append(quote(cwd)).append(",\"yield_time_ms\":10000}");
                }
            } else {
                name = "shell_command";
                args.append("{\"command\":").append(quote(CorpusGenerator.pick(r, Text.COMMANDS)))
                    .append(",\"workdir\":").append(quote(cwd)).append(",\"timeout_ms\":120000}");
            }
            b = item(clock, "function_call");
            b.ascii(",\"name\":\"").ascii(name).ascii("\",\"arguments\":").str(args.toString())
                .ascii(",\"call_id\":\"").ascii(callId).ascii("\"}}");
            file.line(b);
            return new String[] {name, callId, null};
        }

        /** The output of a call: a few bytes to hundreds of kilobytes, heavy-tailed. */
        private void toolOutput(String[] tool) throws IOException {
            String kind = tool[0];
            Buf b;
            if (kind.equals("patch")) {
                b = item(clock, "custom_tool_call_output");
                b.ascii(",\"call_id\":\"").ascii(tool[1]).ascii("\",\"output\":")
                    .str("{\"output\":\"Success. Updated the following files:\\nM " + tool[2]
                        + "\\n\",\"metadata\":{\"exit_code\":0,\"duration_seconds\":0.0}}")
                    .ascii("}}");
                file.line(b);
                context += 40;
                return;
            }
            b = item(clock, "function_call_output");
            b.ascii(",\"call_id\":\"").ascii(tool[1]).ascii("\",\"output\":\"");
            int size;
            if (kind.equals("update_plan")) {
                b.ascii("Plan updated");
                size = 12;
            } else {
                size = outputSize();
                if (kind.equals("exec_command") || kind.equals("write_stdin")) {
                    b.ascii("Chunk ID: ").ascii(CorpusGenerator.hex(r, 6)).ascii("\\nWall time: ")
                        .ascii(String.valueOf(r.nextInt(30))).ascii(".").ascii(String.valueOf(1000 + r.nextInt(9000)))
                        .ascii(" seconds\\nProcess exited with code ").num(r.nextDouble() < 0.9 ? 0 : 1)
                        .ascii("\\nOriginal token count: ").num(size / 4).ascii("\\nOutput:\\n");
                } else if (kind.equals("shell_command")) {
                    b.ascii("Exit code: 0\\nWall time: 1.").num(r.nextInt(10)).ascii(" seconds\\nOutput:\\n");
                }
                if (size > 0) {
                    code.append(b, r, size);
                }
            }
            b.ascii("\"}}");
            file.line(b);
            context += 15 + Math.min(10_000, size / 4); // the truncation policy caps what the model sees
        }

        private int outputSize() {
            double u = r.nextDouble();
            if (u < 0.05) {
                return 0;
            }
            if (u < 0.002 + 0.05) {
                return 200_000 + r.nextInt(200_000);
            }
            return (int) Math.min(400_000, CorpusGenerator.lognormal(r, 900, 1.6));
        }

        /** {@code compacted} with its replacement history, then {@code context_compacted}: the prompt shrinks. */
        private void compacted() throws IOException {
            clock += 5_000 + r.nextInt(20_000);
            Buf b = env(clock, "compacted");
            b.ascii("{\"message\":\"\",\"replacement_history\":[{\"type\":\"message\",\"role\":\"user\",\"content\":"
                + "[{\"type\":\"input_text\",\"text\":\"");
            prose.append(b, r, 1_000 + r.nextInt(4_000));
            b.ascii("\"}]}]}}");
            file.line(b);
            clock += 3;
            b = event(clock, "context_compacted");
            b.ascii("}}");
            file.line(b);
            context = 12_000 + r.nextInt(10_000);
            cachedPrefix = 0;
            compactAt = 170_000 + r.nextInt(60_000);
        }

        private void state() throws IOException {
            file.line(line.reset().ascii("{\"record_type\":\"state\"}"));
        }

        // ---------------------------------------------------------------------------------------- token counts

        /** The usage of one model call; the prompt then becomes the cached prefix and grows by the output. */
        private long[] modelCall(int minOutput) {
            long[] u = new long[5];
            long input = context;
            long cached;
            if (cachedPrefix == 0) {
                cached = r.nextDouble() < 0.5 ? (input * (20 + r.nextInt(50)) / 100) / 128 * 128 : 0;
            } else if (r.nextDouble() < 0.03) {
                cached = 0; // the cache expired
            } else {
                cached = Math.min(cachedPrefix, input) / 128 * 128;
            }
            long output = Math.max(1, Math.min(32_000, minOutput + CorpusGenerator.lognormal(r, 260, 1.1)));
            long reasoning = r.nextDouble() < 0.15 ? 0 : output * r.nextInt(90) / 100;
            u[IN] = input;
            u[CACHED] = cached;
            u[OUT] = output;
            u[REASONING] = reasoning;
            u[TOTAL] = input + output;
            cachedPrefix = input;
            context += output;
            return u;
        }

        /** A token_count event that counts: the call's usage, as totals (and mostly its last usage) or last only. */
        private void counting(long[] call) throws IOException {
            Buf b = event(clock, "token_count");
            b.ascii(",\"info\":{");
            if (lastOnly) {
                b.ascii("\"last_token_usage\":");
                usage(b, call);
                lastWritten = true;
            } else {
                if (snapshot != null) {
                    // the first call after a reset: totals start again (new process) or fall back (rollback)
                    long[] candidate = call.clone();
                    boolean rollback = snapshot.length > 0;
                    if (rollback) {
                        add(candidate, snapshot);
                    }
                    if (prev != null && anyBelow(candidate, prev)) {
                        System.arraycopy(candidate, 0, total, 0, 5);
                        // the rules count last_token_usage; without it the new total, which only a restart makes
                        // equal to the call
                        lastWritten = rollback || r.nextDouble() < 0.8;
                    } else {
                        add(total, call); // not visibly a reset: the totals keep growing
                        lastWritten = r.nextDouble() < 0.9;
                    }
                    snapshot = null;
                } else {
                    add(total, call);
                    lastWritten = r.nextDouble() < 0.9; // some events carry only the totals
                }
                b.ascii("\"total_token_usage\":");
                usage(b, total);
                if (lastWritten) {
                    b.ascii(",\"last_token_usage\":");
                    usage(b, call);
                }
                prev = total.clone();
            }
            b.ascii(",\"model_context_window\":").num(window).ascii("},\"rate_limits\":");
            rateLimits(b);
            b.ascii("}}");
            file.line(b);
            lastCall = call;
            tally.count(clock, model, call);
        }

        /** The same totals again (after a tool round, or at the end of a turn): counts nothing. */
        private void repeat() throws IOException {
            if (lastOnly || prev == null || lastCall == null) {
                return;
            }
            Buf b = event(clock, "token_count");
            b.ascii(",\"info\":{\"total_token_usage\":");
            usage(b, prev);
            if (lastWritten) {
                b.ascii(",\"last_token_usage\":");
                usage(b, lastCall);
            }
            b.ascii(",\"model_context_window\":").num(window).ascii("},\"rate_limits\":");
            rateLimits(b);
            b.ascii("}}");
            file.line(b);
        }

        private void rateLimitsOnly() throws IOException {
            Buf b = event(clock, "token_count");
            b.ascii(",\"info\":null,\"rate_limits\":");
            rateLimits(b);
            b.ascii("}}");
            file.line(b);
        }

        /**
         * The next counting event follows a resume in a new process (totals start again from zero) or a rollback
         * (totals fall back to an earlier value, here half of the thread's): either way they go down.
         */
        private void resetCounters() {
            if (prev == null) {
                return;
            }
            if (r.nextBoolean()) {
                snapshot = new long[0];
            } else {
                snapshot = new long[5];
                for (int i = 0; i < 4; i++) {
                    snapshot[i] = prev[i] / 2;
                }
                snapshot[TOTAL] = snapshot[IN] + snapshot[OUT];
            }
            cachedPrefix = 0;
        }

        private void rateLimits(Buf b) {
            long resets = clock / 1000 + 600 + r.nextInt(17_000);
            b.ascii("{\"limit_id\":\"codex\",\"primary\":{\"used_percent\":").num(r.nextInt(100))
                .ascii(".0,\"window_minutes\":300,\"resets_at\":").num(resets)
                .ascii("},\"secondary\":{\"used_percent\":").num(r.nextInt(100))
                .ascii(".0,\"window_minutes\":10080,\"resets_at\":").num(resets + 86_400 * (1 + r.nextInt(6)))
                .ascii("},\"credits\":{\"has_credits\":false,\"unlimited\":false,\"balance\":null},")
                .ascii("\"plan_type\":null}");
        }

        /** A line cut off while the process died: a token_count with higher totals, never counted. */
        private void truncatedTail() throws IOException {
            clock += 2_000;
            long[] phantom = total.clone();
            phantom[IN] += 30_000;
            phantom[OUT] += 500;
            phantom[TOTAL] += 30_500;
            Buf b = event(clock, "token_count");
            b.ascii(",\"info\":{\"").ascii(lastOnly ? "last_token_usage" : "total_token_usage").ascii("\":");
            usage(b, lastOnly ? new long[] {30_000, 0, 500, 0, 30_500} : phantom);
            b.ascii(",\"model_context_window\":").num(window).ascii("},\"rate_limits\":null}}");
            int cut = r.nextBoolean() ? b.n - 1 - r.nextInt(Math.min(40, b.n - 2)) : 1 + r.nextInt(b.n - 2);
            file.unterminated(b, cut);
            truncatedTails++;
        }

        // ---------------------------------------------------------------------------------------- envelopes

        private Buf env(long ts, String type) {
            return line.reset().ascii("{\"timestamp\":\"").ts(ts).ascii("\",\"type\":\"").ascii(type)
                .ascii("\",\"payload\":");
        }

        /** An event_msg envelope up to the payload's type; the caller adds fields and closes with "}}". */
        private Buf event(long ts, String type) {
            return env(ts, "event_msg").ascii("{\"type\":\"").ascii(type).ascii("\"");
        }

        private Buf item(long ts, String type) {
            return env(ts, "response_item").ascii("{\"type\":\"").ascii(type).ascii("\"");
        }
    }

    private static void usage(Buf b, long[] u) {
        b.ascii("{\"input_tokens\":").num(u[IN]).ascii(",\"cached_input_tokens\":").num(u[CACHED])
            .ascii(",\"output_tokens\":").num(u[OUT]).ascii(",\"reasoning_output_tokens\":").num(u[REASONING])
            .ascii(",\"total_tokens\":").num(u[TOTAL]).ascii("}");
    }

    private static void add(long[] total, long[] call) {
        for (int i = 0; i < 5; i++) {
            total[i] += call[i];
        }
    }

    /** The counting rules' test for a reset: any counter below the previous total. */
    private static boolean anyBelow(long[] now, long[] previous) {
        for (int i = 0; i < 5; i++) {
            if (now[i] < previous[i]) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Bare era (up to about September 2025): no envelope, no timestamps after the first line, no usage

    private void bare(SplittableRandom r, Project project, EnumSet<Feature> features) throws IOException {
        long start = START_MS + r.nextInt(CorpusGenerator.RANGE_DAYS - 1) * DAY_MS + r.nextInt(20 * 3600) * 1000L;
        String id = CorpusGenerator.uuid(r);
        RolloutFile file = new RolloutFile(rolloutPath(id, start), null);
        Buf b = line.reset();
        b.ascii("{\"id\":\"").ascii(id).ascii("\",\"timestamp\":\"").ts(start)
            .ascii("\",\"instructions\":null,\"git\":{\"commit_hash\":\"").ascii(CorpusGenerator.hex(r, 40))
            .ascii("\",\"branch\":\"main\",\"repository_url\":\"git@github.com:dev/app.git\"}}");
        file.line(b);
        file.line(line.reset().ascii("{\"record_type\":\"state\"}"));
        b = line.reset().ascii("{\"type\":\"message\",\"id\":null,\"role\":\"user\",\"content\":[{\"type\":")
            .ascii("\"input_text\",\"text\":").str("<environment_context>\n  <cwd>" + project.cwd()
                + "</cwd>\n</environment_context>").ascii("}]}");
        file.line(b);
        int turns = 1 + r.nextInt(4);
        for (int t = 0; t < turns; t++) {
            b = line.reset().ascii("{\"type\":\"message\",\"id\":null,\"role\":\"user\",\"content\":[{\"type\":")
                .ascii("\"input_text\",\"text\":").str(CorpusGenerator.pick(r, Text.PROMPTS)).ascii("}]}");
            file.line(b);
            file.line(line.reset().ascii("{\"record_type\":\"state\"}"));
            int calls = 1 + r.nextInt(3);
            for (int c = 0; c < calls; c++) {
                String callId = "call_" + CorpusGenerator.base62(r, 24);
                b = line.reset().ascii("{\"type\":\"reasoning\",\"id\":\"rs_").ascii(CorpusGenerator.hex(r, 32))
                    .ascii("\",\"summary\":[{\"type\":\"summary_text\",\"text\":")
                    .str(CorpusGenerator.pick(r, REASONING_TITLES)).ascii("}],\"content\":null,")
                    .ascii("\"encrypted_content\":\"gAAAAB");
                b.bytes(base64, 0, 200 + r.nextInt(1_000)).ascii("\"}");
                file.line(b);
                String cmd = "[\"bash\",\"-lc\"," + quote(CorpusGenerator.pick(r, Text.COMMANDS)) + "]";
                b = line.reset().ascii("{\"type\":\"function_call\",\"id\":\"fc_").ascii(CorpusGenerator.hex(r, 32))
                    .ascii("\",\"name\":\"shell\",\"arguments\":").str("{\"command\":" + cmd + "}")
                    .ascii(",\"call_id\":\"").ascii(callId).ascii("\"}");
                file.line(b);
                Buf out = aux.reset();
                code.append(out, r, (int) Math.min(100_000, CorpusGenerator.lognormal(r, 600, 1.4)));
                String text = new String(out.a, 0, out.n, java.nio.charset.StandardCharsets.UTF_8);
                // the output is JSON inside a string: escape the already escaped text once more
                b = line.reset().ascii("{\"type\":\"function_call_output\",\"call_id\":\"").ascii(callId)
                    .ascii("\",\"output\":").str("{\"output\":\"" + text + "\",\"metadata\":{\"exit_code\":0,"
                        + "\"duration_seconds\":0.1}}").ascii("}");
                file.line(b);
            }
            b = line.reset().ascii("{\"type\":\"message\",\"id\":\"msg_").ascii(CorpusGenerator.hex(r, 32))
                .ascii("\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"");
            prose.append(b, r, 100 + r.nextInt(800));
            b.ascii("\"}]}");
            file.line(b);
            file.line(line.reset().ascii("{\"record_type\":\"state\"}"));
        }
        if (features.contains(Feature.TRUNCATED_TAIL)) {
            b = line.reset().ascii("{\"type\":\"message\",\"id\":null,\"role\":\"user\",\"content\":[{\"type\":")
                .ascii("\"input_text\",\"text\":").str(CorpusGenerator.pick(r, Text.PROMPTS)).ascii("}]}");
            file.unterminated(b, 1 + r.nextInt(b.n - 2));
            truncatedTails++;
        }
        file.close();
        if (features.contains(Feature.ARCHIVED)) {
            archive(file.path, features.contains(Feature.TRUNCATED_TAIL));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Files

    /** {@code sessions/YYYY/MM/DD/rollout-YYYY-MM-DDThh-mm-ss-<id>.jsonl}, in the machine's local time. */
    private Path rolloutPath(String id, long startMs) {
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(startMs + offsetMs, 1000), 0,
            ZoneOffset.UTC);
        String name = String.format(java.util.Locale.ROOT, "rollout-%04d-%02d-%02dT%02d-%02d-%02d-%s.jsonl",
            local.getYear(), local.getMonthValue(), local.getDayOfMonth(), local.getHour(), local.getMinute(),
            local.getSecond(), id);
        return root.resolve("sessions").resolve(String.format(java.util.Locale.ROOT, "%04d", local.getYear()))
            .resolve(String.format(java.util.Locale.ROOT, "%02d", local.getMonthValue()))
            .resolve(String.format(java.util.Locale.ROOT, "%02d", local.getDayOfMonth())).resolve(name);
    }

    /** A copy under {@code archived_sessions/} (flat): the same events twice, to be counted once. */
    private void archive(Path original, boolean truncated) throws IOException {
        Path dir = root.resolve("archived_sessions");
        Files.createDirectories(dir);
        Path copy = dir.resolve(original.getFileName());
        Files.copy(original, copy);
        files++;
        bytes += Files.size(copy);
        archivedCopies++;
        if (truncated) {
            truncatedTails++; // files that end in a cut line, the copy included
        }
    }

    private final class RolloutFile {
        final Path path;
        private final OutputStream out;
        private final List<byte[]> capture;
        private long written;

        RolloutFile(Path path, List<byte[]> capture) throws IOException {
            this.path = path;
            this.capture = capture;
            Files.createDirectories(path.getParent());
            this.out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
        }

        void line(Buf b) throws IOException {
            line(b.a, b.n);
        }

        void line(byte[] a, int len) throws IOException {
            out.write(a, 0, len);
            out.write('\n');
            written += len + 1;
            if (capture != null) {
                capture.add(Arrays.copyOf(a, len));
            }
        }

        void unterminated(Buf b, int len) throws IOException {
            out.write(b.a, 0, len);
            written += len;
        }

        void close() throws IOException {
            out.close();
            files++;
            bytes += written;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers

    /** A UUID v7: 48 bits of Unix milliseconds, then random bits (time-ordered, as current Codex writes them). */
    static String uuidV7(SplittableRandom r, long ms) {
        long hi = (ms << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
        long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        String h = String.format(java.util.Locale.ROOT, "%016x%016x", hi, lo);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
            + "-" + h.substring(20);
    }

    /** A JSON string literal (for JSON text that is itself written as a string, like tool arguments). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Expected totals

    /** The tokens of every model call written once (copies and repeats excluded), by model and UTC day. */
    static final class Tally {
        static final String[] NAMES = {"input_tokens", "cached_input_tokens", "output_tokens",
            "reasoning_output_tokens", "total_tokens", "events"};
        final long[] totals = new long[6];
        final TreeMap<Long, long[]> daily = new TreeMap<>();
        final TreeMap<String, long[]> byModel = new TreeMap<>();

        void count(long ms, String model, long[] call) {
            add(totals, call);
            add(daily.computeIfAbsent(Math.floorDiv(ms, DAY_MS), d -> new long[6]), call);
            add(byModel.computeIfAbsent(model, m -> new long[6]), call);
        }

        private static void add(long[] t, long[] call) {
            for (int i = 0; i < 5; i++) {
                t[i] += call[i];
            }
            t[EVENTS]++;
        }
    }

    /** The {@code "codex"} object of expected.json, keys sorted. */
    void appendJson(StringBuilder s) {
        s.append("{\n    \"archived_copies\": ").append(archivedCopies).append(",\n    \"by_model\": {");
        appendMap(s, tally.byModel);
        s.append("},\n    \"bytes\": ").append(bytes).append(",\n    \"daily_utc\": {");
        TreeMap<String, long[]> days = new TreeMap<>();
        tally.daily.forEach((day, t) -> days.put(LocalDate.ofEpochDay(day).toString(), t));
        appendMap(s, days);
        s.append("},\n    \"events\": ").append(tally.totals[EVENTS])
            .append(",\n    \"files\": ").append(files)
            .append(",\n    \"sessions\": ").append(sessions)
            .append(",\n    \"totals\": ");
        appendCounters(s, tally.totals, false);
        s.append(",\n    \"truncated_tails\": ").append(truncatedTails).append("\n  }");
    }

    private static void appendMap(StringBuilder s, Map<String, long[]> map) {
        boolean first = true;
        for (Map.Entry<String, long[]> e : map.entrySet()) {
            s.append(first ? "\n      \"" : ",\n      \"").append(e.getKey()).append("\": ");
            appendCounters(s, e.getValue(), true);
            first = false;
        }
        if (!first) {
            s.append("\n    ");
        }
    }

    /** Keys in sorted order: cached, [events,] input, output, reasoning, total. */
    private static void appendCounters(StringBuilder s, long[] t, boolean withEvents) {
        int[] order = withEvents ? new int[] {CACHED, EVENTS, IN, OUT, REASONING, TOTAL}
            : new int[] {CACHED, IN, OUT, REASONING, TOTAL};
        s.append('{');
        for (int i = 0; i < order.length; i++) {
            s.append(i == 0 ? "\"" : ", \"").append(Tally.NAMES[order[i]]).append("\": ").append(t[order[i]]);
        }
        s.append('}');
    }
}
