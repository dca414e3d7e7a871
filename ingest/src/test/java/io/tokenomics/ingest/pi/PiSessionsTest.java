package io.tokenomics.ingest.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.corpus.AgentTotalsAndCost;
import io.tokenomics.corpus.PiCorpus;
import io.tokenomics.ingest.AgentCorpusCheck;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import io.tokenomics.ingest.source.Source.NameMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pi's session files (docs/formats.md, "pi and OpenClaw"): a generated corpus meets its totals per day, read once and
 * again; hand-made files show the token classes, the rejects, a fork counted once and a file rewritten whole. No
 * real pi session is among the fixtures.
 */
class PiSessionsTest {
    private static final String TURNS = "SELECT message_id, session_id, project, model,"
            + " strftime(ts, '%Y-%m-%d %H:%M:%S'), input_tokens, output_tokens, cache_write_5m_tokens,"
            + " cache_read_tokens, agent_cost FROM turns ORDER BY ts, message_id";
    private static final String COUNTS = "SELECT count(*), sum(input_tokens)::BIGINT FROM turns";
    private static final String HEADER = "{\"type\":\"session\",\"version\":3,\"id\":\"s1\","
            + "\"timestamp\":\"2026-01-02T03:00:00.000Z\",\"cwd\":\"/w/app\"}";

    @TempDir
    Path temp;

