package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.columnar.FileTrees;
import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.query.QuerySession;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated corpus, ingested once per seed and shared by the report tests, and its base tables read back with
 * plain SQL (no view, no report SQL) so the tests can compute every figure on their own.
 */
final class ReportCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Long, ReportCorpus> BY_SEED = new HashMap<>();

    final Path corpus;
    final Path data;
    final JsonNode expected;
    final List<Turn> turns;
    final List<Compaction> compactions;
    final List<Prompt> prompts;
    final List<ToolUse> toolUses;
    final List<ToolResult> toolResults;

    record Turn(String sessionId, String agentId, Instant ts, long lineOffset, String messageId, String project,
            String model, long input, long output, long write5m, long write1h, long read, long context, long toolUses,
            Double cost, Double costInput, Double costOutput, Double costWrite, Double costRead) {

        long tokens() {
            return input + output + write5m + write1h + read;
        }

        boolean synthetic() {
            return "<synthetic>".equals(model);
        }

        /** The thread: session and agent, "" for the main thread. */
        String thread() {
            return sessionId + "/" + (agentId == null ? "" : agentId);
        }
    }

    record Compaction(String sessionId, String agentId, Instant ts) {
        String thread() {
            return sessionId + "/" + (agentId == null ? "" : agentId);
        }
    }

    record Prompt(String sessionId, String agentId, Instant ts, String uuid) {
    }

    record ToolUse(String toolUseId, String toolName, String messageId, Instant ts) {
    }

    record ToolResult(String sessionId, String agentId, String toolUseId, Instant ts, long bytes, boolean error) {
        String thread() {
            return sessionId + "/" + (agentId == null ? "" : agentId);
        }
    }

    record Output(int code, String out, String err) {
    }

    private ReportCorpus(Path corpus, Path data, JsonNode expected) throws SQLException, IOException {
        this.corpus = corpus;
        this.data = data;
        this.expected = expected;
        try (QuerySession session = QuerySession.open(data, ZoneOffset.UTC, 2)) {
            turns = readTurns(session);
            compactions = readCompactions(session);
            prompts = readPrompts(session);
            toolUses = readToolUses(session);
            toolResults = readToolResults(session);
        }
    }

    /** The corpus of this seed with this many sessions, generated and ingested on first use. */
    static synchronized ReportCorpus of(long seed, int sessions) throws Exception {
        ReportCorpus existing = BY_SEED.get(seed);
        if (existing != null) {
            return existing;
        }
        Path base = Files.createTempDirectory("tokenomics-reports-" + seed + "-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(base)));
        Path corpus = base.resolve("corpus");
        Path data = base.resolve("data");
        CorpusGenerator.Result result = CorpusGenerator.generate(new CorpusGenerator.Options(corpus, sessions, seed,
                0));
        Output ingest = run("ingest", corpus.toString(), "--data", data.toString(), "--quiet");
        assertEquals(0, ingest.code(), ingest.err());
        ReportCorpus c = new ReportCorpus(corpus, data, JSON.readTree(result.expectedFile().toFile()));
        BY_SEED.put(seed, c);
        return c;
    }

    /** Runs a report on this corpus in UTC, without refreshing from the default roots. */
    Output report(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString(), "--tz", "UTC", "--no-refresh"));
        return run(all.toArray(new String[0]));
    }

    /** Runs a report as {@link #report} does, with these variables added to the environment. */
    Output reportWith(Map<String, String> variables, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString(), "--tz", "UTC", "--no-refresh"));
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(variables);
        return runWith(environment, all.toArray(new String[0]));
    }

    /** Runs a command line in this JVM with {@code environment} as its whole environment. */
    static Output runWith(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), environment, args);
        return new Output(code, out.toString(), err.toString());
    }

    /** The JSON of a report that must succeed. */
    JsonNode json(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        Output o = report(all.toArray(new String[0]));
        assertEquals(0, o.code(), o.err());
        return JSON.readTree(o.out());
    }

    static Output run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Output(code, out.toString(), err.toString());
    }

    private static List<Turn> readTurns(QuerySession session) throws SQLException {
        List<Turn> rows = new ArrayList<>();
        try (ResultSet rs = session.query("SELECT session_id, agent_id, ts, line_offset, message_id, project, model, "
                + "input_tokens, output_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, "
                + "context_tokens, tool_uses, cost_usd, cost_input_usd, cost_output_usd, cost_cache_write_usd, "
                + "cost_cache_read_usd FROM turns ORDER BY session_id, agent_id NULLS FIRST, ts, line_offset")) {
            while (rs.next()) {
                rows.add(new Turn(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14), money(rs, 15), money(rs, 16),
                        money(rs, 17), money(rs, 18), money(rs, 19)));
            }
        }
        return List.copyOf(rows);
    }

    private static List<Compaction> readCompactions(QuerySession session) throws SQLException {
        List<Compaction> rows = new ArrayList<>();
        try (ResultSet rs = session.query("SELECT session_id, agent_id, ts FROM compactions")) {
            while (rs.next()) {
                rows.add(new Compaction(rs.getString(1), rs.getString(2), instant(rs, 3)));
            }
        }
        return List.copyOf(rows);
    }

    private static List<Prompt> readPrompts(QuerySession session) throws SQLException {
        List<Prompt> rows = new ArrayList<>();
        try (ResultSet rs = session.query("SELECT session_id, agent_id, ts, uuid FROM prompts")) {
            while (rs.next()) {
                rows.add(new Prompt(rs.getString(1), rs.getString(2), instant(rs, 3), rs.getString(4)));
            }
        }
        return List.copyOf(rows);
    }

    private static List<ToolUse> readToolUses(QuerySession session) throws SQLException {
        List<ToolUse> rows = new ArrayList<>();
        try (ResultSet rs = session.query("SELECT tool_use_id, tool_name, message_id, ts FROM tool_uses")) {
            while (rs.next()) {
                rows.add(new ToolUse(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4)));
            }
        }
        return List.copyOf(rows);
    }

    private static List<ToolResult> readToolResults(QuerySession session) throws SQLException {
        List<ToolResult> rows = new ArrayList<>();
        try (ResultSet rs = session.query("SELECT session_id, agent_id, tool_use_id, ts, result_bytes, is_error "
                + "FROM tool_results")) {
            while (rs.next()) {
                rows.add(new ToolResult(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
                        rs.getLong(5), rs.getBoolean(6)));
            }
        }
        return List.copyOf(rows);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime ts = rs.getObject(column, OffsetDateTime.class);
        return ts == null ? null : ts.toInstant();
    }

    private static Double money(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** DuckDB's quantile_cont: linear interpolation between the two closest ranks of the sorted values. */
    static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        double position = (sorted.size() - 1) * q;
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
    }

    /** Removes the temporary corpus when the test JVM exits; what cannot be removed stays in the temp dir. */
    private static void deleteTree(Path root) {
        try {
            FileTrees.delete(root);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
