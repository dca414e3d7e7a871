package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrective loops, test runs, failures and spirals per task (views.sql, task_loops) and the cost per commit
 * (commits) on one session written line by line: a task that edits the same file four times between failing test
 * runs and commits, and a task whose first commit fails.
 */
class DebugSpiralsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each response: 1,000 input and 100 output tokens of Sonnet 4.5, $3 and $15 per million. */
    private static final double TURN_USD = 1_000 * 3e-6 + 100 * 15e-6;

    @TempDir
    static Path temp;
    static Path data;
    static List<String> lines = new ArrayList<>();
    static int turns;
    static int calls;
    static final List<String> pendingCalls = new ArrayList<>();

    @BeforeAll
    static void ingest() throws Exception {
        prompt(0, "p1", "Fix the rounding");
        turn(1, call("Edit", "{\"file_path\":\"/p/a.py\",\"old_string\":\"x\",\"new_string\":\"y\"}"));
        result(2, false);
        turn(3, call("Bash", "{\"command\":\"pytest -q\"}"));
        result(4, true);
        turn(5, call("Edit", "{\"file_path\":\"/p/a.py\"}")); // re-edit 1
        result(6, false);
        turn(7, call("Bash", "{\"command\":\"cd /p && pytest -q\"}"));
        result(8, true);
        turn(9, call("Edit", "{\"file_path\":\"/p/a.py\"}"), call("Edit", "{\"file_path\":\"/p/b.py\"}")); // 2
        result(10, false, false);
        turn(11, call("Bash", "{\"command\":\"CI=1 pytest\"}"));
        result(12, false);
        turn(13, call("Write", "{\"file_path\":\"/p/a.py\",\"content\":\"z\"}")); // re-edit 3
        result(14, false);
        turn(15, call("Bash", "{\"command\":\"git add -A && git commit -m \\\"fix\\\"\"}")); // commit 1: 8 turns
        result(16, false);
        turn(17);
        prompt(60, "p2", "Now the coupons");
        turn(61, call("Edit", "{\"file_path\":\"/p/c.py\"}"));
        result(62, false);
        turn(63, call("Bash", "{\"command\":\"npm test\"}"));
        result(64, false);
        turn(65, call("Bash", "{\"command\":\"git commit -m wip\"}")); // refused by a hook: no commit
        result(66, true);
        turn(67, call("Bash", "{\"command\":\"git commit -am wip\"}")); // commit 2: 5 turns since commit 1
        result(68, false);
        turn(69); // after the last commit: uncommitted
        Path file = temp.resolve("corpus/projects/p/s-spiral.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        data = temp.resolve("data");
        GeneratedCorpusReportTest.Output out = GeneratedCorpusReportTest.run("ingest", temp.resolve("corpus")
                .toString(), "--data", data.toString(), "--quiet");
        assertEquals(0, out.code(), out.err());
    }

    @Test
    void shouldCountCorrectiveLoopsTestRunsAndFailuresPerTask() throws Exception {
        JsonNode rows = sql("SELECT prompt_uuid, turns, edits, re_edits, corrective_loops, test_runs,"
                + " failed_results, is_spiral, primary_model FROM task_loops ORDER BY prompt_ts");
        assertEquals(2, rows.size());
        assertTask(rows.get(0), "p1", 9, 5, 3, 3, 2, true);
        assertTask(rows.get(1), "p2", 5, 1, 0, 1, 1, false);
        assertEquals("claude-sonnet-4-5-20250929", rows.get(0).get("primary_model").asText());
    }

    @Test
    void shouldShowTheSpiralsShareOfSpendByModel() throws Exception {
        JsonNode report = report("tasks", "--section", "spirals", "--section", "loops");
        JsonNode total = report.get("spirals").get(report.get("spirals").size() - 1);
        assertEquals("total", total.get("model").asText());
        assertEquals(1, total.get("spirals").asLong());
        assertEquals(9.0 / 14, total.get("spiral_cost_share").asDouble(), 1e-9);
        JsonNode loops = report.get("loops");
        assertEquals("0", loops.get(0).get("corrective_loops").asText());
        assertEquals("3-5", loops.get(1).get("corrective_loops").asText());
        assertEquals(9 * TURN_USD, loops.get(1).get("cost_usd").asDouble(), 1e-9);
    }

    @Test
    void shouldCostEachCommitAsTheTurnsSinceThePreviousOne() throws Exception {
        JsonNode rows = sql("SELECT commit_number, turns, cost_usd, git_branch FROM commits ORDER BY commit_ts");
        assertEquals(2, rows.size(), "the refused commit is none");
        assertEquals(8, rows.get(0).get("turns").asLong());
        assertEquals(8 * TURN_USD, rows.get(0).get("cost_usd").asDouble(), 1e-9);
        assertEquals(5, rows.get(1).get("turns").asLong());
        assertEquals(5 * TURN_USD, rows.get(1).get("cost_usd").asDouble(), 1e-9);
        assertEquals("fix/rounding", rows.get(1).get("git_branch").asText());
        JsonNode summary = report("commits", "--section", "summary").get("summary").get(0);
        assertEquals(2, summary.get("commits").asLong());
        assertEquals(TURN_USD, summary.get("uncommitted_usd").asDouble(), 1e-9);
        assertEquals(6.5 * TURN_USD, summary.get("mean_commit_usd").asDouble(), 1e-9);
    }

    private static void assertTask(JsonNode row, String uuid, long turns, long edits, long reEdits, long testRuns,
            long failed, boolean spiral) {
        assertEquals(uuid, row.get("prompt_uuid").asText());
        assertEquals(turns, row.get("turns").asLong(), uuid + " turns");
        assertEquals(edits, row.get("edits").asLong(), uuid + " edits");
        assertEquals(reEdits, row.get("re_edits").asLong(), uuid + " re-edits");
        assertEquals(reEdits, row.get("corrective_loops").asLong(), uuid + " loops");
        assertEquals(testRuns, row.get("test_runs").asLong(), uuid + " test runs");
        assertEquals(failed, row.get("failed_results").asLong(), uuid + " failed results");
        assertEquals(spiral, row.get("is_spiral").asBoolean(), uuid + " spiral");
    }

    private static String time(int minute) {
        return String.format(Locale.ROOT, "2026-03-02T%02d:%02d:00.000Z", 9 + minute / 60, minute % 60);
    }

    private static String envelope(int minute, String type, String uuid) {
        return "{\"type\":\"" + type + "\",\"sessionId\":\"s-spiral\",\"gitBranch\":\"fix/rounding\",\"timestamp\":\""
                + time(minute) + "\",\"uuid\":\"" + uuid + "\",";
    }

    private static void prompt(int minute, String uuid, String text) {
        lines.add(envelope(minute, "user", uuid) + "\"message\":{\"role\":\"user\",\"content\":\"" + text + "\"}}");
    }

    private static String call(String tool, String input) {
        return "{\"type\":\"tool_use\",\"id\":\"toolu_s" + ++calls + tool
                + "\",\"name\":\"" + tool + "\",\"input\":" + input + "}";
    }

    private static void turn(int minute, String... made) {
        turns++;
        pendingCalls.clear();
        for (String c : made) {
            pendingCalls.add(c.substring(c.indexOf("\"id\":\"") + 6, c.indexOf("\",\"name\"")));
        }
        lines.add(envelope(minute, "assistant", "a" + turns) + "\"message\":{\"id\":\"msg_spiral_" + turns
                + "\",\"model\":\"claude-sonnet-4-5-20250929\",\"role\":\"assistant\",\"content\":[{\"type\":"
                + "\"text\",\"text\":\"ok\"}" + (made.length == 0 ? "" : "," + String.join(",", made))
                + "],\"usage\":{\"input_tokens\":1000,\"output_tokens\":100}}}");
    }

    /** The results of the last turn's calls, in order, failed or not. */
    private static void result(int minute, boolean... failed) {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < failed.length; i++) {
            blocks.add("{\"type\":\"tool_result\",\"tool_use_id\":\"" + pendingCalls.get(i) + "\",\"content\":\"x\","
                    + "\"is_error\":" + failed[i] + "}");
        }
        lines.add(envelope(minute, "user", "r" + minute) + "\"message\":{\"role\":\"user\",\"content\":["
                + String.join(",", blocks) + "]}}");
    }

    private static JsonNode report(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString(), "--no-refresh", "--json", "--tz", "UTC"));
        GeneratedCorpusReportTest.Output out = GeneratedCorpusReportTest.run(all.toArray(new String[0]));
        assertEquals(0, out.code(), out.err());
        return JSON.readTree(out.out());
    }

    private static JsonNode sql(String query) throws Exception {
        GeneratedCorpusReportTest.Output out = GeneratedCorpusReportTest.run("sql", "--data", data.toString(),
                "--no-refresh", "--format", "json", query);
        assertEquals(0, out.code(), out.err());
        return JSON.readTree(out.out());
    }
}
