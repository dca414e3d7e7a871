package io.tokenomics.ingest.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tokenomics.ingest.json.StringView;
import io.tokenomics.ingest.source.ToolInput;
import io.tokenomics.ingest.json.Timestamps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;

/**
 * Fuzz targets of the line parser. In a normal build they replay the inputs kept under
 * {@code src/test/resources/io/tokenomics/ingest/ClaudeLineParserFuzzTestInputs/<target>/} (Jazzer's regression mode);
 * {@code scripts/fuzz} runs them with {@code JAZZER_FUZZ=1} to look for new inputs, and a crash it finds is written to
 * that folder, where it stays as a regression input.
 */
class ClaudeLineParserFuzzTest {
    /** Bytes before and after the input: the parser must not look at them, so what they hold must not matter. */
    private static final int PAD = 4096;
    private static final byte[][] FILLERS = {filler("\n"), filler("\""), filler("}]\"\\ 0u{[,:")};

    private static Path scratchFile;

    /** One allocator for all the inputs of a run: making one per input would cost most of the fuzzer's time. */
    private final BufferAllocator allocator = new RootAllocator();

    /** Throws if a buffer of this test was not given back. */
    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    /**
     * Arbitrary bytes, read line after line as the scanner does: no exception; every line ends at its first newline
     * or at the limit; the outcome agrees with the error; every extracted string lies inside its line and decodes; and
     * the result does not depend on the bytes around the range, which shows that nothing outside it was read.
     */
    @FuzzTest(maxDuration = "10s")
    void parseArbitraryBytes(byte[] input) {
        try (ArrowBuf buffer = allocator.buffer(PAD + input.length + PAD)) {
            List<String> first = null;
            for (byte[] filler : FILLERS) {
                List<String> lines = parseAll(buffer, input, filler);
                if (first == null) {
                    first = lines;
                } else {
                    assertEquals(first, lines, "the bytes around the input changed what was read");
                }
            }
        }
    }

    /**
     * A valid JSON object built from the fuzzer's choices (known and unknown keys in any order, escapes, whitespace,
     * counters as integers, zero-fraction floats or null, nested unknown values, content blocks): every field we keep
     * must be what Jackson reads, through {@link ClaudeExtractorDifferentialTest#compareFiles}.
     */
    @FuzzTest(maxDuration = "10s")
    void extractFieldsAsJacksonDoes(FuzzedDataProvider data) throws Exception {
        byte[] line = new FuzzedTranscriptLine(data).bytes();
        if (scratchFile == null) {
            // One file rewritten for every input: the fuzzer calls this target thousands of times a second.
            scratchFile = Files.createTempFile("tokenomics-fuzz", ".jsonl");
            scratchFile.toFile().deleteOnExit();
        }
        Files.write(scratchFile, line);
        // A line with a counter beyond the bound is a reject, which compareFiles checks, and not compared further.
        assertEquals(ClaudeExtractorDifferentialTest.hasBadCounter(line) ? 0 : 1,
                ClaudeExtractorDifferentialTest.compareFiles(List.of(scratchFile)),
                () -> "not compared as an object: " + new String(line, StandardCharsets.UTF_8));
    }

    /**
     * Copies the input into {@code buffer} between two pads of {@code filler} and parses it line by line; one
     * description per line.
     */
    private static List<String> parseAll(ArrowBuf buffer, byte[] input, byte[] filler) {
        buffer.setBytes(0, filler, 0, PAD);
        buffer.setBytes(PAD, input, 0, input.length);
        buffer.setBytes(PAD + input.length, filler, 0, PAD);
        long start = buffer.memoryAddress() + PAD;
        long limit = start + input.length;
        ClaudeLineParser parser = new ClaudeLineParser();
        ClaudeLine record = new ClaudeLine();
        List<String> lines = new ArrayList<>();
        long position = start;
        while (position < limit) {
            int outcome = parser.parse(position, limit, record);
            long lineEnd = parser.lineEnd();
            String where = "line at input offset " + (position - start);
            assertTrue(lineEnd >= position && lineEnd <= limit, where + ": line end " + (lineEnd - start)
                    + " outside [" + (position - start) + ", " + input.length + "]");
            assertTrue(lineEnd == limit || input[(int) (lineEnd - start)] == '\n', where + ": ends at a byte "
                    + "that is not a newline");
            for (long p = position; p < lineEnd; p++) {
                if (input[(int) (p - start)] == '\n') {
                    fail(where + ": holds the newline at input offset " + (p - start) + " (outcome " + outcome + ")");
                }
            }
            switch (outcome) {
                case ClaudeLineParser.OK -> assertNull(parser.error(), where);
                case ClaudeLineParser.BLANK -> {
                    assertNull(parser.error(), where);
                    assertBlank(input, (int) (position - start), (int) (lineEnd - start), where);
                }
                case ClaudeLineParser.REJECTED -> assertNotNull(parser.error(), where + ": rejected without a reason");
                default -> fail(where + ": unknown outcome " + outcome);
            }
            lines.add((lineEnd - start) + " " + outcome + " " + parser.error()
                    + (outcome == ClaudeLineParser.OK ? " " + describe(record, position, lineEnd, where) : ""));
            position = lineEnd + 1;
        }
        return lines;
    }

