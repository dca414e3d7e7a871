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
 * Planner and executor of a session (views.sql, session_phases) and the models report's plan_execute section: a
 * session that plans on Opus and executes on Sonnet beside one that stays on Sonnet, in one project.
 */
class PlanExecuteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPUS = "claude-opus-4-6";
    private static final String SONNET = "claude-sonnet-4-5-20250929";

    @TempDir
    static Path temp;
    static Path data;
    static int ids;

    @BeforeAll
    static void ingest() throws Exception {
        List<String> planned = new ArrayList<>();
        // Task 1 on Opus (2 turns), then 3 and 1 turns on Sonnet: 6 turns in 3 tasks.
        session(planned, "s-planned", new String[][] {{OPUS, OPUS}, {SONNET, SONNET, SONNET}, {SONNET}});
        List<String> single = new ArrayList<>();
        session(single, "s-single", new String[][] {{SONNET, SONNET}, {SONNET, SONNET}});
        Path project = temp.resolve("corpus/projects/-home-dev-shop");
        Files.createDirectories(project);
        Files.write(project.resolve("s-planned.jsonl"), planned);
        Files.write(project.resolve("s-single.jsonl"), single);
        data = temp.resolve("data");
        GeneratedCorpusReportTest.Output out = GeneratedCorpusReportTest.run("ingest", temp.resolve("corpus")
                .toString(), "--data", data.toString(), "--quiet");
        assertEquals(0, out.code(), out.err());
    }

    @Test
    void shouldNameThePlannerAndTheExecutorOfEachSession() throws Exception {
        JsonNode rows = json("sql", "--format", "json",
                "SELECT session_id, planner, executor, tasks, turns FROM session_phases ORDER BY session_id");
        assertEquals(2, rows.size());
        assertEquals(List.of("s-planned", OPUS, SONNET, "3", "6"), values(rows.get(0)));
        assertEquals(List.of("s-single", SONNET, SONNET, "2", "4"), values(rows.get(1)));
    }

    @Test
    void shouldCompareTurnsAndCostPerTaskOfAPairWithOneModelSessions() throws Exception {
        JsonNode rows = json("models", "--section", "plan_execute", "--json").get("plan_execute");
        assertEquals(2, rows.size());
        JsonNode pair = rows.get(0);
        assertEquals("plan > execute", pair.get("session_kind").asText());
        assertEquals(OPUS, pair.get("planner_model").asText());
        assertEquals(SONNET, pair.get("executor_model").asText());
        assertEquals(2.0, pair.get("turns_per_task").asDouble(), 1e-9);
        // 1,000 input and 100 output tokens a turn: Opus 4.6 at $5/$25 per million, Sonnet 4.5 at $3/$15.
        double opus = 1_000 * 5e-6 + 100 * 25e-6;
        double sonnet = 1_000 * 3e-6 + 100 * 15e-6;
        assertEquals((2 * opus + 4 * sonnet) / 3, pair.get("cost_per_task_usd").asDouble(), 1e-9);
        JsonNode one = rows.get(1);
        assertEquals("one model", one.get("session_kind").asText());
        assertEquals(2.0, one.get("turns_per_task").asDouble(), 1e-9);
        assertEquals(2 * sonnet, one.get("cost_per_task_usd").asDouble(), 1e-9);
    }

    private static List<String> values(JsonNode row) {
        List<String> values = new ArrayList<>();
        row.elements().forEachRemaining(v -> values.add(v.asText()));
        return values;
    }

    /** One prompt per task, then its turns a minute apart, each with the model given. */
    private static void session(List<String> lines, String session, String[][] tasks) {
        int minute = 0;
        for (int task = 0; task < tasks.length; task++) {
            lines.add(envelope(session, minute++, "user", session + "-p" + task)
                    + "\"message\":{\"role\":\"user\",\"content\":\"next step\"}}");
            for (String model : tasks[task]) {
                int id = ++ids;
                lines.add(envelope(session, minute++, "assistant", session + "-a" + id) + "\"message\":{\"id\":"
                        + "\"msg_phase_" + id + "\",\"model\":\"" + model + "\",\"role\":\"assistant\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":1000,"
                        + "\"output_tokens\":100}}}");
            }
        }
    }

    private static String envelope(String session, int minute, String type, String uuid) {
        return "{\"type\":\"" + type + "\",\"sessionId\":\"" + session + "\",\"timestamp\":\""
                + String.format(Locale.ROOT, "2026-03-02T10:%02d:00.000Z", minute) + "\",\"uuid\":\"" + uuid + "\",";
    }

    private static JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString(), "--no-refresh"));
        GeneratedCorpusReportTest.Output out = GeneratedCorpusReportTest.run(all.toArray(new String[0]));
        assertEquals(0, out.code(), out.err());
        return JSON.readTree(out.out());
    }
}
