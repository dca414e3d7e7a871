package io.tokenomics.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes a small Amp data folder, {@code OUT/amp/threads/T-<id>.json} (some a folder deeper), with the totals a
 * correct reader reports from it under docs/formats.md ("Amp").
 *
 * <p>Most threads carry each assistant message's {@code usage}; one in four is of the older kind with a
 * {@code usageLedger} whose events, one per call, take precedence, their cache tokens joined from the message each
 * billed (whose own usage must not count again). Some calls were aborted and bill nothing; some usages carry
 * {@code credits}. Same seed, same bytes.
 */
public final class AmpCorpus {
    private static final String[] MODELS = {"claude-sonnet-4-5", "claude-opus-4-6", "claude-haiku-4-5"};
    private static final long START_MS = 1_788_220_800_000L;

    private final SplittableRandom random;
    private TotalsWithAgentCost totals = TotalsWithAgentCost.none();

    private AmpCorpus(SplittableRandom random) {
        this.random = random;
    }

    /** Writes {@code threads} threads under {@code out/amp/threads}, which must not exist; returns their totals. */
    public static TotalsWithAgentCost write(Path out, int threads, long seed) throws IOException {
        Path folder = out.resolve("amp").resolve("threads");
        Files.createDirectories(folder.getParent());
        Files.createDirectory(folder);
        AmpCorpus corpus = new AmpCorpus(new SplittableRandom(seed));
        for (int i = 0; i < threads; i++) {
            String id = "T-" + corpus.hex(8) + "-" + corpus.hex(4) + "-" + corpus.hex(4) + "-" + corpus.hex(4) + "-"
                    + corpus.hex(12);
            Path file = (i % 5 == 4 ? folder.resolve("older") : folder).resolve(id + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, corpus.thread(id));
        }
        return corpus.totals;
    }

    private String thread(String id) {
        boolean ledger = random.nextInt(4) == 0;
        long time = START_MS + random.nextLong(60L * 86_400_000L);
        StringBuilder messages = new StringBuilder();
        StringBuilder events = new StringBuilder();
        int exchanges = 1 + random.nextInt(8);
        for (int n = 0; n < exchanges; n++) {
            int userId = 2 * n;
            int assistantId = userId + 1;
            time += 2_000 + random.nextInt(90_000);
            String timestamp = Instant.ofEpochMilli(time).toString();
            String model = MODELS[random.nextInt(MODELS.length)];
            boolean aborted = random.nextInt(15) == 0;
            long input = aborted ? 0 : 1 + random.nextInt(20);
            long output = aborted ? 0 : 1 + random.nextInt(2_000);
            long cacheWrite = aborted ? 0 : random.nextInt(30_000);
            long cacheRead = aborted ? 0 : random.nextInt(150_000);
            long creditMicros = random.nextInt(500_000);
            boolean credits = random.nextBoolean();
            String credit = credits ? ",\"credits\":" + creditMicros / 1_000_000 + "."
                    + String.format("%06d", creditMicros % 1_000_000) : "";
            if (messages.length() > 0) {
                messages.append(',');
            }
            messages.append("{\"role\":\"user\",\"messageId\":").append(userId)
                    .append(",\"content\":[{\"type\":\"text\",\"text\":\"go on\"}]},")
                    .append("{\"role\":\"assistant\",\"messageId\":").append(assistantId)
                    .append(",\"content\":[{\"type\":\"text\",\"text\":\"done\"}],\"state\":{\"type\":\"complete\"},")
                    .append("\"usage\":{\"model\":\"").append(model).append("\",\"maxInputTokens\":168000,")
                    .append("\"inputTokens\":").append(input).append(",\"outputTokens\":").append(output)
                    .append(",\"cacheCreationInputTokens\":").append(cacheWrite)
                    .append(",\"cacheReadInputTokens\":").append(cacheRead)
                    .append(",\"totalInputTokens\":").append(input + cacheWrite + cacheRead)
                    .append(ledger ? "" : credit).append(",\"timestamp\":\"").append(timestamp).append("\"}}");
            if (ledger) {
                if (events.length() > 0) {
                    events.append(',');
                }
                events.append("{\"id\":\"event-").append(hex(8)).append("\",\"timestamp\":\"").append(timestamp)
                        .append("\",\"model\":\"").append(model).append("\",\"tokens\":{\"input\":").append(input)
                        .append(",\"output\":").append(output).append("}").append(credit)
                        .append(",\"toMessageId\":").append(assistantId).append('}');
            }
            if (!aborted) {
                totals = totals.plus(input, output, 0, cacheWrite, cacheRead, credits ? creditMicros : 0);
            }
        }
        return "{\"v\":" + (1 + random.nextInt(300)) + ",\"id\":\"" + id + "\",\"created\":" + START_MS
                + ",\"messages\":[" + messages + "],\"agentMode\":\"smart\","
                + (ledger ? "\"usageLedger\":{\"events\":[" + events + "]}," : "")
                + "\"env\":{\"initial\":{\"trees\":[{\"displayName\":\"app\",\"uri\":\"file:///work/app\"}]}},"
                + "\"title\":\"a thread\"}";
    }

    private String hex(int digits) {
        StringBuilder text = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            text.append(JsonBuffer.HEX[random.nextInt(16)]);
        }
        return text.toString();
    }
}