    /** The fields of an accepted line as text, after checking each string view lies inside the line. */
    private static String describe(ClaudeLine r, long lineStart, long lineEnd, String where) {
        StringBuilder s = new StringBuilder();
        StringView[] views = {r.type, r.sessionId, r.timestamp, r.cwd, r.version, r.gitBranch, r.agentId, r.uuid,
            r.requestId, r.subtype, r.messageId, r.model, r.role, r.stopReason, r.serviceTier, r.speed,
            r.compactTrigger};
        for (StringView view : views) {
            s.append(text(view, lineStart, lineEnd, where)).append('|');
        }
        for (int i = 0; i < r.toolUses; i++) {
            s.append(text(r.toolUseIds[i], lineStart, lineEnd, where)).append('/')
                    .append(text(r.toolNames[i], lineStart, lineEnd, where)).append('/').append(r.toolInputBytes[i])
                    .append('/').append(text(r.toolTargets[i], lineStart, lineEnd, where)).append('/')
                    .append(text(r.toolCommands[i], lineStart, lineEnd, where)).append('/')
                    .append(words(r.toolTargets[i], r.toolCommands[i], where)).append('|');
        }
        for (int i = 0; i < r.toolResults; i++) {
            s.append(text(r.toolResultIds[i], lineStart, lineEnd, where)).append('/').append(r.toolResultBytes[i])
                    .append('/').append(r.toolResultErrors[i]).append('|');
        }
        assertTrue(r.textChars >= 0 && r.thinkingChars >= 0 && r.contentStringChars >= 0,
                where + ": a negative character count (text " + r.textChars + ", thinking " + r.thinkingChars
                        + ", content " + r.contentStringChars + ")");
        // A timestamp is read by the row writer; it must not throw on whatever the field holds.
        long ts = Timestamps.parseLenient(r.timestamp);
        return s.append(r.isSidechain).append(r.isMeta).append(r.isCompactSummary).append(r.hasMessage)
                .append(r.hasUsage).append(r.hasCacheSplit).append(' ').append(r.inputTokens).append(' ')
                .append(r.outputTokens).append(' ').append(r.cacheCreationTokens).append(' ').append(r.cacheRead)
                .append(' ').append(r.cacheWrite5m).append(' ').append(r.cacheWrite1h).append(' ')
                .append(r.webSearchRequests).append(' ').append(r.contentIsString).append(' ')
                .append(r.contentStringChars).append(' ').append(r.textBlocks).append(' ').append(r.textChars)
                .append(' ').append(r.thinkingChars).append(' ').append(r.compactPreTokens).append(' ').append(ts)
                .toString();
    }

    /** What the row writer keeps of a call's input: it must not throw, and its words must be plain words. */
    private static String words(StringView target, StringView command, String where) {
        ToolInput in = new ToolInput();
        in.readTarget(target);
        in.readCommand(command);
        String program = new String(in.program(), 0, in.programLength(), StandardCharsets.UTF_8);
        String subcommand = new String(in.gitSubcommand(), 0, in.gitSubcommandLength(), StandardCharsets.UTF_8);
        for (String word : List.of(program, subcommand)) {
            assertTrue(word.matches("([A-Za-z0-9][A-Za-z0-9._+-]{0,31})?"), where + ": not a plain word: " + word);
        }
        return in.hasTarget() + " " + in.targetHash() + " " + in.targetIsMemoryFile() + " " + program + " "
                + subcommand;
    }

    private static String text(StringView view, long lineStart, long lineEnd, String where) {
        if (!view.present) {
            return "<absent>";
        }
        assertTrue(view.length >= 0 && view.address >= lineStart && view.address + view.length <= lineEnd,
                where + ": a string view at line offset " + (view.address - lineStart) + ", length " + view.length
                        + ", lies outside the line of " + (lineEnd - lineStart) + " bytes");
        return view.toString();
    }

    private static void assertBlank(byte[] input, int from, int to, String where) {
        int i = from;
        if (to - i >= 3 && input[i] == (byte) 0xEF && input[i + 1] == (byte) 0xBB && input[i + 2] == (byte) 0xBF) {
            i += 3;
        }
        for (; i < to; i++) {
            byte b = input[i];
            assertTrue(b == ' ' || b == '\t' || b == '\r', where + ": blank line holds byte " + (b & 0xFF));
        }
    }

    private static byte[] filler(String pattern) {
        byte[] bytes = new byte[PAD];
        for (int i = 0; i < PAD; i++) {
            bytes[i] = (byte) pattern.charAt(i % pattern.length());
        }
        return bytes;
    }
}
