package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.columnar.SharedFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenomics statusline} as Claude Code runs it: its JSON on stdin, one line out, exit code 0 whatever
 * happens. The session's cost is the one {@code session} gives; today and the block are those of {@code daily} and
 * {@code blocks --active}; a call with nothing new answers from the figures kept by the last call.
 */
class StatuslineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPOTTER = "258c7280-ae70-4798-800f-63464d01a85d";

    @TempDir
    Path dir;
    Path projects;
    Map<String, String> environment;

    @BeforeEach
    void home() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        projects = Files.createDirectories(dir.resolve("claude/projects/-work-app"));
        environment = new HashMap<>();
        environment.put("HOME", home.toString());
        environment.put("TZ", "UTC");
        environment.put("CLAUDE_CONFIG_DIR", projects.getParent().getParent().toString());
        environment.put("CODEX_HOME", dir.resolve("no-codex").toString());
    }

    private ReportCorpus.Output run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), environment, args);
        return new ReportCorpus.Output(code, out.toString(), err.toString());
    }

    private static String input(String session, Path transcript) {
        return "{\"session_id\": \"" + session + "\", \"transcript_path\": \"" + transcript + "\","
                + " \"cwd\": \"/home/dev/app\", \"model\": {\"id\": \"claude-opus-4-6\", \"display_name\": \"Opus\"},"
                + " \"workspace\": {\"current_dir\": \"/home/dev/app\", \"project_dir\": \"/home/dev/app\"},"
                + " \"version\": \"2.1.40\", \"output_style\": {\"name\": \"default\"},"
                + " \"cost\": {\"total_cost_usd\": 0.5, \"total_duration_ms\": 1000}, \"exceeds_200k_tokens\": false}";
    }

    /** The one line a call printed, after checking it printed one line, nothing on stderr, and exited 0. */
    private static String line(ReportCorpus.Output o) {
        assertEquals(0, o.code(), o.out() + o.err());
        assertEquals("", o.err());
        assertTrue(o.out().endsWith("\n") && o.out().indexOf('\n') == o.out().length() - 1, o.out());
        return o.out().strip();
    }

    private JsonNode json(String... args) throws IOException {
        ReportCorpus.Output o = run("", args);
        assertEquals(0, o.code(), o.err());
        return JSON.readTree(o.out());
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, "$%.2f", value);
    }

    @Test
    void shouldPrintTheSessionsCostOfARealTranscriptAsSessionGivesIt() throws IOException {
        Path fixtures = SharedFixtures.fixtures().resolve("marot__spotter/test/fixtures/transcripts");
        Path transcript = copy(fixtures.resolve(SPOTTER + ".jsonl"), projects.resolve(SPOTTER + ".jsonl"));
        try (Stream<Path> agents = Files.list(fixtures.resolve(SPOTTER + "/subagents"))) {
            for (Path agent : agents.toList()) {
                copy(agent, projects.resolve(SPOTTER + "/subagents/" + agent.getFileName()));
            }
        }
        String line = line(run(input(SPOTTER, transcript), "statusline"));

        double sessionCost = json("session", "--id", SPOTTER, "--json").get("totalCost").asDouble();
        assertEquals(12.2257312, sessionCost, 1e-9, "the session's cost, sub-agents included");
        // The transcript's turns are of February 2026: nothing today, no block running.
        assertEquals("🤖 Opus | 💰 " + usd(sessionCost) + " session / $0.00 today / No active block"
                + " | 🧠 77,334 (8%)", line);
    }

    @Test
    void shouldShowTodayTheRunningBlockAndItsBurnRateAsDailyAndBlocksDo() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path transcript = projects.resolve("s-1.jsonl");
        Files.writeString(transcript, turn("s-1", "m-1", now.minusSeconds(1200), 40_000)
                + turn("s-1", "m-2", now.minusSeconds(600), 60_000));
        Path other = projects.resolve("s-2.jsonl");
        Files.writeString(other, turn("s-2", "m-3", now.minusSeconds(900), 10_000));
        run("", "ingest", "--quiet");

        String line = line(run(input("s-1", transcript), "statusline"));
        double session = json("session", "--id", "s-1", "--json").get("totalCost").asDouble();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        double day = json("daily", "--json", "--agent", "claude", "--since", today.toString(), "--until",
                today.toString()).get("totals").get("totalCost").asDouble();
        JsonNode block = json("blocks", "--active", "--json", "--agent", "claude").get("blocks").get(0);
        Matcher m = Pattern.compile("🤖 Opus \\| 💰 (\\$[0-9.]+) session / (\\$[0-9.]+) today / (\\$[0-9.]+) block"
                + " \\((\\d+h )?\\d+m left\\) \\| 🔥 (\\$[0-9.]+)/hr \\| 🧠 60,350 \\(6%\\)").matcher(line);
        assertTrue(m.matches(), line);
        assertEquals(usd(session), m.group(1));
        assertEquals(usd(day), m.group(2));
        assertEquals(usd(block.get("costUSD").asDouble()), m.group(3));
        assertEquals(usd(block.get("burnRate").get("costPerHour").asDouble()), m.group(5));
        assertTrue(day > session, "today holds the other session too");
    }

    @Test
    void shouldAnswerFromTheFiguresOfTheLastCallUntilTheTranscriptGrows() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path transcript = projects.resolve("s-1.jsonl");
        Files.writeString(transcript, turn("s-1", "m-1", now.minusSeconds(600), 40_000));
        String stdin = input("s-1", transcript);
        Defaults defaults = Defaults.load(environment);
        byte[] bytes = stdin.getBytes(StandardCharsets.UTF_8);
        assertNull(StatuslineCommand.cachedLine(bytes, defaults, now), "nothing kept before the first call");

        String first = line(run(stdin, "statusline"));
        assertEquals(first, StatuslineCommand.cachedLine(bytes, defaults, Instant.now()));
        Path cache = dir.resolve("home/.cache/tokenomics/statusline/s-1.properties");
        assertTrue(Files.isRegularFile(cache), "kept under ${XDG_CACHE_HOME:-~/.cache}/tokenomics");
        // Answered from the figures kept: the tables are not read.
        Path turns = dir.resolve("home/.local/share/tokenomics/turns");
        try (Stream<Path> files = Files.list(turns)) {
            for (Path file : files.toList()) {
                Files.move(file, dir.resolve(file.getFileName()));
            }
        }
        assertEquals(first, line(run(stdin, "statusline")));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                Files.move(file, turns.resolve(file.getFileName()));
            }
        }

        Files.writeString(transcript, turn("s-1", "m-2", now.minusSeconds(60), 90_000), StandardOpenOption.APPEND);
        assertNull(StatuslineCommand.cachedLine(bytes, defaults, Instant.now()), "the transcript grew");
        String second = line(run(stdin, "statusline"));
        double session = json("session", "--id", "s-1", "--json").get("totalCost").asDouble();
        assertTrue(second.contains("💰 " + usd(session) + " session") && second.contains("🧠 90,350 (9%)"), second);
        assertNotNull(StatuslineCommand.cachedLine(bytes, defaults, Instant.now()));
    }

    @Test
    void shouldPrintAShortLineAndExitZeroOnAnyFailure() throws IOException {
        Path transcript = projects.resolve("s-1.jsonl");
        Files.writeString(transcript, turn("s-1", "m-1", Instant.now().minusSeconds(60), 1000));
        for (String bad : List.of("", "not json", "[1, 2]", "{\"session_id\": \"s-1\"}", "{\"transcript_path\": 7}",
                "{\"session_id\": \"s-1\", \"transcript_path\": \"" + transcript + "\"")) {
            String line = line(run(bad, "statusline"));
            assertTrue(line.startsWith("tokenomics: ") && line.length() < 140, line);
        }
        String missing = line(run(input("s-9", projects.resolve("s-9.jsonl")), "statusline"));
        assertEquals("🤖 Opus | tokenomics: no transcript at " + projects.resolve("s-9.jsonl"), missing);

        Path data = dir.resolve("home/.local/share/tokenomics");
        Files.createDirectories(data);
        Files.writeString(data.resolve("manifest.json"), "{ not a manifest");
        String unreadable = line(run(input("s-1", transcript), "statusline"));
        assertTrue(unreadable.startsWith("🤖 Opus | tokenomics: ") && unreadable.length() < 140, unreadable);

        Path file = Files.writeString(dir.resolve("file"), "a file where the dataset should be");
        environment.put("TOKENOMICS_DATA", file.toString());
        String notADirectory = line(run(input("s-1", transcript), "statusline"));
        assertTrue(notADirectory.startsWith("🤖 Opus | tokenomics: ") && notADirectory.length() < 140,
                notADirectory);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        return Files.copy(from, to);
    }

    /** One assistant response of Claude Code, with {@code cacheRead} tokens read from the cache. */
    private static String turn(String session, String id, Instant at, long cacheRead) {
        return "{\"parentUuid\":null,\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"/home/dev/app\","
                + "\"sessionId\":\"" + session + "\",\"version\":\"2.1.40\",\"type\":\"assistant\",\"uuid\":\"u-" + id
                + "\",\"timestamp\":\"" + at + "\",\"requestId\":\"req-" + id + "\",\"message\":{\"model\":"
                + "\"claude-opus-4-6\",\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":"
                + "50,\"cache_creation_input_tokens\":300,\"cache_read_input_tokens\":" + cacheRead
                + ",\"output_tokens\":700}}}\n";
    }
}
