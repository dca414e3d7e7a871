package io.tokenomics.corpus;

import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes session files in pi's format under {@code HOME}: pi's own ({@link #writePi}:
 * {@code .pi/agent/sessions/<project>/<time>_<session>.jsonl}) or OpenClaw's ({@link #writeOpenClaw}:
 * {@code .openclaw/agents/<agent>/sessions/<session>.jsonl}, some under {@code .clawdbot}), with the totals a correct
 * reader counts under docs/formats.md ("pi and OpenClaw").
 *
 * <p>With the defects of the format: assistant messages of three providers' shapes (Anthropic's cache writes,
 * OpenAI's cache reads, Google's input that holds its cache reads), aborted calls whose usage is all zero, a usage
 * with a total alone, calls whose entry is written on the day after the call began, a line cut in the middle of a
 * file and a counter that is no count (rejects), model changes and (OpenClaw) messages without a model of their own,
 * user and tool-result messages, thinking and tool calls in the content. pi: sessions forked into a new file that
 * copies the parent's entries (counted once). OpenClaw: transcripts kept again as {@code .jsonl.deleted.<time>} or
 * {@code .jsonl.reset.<time>} copies, whole or up to an earlier point (counted once).
 */
public final class PiCorpus {
    private static final String[][] MODELS = {
        {"anthropic", "claude-sonnet-4-5"}, {"openai", "gpt-5.1-codex"}, {"google", "gemini-2.5-pro"},
        {"anthropic", "claude-opus-4-5"},
    };
    private static final String[] PROJECTS = {"--home-dev-shop--", "--home-dev-api--", "--Users-me-tools--"};
    private static final String[] OPENCLAW_AGENTS = {"main", "coder"};
    private static final long START_MS = CorpusGenerator.START_MS;
    private static final long RANGE_MS = CorpusGenerator.RANGE_DAYS * CorpusGenerator.DAY_MS;

    private final Path home;
    private final boolean openClaw;
    private final SplittableRandom random;
    private final AgentTotals totals = new AgentTotals();
    /** The agent's own cost of every counted call, in micro-dollars. */
    private long costMicros;
    /** The lines of the session being written that a reader rejects, wherever they are copied. */
    private final Set<String> badLines = new HashSet<>();

    private PiCorpus(Path home, boolean openClaw, long seed) {
        this.home = home;
        this.openClaw = openClaw;
        this.random = new SplittableRandom(seed);
    }

    /** Writes {@code sessions} pi sessions under {@code home}; same seed, same bytes. */
    public static AgentTotalsAndCost writePi(Path home, int sessions, long seed) throws IOException {
        return new PiCorpus(home, false, seed).write(sessions);
    }

    /** Writes {@code sessions} OpenClaw transcripts under {@code home}; same seed, same bytes. */
    public static AgentTotalsAndCost writeOpenClaw(Path home, int sessions, long seed) throws IOException {
        return new PiCorpus(home, true, seed).write(sessions);
    }

    private AgentTotalsAndCost write(int sessions) throws IOException {
        for (int i = 0; i < sessions; i++) {
            session(i, random.split());
        }
        return new AgentTotalsAndCost(totals, costMicros);
    }

