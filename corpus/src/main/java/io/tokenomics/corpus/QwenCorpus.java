package io.tokenomics.corpus;

import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes Qwen Code chats, {@code HOME/projects/<project>/chats/<session>.jsonl}, in the record format of Qwen Code
 * 0.21, with the defects of docs/formats.md ("Qwen Code chats"): cached tokens inside the prompt, thoughts apart from
 * the candidates (Gemini's count) or inside them (an OpenAI-compatible provider's, converted), records written twice,
 * {@code ui_telemetry} copies of the counts, empty {@code usageMetadata}, forked copies of whole sessions, a
 * telemetry-only file, glued and cut lines, a usage record without a readable timestamp, CRLF line ends. The
 * returned totals are what a correct reader counts.
 */
public final class QwenCorpus {
    private static final String[] PROJECTS = {"-home-dev-shop", "-home-dev-api", "-srv-tools"};
    private static final String[] MODELS = {"qwen3-coder-plus", "coder-model", "qwen3-coder-flash"};
    private static final long START_MS = CorpusGenerator.START_MS;
    private static final long RANGE_MS = CorpusGenerator.RANGE_DAYS * CorpusGenerator.DAY_MS;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path home;
    private final SplittableRandom random;
    private final AgentTotals totals = new AgentTotals();

    private QwenCorpus(Path home, long seed) {
        this.home = home;
        this.random = new SplittableRandom(seed);
    }

    /** Writes {@code sessions} sessions (and their forks) under {@code home}, a ~/.qwen; same seed, same bytes. */
    public static AgentTotals write(Path home, int sessions, long seed) throws IOException {
        QwenCorpus corpus = new QwenCorpus(home, seed);
        corpus.telemetryFile();
        for (int i = 0; i < sessions; i++) {
            corpus.session(i, corpus.random.split());
        }
        return corpus.totals;
    }

    private void session(int index, SplittableRandom r) throws IOException {
        String project = PROJECTS[index % PROJECTS.length];
        String session = uuid(r);
        String cwd = project.replace('-', '/');
        long ms = START_MS + r.nextLong(RANGE_MS - 3_600_000L);
        List<String> lines = new ArrayList<>();
        int calls = 1 + r.nextInt(6);
        for (int call = 0; call < calls; call++) {
            ms += 1_000 + r.nextLong(60_000);
            lines.add(record(uuid(r), session, "user", cwd, ms, null, null));
            ms += 500 + r.nextLong(30_000);
            String uuid = uuid(r);
            String model = MODELS[r.nextInt(MODELS.length)];
            if (r.nextInt(4) == 0) {
                // Written first with its thoughts only, then again, whole, with its usage.
                lines.add(record(uuid, session, "assistant", cwd, ms, model, null));
            }
            lines.add(record(uuid, session, "assistant", cwd, ms, model, usage(r, ms)));
            lines.add("{\"uuid\":\"" + uuid(r) + "\",\"parentUuid\":\"" + uuid + "\",\"sessionId\":\"" + session
                    + "\",\"timestamp\":\"" + iso(ms) + "\",\"type\":\"system\",\"subtype\":\"ui_telemetry\","
                    + "\"systemPayload\":{\"uiEvent\":{\"event.name\":\"qwen-code.api_response\",\"model\":\"" + model
                    + "\",\"input_token_count\":12000,\"output_token_count\":300,\"cached_content_token_count\":9000,"
                    + "\"thoughts_token_count\":50,\"total_token_count\":12350}}}");
        }
        if (index % 7 == 3) {
            lines.add(record(uuid(r), session, "assistant", cwd, ms, MODELS[0], "{}"));
            lines.add(record(uuid(r), session, "user", cwd, ms, null, null) + record(uuid(r), session, "user", cwd,
                    ms, null, null));
            totals.reject();
        }
        if (index % 9 == 5) {
            String usage = "{\"promptTokenCount\":900,\"candidatesTokenCount\":30,\"totalTokenCount\":930}";
            lines.add(record(uuid(r), session, "assistant", cwd, ms, MODELS[0], usage).replace(iso(ms), "[trimmed]"));
            totals.reject();
        }
        Path chats = home.resolve("projects").resolve(project).resolve("chats");
        String tail = index % 6 == 2 ? record(uuid(r), session, "assistant", cwd, ms, MODELS[0],
                "{\"promptTokenCount\":5000}").substring(0, 80) : "";
        write(chats.resolve(session + ".jsonl"), lines, index % 8 == 1 ? "\r\n" : "\n", tail);
        if (index % 5 == 4) {
            // /branch: every record copied into a new session, with its uuid.
            String fork = uuid(r);
            List<String> copied = new ArrayList<>();
            for (String line : lines) {
                copied.add(line.replace(session, fork));
            }
            write(chats.resolve(fork + ".jsonl"), copied, "\n", "");
            if (index % 7 == 3) {
                totals.reject();
            }
            if (index % 9 == 5) {
                totals.reject();
            }
        }
    }