    @Test
    void shouldCountEveryCallOfAGeneratedCorpusOnce() throws Exception {
        AgentTotalsAndCost expected = PiCorpus.writePi(temp.resolve("home"), 60, 2026_12_07L);
        assertTrue(expected.counts().all()[0] > 300 && expected.counts().rejects() > 5, expected.toString());
        List<Path> roots = new PiSource().defaultRoots(Map.of(), temp.resolve("home"));
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, roots, 2);
        AgentCorpusCheck.assertCounted(expected.counts(), summary, data, "pi");
        assertEquals(List.of(List.of(expected.agentCostMicros())), Fixtures.rows(data,
                "SELECT round(sum(agent_cost) * 1e6)::BIGINT FROM turns"));
        Fixtures.ingest(data, roots, 2);
        assertEquals(List.of(List.of(expected.counts().all()[0])), Fixtures.rows(data, "SELECT count(*) FROM turns"));
    }

    /**
     * Anthropic's and OpenAI's input leave the cache out; Google's holds the cache reads (its total says so); a total
     * alone is output; an aborted call is no turn; a cut line and a counter that is no count are rejects at their
     * lines; the entry's time dates the call.
     */
    @Test
    void shouldCountEachAssistantMessageByItsProvidersShape() throws Exception {
        Path file = sessions().resolve("2026-01-02T03-00-00-000Z_s1.jsonl");
        Files.writeString(file, String.join("\n", HEADER,
                assistant("2026-01-02T03:00:05.000Z", 1767322800000L, "claude-sonnet-4-5", 100, 20, 300, 40, 460,
                        "0.5"),
                assistant("2026-01-02T03:01:00.000Z", 1767322810000L, "gpt-5.1-codex", 100, 20, 300, 0, 420, null),
                assistant("2026-01-02T03:02:00.000Z", 1767322820000L, "gemini-2.5-pro", 400, 20, 300, 0, 420, "1e-3"),
                assistant("2026-01-02T03:03:00.000Z", 1767322830000L, "gemini-2.5-pro", 0, 0, 0, 0, 77, null),
                assistant("2026-01-02T03:04:00.000Z", 1767322840000L, "gpt-5.1-codex", 0, 0, 0, 0, 0, null),
                "{\"type\":\"message\",\"id\":\"cut\",\"message\":{\"role\":\"user\",\"cont",
                assistant("2026-01-02T03:05:00.000Z", 1767322850000L, "gpt-5.1-codex", 100, 20, 300, 0, 420, null)
                        .replace("\"output\":20", "\"output\":\"20\""),
                assistant("2026-01-03T00:00:01.000Z", 1767398000000L, "gpt-5.1-codex", 5, 6, 0, 0, 11, null))
                + "\n");
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(sessions()), 1);
        assertEquals(List.of(
                row("1767322800000000:100:20:300:40", "claude-sonnet-4-5", "2026-01-02 03:00:05", 100, 20, 40, 300,
                        0.5),
                row("1767322810000000:100:20:300:0", "gpt-5.1-codex", "2026-01-02 03:01:00", 100, 20, 0, 300, null),
                row("1767322820000000:400:20:300:0", "gemini-2.5-pro", "2026-01-02 03:02:00", 100, 20, 0, 300,
                        0.001),
                row("1767322830000000:0:0:0:0", "gemini-2.5-pro", "2026-01-02 03:03:00", 0, 77, 0, 0, null),
                row("1767398000000000:5:6:0:0", "gpt-5.1-codex", "2026-01-03 00:00:01", 5, 6, 0, 0, null)),
                Fixtures.rows(data, TURNS));
        assertEquals(Map.of("malformed", 1L, "bad_usage", 1L), summary.rejects());
        assertEquals(List.of(List.of("malformed", 7L), List.of("bad_usage", 8L)),
                Fixtures.rows(data, "SELECT reason, line_no FROM rejects ORDER BY line_no"));
    }

    /**
     * A fork copies its parent's entries into a new session file: each call counts once. A file pi rewrote whole
     * (a migration, a branch) with the same entries and one more adds only that one.
     */
    @Test
    void shouldCountAForkedCallOnceAndAFileRewrittenWholeByWhatItAdds() throws Exception {
        String first = assistant("2026-01-02T03:00:05.000Z", 1767322800000L, "claude-sonnet-4-5", 100, 20, 0, 0, 120,
                null);
        String second = assistant("2026-01-02T03:10:00.000Z", 1767323400000L, "claude-sonnet-4-5", 7, 3, 0, 0, 10,
                null);
        Path parent = sessions().resolve("2026-01-02T03-00-00-000Z_s1.jsonl");
        Files.writeString(parent, HEADER + "\n" + first + "\n");
        Files.writeString(sessions().resolve("2026-01-02T03-09-00-000Z_s2.jsonl"), HEADER.replace("s1", "s2") + "\n"
                + first + "\n" + second + "\n");
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(sessions()), 2);
        assertEquals(List.of(List.of(2L, 107L)), Fixtures.rows(data, COUNTS));
        Files.writeString(parent, HEADER.replace("\"version\":3", "\"version\":3,\"migrated\":true") + "\n"
                + first.replace("\"id\":\"e", "\"id\":\"f") + "\n" + assistant("2026-01-02T03:20:00.000Z",
                1767324000000L, "claude-sonnet-4-5", 8, 2, 0, 0, 10, null) + "\n");
        Fixtures.ingest(data, List.of(sessions()), 2);
        assertEquals(List.of(List.of(3L, 115L)), Fixtures.rows(data, COUNTS));
    }

    @Test
    void shouldFindTheSessionsWherePiKeepsThem() {
        Path home = Path.of("/home/me");
        PiSource source = new PiSource();
        assertEquals(List.of(home.resolve(".pi/agent/sessions")), source.defaultRoots(Map.of(), home));
        assertEquals(List.of(Path.of("/p/agent/sessions")),
                source.defaultRoots(Map.of("PI_CODING_AGENT_DIR", "/p/agent"), home));
        assertEquals(List.of(Path.of("/a"), Path.of("/b")),
                source.defaultRoots(Map.of("PI_AGENT_DIR", "/a, /b", "PI_CODING_AGENT_DIR", "/p"), home));
        assertEquals(NameMatch.MINE, source.nameMatch(Path.of("/s/--w-app--/2026-01-02T03-04-05-678Z_abc.jsonl")));
        assertEquals(NameMatch.NOT_MINE, source.nameMatch(Path.of("/s/--w-app--/2026-01-02T03-04-05-678Z_.jsonl")));
        assertEquals(NameMatch.NOT_MINE, source.nameMatch(Path.of("/s/--w-app--/9d0b5f8e-1c2d.jsonl")));
    }

    private Path sessions() throws Exception {
        return Files.createDirectories(temp.resolve("sessions/--w-app--"));
    }

    private static List<Object> row(String key, String model, String time, long input, long output, long cacheWrite,
            long cacheRead, Double cost) {
        return Arrays.asList("pi:" + key, "s1", "--w-app--", model, time, input, output, cacheWrite, cacheRead, cost);
    }

    /** An assistant message entry as pi writes it, with the entry's time and the message's own (milliseconds). */
    static String assistant(String time, long millis, String model, long input, long output, long cacheRead,
            long cacheWrite, long total, String cost) {
        return "{\"type\":\"message\",\"id\":\"e" + millis % 100_000 + "\",\"parentId\":null,\"timestamp\":\"" + time
                + "\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}],"
                + "\"api\":\"messages\",\"provider\":\"p\",\"model\":\"" + model + "\",\"usage\":{\"input\":" + input
                + ",\"output\":" + output + ",\"cacheRead\":" + cacheRead + ",\"cacheWrite\":" + cacheWrite
                + ",\"totalTokens\":" + total + (cost != null ? ",\"cost\":{\"input\":0,\"total\":" + cost + "}" : "")
                + "},\"stopReason\":\"stop\",\"timestamp\":" + millis + "}}";
    }
}
