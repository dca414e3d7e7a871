package io.tokenomics.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Call;
import io.trino.sql.tree.ColumnDefinition;
import io.trino.sql.tree.CreateTable;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.Property;
import io.tokenomics.columnar.Table;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Trino script of {@code tokenomics ddl} is Trino SQL, as Trino's own parser reads it: each table declared over
 * its folder with its file columns and partition columns, its partitions synced, its deduplicated view made.
 */
class TrinoDdlTest {
    private final SqlParser parser = new SqlParser();

    @Test
    void shouldPrintStatementsTrinosParserReads() {
        List<String> statements = statements(LakeDdl.script(Engine.TRINO, "s3a://team-bucket/tokenomics-lake/"));
        assertEquals(3 * LakeLayout.TABLES.size(), statements.size());
        for (int i = 0; i < LakeLayout.TABLES.size(); i++) {
            Table table = LakeLayout.TABLES.get(i);
            String raw = "lake_" + table.tableName();

            CreateTable create = assertInstanceOf(CreateTable.class, parser.createStatement(statements.get(3 * i)));
            assertEquals(raw, create.getName().toString());
            List<String> columns = new ArrayList<>();
            for (var element : create.getElements()) {
                columns.add(assertInstanceOf(ColumnDefinition.class, element).getName().getSuffix());
            }
            List<String> expected = new ArrayList<>();
            LakeLayout.fileColumns(table).forEach(c -> expected.add(c.columnName()));
            expected.addAll(LakeLayout.partitions(table));
            assertEquals(expected, columns, raw);
            List<String> properties = new ArrayList<>();
            for (Property property : create.getProperties()) {
                properties.add(property.getName().getValue() + "=" + property.getNonDefaultValue());
            }
            assertEquals(List.of("external_location='s3a://team-bucket/tokenomics-lake/" + table.tableName() + "'",
                    "format='PARQUET'", "partitioned_by=ARRAY[" + String.join(",", LakeLayout.partitions(table)
                    .stream().map(p -> "'" + p + "'").toList()) + "]"), properties, raw);

            Call sync = assertInstanceOf(Call.class, parser.createStatement(statements.get(3 * i + 1)));
            assertEquals("system.sync_partition_metadata", sync.getName().toString());
            assertEquals(3, sync.getArguments().size());

            CreateView view = assertInstanceOf(CreateView.class, parser.createStatement(statements.get(3 * i + 2)));
            assertEquals(table.tableName(), view.getName().toString());
            assertTrue(view.isReplace());
            assertTrue(view.getQuery().toString().contains(raw), "the view reads " + raw);
        }
    }

    @Test
    void shouldFailOnAStatementTrinoCannotParse() {
        // The parser this test relies on is strict: the dedup view with a dialect's construct Trino lacks fails.
        String view = statements(LakeDdl.script(Engine.TRINO, "/lake")).get(2);
        String duckDbOnly = view.replace(" FROM (SELECT *,", " FROM (SELECT * EXCLUDE (\"month\"),");
        assertTrue(duckDbOnly.contains("EXCLUDE"), view);
        assertThrows(ParsingException.class, () -> parser.createStatement(duckDbOnly));
    }

    /** The script's statements without the comment lines (a header line names statements too) and semicolons. */
    private static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";\n")) {
            if (!statement.isBlank()) {
                statements.add(statement);
            }
        }
        return statements;
    }
}