    /**
     * A call's {@code usageMetadata}, counted into the totals: the prompt holds the cached tokens; the thoughts are
     * apart from the candidates with a total that adds them, inside them with a total that does not, or apart
     * with no total.
     */
    private String usage(SplittableRandom r, long ms) {
        long prompt = 1 + lognormal(r, 20_000, 1.0);
        long cached = r.nextInt(3) == 0 ? 0 : r.nextLong(prompt + 1);
        long candidates = lognormal(r, 400, 1.0);
        long thoughts = r.nextInt(2) == 0 ? 0 : 1 + lognormal(r, 200, 1.0);
        int convention = r.nextInt(3);
        long toolUse = convention == 0 && r.nextInt(4) == 0 ? 1 + lognormal(r, 50, 0.5) : 0;
        StringBuilder s = new StringBuilder("{\"promptTokenCount\":").append(prompt);
        if (cached > 0) {
            s.append(",\"cachedContentTokenCount\":").append(cached);
        }
        if (toolUse > 0) {
            s.append(",\"toolUsePromptTokenCount\":").append(toolUse);
        }
        long output = candidates + thoughts;
        if (convention == 1) {
            // Qwen Code's conversion of an OpenAI response: candidates are the completion tokens, thoughts included.
            s.append(",\"candidatesTokenCount\":").append(output).append(",\"thoughtsTokenCount\":").append(thoughts)
                    .append(",\"totalTokenCount\":").append(prompt + output);
        } else {
            s.append(",\"candidatesTokenCount\":").append(candidates);
            if (thoughts > 0) {
                s.append(",\"thoughtsTokenCount\":").append(thoughts);
            }
            if (convention == 0) {
                s.append(",\"totalTokenCount\":").append(prompt + toolUse + candidates + thoughts);
            }
        }
        totals.turn(ms, prompt - cached + toolUse, output, 0, cached, thoughts);
        return s.append('}').toString();
    }

    private static String record(String uuid, String session, String type, String cwd, long ms, String model,
            String usage) {
        StringBuilder s = new StringBuilder("{\"uuid\":\"").append(uuid).append("\",\"parentUuid\":null,")
                .append("\"sessionId\":\"").append(session).append("\",\"timestamp\":\"").append(iso(ms))
                .append("\",\"type\":\"").append(type).append("\",\"cwd\":\"").append(cwd)
                .append("\",\"version\":\"0.21.13\",\"gitBranch\":\"main\"");
        if (model != null) {
            s.append(",\"model\":\"").append(model).append('"');
        }
        s.append(",\"message\":{\"role\":\"").append(type.equals("user") ? "user" : "model")
                .append("\",\"parts\":[{\"text\":\"Looking at the {\\\"config\\\"} first.\\n\"}]}");
        if (usage != null) {
            s.append(",\"usageMetadata\":").append(usage).append(",\"contextWindowSize\":131072");
        }
        return s.append('}').toString();
    }

    /** A file of telemetry records only, as Qwen Code's test data has one: it makes no turn and no reject. */
    private void telemetryFile() throws IOException {
        List<String> lines = List.of(
                "{\"uuid\":\"t1\",\"sessionId\":\"t\",\"timestamp\":\"[trimmed]\",\"type\":\"system\","
                        + "\"subtype\":\"ui_telemetry\",\"systemPayload\":{\"uiEvent\":{\"input_token_count\":0}}}",
                "{\"uuid\":\"t2\",\"sessionId\":\"t\",\"timestamp\":\"[trimmed]\",\"type\":\"assistant\","
                        + "\"model\":\"coder-model\",\"usageMetadata\":{},\"contextWindowSize\":0}");
        write(home.resolve("projects").resolve(PROJECTS[0]).resolve("chats").resolve("system_telemetry.jsonl"), lines,
                "\n", "");
    }

    private void write(Path file, List<String> lines, String newline, String unfinishedTail) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append(newline);
        }
        Files.writeString(file, text.append(unfinishedTail), StandardCharsets.UTF_8);
        totals.file();
    }

    static String iso(long ms) {
        return ISO.format(Instant.ofEpochMilli(ms));
    }
}
