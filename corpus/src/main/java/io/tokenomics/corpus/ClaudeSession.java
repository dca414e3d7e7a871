package io.tokenomics.corpus;

import static io.tokenomics.corpus.ClaudeLineFormat.head;
import static io.tokenomics.corpus.ClaudeLineFormat.renderLine;
import static io.tokenomics.corpus.ClaudeModels.HAIKU_45;
import static io.tokenomics.corpus.ClaudeModels.OPUS_46;
import static io.tokenomics.corpus.ClaudeModels.SONNET_4;
import static io.tokenomics.corpus.ClaudeModels.SONNET_45;
import static io.tokenomics.corpus.CorpusGenerator.DAY_MS;
import static io.tokenomics.corpus.CorpusGenerator.END_MS;
import static io.tokenomics.corpus.CorpusGenerator.RANGE_DAYS;
import static io.tokenomics.corpus.RandomValues.hex;
import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.messageId;
import static io.tokenomics.corpus.RandomValues.pick;
import static io.tokenomics.corpus.RandomValues.uuid;
import static io.tokenomics.corpus.TextPool.sliceLength;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One Claude Code session: its main file, written line by line in order, and its sidechain files. The session's
 * state (clock, model, main conversation) lives here; responses, tool results, sidechains and defect lines are
 * written by helpers it owns, which draw from the same random stream.
 */
final class ClaudeSession {
    private static final String[] VERSIONS_21 = {"2.1.39", "2.1.42", "2.1.50", "2.1.63", "2.1.70", "2.1.88"};
    private static final String[] VERSIONS_10 = {"1.0.98", "1.0.108", "1.0.17"};
    private static final String[] BRANCHES = {"main", "main", "main", "develop", "feature/cart-coupons",
        "fix/flaky-checkout", "feat/oauth-login", "HEAD", "", "chore/deps"};

    /**
     * The most lines of a session that the next one copies when it resumes it: Claude Code copies the whole earlier
     * conversation, which makes real logs repeat more than half of their response ids across files.
     */
    private static final int MAX_COPIED_LINES = 5_000;

    /** Lines of a session kept for the next session, which resumes it by copying them (same message ids). */
    record History(Project project, List<byte[]> lines) {
    }

    final CorpusGenerator run;
    final SplittableRandom r;
    final EnumSet<ClaudeFeature> features;
    final Project project;
    final String sessionId;
    final boolean legacy;
    final Path sessionDir;
    final List<byte[]> capture;
    final ClaudeResponses responses;
    final ClaudeToolResults toolResults;
    final ClaudeSidechains sidechains;
    final ClaudeDefects defects;
    JsonlFile mainFile;
    Conversation main;
    String model;
    long clock;
    Response lastPlain;
    int glmLeft;

    ClaudeSession(CorpusGenerator run, SplittableRandom r, Project project, EnumSet<ClaudeFeature> features,
            boolean recordHistory) {
        this.run = run;
        this.r = r;
        this.project = project;
        this.features = features;
        this.sessionId = uuid(r);
        this.legacy = features.contains(ClaudeFeature.LEGACY);
        this.sessionDir = run.options.out().resolve("projects").resolve(project.dirName());
        this.capture = recordHistory ? new ArrayList<>() : null;
        this.responses = new ClaudeResponses(this);
        this.toolResults = new ClaudeToolResults(this);
        this.sidechains = new ClaudeSidechains(this);
        this.defects = new ClaudeDefects(this);
    }

    History write(History resumeFrom) throws IOException {
        int n = responseCount();
        clock = startTime(n);
        model = legacy ? (r.nextDouble() < 0.85 ? SONNET_4 : SONNET_45) : mainModel();
        String version = legacy ? pick(r, VERSIONS_10) : pick(r, VERSIONS_21);
        String branch = legacy ? null : pick(r, BRANCHES);
        mainFile = run.newFile(sessionDir.resolve(sessionId + ".jsonl"), has(ClaudeFeature.BOM),
            has(ClaudeFeature.CRLF));
        main = new Conversation(mainFile, false, null, sessionId, project.cwd(), version, branch, legacy);
        main.compactAt = compactThreshold();
        if (resumeFrom != null) {
            copyHistory(resumeFrom);
        }
        sessionStart();
        conversation(n);
        finish();
        run.tally.cacheMisses.endSession();
        return capture == null ? null : new History(project, capture);
    }

