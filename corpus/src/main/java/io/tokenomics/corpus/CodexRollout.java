package io.tokenomics.corpus;

import static io.tokenomics.corpus.CodexRollout.HOUR_MS;
import static io.tokenomics.corpus.CodexRollout.REASONING_TITLES;
import static io.tokenomics.corpus.CorpusGenerator.DAY_MS;
import static io.tokenomics.corpus.CorpusGenerator.END_MS;
import static io.tokenomics.corpus.CorpusGenerator.RANGE_DAYS;
import static io.tokenomics.corpus.CorpusGenerator.START_MS;
import static io.tokenomics.corpus.RandomValues.hex;
import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.pick;
import static io.tokenomics.corpus.RandomValues.uuidV7;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One Codex rollout in the wrapped format ({@code {"timestamp","type","payload"}} lines): session meta, turns of
 * prompts, model calls, tool rounds and answers, compactions. A forked or sub-agent rollout first replays its
 * parent's lines, with their own times or re-stamped with the fork's. Token counting events are written by
 * {@link CodexTokenCounts}, tool calls by {@link CodexToolCalls}; all draw from this rollout's random stream.
 */
final class CodexRollout {
    static final String GPT_53_CODEX = "gpt-5.3-codex";
    static final String GPT_54 = "gpt-5.4";
    static final String GPT_51_CODEX_MAX = "gpt-5.1-codex-max";
    static final long HOUR_MS = 3_600_000L;
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
    static final String[] REASONING_TITLES = {"**Inspecting the failing test**", "**Reading the config**",
        "**Planning the refactor**", "**Checking the build output**", "**Searching for call sites**",
        "**Verifying the fix**", "**Considering edge cases**"};
    private static final String[] AGENT_ROLES = {"explorer", "reviewer", "worker"};
    private static final String[] NICKNAMES = {"Ada", "Grace", "Linus", "Edsger"};
    private static final long[] WINDOWS = {272_000, 258_400};
    /** How every line of ours begins, its timestamp next. */
    private static final byte[] STAMPED = "{\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);

    final CodexCorpus corpus;
    final CodexTokenCounts tokens;
    final CodexToolCalls toolCalls;
    final SplittableRandom r;
    final Project project;
    final EnumSet<CodexFeature> features;
    final ForkParent from;
    final List<byte[]> capture;
    final String id;
    final String cwd;
    final boolean newMeta;
    final String version;
    final long window;
    final String sandbox;
    final boolean lastOnly;
    JsonlFile file;
    long clock;
    String model;
    String effort;
    /** Prompt tokens of the next call. */
    long context;
    long compactAt;

    /** {@code childFork}: how the next rollout forks from this one, which then keeps its lines; null if it does not. */
    CodexRollout(CodexCorpus corpus, SplittableRandom r, Project project, EnumSet<CodexFeature> features,
            ForkParent from, CodexFeature childFork) {
        this.corpus = corpus;
        this.r = r;
        this.tokens = new CodexTokenCounts(this);
        this.toolCalls = new CodexToolCalls(this);
        this.project = project;
        this.features = features;
        this.from = from;
        this.capture = childFork != null ? new ArrayList<>() : null;
        this.cwd = from != null ? from.cwd() : project.cwd();
        boolean drawnNewMeta = r.nextDouble() < 0.8;
        // A child's version is never older than its parent's; both ends of a re-stamped copy write started_at, which
        // tells the copied turns from the child's own.
        this.newMeta = drawnNewMeta || from != null && from.newMeta()
            || CodexFeature.restamps(CodexFeature.forkOf(features)) || CodexFeature.restamps(childFork);
        this.version = newMeta ? pick(r, VERSIONS_NEW) : pick(r, VERSIONS_OLD);
        this.window = WINDOWS[r.nextInt(WINDOWS.length)];
        this.sandbox = pick(r, SANDBOXES);
        this.lastOnly = features.contains(CodexFeature.LAST_ONLY);
        long start = from != null ? from.endMs() + 30_000 + r.nextInt(1_800_000) : startTime();
        this.clock = start;
        this.id = uuidV7(r, start);
    }

    boolean has(CodexFeature f) {
        return features.contains(f);
    }

