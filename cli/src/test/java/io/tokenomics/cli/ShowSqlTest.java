package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --show-sql} prints SQL that, pasted into {@code tokenomics sql}, gives the report's rows: the SET VARIABLE
 * lines carry the command's options.
 */
class ShowSqlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static ReportCorpus corpus;

    @BeforeAll
    static void corpus() throws Exception {
        corpus = ReportCorpus.of(11, 300);
    }

    @ParameterizedTest
    @CsvSource({"tail, concentration", "cache, sessions", "context, worst_sessions", "tools, by_tool",
        "tasks, summary", "budget, days", "models, switching"})
    void shouldPrintSqlThatGivesTheReportsRows(String report, String section) throws Exception {
        String[] options = {"--section", section, "--top", "4", "--since", "2026-09-20", "--model", "%sonnet%"};
        ReportCorpus.Output sql = corpus.report(concat(report, options, "--show-sql"));
        assertEquals(0, sql.code(), sql.err());
        assertTrue(sql.out().contains("SET VARIABLE since = DATE '2026-09-20';"), sql.out());
        assertTrue(sql.out().contains("-- section " + section + ":"), sql.out());
        Path file = Files.createTempFile("tokenomics-" + report, ".sql");
        try {
            Files.writeString(file, sql.out());
            ReportCorpus.Output pasted = corpus.report("sql", "--format", "json", "--file", file.toString());
            assertEquals(0, pasted.code(), pasted.err());
            JsonNode expected = corpus.json(concat(report, options)).get(section);
            assertSameRows(expected, JSON.readTree(pasted.out()));
            assertTrue(expected.size() > 0, report + " " + section + " has rows");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void shouldPrintTheSqlOfTheUsageReports() {
        ReportCorpus.Output weekly = corpus.report("weekly", "--start-of-week", "monday", "--show-sql");
        assertEquals(0, weekly.code(), weekly.err());
        assertTrue(weekly.out().contains("SET VARIABLE week_start = 1;"), weekly.out());
        ReportCorpus.Output blocks = corpus.report("blocks", "--show-sql");
        assertTrue(blocks.out().contains("epoch_us(ts)"), blocks.out());
        assertEquals(2, corpus.report("tail", "--section", "nonsense", "--show-sql").code());
        assertEquals(2, corpus.report("tail", "--section", "nonsense").code());
    }

    private static void assertSameRows(JsonNode expected, JsonNode actual) {
        assertEquals(expected.size(), actual.size(), "rows");
        for (int i = 0; i < expected.size(); i++) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.get(i).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = actual.get(i).get(field.getKey());
                if (field.getValue().isNumber()) {
                    assertEquals(field.getValue().asDouble(), other.asDouble(), 1e-9, field.getKey());
                } else {
                    assertEquals(field.getValue().asText(), other.asText(), field.getKey());
                }
            }
        }
    }

    private static String[] concat(String first, String[] middle, String... last) {
        String[] all = new String[1 + middle.length + last.length];
        all[0] = first;
        System.arraycopy(middle, 0, all, 1, middle.length);
        System.arraycopy(last, 0, all, 1 + middle.length, last.length);
        return all;
    }
}
