package io.tokenomics.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetSinkTest {
    private final BufferAllocator allocator = new RootAllocator();

    @TempDir
    Path dir;

    @AfterEach
    void closeAllocator() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory outstanding");
        allocator.close();
    }

    @Test
    void shouldWriteEveryRowAndNullOfABatchTwiceOverReusedBuffers() throws Exception {
        try (DuckDBConnection connection = DuckDb.openInMemory(1);
             RowBatch batch = new RowBatch(Table.PROMPTS, allocator, 4)) {
            ParquetSink sink = new ParquetSink(connection, allocator);
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 3; i++) {
                    batch.setString(PromptColumn.SESSION_ID, "s" + round);
                    batch.setTimestamp(PromptColumn.TS, 1_772_000_000_000_000L + i);
                    if (i != 1) {
                        batch.setLong(PromptColumn.CHARS, 10L * i + round);
                    }
                    batch.endRow();
                }
                sink.write(batch, dir.resolve("p" + round + ".parquet"));
                batch.reset();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*), count(chars), sum(chars), "
                         + "count(DISTINCT session_id), min(ts)::VARCHAR, typeof(min(ts)) FROM read_parquet("
                         + DuckDb.literal(dir + "/*.parquet") + ")")) {
                rs.next();
                assertEquals(6, rs.getLong(1));
                assertEquals(4, rs.getLong(2));
                assertEquals(0 + 20 + 1 + 21, rs.getLong(3));
                assertEquals(2, rs.getLong(4));
                assertEquals("TIMESTAMP WITH TIME ZONE", rs.getString(6));
            }
        }
    }
}
