package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.ingest.Agents;
import io.tokenomics.query.QuerySession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents everywhere: {@code --agent NAME[,NAME]} on the reports, the agent in their JSON, {@code tokenomics
 * agents}, and the dashboard's spend per agent, on the generated corpus of two agents (Claude Code and Codex), whose
 * totals per agent the generator wrote down.
 */
class AgentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ReportCorpus corpus;
    static long claudeTokens;
    static long codexTokens;

    @BeforeAll
    static void corpus() throws Exception {
        corpus = ReportCorpus.of(11, 300);
        JsonNode claude = corpus.expected.get("totals");
        claudeTokens = claude.get("input_tokens").asLong() + claude.get("output_tokens").asLong()
                + claude.get("cache_creation_5m_tokens").asLong() + claude.get("cache_creation_1h_tokens").asLong()
                + claude.get("cache_read_tokens").asLong();
        codexTokens = corpus.expected.get("codex").get("totals").get("total_tokens").asLong();
    }

    @Test
    void shouldReportTheTotalsOfTheAgentsNamed() throws Exception {
        assertEquals(claudeTokens, corpus.json("daily", "--agent", "claude").get("totals").get("totalTokens").asLong());
        assertEquals(codexTokens, corpus.json("daily", "--agent", "codex").get("totals").get("totalTokens").asLong());
        JsonNode both = corpus.json("daily", "--agent", "Codex, claude");
        assertEquals(claudeTokens + codexTokens, both.get("totals").get("totalTokens").asLong());
        assertEquals(corpus.json("daily").get("totals"), both.get("totals"));
        assertEquals(corpus.json("daily").get("totals"), corpus.json("daily", "--agent", "all").get("totals"));
        assertEquals(0, corpus.json("monthly", "--agent", "gemini").get("totals").get("totalTokens").asLong());
        for (JsonNode day : both.get("daily")) {
            assertTrue(Set.of("claude", "codex").containsAll(names(day.get("agents"))), day.toString());
        }
        for (JsonNode day : corpus.json("daily", "--agent", "codex").get("daily")) {
            assertEquals(List.of("codex"), names(day.get("agents")), day.toString());
        }
    }

    /** A session names its agent, and the sessions of each agent add up to that agent's totals. */
    @Test
    void shouldNameTheAgentOfEverySession() throws Exception {
        Map<String, Long> tokens = new HashMap<>();
        for (JsonNode session : corpus.json("session").get("sessions")) {
            tokens.merge(session.get("agent").asText(), session.get("totalTokens").asLong(), Long::sum);
        }
        assertEquals(Map.of("claude", claudeTokens, "codex", codexTokens), tokens);
        JsonNode codex = corpus.json("session", "--agent", "codex").get("sessions");
        assertTrue(codex.size() > 0);
        codex.forEach(s -> assertEquals("codex", s.get("agent").asText(), s.toString()));
        String id = codex.get(0).get("sessionId").asText();
        assertEquals("codex", corpus.json("session", "--id", id).get("agent").asText());
    }

    @Test
    void shouldFilterTheSectionedReportsAndTheSqlTables() throws Exception {
        JsonNode models = corpus.json("models", "--section", "pricing", "--agent", "codex");
        assertTrue(models.get("pricing").size() > 0);
        models.get("pricing").forEach(m -> assertEquals("codex", m.get("agent").asText(), m.toString()));
        ReportCorpus.Output sql = corpus.report("sql", "--agent", "claude", "--format", "csv",
                "SELECT DISTINCT agent FROM turns UNION SELECT DISTINCT agent FROM sessions");
        assertEquals(0, sql.code(), sql.err());
        assertEquals(List.of("agent", "claude"), sql.out().strip().lines().map(String::strip).toList());
    }

    @Test
    void shouldRefuseAnUnknownAgentInOneLineThatListsTheKnownOnes() {
        for (String[] args : List.of(new String[] {"daily", "--agent", "cursor"},
                new String[] {"tools", "--agent", "claude,cursor"}, new String[] {"agents", "--agent", "cursor"})) {
            ReportCorpus.Output o = corpus.report(args);
            assertEquals(2, o.code(), o.err());
            assertEquals("", o.out());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertTrue(o.err().contains("unknown agent 'cursor'"), o.err());
            assertTrue(o.err().contains(String.join(", ", Agents.names())), o.err());
        }
    }

    @Test
    void shouldShowTheAgentFilterWithTheSql() {
        ReportCorpus.Output o = corpus.report("daily", "--agent", "codex,claude", "--show-sql");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("SET VARIABLE agent = ['claude', 'codex']::VARCHAR[];"), o.out());
        assertTrue(o.out().contains(QuerySession.AGENT_FILTER), o.out());
        ReportCorpus.Output all = corpus.report("cache", "--show-sql");
        assertTrue(all.out().contains("SET VARIABLE agent = NULL::VARCHAR[];"), all.out());
    }

    /**
     * {@code agents --json}: every agent of the registry, the roots the environment names for it that exist, the
     * files and bytes there now (the generator's counts), and its turns and cost in the dataset.
     */
    @Test
    void shouldListEveryAgentWithItsRootsFilesTurnsAndCost(@TempDir Path dir) throws Exception {
        Path gemini = Files.createDirectories(dir.resolve("gemini-empty"));
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("CLAUDE_CONFIG_DIR", corpus.corpus.toString());
        environment.put("CODEX_HOME", corpus.corpus.resolve("codex").toString());
        environment.put("GEMINI_DATA_DIR", gemini.toString());
        ReportCorpus.Output o = ReportCorpus.runWith(environment, "agents", "--json", "--data",
                corpus.data.toString(), "--no-refresh");
        assertEquals(0, o.code(), o.err());
        Map<String, JsonNode> agents = new HashMap<>();
        JSON.readTree(o.out()).get("agents").forEach(a -> agents.put(a.get("agent").asText(), a));
        assertTrue(agents.keySet().containsAll(Agents.names()), agents.keySet().toString());
        JsonNode claude = agents.get("claude");
        JsonNode codex = agents.get("codex");
        assertEquals(List.of(corpus.corpus.toString()), names(claude.get("roots")));
        assertTrue(names(codex.get("roots")).contains(corpus.corpus.resolve("codex").resolve("sessions").toString()),
                codex.toString());
        assertEquals(corpus.expected.get("files").asLong(), claude.get("files").asLong() + codex.get("files").asLong());
        assertEquals(corpus.expected.get("bytes").asLong(), claude.get("bytes").asLong() + codex.get("bytes").asLong());
        assertEquals(corpus.expected.get("responses").asLong(), claude.get("turns").asLong());
        assertEquals(corpus.expected.get("codex").get("events").asLong(), codex.get("turns").asLong());
        double all = corpus.json("daily").get("totals").get("totalCost").asDouble();
        assertEquals(all, claude.get("cost_usd").asDouble() + codex.get("cost_usd").asDouble(), 1e-6);
        assertEquals(corpus.json("daily", "--agent", "claude").get("totals").get("totalCost").asDouble(),
                claude.get("cost_usd").asDouble(), 1e-6);
        assertNotNull(claude.get("first_activity").textValue());
        assertTrue(claude.get("first_activity").asText().compareTo(claude.get("last_activity").asText()) <= 0);
        JsonNode geminiRow = agents.get("gemini");
        assertEquals(List.of(gemini.toString()), names(geminiRow.get("roots")));
        assertEquals(0, geminiRow.get("files").asLong());
        assertEquals(0, geminiRow.get("turns").asLong());
        assertTrue(geminiRow.get("cost_usd").isNull(), "no turns: no cost, never $0");
    }

    /** Given paths replace the default roots: an agent's roots are those of the paths that hold its files. */
    @Test
    void shouldListWhatTheGivenPathsHold() throws Exception {
        ReportCorpus.Output o = corpus.report("agents", "--json", corpus.corpus.resolve("codex").toString());
        assertEquals(0, o.code(), o.err());
        Map<String, JsonNode> agents = new HashMap<>();
        JSON.readTree(o.out()).get("agents").forEach(a -> agents.put(a.get("agent").asText(), a));
        assertEquals(List.of(corpus.corpus.resolve("codex").toString()), names(agents.get("codex").get("roots")));
        assertEquals(0, agents.get("claude").get("files").asLong());
        assertEquals(List.of(), names(agents.get("claude").get("roots")));
        assertTrue(agents.get("codex").get("files").asLong() > 0);
        ReportCorpus.Output table = corpus.report("agents", "--agent", "codex");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("codex") && !table.out().contains("claude"), table.out());
    }

    /** The dashboard's spend per agent is what the reports say of each agent. */
    @Test
    void shouldShowTheSpendOfEachAgentOnTheDashboard() throws Exception {
        JsonNode data = corpus.json("dashboard");
        Set<String> seen = new HashSet<>();
        double sum = 0;
        for (JsonNode row : data.get("agents")) {
            String agent = row.get("agent").asText();
            seen.add(agent);
            JsonNode daily = corpus.json("daily", "--agent", agent).get("totals");
            double cost = agent.equals("codex") ? daily.get("costUSD").asDouble() : daily.get("totalCost").asDouble();
            assertEquals(cost, row.get("cost_usd").asDouble(), 1e-6, agent);
            assertEquals(daily.get("totalTokens").asLong(), row.get("total_tokens").asLong(), agent);
            assertTrue(row.get("sessions").asLong() > 0, agent);
            sum += row.get("cost_usd").asDouble();
        }
        assertEquals(Set.of("claude", "codex"), seen);
        assertEquals(data.get("totals").get(0).get("cost_usd").asDouble(), sum, 1e-6);
        JsonNode codexOnly = corpus.json("dashboard", "--agent", "codex");
        assertEquals(1, codexOnly.get("agents").size());
        assertEquals("codex", codexOnly.get("meta").get("filters").get("agent").asText());
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
