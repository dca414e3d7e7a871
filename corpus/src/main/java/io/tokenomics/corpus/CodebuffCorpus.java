package io.tokenomics.corpus;

import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes Codebuff chats under {@code HOME}:
 * {@code .config/<channel>/projects/<project>/chats/<chat>/chat-messages.json} (channels {@code manicode} and
 * {@code manicode-dev}), with the totals a correct reader counts under docs/formats.md
 * ("Codebuff").
 *
 * <p>With the shapes ccusage reads: Anthropic's counts in {@code metadata.usage} (camelCase), OpenAI's (snake case, a
 * prompt count that includes {@code prompt_tokens_details.cached_tokens}), counts only in
 * {@code metadata.codebuff.usage}, counts only in the run state's message history, a total beyond the counts; and
 * messages without an id or a time (dated by the chat's folder), messages with credits but no tokens (no turn), user
 * messages, and chats with a counter that is no count (the file is a reject).
 */
public final class CodebuffCorpus {
    private static final String[] MODELS = {"claude-sonnet-4-5", "gpt-5", "anthropic/claude-opus-4.6",
        "google/gemini-2.5-pro"};
    private static final String[] PROJECTS = {"shop", "api", "tools"};
    private static final long START_MS = CorpusGenerator.START_MS;
    private static final long RANGE_MS = CorpusGenerator.RANGE_DAYS * CorpusGenerator.DAY_MS;

    private final SplittableRandom random;
    private final AgentTotals totals = new AgentTotals();
    private long creditsMicros;

    private CodebuffCorpus(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Writes {@code chats} chats under {@code home}; same seed, same bytes. Credits are summed as the agent's cost. */
    public static AgentTotalsAndCost write(Path home, int chats, long seed) throws IOException {
        CodebuffCorpus corpus = new CodebuffCorpus(seed);
        for (int i = 0; i < chats; i++) {
            corpus.chat(home, i, corpus.random.split());
        }
        return new AgentTotalsAndCost(corpus.totals, corpus.creditsMicros);
    }

    private void chat(Path home, int index, SplittableRandom r) throws IOException {
        long ms = START_MS + r.nextLong(RANGE_MS);
        String chatId = QwenCorpus.iso(ms).replace(':', '-');
        String channel = index % 6 == 5 ? "manicode-dev" : "manicode";
        Path file = home.resolve(".config").resolve(channel).resolve("projects").resolve(PROJECTS[index % 3])
                .resolve("chats").resolve(chatId).resolve("chat-messages.json");
        List<long[]> calls = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        int count = 2 + r.nextInt(10);
        for (int c = 0; c < count; c++) {
            ms += 5_000 + lognormal(r, 60_000, 1.0);
            messages.add("{\"id\":\"" + uuid(r) + "\",\"variant\":\"user\",\"content\":\"Add a test for the cart\","
                    + "\"timestamp\":" + ms + "}");
            ms += 2_000;
            long[] call = new long[6];
            messages.add(assistant(r, index * 100 + c, ms, call));
            call[5] = index % 7 == 2 && c == 0 ? chatStart(chatId) : ms;
            if (call[0] > 0 || call[1] > 0 || call[2] > 0 || call[3] > 0) {
                calls.add(call);
            }
        }
        boolean broken = index % 11 == 7;
        if (broken) {
            messages.add("{\"variant\":\"ai\",\"metadata\":{\"usage\":{\"inputTokens\":\"12\",\"outputTokens\":3}}}");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[\n  " + String.join(",\n  ", messages) + "\n]", StandardCharsets.UTF_8);
        totals.file();
        if (broken) {
            totals.reject();
            return;
        }
        for (long[] call : calls) {
            totals.turn(call[5], call[0], call[1], call[2], call[3], 0);
            creditsMicros += call[4];
        }
    }

    private static long chatStart(String chatId) {
        return java.time.Instant.parse(chatId.substring(0, 13) + ":" + chatId.substring(14, 16) + ":"
                + chatId.substring(17)).toEpochMilli();
    }

    /**
     * One assistant message, its counts as a reader must count them into {@code call}: uncached input, output (the
     * total's excess included), cache write, cache read, credits in micro-units.
     */
    private String assistant(SplittableRandom r, int serial, long ms, long[] call) {
        String model = MODELS[r.nextInt(MODELS.length)];
        long input = 1 + lognormal(r, 5_000, 1.0);
        long output = 1 + lognormal(r, 900, 1.0);
        long cacheRead = r.nextInt(4) == 0 ? 0 : lognormal(r, 60_000, 1.0);
        long cacheWrite = model.contains("claude") && r.nextBoolean() ? lognormal(r, 3_000, 1.0) : 0;
        long extra = serial % 9 == 4 ? 1 + r.nextInt(500) : 0;
        long credits = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(2_000_000);
        String metadata;
        int shape = serial % 5;
        if (serial % 13 == 8) {
            input = 0;
            output = 0;
            cacheRead = 0;
            cacheWrite = 0;
            extra = 0;
            metadata = "{\"model\":\"" + model + "\"}";
        } else if (shape == 1) {
            cacheWrite = 0;
            metadata = "{\"model\":\"" + model + "\",\"usage\":{\"prompt_tokens\":" + (input + cacheRead)
                    + ",\"completion_tokens\":" + output + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cacheRead
                    + "},\"total_tokens\":" + (input + cacheRead + output + extra) + "}}";
        } else if (shape == 2) {
            metadata = "{\"codebuff\":{\"model\":\"" + model + "\",\"usage\":" + camel(input, output, cacheWrite,
                    cacheRead, extra) + "}}";
        } else if (shape == 3) {
            cacheWrite = 0;
            metadata = "{\"runState\":{\"sessionState\":{\"fileContext\":{},\"mainAgentState\":{\"agentId\":\"main\","
                    + "\"messageHistory\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":"
                    + "\"earlier\",\"providerOptions\":{\"usage\":" + camel(7, 3, 0, 11, 0) + "}},{\"role\":\"tool\","
                    + "\"content\":\"ok\"},{\"role\":\"assistant\",\"content\":\"done\",\"providerOptions\":{\"usage\":"
                    + camel(input, output, 0, cacheRead == 0 ? 1 : cacheRead, extra) + ",\"codebuff\":{\"model\":\""
                    + model + "\"}}}],\"stepsRemaining\":12}}}}";
            cacheRead = cacheRead == 0 ? 1 : cacheRead;
        } else {
            metadata = "{\"model\":\"" + model + "\",\"usage\":" + camel(input, output, cacheWrite, cacheRead, extra)
                    + "}";
        }
        call[0] = input;
        call[1] = output + extra;
        call[2] = cacheWrite;
        call[3] = cacheRead;
        call[4] = credits;
        boolean dated = !(serial % 100 == 0 && serial / 100 % 7 == 2);
        boolean hasId = serial % 4 != 3;
        return "{" + (hasId ? "\"id\":\"" + uuid(r) + "\"," : "") + "\"variant\":\"ai\",\"content\":\"Added the test."
                + "\"" + (dated ? ",\"timestamp\":\"" + QwenCorpus.iso(ms) + "\"" : "")
                + (credits > 0 ? ",\"credits\":" + credits / 1_000_000 + "."
                + String.format("%06d", credits % 1_000_000) : "") + ",\"metadata\":" + metadata + "}";
    }

    private static String camel(long input, long output, long cacheWrite, long cacheRead, long extra) {
        return "{\"inputTokens\":" + input + ",\"outputTokens\":" + output + ",\"cacheCreationInputTokens\":"
                + cacheWrite + ",\"cacheReadInputTokens\":" + cacheRead + ",\"totalTokens\":"
                + (input + output + cacheWrite + cacheRead + extra) + "}";
    }
}
