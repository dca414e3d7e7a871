package io.tokenomics.corpus;

import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes Factory Droid sessions under {@code HOME} (a {@code ~/.factory/sessions}): {@code <project>/<id>.jsonl},
 * the messages, and {@code <id>.settings.json}, the session's model, provider lock time and token counts so far
 * (docs/formats.md, "Factory Droid sessions"). With the defects of the format: older copies of a settings file in a
 * backup folder, sessions that have called no model (no {@code tokenUsage}, or zeros), a {@code totalTokens} larger
 * than its parts, broken settings files, tokens without a provider lock time. The returned totals are what a correct
 * reader counts: one turn per session that has spent tokens.
 */
public final class DroidCorpus {
    private static final String[] PROJECTS = {"-Users-dev-shop", "-Users-dev-api", "-home-ci-tools"};
    private static final String[] MODELS = {"Claude-Sonnet-4.5-[Anthropic]", "custom:BYOK-GPT-5-MINI-0",
        "gpt-5-codex", "GLM-4.6 [Z.AI]"};
    private static final long START_MS = CorpusGenerator.START_MS;
    private static final long RANGE_MS = CorpusGenerator.RANGE_DAYS * CorpusGenerator.DAY_MS;

    private final Path home;
    private final SplittableRandom random;
    private final AgentTotals totals = new AgentTotals();

    private DroidCorpus(Path home, long seed) {
        this.home = home;
        this.random = new SplittableRandom(seed);
    }

    /** Writes {@code sessions} sessions under {@code home}; same seed, same bytes. */
    public static AgentTotals write(Path home, int sessions, long seed) throws IOException {
        DroidCorpus corpus = new DroidCorpus(home, seed);
        for (int i = 0; i < sessions; i++) {
            corpus.session(i, corpus.random.split());
        }
        return corpus.totals;
    }

    private void session(int index, SplittableRandom r) throws IOException {
        Path project = home.resolve(PROJECTS[index % PROJECTS.length]);
        String id = uuid(r);
        long ms = START_MS + r.nextLong(RANGE_MS);
        String model = MODELS[r.nextInt(MODELS.length)];
        Files.createDirectories(project);
        Files.writeString(project.resolve(id + ".jsonl"), "{\"type\":\"session_start\",\"id\":\"" + id + "\",\"title\":"
                + "\"Fix the build\",\"version\":2,\"cwd\":\"/" + project.getFileName().toString().replace('-', '/')
                + "\"}\n{\"type\":\"message\",\"id\":\"" + uuid(r) + "\",\"timestamp\":\"" + QwenCorpus.iso(ms)
                + "\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}]}}\n",
                StandardCharsets.UTF_8);
        long input = 1 + lognormal(r, 20_000, 1.0);
        long output = 2 + lognormal(r, 3_000, 1.0);
        long cacheWrite = r.nextInt(3) == 0 ? 0 : lognormal(r, 5_000, 1.0);
        long cacheRead = lognormal(r, 200_000, 1.0);
        long thinking = r.nextInt(2) == 0 ? 0 : lognormal(r, 1_000, 1.0);
        long unaccounted = index % 9 == 0 ? 1 + lognormal(r, 100, 0.5) : 0;
        String lock = ",\n  \"providerLock\": \"anthropic\",\n  \"providerLockTimestamp\": \"" + QwenCorpus.iso(ms)
                + "\"";
        if (index % 6 == 2) {
            settings(project.resolve(id + ".settings.json"), model, lock, null);
            return;
        }
        if (index % 10 == 3) {
            settings(project.resolve(id + ".settings.json"), model, lock, usage(0, 0, 0, 0, 0, -1));
            return;
        }
        boolean timed = index % 11 != 5;
        long total = unaccounted > 0 ? input + output + cacheWrite + cacheRead + thinking + unaccounted : -1;
        settings(project.resolve(id + ".settings.json"), model, timed ? lock : "",
                usage(input, output, cacheWrite, cacheRead, thinking, total));
        if (timed) {
            totals.turn(ms, input, output + thinking + unaccounted, cacheWrite, cacheRead, thinking);
        } else {
            totals.reject();
        }
        if (index % 4 == 1) {
            // An older state of the same session, kept elsewhere: fewer tokens of every kind.
            settings(home.resolve("backup").resolve(id + ".settings.json"), model, timed ? lock : "",
                    usage(input / 2, output / 2, cacheWrite / 2, cacheRead / 2, thinking / 2, -1));
            if (!timed) {
                totals.reject();
            }
        }
        if (index % 7 == 4) {
            Files.writeString(project.resolve(uuid(r) + ".settings.json"), "{\n  \"model\": \"" + model
                    + "\",\n  \"tokenUsage\": {\"inputTokens\": 12", StandardCharsets.UTF_8);
            totals.file();
            totals.reject();
        }
    }

    private static String usage(long input, long output, long cacheWrite, long cacheRead, long thinking, long total) {
        return "{\n    \"inputTokens\": " + input + ",\n    \"outputTokens\": " + output
                + ",\n    \"cacheCreationTokens\": " + cacheWrite + ",\n    \"cacheReadTokens\": " + cacheRead
                + ",\n    \"thinkingTokens\": " + thinking
                + (total >= 0 ? ",\n    \"totalTokens\": " + total : "") + "\n  }";
    }

    /** A settings file as Droid writes it: pretty-printed, two spaces, no newline at the end. */
    private void settings(Path file, String model, String lock, String usage) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\n  \"assistantActiveTimeMs\": 27913,\n  \"model\": \"" + model + "\",\n"
                + "  \"reasoningEffort\": \"off\",\n  \"autonomyMode\": \"auto-low\"" + lock
                + (usage == null ? "" : ",\n  \"tokenUsage\": " + usage) + "\n}", StandardCharsets.UTF_8);
        totals.file();
    }
}
