package io.tokenomics.ingest.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenomics.ingest.CcusageDaily;
import io.tokenomics.ingest.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Qwen Code chats against ccusage 20.0.24's daily totals of the same samples, and the rules where we differ from it
 * (docs/formats.md, "Qwen Code chats"): the prompt count includes the cached tokens, which ccusage counts a second
 * time as input; a record copied into a forked session counts once.
 */
class QwenTotalsTest {
    @TempDir
    Path temp;

    /**
     * The hand-made chats: one usage record among telemetry records, rewinds, a record written twice, a wrong session
     * id and a line of two glued records. The same tokens per day and model as ccusage; the glued line, which ccusage
     * skips without a word, is a reject here; the telemetry file (token counts only inside {@code ui_telemetry}
     * events, an assistant record with an empty {@code usageMetadata}) makes no row.
     */
    @Test
    void shouldCountTheSyntheticChatsAsCcusageDoes() throws Exception {
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(CcusageDaily.home("qwen", "synthetic").resolve(".qwen/projects")), 2);
        assertEquals(CcusageDaily.expected("qwen", "synthetic"), CcusageDaily.ours(data));
        assertEquals(List.of(List.of("019f0000-0000-7000-8000-000000000004.jsonl", "turn"),
                        List.of("019f0000-0000-7000-8000-000000000005.jsonl", "malformed")),
                Fixtures.rows(data, "SELECT parse_filename(file), 'turn' FROM turns UNION ALL"
                        + " SELECT parse_filename(file), reason FROM rejects ORDER BY 1"));
    }

    /**
     * Uncached input is the prompt less its cached part: a prompt of 1,000 tokens of which 800 cached is 200 input
     * and 800 cache reads, as the record's own total of 1,150 says, where ccusage counts 1,000 input and 800 cache
     * reads (1,950). Thoughts are output once: apart from the candidates when the total adds them, inside them when
     * it does not. A record written again with its usage counts once, and so does its copy in a forked session.
     */
    @Test
    void shouldCountCachedTokensOnceAndEachRecordOnce() throws Exception {
        Path chats = Files.createDirectories(temp.resolve("qwen/projects/-home-dev-app/chats"));
        Files.writeString(chats.resolve("s1.jsonl"), String.join("\n",
                record("u1", "s1", "user", null),
                record("a1", "s1", "assistant", "{\"promptTokenCount\":1000,\"candidatesTokenCount\":150,"
                        + "\"cachedContentTokenCount\":800,\"totalTokenCount\":1150}"),
                "{\"uuid\":\"t1\",\"sessionId\":\"s1\",\"timestamp\":\"2026-05-01T10:00:02Z\",\"type\":\"system\","
                        + "\"subtype\":\"ui_telemetry\",\"systemPayload\":{\"uiEvent\":{\"model\":\"qwen3-coder-plus\","
                        + "\"input_token_count\":1000,\"output_token_count\":150,\"cached_content_token_count\":800}}}",
                record("a2", "s1", "assistant", null),
                record("a2", "s1", "assistant", "{\"promptTokenCount\":2000,\"candidatesTokenCount\":300,"
                        + "\"thoughtsTokenCount\":100,\"totalTokenCount\":2400}"),
                record("a3", "s1", "assistant", "{\"promptTokenCount\":500,\"candidatesTokenCount\":120,"
                        + "\"thoughtsTokenCount\":40,\"totalTokenCount\":620}"),
                record("a4", "s1", "assistant", "{}")) + "\n");
        Files.writeString(chats.resolve("s2.jsonl"), record("a1", "s2", "assistant", "{\"promptTokenCount\":1000,"
                + "\"candidatesTokenCount\":150,\"cachedContentTokenCount\":800,\"totalTokenCount\":1150}") + "\n");
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(temp.resolve("qwen/projects")), 1);
        assertEquals(List.of(
                        List.of("qwen:a1", "s1", "-home-dev-app", 200L, 150L, 800L, 0L, 1150L),
                        List.of("qwen:a2", "s1", "-home-dev-app", 2000L, 400L, 0L, 100L, 2400L),
                        List.of("qwen:a3", "s1", "-home-dev-app", 500L, 120L, 0L, 40L, 620L)),
                Fixtures.rows(data, "SELECT message_id, session_id, project, input_tokens, output_tokens,"
                        + " cache_read_tokens, reasoning_tokens, input_tokens + output_tokens + cache_read_tokens"
                        + " FROM turns ORDER BY message_id"));
    }

    /** An assistant record (or another) of a chat; {@code usage} is its usageMetadata, or none. */
    private static String record(String uuid, String session, String type, String usage) {
        return "{\"uuid\":\"" + uuid + "\",\"parentUuid\":null,\"sessionId\":\"" + session + "\","
                + "\"timestamp\":\"2026-05-01T10:00:01Z\",\"type\":\"" + type + "\",\"cwd\":\"/home/dev/app\","
                + "\"version\":\"0.21.13\",\"model\":\"qwen3-coder-plus\",\"message\":{\"role\":\"model\",\"parts\":"
                + "[{\"text\":\"x\"}]}" + (usage == null ? "" : ",\"usageMetadata\":" + usage) + "}";
    }
}
