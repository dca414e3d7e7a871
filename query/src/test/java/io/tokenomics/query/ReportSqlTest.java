package io.tokenomics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Splitting a report's SQL resource into its sections, and the variables printed before it. */
class ReportSqlTest {

    @Test
    void shouldSplitAReportIntoItsNamedSections() {
        ReportSql tail = ReportSql.load("tail.sql");
        assertEquals(List.of("sessions", "turns", "concentration", "costliest_sessions", "costliest_turns"),
                tail.sectionNames());
        ReportSql.Section first = tail.sections().get(0);
        assertEquals("Sessions: distribution", first.title());
        assertTrue(first.sql().startsWith("WITH chosen AS ("), first.sql());
        assertFalse(first.sql().endsWith(";"), "executable as one statement");
        assertFalse(first.sql().contains("-- section"), first.sql());
    }

    @Test
    void shouldKeepOnlyTheSectionsAskedForInTheReportsOrder() {
        ReportSql tail = ReportSql.load("tail.sql").only(Set.of("costliest_turns", "sessions"));
        assertEquals(List.of("sessions", "costliest_turns"), tail.sectionNames());
        String text = tail.text();
        assertTrue(text.startsWith("-- tail:"), "the header comes first: " + text);
        assertTrue(text.contains("-- section costliest_turns: The costliest turns\n"), text);
        assertFalse(text.contains("-- section turns:"), text);
        assertThrows(IllegalArgumentException.class, () -> ReportSql.load("tail.sql").only(Set.of("nope")));
    }

    @Test
    void shouldPrintVariablesAsStatementsAUserCanPaste() {
        String script = new ReportFilter(LocalDate.of(2026, 10, 1), null, "it's", null).variables()
                .integer("top", 5L).decimal("session_limit", 2.5).texts("agents", List.of("claude", "o'k")).script();
        assertEquals("""
                SET VARIABLE since = DATE '2026-10-01';
                SET VARIABLE until = NULL::DATE;
                SET VARIABLE project = 'it''s';
                SET VARIABLE model = NULL::VARCHAR;
                SET VARIABLE agent = NULL::VARCHAR[];
                SET VARIABLE top = 5;
                SET VARIABLE session_limit = 2.5::DOUBLE;
                SET VARIABLE agents = ['claude', 'o''k']::VARCHAR[];
                """, script);
        assertThrows(IllegalArgumentException.class, () -> new SqlVariables().decimal("x", Double.NaN));
    }
}