    boolean has(ClaudeFeature f) {
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
        return has(ClaudeFeature.MIDNIGHT) ? Math.max(n, 12) : n;
    }

    private long startTime(int n) {
        long estimate = n * 45_000L;
        long day = r.nextInt(RANGE_DAYS - 1); // a session starting at 23:58 on the last day would leave the range
        long second;
        if (has(ClaudeFeature.MIDNIGHT)) {
            second = 23 * 3600 + 58 * 60 + 20 + r.nextInt(90); // ends well after 00:00 UTC
        } else if (r.nextDouble() < 0.7) {
            second = 7 * 3600 + r.nextInt(12 * 3600);
        } else {
            second = r.nextInt(24 * 3600);
        }
        long t = END_MS - RANGE_DAYS * DAY_MS + day * DAY_MS + second * 1000 + r.nextInt(1000);
        if (!has(ClaudeFeature.MIDNIGHT) && t + estimate > END_MS) {
            t = Math.max(END_MS - RANGE_DAYS * DAY_MS, END_MS - estimate - r.nextInt(6 * 3600_000));
        }
        return t;
    }

    String mainModel() {
        double u = r.nextDouble();
        return u < 0.45 ? SONNET_45 : u < 0.80 ? OPUS_46 : u < 0.92 ? HAIKU_45 : SONNET_4;
    }

    private long compactThreshold() {
        return 140_000 + r.nextInt(35_000);
    }


    private void sessionStart() throws IOException {
        if (legacy && r.nextDouble() < 0.3) {
            summaryLine();
        }
        if (!legacy) {
            int hooks = r.nextInt(3);
            for (int i = 0; i < hooks; i++) {
                hookProgress(main, "SessionStart", "SessionStart:startup", pick(r, Vocabulary.HOOK_COMMANDS), null);
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
                defects.insertDefectLines();
            }
            if (main.cached > main.compactAt || (atDefect && has(ClaudeFeature.COMPACTION))) {
                compact();
            }
            if (atDefect && has(ClaudeFeature.SYNTHETIC)) {
                if (needPrompt) {
                    humanPrompt();
                }
                responses.syntheticReply(); // the request failed locally; the user asks again
                needPrompt = true;
            }
            if (needPrompt) {
                humanPrompt();
                if (r.nextDouble() < 0.002) {
                    responses.syntheticReply();
                    humanPrompt();
                }
            }
            Response resp = responses.mainResponse(atDefect, i == n - 1);
            responses.writeResponse(main, resp, true);
            boolean tools = toolResults.runTools(main, resp);
            if (!tools) {
                turnEnd(resp);
            }
            needPrompt = !tools;
        }
    }

    private void finish() throws IOException {
        if (has(ClaudeFeature.SIDECHAIN_REPLAY) && lastPlain != null) {
            sidechains.sideQuestion(lastPlain);
        }
        if (r.nextDouble() < 0.15) {
            summaryLine();
        }
        if (has(ClaudeFeature.TRUNCATED_TAIL)) {
            // the process died while appending: a response line cut off, no newline; never counted
            Response phantom = responses.detachedResponse(main);
            renderLine(run.line, main, phantom, 0, main.lastUuid);
            mainFile.unterminated(run.line, defects.cutPoint(run.line));
            run.tally.truncatedTails++;
        }
        mainFile.close();
    }

    /** A resumed session starts with copies of the previous session's lines: same ids, same usage. */
    private void copyHistory(History from) throws IOException {
        summaryLine();
        for (byte[] line : from.lines()) {
            mainFile.line(line, 0, line.length);
        }
    }