    private void session(int index, SplittableRandom r) throws IOException {
        String id = uuid(r);
        long ms = START_MS + r.nextLong(RANGE_MS);
        badLines.clear();
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"session\",\"version\":3,\"id\":\"" + id + "\",\"timestamp\":\"" + QwenCorpus.iso(ms)
                + "\",\"cwd\":\"/home/dev/shop\"}");
        String[] model = MODELS[r.nextInt(MODELS.length)];
        lines.add(change(r, model, ms));
        int calls = 3 + r.nextInt(12);
        for (int c = 0; c < calls; c++) {
            ms += 2_000 + lognormal(r, 40_000, 1.2);
            if (r.nextInt(8) == 0) {
                model = MODELS[r.nextInt(MODELS.length)];
                lines.add(change(r, model, ms));
            }
            lines.add(entry(r, ms, "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Fix the failing"
                    + " test in src/cart.ts\"}],\"timestamp\":" + ms + "}"));
            ms += 500;
            lines.add(assistant(r, model, ms, index * 100 + c));
            lines.add(entry(r, ms + 100, "{\"role\":\"toolResult\",\"toolCallId\":\"toolu_" + c + "\",\"toolName\":"
                    + "\"bash\",\"content\":[{\"type\":\"text\",\"text\":\"ok\\n\"}],\"isError\":false,\"timestamp\":"
                    + (ms + 100) + "}"));
        }
        if (index % 9 == 4) {
            // A user's message cut in the middle of the file: a reject, and no call lost.
            int cut = 0;
            while (!lines.get(cut).contains("\"role\":\"user\"")) {
                cut++;
            }
            String line = lines.get(cut).substring(0, lines.get(cut).length() / 2);
            lines.set(cut, line);
            badLines.add(line);
            totals.reject();
        }
        Path file = file(index, id, ms);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        totals.file();
        if (index % 5 == 2) {
            copy(r, file, lines, ms);
        }
    }

    /**
     * pi: a fork, a new session whose file copies the parent's entries and goes on. OpenClaw: the transcript kept
     * again when its session was deleted or reset, whole or as it was earlier.
     */
    private void copy(SplittableRandom r, Path file, List<String> lines, long ms) throws IOException {
        int kept = 2 + r.nextInt(lines.size() - 1);
        List<String> copied = new ArrayList<>(lines.subList(0, kept));
        for (String line : copied) {
            if (badLines.contains(line)) {
                totals.reject();
            }
        }
        if (openClaw) {
            String name = file.getFileName() + (r.nextBoolean() ? ".deleted." : ".reset.")
                    + QwenCorpus.iso(ms + 60_000).replace(':', '-');
            Files.writeString(file.resolveSibling(name), String.join("\n", copied) + "\n", StandardCharsets.UTF_8);
        } else {
            String fork = uuid(r);
            copied.set(0, "{\"type\":\"session\",\"version\":3,\"id\":\"" + fork + "\",\"timestamp\":\""
                    + QwenCorpus.iso(ms) + "\",\"cwd\":\"/home/dev/shop\",\"parentSession\":\"" + file + "\"}");
            String[] model = MODELS[0];
            copied.add(change(r, model, ms + 1_000));
            copied.add(assistant(r, model, ms + 2_000, 99_999));
            Files.writeString(file.resolveSibling(QwenCorpus.iso(ms).replace(':', '-').replace('.', '-') + "_" + fork
                    + ".jsonl"), String.join("\n", copied) + "\n", StandardCharsets.UTF_8);
        }
        totals.file();
    }

    private Path file(int index, String id, long ms) {
        if (openClaw) {
            String folder = index % 7 == 3 ? ".clawdbot" : ".openclaw";
            return home.resolve(folder).resolve("agents").resolve(OPENCLAW_AGENTS[index % OPENCLAW_AGENTS.length])
                    .resolve("sessions").resolve(id + ".jsonl");
        }
        return home.resolve(".pi/agent/sessions").resolve(PROJECTS[index % PROJECTS.length])
                .resolve(QwenCorpus.iso(ms).replace(':', '-').replace('.', '-') + "_" + id + ".jsonl");
    }

    private String change(SplittableRandom r, String[] model, long ms) {
        return "{\"type\":\"model_change\",\"id\":\"" + shortId(r) + "\",\"parentId\":null,\"timestamp\":\""
                + QwenCorpus.iso(ms) + "\",\"provider\":\"" + model[0] + "\",\"modelId\":\"" + model[1] + "\"}";
    }

    private String entry(SplittableRandom r, long ms, String message) {
        return "{\"type\":\"message\",\"id\":\"" + shortId(r) + "\",\"parentId\":\"" + shortId(r)
                + "\",\"timestamp\":\"" + QwenCorpus.iso(ms) + "\",\"message\":" + message + "}";
    }

    /**
     * One assistant message, counted as a reader must count it: dated by its entry (pi) or by its own time
     * (OpenClaw), which is when the call began; the entry is written when it ended.
     */
    private String assistant(SplittableRandom r, String[] model, long startMs, int serial) {
        long endMs = startMs + (serial % 13 == 6 ? CorpusGenerator.DAY_MS : 1_000 + r.nextInt(60_000));
        long uncached = 1 + lognormal(r, 3_000, 1.0);
        long output = 1 + lognormal(r, 800, 1.0);
        long cacheRead = r.nextInt(4) == 0 ? 0 : lognormal(r, 40_000, 1.0);
        long cacheWrite = model[0].equals("anthropic") ? lognormal(r, 2_000, 1.0) : 0;
        String usage;
        long input = uncached;
        long billedOutput = output;
        if (serial % 17 == 9) {
            uncached = 0;
            cacheRead = 0;
            cacheWrite = 0;
            usage = "\"input\":0,\"output\":0,\"cacheRead\":0,\"cacheWrite\":0,\"totalTokens\":" + output;
        } else if (serial % 11 == 7) {
            uncached = 0;
            output = 0;
            cacheRead = 0;
            cacheWrite = 0;
            billedOutput = 0;
            usage = "\"input\":0,\"output\":0,\"cacheRead\":0,\"cacheWrite\":0,\"totalTokens\":0";
        } else if (model[0].equals("google")) {
            input = uncached + cacheRead;
            usage = "\"input\":" + input + ",\"output\":" + output + ",\"cacheRead\":" + cacheRead
                    + ",\"cacheWrite\":0,\"totalTokens\":" + (input + output);
        } else {
            usage = "\"input\":" + uncached + ",\"output\":" + output + ",\"cacheRead\":" + cacheRead
                    + ",\"cacheWrite\":" + cacheWrite + ",\"totalTokens\":" + (uncached + output + cacheRead
                    + cacheWrite);
        }
        boolean badCounter = serial % 23 == 11;
        if (badCounter) {
            usage = usage.replaceFirst("\"output\":\\d+", "\"output\":\"" + output + "\"");
        }
        long cost = billedOutput == 0 ? 0 : 10 + r.nextInt(90_000);
        boolean ownModel = !openClaw || serial % 3 != 0;
        String message = "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"The test"
                + " expects 3 items.\"},{\"type\":\"toolCall\",\"id\":\"toolu_" + serial + "\",\"name\":\"bash\","
                + "\"arguments\":{\"command\":\"npm test\"}}],\"api\":\"messages\",\"provider\":\"" + model[0] + "\""
                + (ownModel ? ",\"model\":\"" + model[1] + "\"" : "") + ",\"usage\":{" + usage
                + ",\"cost\":{\"input\":0,\"output\":0,\"cacheRead\":0,\"cacheWrite\":0,\"total\":" + micros(cost)
                + "}},\"stopReason\":\""
                + (billedOutput == 0 ? "aborted" : "toolUse") + "\",\"timestamp\":" + startMs + "}";
        String line = entry(r, endMs, message);
        if (badCounter) {
            badLines.add(line);
            totals.reject();
        } else if (billedOutput > 0) {
            totals.turn(openClaw ? startMs : endMs, uncached, billedOutput, cacheWrite, cacheRead, 0);
            costMicros += cost;
        }
        return line;
    }

    private static String micros(long micros) {
        return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
    }

    private static String shortId(SplittableRandom r) {
        return String.format("%08x", r.nextInt());
    }
}
