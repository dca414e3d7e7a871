package io.tokenomics.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes one benchmark input file of transcript-shaped lines: assistant lines with usage, user lines with tool
 * results of the given size, progress lines. Deterministic, so every fork measures the same bytes.
 */
final class SampleCorpus {
    private SampleCorpus() {
    }

    static Path write(int lines, int toolResultBytes) {
        try {
            Path file = Files.createTempFile("tokenomics-bench-", ".jsonl");
            file.toFile().deleteOnExit();
            SplittableRandom random = new SplittableRandom(42);
            StringBuilder s = new StringBuilder();
            String filler = "x".repeat(Math.max(0, toolResultBytes - 40)) + "\\n\\\"quoted\\\" caf\\u00e9 ";
            for (int i = 0; i < lines; i++) {
                String ts = String.format("2026-10-%02dT%02d:%02d:%02d.%03dZ", 1 + i % 28, i % 24, i % 60,
                        (i * 7) % 60, i % 1000);
                int cacheWrite = random.nextInt(5000);
                switch (i % 3) {
                    case 0 -> s.append("{\"parentUuid\":\"p").append(i).append("\",\"isSidechain\":false,")
                            .append("\"userType\":\"external\",\"cwd\":\"/home/dev/shop\",\"sessionId\":\"s-")
                            .append(i / 300).append("\",\"version\":\"2.1.40\",\"gitBranch\":\"main\",")
                            .append("\"message\":{\"id\":\"msg_").append(i).append("\",\"type\":\"message\",")
                            .append("\"role\":\"assistant\",\"model\":\"claude-opus-4-6\",\"content\":[{\"type\":")
                            .append("\"text\",\"text\":\"Adding the route and running the tests.\"}],")
                            .append("\"stop_reason\":null,\"usage\":{\"input_tokens\":").append(random.nextInt(10))
                            .append(",\"cache_creation_input_tokens\":").append(cacheWrite)
                            .append(",\"cache_read_input_tokens\":").append(random.nextInt(150_000))
                            .append(",\"cache_creation\":{\"ephemeral_5m_input_tokens\":").append(cacheWrite)
                            .append(",")
                            .append("\"ephemeral_1h_input_tokens\":0},\"output_tokens\":").append(random.nextInt(900))
                            .append(",\"service_tier\":\"standard\"}},\"requestId\":\"req_").append(i)
                            .append("\",\"type\":\"assistant\",\"uuid\":\"u").append(i).append("\",\"timestamp\":\"")
                            .append(ts).append("\"}\n");
                    case 1 -> s.append("{\"parentUuid\":\"u").append(i - 1).append("\",\"isSidechain\":false,")
                            .append("\"cwd\":\"/home/dev/shop\",\"sessionId\":\"s-").append(i / 300)
                            .append("\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"toolu_")
                            .append(i).append("\",\"type\":\"tool_result\",\"content\":\"").append(filler)
                            .append("\",\"is_error\":false}]},\"type\":\"user\",\"uuid\":\"u").append(i)
                            .append("\",\"timestamp\":\"").append(ts).append("\",\"toolUseResult\":{\"stdout\":\"")
                            .append(filler).append("\",\"stderr\":\"\",\"interrupted\":false}}\n");
                    default -> s.append("{\"type\":\"progress\",\"data\":{\"type\":\"hook_progress\",")
                            .append("\"hookEvent\":\"PostToolUse\",\"command\":\"./fmt.sh\"},\"uuid\":\"g").append(i)
                            .append("\",\"timestamp\":\"").append(ts).append("\",\"sessionId\":\"s-")
                            .append(i / 300).append("\"}\n");
                }
            }
            Files.writeString(file, s, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
