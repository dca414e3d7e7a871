package io.tokenomics.ingest.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tokenomics.ingest.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code tool_uses} keeps of a call's input, end to end through an ingest: the target file's hash and kind, a
 * Bash call's program and git subcommand; and that no path or command text reaches the dataset.
 */
class ToolInputIngestTest {
    @TempDir
    Path temp;

    @Test
    void shouldKeepTheTargetHashAndKindAndTheProgramWordsButNoText() throws Exception {
        Path file = temp.resolve("corpus/projects/p/s-tools.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                call(1, "toolu_edit_memory", "Edit", "{\"file_path\":\"/home/u/secret-proj/CLAUDE.md\","
                        + "\"old_string\":\"a\",\"new_string\":\"b\"}"),
                call(2, "toolu_write_dot", "Write", "{\"content\":\"x\",\"file_path\":\"/home/u/.claude/sk.md\"}"),
                call(3, "toolu_edit_code", "MultiEdit", "{\"file_path\":\"/home/u/secret-proj/src/Main.java\","
                        + "\"edits\":[{\"file_path\":\"/nested/CLAUDE.md\"}]}"),
                call(4, "toolu_edit_code_again", "Edit", "{\"file_path\":\"/home/u/secret-proj/src/Main.java\"}"),
                call(5, "toolu_notebook", "NotebookEdit", "{\"notebook_path\":\"/home/u/secret-proj/CLAUDE.md\"}"),
                call(6, "toolu_test", "Bash", "{\"command\":\"cd /home/u/secret-proj && CI=1 .venv/bin/pytest -k"
                        + " secret_case\",\"description\":\"Run the tests\"}"),
                call(7, "toolu_commit", "Bash", "{\"command\":\"git add -A && git commit -m \\\"secret message\\\"\"}"),
                call(8, "toolu_escaped", "Bash", "{\"command\":\"\\u006evm install\"}"),
                call(9, "toolu_skill", "Skill", "{\"command\":\"pdf\"}"),
                call(10, "toolu_read", "Read", "{\"file_path\":\"/home/u/secret-proj/CLAUDE.md\"}")) + "\n");
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(temp.resolve("corpus")), 2);

        List<List<Object>> rows = Fixtures.rows(data, "SELECT tool_use_id, target_path_hash IS NOT NULL,"
                + " target_is_memory_file, program, git_subcommand FROM tool_uses ORDER BY line_offset");
        assertEquals(List.of(
                Arrays.asList("toolu_edit_memory", true, true, null, null),
                Arrays.asList("toolu_write_dot", true, true, null, null),
                Arrays.asList("toolu_edit_code", true, false, null, null),
                Arrays.asList("toolu_edit_code_again", true, false, null, null),
                Arrays.asList("toolu_notebook", true, true, null, null),
                Arrays.asList("toolu_test", false, null, "pytest", null),
                Arrays.asList("toolu_commit", false, null, "git", "commit"),
                Arrays.asList("toolu_escaped", false, null, "nvm", null),
                Arrays.asList("toolu_skill", false, null, null, null),
                Arrays.asList("toolu_read", true, true, null, null)), rows);

        List<List<Object>> hashes = Fixtures.rows(data, "SELECT target_path_hash FROM tool_uses WHERE tool_use_id IN"
                + " ('toolu_edit_memory', 'toolu_edit_code', 'toolu_edit_code_again', 'toolu_read')"
                + " ORDER BY line_offset");
        assertEquals(hashes.get(1), hashes.get(2), "one file, one hash");
        assertEquals(hashes.get(0), hashes.get(3), "one file, one hash whatever the tool");
        assertNotEquals(hashes.get(0), hashes.get(1));

        for (String planted : List.of("secret-proj", "secret_case", "secret message", "sk.md")) {
            assertEquals(List.of(List.of(0L)), Fixtures.rows(data, "SELECT count(*) FROM tool_uses t"
                    + " WHERE contains(CAST(t AS VARCHAR), '" + planted + "')"), planted);
        }
    }

    private static String call(int n, String id, String name, String input) {
        return "{\"type\":\"assistant\",\"sessionId\":\"s-tools\",\"timestamp\":\"2026-03-02T09:00:0" + (n % 10)
                + ".000Z\",\"uuid\":\"u-" + n + "\",\"message\":{\"id\":\"msg_tools_" + n + "\",\"model\":"
                + "\"claude-sonnet-4-5-20250929\",\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\""
                + id + "\",\"name\":\"" + name + "\",\"input\":" + input + "}],\"usage\":{\"input_tokens\":1,"
                + "\"output_tokens\":1}}}";
    }
}