    /** 2.x compaction: the summarizer call (an acompact sidechain), a boundary line, the summary user line. */
    private void compact() throws IOException {
        long pre = main.cached + main.pending;
        if (!legacy) {
            String agentId = "acompact-" + hex(r, 6);
            try (JsonlFile file = run.newFile(sidechains.subagentPath("agent-" + agentId + ".jsonl"), false, false)) {
                Conversation sub = new Conversation(file, true, agentId, main);
                sub.cached = main.cached;
                sub.pending = main.pending + 300;
                clock += 1_000;
                userPrompt(sub, Vocabulary.COMPACT_PROMPT, true, false);
                Response reply = responses.newResponse(sub, model, 0, null, false, ClaudeResponses.SUB_TOOLS, null,
                    false);
                responses.writeResponse(sub, reply, true);
            }
        }
        clock += 20_000 + r.nextInt(60_000);
        String boundary = uuid(r);
        JsonBuffer b = run.line;
        head(b.reset(), main, null);
        b.ascii(",\"logicalParentUuid\":").stringOrNull(main.lastUuid)
            .ascii(",\"type\":\"system\",\"subtype\":\"compact_boundary\",\"content\":\"Conversation compacted\"")
            .ascii(",\"isMeta\":false,\"timestamp\":\"").timestamp(clock).ascii("\",\"uuid\":\"").ascii(boundary)
            .ascii("\",\"level\":\"info\",\"compactMetadata\":{\"trigger\":\"auto\",\"preTokens\":").number(pre)
            .ascii("}}");
        emit(main, b, true);
        run.tally.cacheMisses.compaction(main, clock);
        main.lastUuid = boundary;
        String uuid = uuid(r);
        head(b.reset(), main, boundary);
        b.ascii(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"")
            .escaped(Vocabulary.COMPACT_SUMMARY_START, false);
        long slice = run.prose.slice(r, 3_000 + r.nextInt(12_000));
        run.prose.write(b, slice);
        b.ascii("\"},\"isVisibleInTranscriptOnly\":true,\"isCompactSummary\":true,\"uuid\":\"").ascii(uuid)
            .ascii("\",\"timestamp\":\"").timestamp(clock + 5).ascii("\"}");
        emit(main, b, true);
        main.lastUuid = uuid;
        main.cached = 0; // next request writes the summary into a fresh cache
        main.pending = sliceLength(slice) / 4;
        main.compactAt = compactThreshold();
    }