    /** Heavy tail: most sessions a few turns, some dozens, a very few hundreds. */
    private int turnCount() {
        int n;
        if (r.nextDouble() < 0.04) {
            n = (int) Math.min(300, 25 * StrictMath.pow(1 - r.nextDouble(), -1 / 1.2));
        } else {
            n = (int) Math.min(60, Math.max(1, lognormal(r, 3, 0.9)));
        }
        if (has(CodexFeature.MODEL_SWITCH) || has(CodexFeature.COUNTER_RESET) || has(CodexFeature.COMPACTION)) {
            n = Math.max(n, 3);
        }
        return capture != null ? Math.min(n, 30) : n; // a fork parent's history is kept in memory
    }

    private long startTime() {
        long day = r.nextInt(RANGE_DAYS - 1);
        long second = r.nextDouble() < 0.7 ? 7 * 3600 + r.nextInt(13 * 3600) : r.nextInt(24 * 3600);
        long t = START_MS + day * DAY_MS + second * 1000 + r.nextInt(1000);
        // the first turn always ends in the window; a fork parent leaves room for its child's first turn
        long latest = capture != null ? END_MS - 13 * HOUR_MS : END_MS - 6 * HOUR_MS;
        return Math.min(t, latest - r.nextInt(6 * 3600) * 1000L);
    }

    void write() throws IOException {
        int n = turnCount();
        model = from != null ? from.model() : sessionModel();
        effort = pick(r, EFFORTS);
        file = corpus.newFile(corpus.rolloutPath(id, clock), capture);
        if (from != null) {
            meta(from);
            replay(from);
            System.arraycopy(from.lastTotal(), 0, tokens.total, 0, 5);
            tokens.prev = from.lastTotal().clone();
            tokens.cachedPrefix = 0;
        } else {
            meta(null);
        }
        context = 9_000 + r.nextInt(9_000);
        compactAt = 170_000 + r.nextInt(60_000);
        int switchAt = has(CodexFeature.MODEL_SWITCH) ? Math.max(1, n / 2) : -1;
        int resetAt = has(CodexFeature.COUNTER_RESET) ? Math.max(1, n / 2 + (n > 3 ? 1 : 0)) : -1;
        int compactTurn = has(CodexFeature.COMPACTION) ? Math.max(1, n / 2) : -1;
        for (int t = 0; t < n && (t == 0 || clock < LAST_TURN_MS); t++) {
            if (t == switchAt || (t > 0 && r.nextDouble() < 0.015)) {
                model = otherModel(model); // /model in the middle of the session
                tokens.cachedPrefix = 0; // a cache belongs to one model
            }
            turn(t == 0 && from == null, t == resetAt, t == compactTurn);
        }
        if (has(CodexFeature.TRUNCATED_TAIL)) {
            tokens.truncatedTail();
        }
        file.close();
        if (capture != null) {
            long[] lastTotal = tokens.prev != null ? tokens.prev.clone() : new long[5];
            corpus.parent = new ForkParent(id, cwd, model, clock, lastTotal, capture, newMeta);
        }
        if (has(CodexFeature.ARCHIVED)) {
            corpus.archive(file.path, has(CodexFeature.TRUNCATED_TAIL));
        }
    }

    /**
     * The parent's history, its token_count events included: as the parent wrote it, or re-stamped with the time of
     * the fork, within the second the fork's meta was written or spread over several seconds after it.
     */
    private void replay(ForkParent parent) throws IOException {
        CodexFeature fork = CodexFeature.forkOf(features);
        List<byte[]> lines = parent.lines();
        if (!CodexFeature.restamps(fork)) {
            for (byte[] copied : lines) {
                file.line(copied, 0, copied.length);
            }
            return;
        }
        long span = fork == CodexFeature.FORK_SAME_SECOND ? 999 - Math.floorMod(clock, 1000L)
            : 2_000 + r.nextInt(20_000);
        for (int i = 0; i < lines.size(); i++) {
            byte[] copied = lines.get(i);
            JsonBuffer b = corpus.line.reset().bytes(copied, 0, copied.length);
            if (startsWith(copied, STAMPED)) {
                JsonBuffer stamp = corpus.aux.reset().timestamp(clock + span * i / lines.size());
                System.arraycopy(stamp.array, 0, b.array, STAMPED.length, stamp.size);
            }
            file.line(b);
        }
        clock += span + 1;
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        return line.length >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
    }

    private String sessionModel() {
        if (has(CodexFeature.UNPRICED)) {
            return CorpusGenerator.UNPRICED_CODEX_MODEL;
        }
        double u = r.nextDouble();
        return u < 0.45 ? GPT_53_CODEX : u < 0.75 ? GPT_54 : GPT_51_CODEX_MAX;
    }

