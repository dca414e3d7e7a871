package io.tokenomics.ingest.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenomics.ingest.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dedup key of a Codex turn, {@code codex:<timestamp>:<counters>} ({@code :last:} before the counters of a turn
 * known by its last usage only), is built into a byte array without allocating. Its bytes are those the keys of
 * earlier runs have, or a dataset's dedup across runs breaks: written from the rollout's own timestamp, however long,
 * and its counters as {@link Long#toString(long)} writes them, whatever their value.
 */
class CodexKeyTest {
    @TempDir
    Path temp;

    @Test
    void shouldKeyATurnByItsTimestampAndCounters() throws Exception {
        // A timestamp of 200 bytes (fraction digits are allowed): longer than the key's first buffer holds.
        String longTime = "2026-03-02T14:00:05." + "1".repeat(179) + "Z";
        Path rollout = temp.resolve("sessions/2026/03/02/rollout-2026-03-02T14-00-00-019ca1b2-0000-7000-8000-"
                + "00000000beef.jsonl");
        Files.createDirectories(rollout.getParent());
        Files.writeString(rollout, String.join("\n",
                "{\"timestamp\":\"2026-03-02T14:00:00.000Z\",\"type\":\"session_meta\",\"payload\":{\"id\":"
                        + "\"019ca1b2-0000-7000-8000-00000000beef\",\"timestamp\":\"2026-03-02T14:00:00.000Z\","
                        + "\"cwd\":\"/home/dev/projects/demo\",\"cli_version\":\"0.107.0\"}}",
                "{\"timestamp\":\"2026-03-02T14:00:01.000Z\",\"type\":\"turn_context\",\"payload\":{\"cwd\":"
                        + "\"/home/dev/projects/demo\",\"model\":\"gpt-5.3-codex\"}}",
                tokenCount("2026-03-02T14:00:04.200Z", "\"total_token_usage\":" + usage(10_000, 8_000, 300, 200)
                        + ",\"last_token_usage\":" + usage(10_000, 8_000, 300, 200)),
                tokenCount(longTime, "\"total_token_usage\":" + usage(25_000, 20_000, 700, 400)),
                tokenCount("2026-03-02T14:00:09.000Z", "\"last_token_usage\":" + usage(5, 0, 7, 0)))
                + "\n");
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(temp.resolve("sessions")), 1);
        assertEquals(List.of(
                        List.of("codex:2026-03-02T14:00:04.200Z:10000:8000:300:200:10300"),
                        List.of("codex:" + longTime + ":25000:20000:700:400:25700"),
                        List.of("codex:2026-03-02T14:00:09.000Z:last:5:0:7:0:12")),
                Fixtures.rows(data, "SELECT message_id FROM turns ORDER BY line_offset"));
    }

    private static String tokenCount(String time, String info) {
        return "{\"timestamp\":\"" + time + "\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\","
                + "\"info\":{" + info + "}}}";
    }

    private static String usage(long input, long cached, long output, long reasoning) {
        return "{\"input_tokens\":" + input + ",\"cached_input_tokens\":" + cached + ",\"output_tokens\":" + output
                + ",\"reasoning_output_tokens\":" + reasoning + ",\"total_tokens\":" + (input + output) + "}";
    }

    @Test
    void shouldWriteLongsAsLongToStringDoes() {
        SplittableRandom random = new SplittableRandom(3);
        byte[] out = new byte[40];
        long[] edges = {0, 1, -1, 9, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
            1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L};
        for (long value : edges) {
            assertWritten(out, value);
        }
        for (int i = 0; i < 100_000; i++) {
            long value = random.nextLong() >> random.nextInt(64);
            assertWritten(out, value);
        }
    }

    private static void assertWritten(byte[] out, long value) {
        int at = (int) Math.floorMod(value, 7L);
        int end = CodexReader.putDecimal(out, at, value);
        assertEquals(Long.toString(value), new String(out, at, end - at, StandardCharsets.US_ASCII));
    }
}