    private void humanPrompt() throws IOException {
        if (r.nextDouble() < 0.02 && clock < END_MS - 8 * 3_600_000L) {
            clock += 65 * 60_000 + r.nextInt(115 * 60_000); // back after lunch: beyond even a 1-hour cache
        } else {
            clock += 2_000 + Math.min(45 * 60_000, lognormal(r, 40_000, 1.2));
        }
        String uuid = uuid(r);
        if (!legacy) {
            fileHistorySnapshot(uuid);
        }
        String text = pick(r, Vocabulary.PROMPTS);
        if (r.nextDouble() < 0.05) {
            text = text + "\n\n```\n" + Vocabulary.PASTE + "\n```";
        }
        JsonBuffer b = run.line;
        head(b.reset(), main, main.lastUuid);
        b.ascii(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":");
        if (r.nextDouble() < 0.2) {
            b.ascii("[{\"type\":\"text\",\"text\":").string(text).ascii("}]");
        } else {
            b.string(text);
        }
        b.ascii("},\"uuid\":\"").ascii(uuid).ascii("\",\"timestamp\":\"").timestamp(clock).ascii("\"");
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
    void userPrompt(Conversation c, String text, boolean root, boolean meta) throws IOException {
        String uuid = uuid(r);
        JsonBuffer b = run.line;
        head(b.reset(), c, root ? null : c.lastUuid);
        b.ascii(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":").string(text).ascii("}");
        if (meta) {
            b.ascii(",\"isMeta\":true");
        }
        b.ascii(",\"uuid\":\"").ascii(uuid).ascii("\",\"timestamp\":\"").timestamp(clock).ascii("\"}");
        emit(c, b, true);
        c.lastUuid = uuid;
        c.pending += 20 + text.length() / 4;
        if (c.echoTo != null) {
            sidechains.echoPrompt(c, text, uuid);
        }
    }
    private void metaCommand() throws IOException {
        clock += 500;
        userPrompt(main, Vocabulary.CAVEAT, false, true);
        clock += 10;
        userPrompt(main, "<command-name>/model</command-name>\n<command-message>model</command-message>\n"
            + "<command-args></command-args>", false, false);
        clock += 10;
        userPrompt(main, "<local-command-stdout>Set model to " + model + "</local-command-stdout>", false, false);
    }

    private void fileHistorySnapshot(String messageId) throws IOException {
        JsonBuffer b = run.line.reset();
        b.ascii("{\"type\":\"file-history-snapshot\",\"messageId\":\"").ascii(messageId)
            .ascii("\",\"snapshot\":{\"messageId\":\"").ascii(messageId).ascii("\",\"trackedFileBackups\":{");
        if (r.nextDouble() < 0.3) {
            b.string(main.cwd + "/" + pick(r, Vocabulary.FILES)).ascii(":{\"backupFileName\":\"").ascii(hex(r, 16))
                .ascii("@v1\",\"version\":1,\"backupTime\":\"").timestamp(clock - 1_000).ascii("\"}");
        }
        b.ascii("},\"timestamp\":\"").timestamp(clock).ascii("\"},\"isSnapshotUpdate\":false}");
        emit(main, b, true);
    }

    void hookProgress(Conversation c, String event, String name, String command, String toolId)
            throws IOException {
        String uuid = uuid(r);
        String id = toolId != null ? toolId : uuid(r);
        clock += 5 + r.nextInt(80);
        JsonBuffer b = run.line;
        head(b.reset(), c, c.lastUuid);
        b.ascii(",\"type\":\"progress\",\"data\":{\"type\":\"hook_progress\",\"hookEvent\":\"").ascii(event)
            .ascii("\",\"hookName\":").string(name).ascii(",\"command\":").string(command)
            .ascii("},\"parentToolUseID\":\"").ascii(id).ascii("\",\"toolUseID\":\"").ascii(id)
            .ascii("\",\"timestamp\":\"").timestamp(clock).ascii("\",\"uuid\":\"").ascii(uuid).ascii("\"}");
        emit(c, b, true);
        c.lastUuid = uuid;
    }

    private void turnEnd(Response resp) throws IOException {
        if (!legacy && r.nextDouble() < 0.5) {
            String uuid = uuid(r);
            clock += 20 + r.nextInt(200);
            JsonBuffer b = run.line;
            head(b.reset(), main, main.lastUuid);
            b.ascii(",\"type\":\"system\",\"subtype\":\"turn_duration\",\"durationMs\":")
                .number(1_000 + r.nextInt(300_000)).ascii(",\"timestamp\":\"").timestamp(clock).ascii("\",\"uuid\":\"")
                .ascii(uuid).ascii("\",\"isMeta\":false}");
            emit(main, b, true);
            main.lastUuid = uuid;
        }
        if (r.nextDouble() < 0.01) {
            unknownTypeLine();
        }
    }

    private void summaryLine() throws IOException {
        JsonBuffer b = run.line.reset();
        b.ascii("{\"type\":\"summary\",\"summary\":").string(pick(r, Vocabulary.TITLES)).ascii(",\"leafUuid\":\"")
            .ascii(main.lastUuid != null ? main.lastUuid : uuid(r)).ascii("\"}");
        emit(main, b, true);
    }

    void unknownTypeLine() throws IOException {
        JsonBuffer b = run.line.reset();
        b.ascii("{\"type\":\"workspace-telemetry\",\"sessionId\":\"").ascii(sessionId)
            .ascii("\",\"timestamp\":\"").timestamp(clock).ascii("\",\"payload\":{\"openFiles\":").number(r.nextInt(30))
            .ascii(",\"usage\":{\"input_tokens\":999}}}");
        emit(main, b, false);
    }


    void emit(Conversation c, JsonBuffer b, boolean copyable) throws IOException {
        c.out.line(b);
        if (capture != null && copyable && c.out == mainFile && capture.size() < MAX_COPIED_LINES && b.size <= 65_536) {
            capture.add(Arrays.copyOf(b.array, b.size));
        }
    }
}
