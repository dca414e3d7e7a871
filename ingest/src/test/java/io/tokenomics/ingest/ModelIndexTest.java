package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker looks up each model name's price once (the sources' model index), decoding the name into its scratch array.
 * A name longer than that array has held so far grows it: the lookup must read the grown array, not the one before,
 * which holds the previous name (a long unknown name was priced as the model before it).
 */
class ModelIndexTest {
    @TempDir
    Path temp;

    @Test
    void shouldPriceEachModelByItsOwnName() throws Exception {
        String unknown = "z".repeat(400);
        Path file = temp.resolve("projects/-home-dev-app/0a0b0c0d-0000-4000-8000-000000000001.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line("msg_a", "claude-sonnet-4-5-20250929") + "\n" + line("msg_b", unknown) + "\n"
                + line("msg_c", "claude-sonnet-4-5-20250929") + "\n");
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(temp.resolve("projects")), 1);
        assertEquals(List.of(List.of("claude-sonnet-4-5-20250929", false), List.of(unknown, true),
                        List.of("claude-sonnet-4-5-20250929", false)),
                Fixtures.rows(data, "SELECT model, cost_usd IS NULL FROM turns ORDER BY line_offset"));
    }

    private static String line(String id, String model) {
        return "{\"type\":\"assistant\",\"sessionId\":\"s-model\",\"timestamp\":\"2026-03-02T09:00:00.000Z\","
                + "\"uuid\":\"u-" + id + "\",\"message\":{\"id\":\"" + id + "\",\"model\":\"" + model + "\","
                + "\"role\":\"assistant\",\"usage\":{\"input_tokens\":10,\"output_tokens\":20,"
                + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":30},"
                + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}}";
    }
}