    private String otherModel(String current) {
        String[] all = {GPT_53_CODEX, GPT_54, GPT_51_CODEX_MAX};
        String m;
        do {
            m = pick(r, all);
        } while (m.equals(current));
        return m;
    }


    /** The first line: this thread's own session meta; a child names its parent. */
    private void meta(ForkParent of) throws IOException {
        long written = clock + 40 + r.nextInt(6_000); // the meta line is written a few seconds after the start
        JsonBuffer b = env(written, "session_meta");
        b.ascii("{\"id\":\"").ascii(id).ascii("\",\"timestamp\":\"").timestamp(clock).ascii("\",\"cwd\":").string(cwd)
            .ascii(",\"originator\":").string(pick(r, ORIGINATORS)).ascii(",\"cli_version\":\"")
            .ascii(version).ascii("\",\"source\":");
        boolean subagent = of != null && r.nextBoolean();
        if (subagent) {
            b.ascii("{\"subagent\":{\"thread_spawn\":{\"parent_thread_id\":\"").ascii(of.id())
                .ascii("\",\"depth\":1,\"agent_path\":null,\"agent_nickname\":")
                .string(pick(r, NICKNAMES)).ascii(",\"agent_role\":")
                .string(pick(r, AGENT_ROLES)).ascii("}}}");
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
            corpus.prose.append(b, r, 400 + r.nextInt(1_500));
            b.ascii("\"}");
        } else {
            b.ascii(",\"instructions\":null");
        }
        b.ascii(",\"git\":{\"commit_hash\":\"").ascii(hex(r, 40)).ascii("\",\"branch\":")
            .string(r.nextDouble() < 0.7 ? "main" : "feature/" + pick(r, new String[] {
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
            clock += 3_000 + Math.min(45 * 60_000, lognormal(r, 60_000, 1.3));
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
        JsonBuffer b = event(clock, "task_started");
        if (newMeta) {
            b.ascii(",\"turn_id\":\"").ascii(turnId).ascii("\",\"started_at\":").number(Math.floorDiv(clock, 1000L));
        }
        b.ascii(",\"model_context_window\":").number(window);
        if (newMeta) {
            b.ascii(",\"collaboration_mode_kind\":\"default\"");
        }
        file.line(b.ascii("}}"));
        String prompt = pick(r, Vocabulary.PROMPTS);
        b = item(clock + 1, "message");
        b.ascii(",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":").string(prompt).ascii("}]}}");
        file.line(b);
        b = event(clock + 1, "user_message");
        b.ascii(",\"message\":").string(prompt).ascii(",\"images\":[]");
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
            tokens.rateLimitsOnly();
        }
        if (reset) {
            tokens.resetCounters();
        }
        int n = (int) Math.min(40, Math.max(1, lognormal(r, 4, 0.9)));
        byte[] answer = null;
        for (int c = 0; c < n; c++) {
            boolean last = c == n - 1;
            clock += 400 + Math.min(120_000, lognormal(r, 4_000, 0.8));
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
                    tools.add(toolCalls.toolCall());
                }
            }
            long[] usage = tokens.modelCall(last ? 120 : 0);
            clock += 2 + r.nextInt(30);
            tokens.counting(usage);
            for (String[] tool : tools) {
                clock += 20 + Math.min(300_000, lognormal(r, 1_500, 1.3));
                toolCalls.toolOutput(tool);
            }
            if (!last) {
                clock += 3 + r.nextInt(10);
                if (r.nextDouble() < 0.9) {
                    turnContext(turnId); // written again after each tool round
                }
                if (r.nextDouble() < 0.92) {
                    clock += 200 + r.nextInt(3_000);
                    tokens.repeat();
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
            tokens.repeat(); // a late refresh of the same totals
        }
    }

    private void environment() throws IOException {
        JsonBuffer b;
        if (newMeta) {
            b = item(clock, "message");
            b.ascii(",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"<permissions "
                + "instructions>Filesystem sandboxing defines which files can be read or written. ");
            corpus.prose.append(b, r, 300 + r.nextInt(900));
            b.ascii("</permissions instructions>\"}]}}");
            file.line(b);
        }
        if (r.nextDouble() < 0.5) {
            b = item(clock, "message");
            b.ascii(",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":")
                .string("# AGENTS.md instructions for " + cwd + "\n\n<INSTRUCTIONS>\n");
            b.size--; // reopen the string
            corpus.prose.append(b, r, 200 + r.nextInt(2_500));
            b.ascii("</INSTRUCTIONS>\"}]}}");
            file.line(b);
        }
        b = item(clock, "message");
        b.ascii(",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":").string("<environment_context>\n"
            + "  <cwd>" + cwd + "</cwd>\n  <approval_policy>" + pick(r, APPROVALS)
            + "</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n"
            + "  <network_access>restricted</network_access>\n  <shell>zsh</shell>\n</environment_context>")
            .ascii("}]}}");
        file.line(b);
    }

    private void turnContext(String turnId) throws IOException {
        JsonBuffer b = env(clock, "turn_context");
        b.ascii("{");
        if (newMeta) {
            b.ascii("\"turn_id\":\"").ascii(turnId).ascii("\",");
        }
        b.ascii("\"cwd\":").string(cwd).ascii(",\"approval_policy\":\"on-request\",\"sandbox_policy\":{\"type\":\"")
            .ascii(sandbox)
            .ascii("\",\"writable_roots\":[").string(cwd).ascii("],\"network_access\":false},\"model\":")
            .string(model);
        if (newMeta) {
            b.ascii(",\"personality\":\"pragmatic\",\"collaboration_mode\":{\"mode\":\"default\",\"settings\":"
                + "{\"model\":").string(model).ascii(",\"reasoning_effort\":\"").ascii(effort).ascii("\"}}");
        }
        b.ascii(",\"effort\":\"").ascii(effort).ascii("\",\"summary\":\"auto\"");
        if (newMeta) {
            b.ascii(",\"truncation_policy\":{\"mode\":\"tokens\",\"limit\":10000}");
        }
        b.ascii("}}");
        file.line(b);
    }

    private void reasoning() throws IOException {
        String title = pick(r, REASONING_TITLES);
        if (r.nextBoolean()) {
            JsonBuffer b = event(clock, "agent_reasoning");
            b.ascii(",\"text\":").string(title).ascii("}}");
            file.line(b);
        }
        JsonBuffer b = item(clock, "reasoning");
        b.ascii(",\"summary\":[{\"type\":\"summary_text\",\"text\":").string(title)
            .ascii("}],\"content\":null,\"encrypted_content\":\"gAAAAB");
        int len = 300 + r.nextInt(6_000);
        b.bytes(corpus.base64, r.nextInt(corpus.base64.length - len), len);
        b.ascii("\"}}");
        file.line(b);
        clock += 1;
    }

    /** The answer (or a preamble), twice as real rollouts have it; returns its escaped text. */
    private byte[] assistantMessage() throws IOException {
        JsonBuffer t = corpus.aux.reset();
        corpus.prose.append(t, r, (int) Math.min(6_000, lognormal(r, 300, 0.9)));
        byte[] text = t.toArray();
        JsonBuffer b = event(clock, "agent_message");
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

    /** {@code compacted} with its replacement history, then {@code context_compacted}: the prompt shrinks. */
    private void compacted() throws IOException {
        clock += 5_000 + r.nextInt(20_000);
        JsonBuffer b = env(clock, "compacted");
        b.ascii("{\"message\":\"\",\"replacement_history\":[{\"type\":\"message\",\"role\":\"user\",\"content\":"
            + "[{\"type\":\"input_text\",\"text\":\"");
        corpus.prose.append(b, r, 1_000 + r.nextInt(4_000));
        b.ascii("\"}]}]}}");
        file.line(b);
        clock += 3;
        b = event(clock, "context_compacted");
        b.ascii("}}");
        file.line(b);
        context = 12_000 + r.nextInt(10_000);
        tokens.cachedPrefix = 0;
        compactAt = 170_000 + r.nextInt(60_000);
    }

    private void state() throws IOException {
        file.line(corpus.line.reset().ascii("{\"record_type\":\"state\"}"));
    }


    private JsonBuffer env(long timestamp, String type) {
        return corpus.line.reset().ascii("{\"timestamp\":\"").timestamp(timestamp).ascii("\",\"type\":\"").ascii(type)
            .ascii("\",\"payload\":");
    }

    /** An event_msg envelope up to the payload's type; the caller adds fields and closes with "}}". */
    JsonBuffer event(long timestamp, String type) {
        return env(timestamp, "event_msg").ascii("{\"type\":\"").ascii(type).ascii("\"");
    }

    JsonBuffer item(long timestamp, String type) {
        return env(timestamp, "response_item").ascii("{\"type\":\"").ascii(type).ascii("\"");
    }
}
