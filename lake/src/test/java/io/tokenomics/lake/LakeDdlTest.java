package io.tokenomics.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB script of {@code tokenomics ddl} declares the lake's tables, and its views hold what reports count. */
class LakeDdlTest {
    @TempDir
    Path temp;

    @Test
    void shouldDeclareViewsThatHoldTheRowsTheReportsRead() throws Exception {
        Path lake = temp.resolve("lake");
        Lake.publish(LakeCorpus.options(LakeCorpus.ingest(temp, "a", 21, "ann", "a-box"), lake));
        Path b = LakeCorpus.ingest(temp, "b", 22, "bob", "b-box");
        Lake.publish(LakeCorpus.options(b, lake));
        // Bob's responses published from a second machine into another copy of the lake, then synced into this
        // one: the lake holds them twice.
        Path copy = temp.resolve("copy");
        Lake.publish(LakeCorpus.options(LakeCorpus.ingest(temp, "b2", 22, "bob", "b-desktop"), copy));
        LakeCorpus.copyHost(copy, lake, "b-desktop");
        LakeListing listing = Lake.list(lake);
        try (Connection connection = DuckDb.openInMemory(2); Statement statement = connection.createStatement()) {
            for (String line : LakeDdl.script(Engine.DUCKDB, lake.toString()).split(";\n")) {
                if (!line.isBlank()) {
                    statement.execute(line);
                }
            }
            for (Table table : Lake.tables()) {
                String columns = String.join(", ", LakeSql.viewColumns(table, Engine.DUCKDB));
                String reports = "SELECT " + columns + " FROM (" + Lake.duckDbTable(listing, table) + ")";
                String view = "SELECT " + columns + " FROM " + table.tableName();
                assertEquals(0, count(statement, "SELECT count(*) FROM (" + view + " EXCEPT ALL " + reports + ")"),
                        table.tableName());
                assertEquals(0, count(statement, "SELECT count(*) FROM (" + reports + " EXCEPT ALL " + view + ")"),
                        table.tableName());
                assertTrue(count(statement, "SELECT count(*) FROM (" + view + ")") > 0 || table == Table.COMPACTIONS,
                        table.tableName());
            }
            long kept = count(statement, "SELECT count(*) FROM turns");
            assertTrue(count(statement, "SELECT count(*) FROM lake_turns") > kept, "the lake holds copies");
            assertEquals(count(statement, "SELECT count(DISTINCT " + LakeSql.key(Table.TURNS, "", Engine.DUCKDB)
                    + ") FROM lake_turns"), kept, "one row per key");
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
