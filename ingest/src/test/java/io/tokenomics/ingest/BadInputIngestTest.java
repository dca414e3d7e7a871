package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.ingest.json.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind docs/formats.md names ("Defects of real files"), and worse: the ingest finishes, every
 * unusable line is in {@code rejects} with its file, line number, byte offset and reason and counted in the summary,
 * files and folders that cannot be read are reported as problems, and the good lines around all of it are counted
 * exactly.
 */
class BadInputIngestTest {
    /** The reference reader: trailing content after a value ("{...}{...}") is an error, as it is for us. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String TOTALS = "SELECT count(*), coalesce(sum(input_tokens), 0),"
            + " coalesce(sum(output_tokens), 0), coalesce(sum(cache_read_tokens), 0) FROM turns";

    @TempDir
    Path temp;

    private Path root() {
        return temp.resolve("corpus");
    }

    private Path project() {
        return root().resolve("projects").resolve("p");
    }

    private Path data() {
        return temp.resolve("data");
    }

    private Transcript transcript(String name) throws IOException {
        return Transcript.create(project().resolve(name));
    }

    private IngestSummary ingest() throws Exception {
        return Fixtures.ingest(data(), List.of(root()), 2);
    }

    @Test
    void shouldRejectBinaryGarbageAndKeepTheRestOfTheFile() throws Exception {
        SplittableRandom random = new SplittableRandom(6);
        Transcript t = transcript("garbage.jsonl").good(1);
        for (int i = 0; i < 20; i++) {
            t.reject(garbage(random, 1 + random.nextInt(3000)), ErrorCode.MALFORMED).good(i + 2);
        }
        t.close();
        assertIngested(ingest(), t);
    }

    @Test
    void shouldRejectEveryLineOfABinaryFileAndReadTheOtherFiles() throws Exception {
        byte[] binary = new byte[256 * 1024];
        new SplittableRandom(7).nextBytes(binary);
        Path image = project().resolve("image.jsonl");
        Files.createDirectories(project());
        Files.write(image, binary);
        Transcript good = transcript("good.jsonl").good(1).good(2).close();

        IngestSummary summary = ingest();

        // Every complete line of random bytes that is not blank is unusable; the piece after the last newline is
        // an unfinished last line, not a reject.
        List<List<Object>> expected = new ArrayList<>();
        int start = 0;
        long lineNo = 0;
        for (int i = 0; i < binary.length; i++) {
            if (binary[i] == '\n') {
                lineNo++;
                if (!isBlank(binary, start, i)) {
                    expected.add(List.of(lineNo, (long) start));
                }
                start = i + 1;
            }
        }
        assertEquals(expected, Fixtures.rows(data(), "SELECT line_no, byte_offset FROM rejects WHERE file = "
                + literal(image) + " ORDER BY line_no"));
        assertEquals(0.0, Fixtures.number(data(), "SELECT count(*) FROM rejects"
                + " WHERE reason NOT IN ('malformed', 'not_an_object', 'too_deep')"));
        assertEquals(expected.size(), summary.totalRejects(), summary.line());
        assertEquals(1, summary.truncatedTails(), summary.line());
        assertTotals(good.turns(), good.inputTokens(), good.outputTokens(), good.cacheReadTokens());
    }

    @Test
    void shouldRejectARunOfNulBytesLeftByACrashAndReadTheLinesAfterIt() throws Exception {
        Transcript t = transcript("nul.jsonl").good(1).reject(new byte[8192], ErrorCode.MALFORMED).good(2)
                .reject(new byte[] {0, '{', '"', 'a', '"', ':', '1', '}'}, ErrorCode.MALFORMED).good(3).close();
        assertIngested(ingest(), t);
    }

    @Test
    void shouldIngestAnEmptyFileWithoutRowsRejectsOrProblems() throws Exception {
        Files.createDirectories(project());
        Path empty = Files.createFile(project().resolve("empty.jsonl"));
        Transcript good = transcript("good.jsonl").good(1).close();

        IngestSummary first = ingest();
        assertEquals(2, first.filesSeen(), first.line());
        assertEquals(List.of(), first.problems());
        assertIngested(first, good);
        assertEquals(List.of(List.of(0L, 0L, 0L, 0L)), Fixtures.rows(data(),
                "SELECT size, ingested_bytes, lines, rejects FROM files WHERE path = " + literal(empty)));

        IngestSummary again = ingest();
        assertEquals(0, again.filesRead(), again.line());

        Files.writeString(empty, Transcript.usageLine(5) + "\n");
        IngestSummary grown = ingest();
        assertEquals(1, grown.filesRead(), grown.line());
        assertTotals(2, 6, 12, 18);
    }

    @Test
    void shouldReadALineOfFiftyMegabytesAndTheLinesAroundIt() throws Exception {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        int megabytes = 50;
        String response = Transcript.usageLine(7, "\"input_tokens\":7,\"output_tokens\":8,"
                + "\"cache_read_input_tokens\":9");
        int text = response.indexOf("\"ok\"") + 1;
        Transcript t = transcript("huge.jsonl").good(1)
                // A user line holding a pasted 50 MB text: read, no turn.
                .unfinished("{\"type\":\"user\",\"timestamp\":\"2026-03-02T09:00:00Z\",\"message\":{\"role\":\"user\","
                        + "\"content\":\"")
                .repeat(chunk, megabytes).line("\"}}").good(2)
                // A response whose one text block is 50 MB: a turn with exactly that many characters.
                .expectTurn(7, 8, 9).unfinished(response.substring(0, text)).repeat(chunk, megabytes)
                .line(response.substring(text + 2)).good(3)
                // The same response cut off 5 MB into its text, in the middle of the file.
                .expectReject(ErrorCode.MALFORMED).unfinished("{\"type\":\"assistant\",\"message\":{\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"").repeat(chunk, 5).line("").good(4).close();

        IngestSummary summary = ingest();

        assertIngested(summary, t);
        assertEquals(List.of(List.of((long) megabytes << 20)), Fixtures.rows(data(),
                "SELECT max(text_chars)::BIGINT FROM turns"));
        // The cut record is kept by its length and shape, never by its text.
        assertEquals(List.of(List.of(5L << 20, true)), Fixtures.rows(data(),
                "SELECT max(length) - max(length) % (1 << 20), bool_and(sample IS NULL) FROM rejects"));
    }

    /**
     * A file of several segments with broken lines in each, blank lines, and a line longer than a segment (so that a
     * segment has no line of its own): every reject's line number counts the lines of the segments before it,
     * however far the other worker has got with them.
     */
    @Test
    void shouldNumberTheRejectsOfEverySegmentOfABigFile() throws Exception {
        byte[] padding = new byte[20_000];
        Arrays.fill(padding, (byte) 'p');
        String user = "{\"type\":\"user\",\"timestamp\":\"2026-03-02T09:00:00Z\",\"message\":{\"role\":\"user\","
                + "\"content\":\"" + new String(padding, StandardCharsets.US_ASCII) + "\"}}";
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'q');
        SplittableRandom random = new SplittableRandom(11);
        Transcript t = transcript("segments.jsonl");
        long n = 0;
        boolean longLine = false;
        long size;
        while ((size = Files.size(t.path())) < 5 * Scan.SEGMENT_BYTES) {
            int pick = random.nextInt(25);
            if (pick == 0) {
                t.reject(garbage(random, 1 + random.nextInt(300)), ErrorCode.MALFORMED);
            } else if (pick == 1) {
                t.line("");
            } else if (pick < 10) {
                t.good(++n);
            } else {
                t.line(user);
            }
            if (!longLine && size > 3 * Scan.SEGMENT_BYTES / 2) {
                // A segment and a half in: a pasted text of 6 MB, longer than a segment.
                longLine = true;
                t.unfinished(user.substring(0, user.length() - 3)).repeat(chunk, 6).line("\"}}").good(++n);
            }
        }
        t.good(++n).close();
        assertTrue(t.rejects().size() > 40, "rejects in every segment: " + t.rejects().size());

        assertIngested(ingest(), t);
    }

    @Test
    void shouldSkipJsonNestedTenThousandDeepInFieldsItDoesNotKeep() throws Exception {
        String deepArray = "[".repeat(10_000) + "]".repeat(10_000);
        String deepObject = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        Transcript t = transcript("deep.jsonl").good(1)
                .expectTurn(4, 5, 6).line(Transcript.usageLine(4, "\"input_tokens\":4,\"output_tokens\":5,"
                        + "\"cache_read_input_tokens\":6,\"nested\":" + deepArray))
                .line("{\"type\":\"progress\",\"data\":" + deepObject + "}")
                .expectTurn(7, 8, 9).line(Transcript.usageLine(7, "\"input_tokens\":7,\"output_tokens\":8,"
                        + "\"cache_read_input_tokens\":9").replace("\"content\":[", "\"content\":[{\"type\":"
                        + "\"tool_use\",\"id\":\"toolu_deep\",\"name\":\"Deep\",\"input\":" + deepObject + "},"))
                .good(2).close();

        assertIngested(ingest(), t);
        assertEquals(List.of(List.of((long) deepObject.length())), Fixtures.rows(data(),
                "SELECT input_bytes FROM tool_uses WHERE tool_use_id = 'toolu_deep'"));
    }

    @Test
    void shouldRejectNestingDeeperThanTheParserFollowsAndNestingCutOff() throws Exception {
        Transcript t = transcript("too-deep.jsonl").good(1)
                .reject("{\"type\":\"progress\",\"data\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                        ErrorCode.TOO_DEEP)
                .good(2)
                .reject("{\"type\":\"progress\",\"data\":" + "{\"a\":".repeat(10_000), ErrorCode.MALFORMED)
                .good(3).close();
        assertIngested(ingest(), t);
    }

    @Test
    void shouldRejectUsageCountersBeyondSixtyFourBitsAndKeepSuchNumbersInFieldsItDoesNotKeep() throws Exception {
        Transcript t = transcript("big-numbers.jsonl").good(1);
        for (String number : List.of("18446744073709551616", "9223372036854775808", "-9223372036854775809",
                "123456789012345678901234567890123456789", "1e400", "1.5", "-1e-400")) {
            t.reject(Transcript.usageLine(9, "\"input_tokens\":1,\"output_tokens\":" + number), ErrorCode.BAD_USAGE);
        }
        t.good(2)
                .expectTurn(3, 2000, 50).line(Transcript.usageLine(3, "\"input_tokens\":3.0,\"output_tokens\":2e3,"
                        + "\"cache_read_input_tokens\":5E+1,\"cache_creation_input_tokens\":0.0"))
                .expectTurn(4, 0, 0).line(Transcript.usageLine(4, "\"input_tokens\":4,\"iterations\":"
                        + "[123456789012345678901234567890,1e400,-1e-400,0.1]"))
                .line("{\"type\":\"system\",\"costUSD\":1e999,\"durationMs\":99999999999999999999999}")
                .good(5).close();
        assertIngested(ingest(), t);
    }

    /**
     * A counter that is no whole number (a string, a boolean, an object, an array) or is beyond the stated bound was
     * read as 0 and its line counted: it is a bad_usage reject, never 0.
     */
    @Test
    void shouldRejectUsageCountersThatAreNoCountsOrBeyondTheBound() throws Exception {
        Transcript t = transcript("not-counts.jsonl").good(1);
        for (String value : List.of("\"100\"", "true", "{}", "[1]", "9223372036854775807", "1000000000001",
                "1.0e13")) {
            t.reject(Transcript.usageLine(9, "\"input_tokens\":" + value + ",\"output_tokens\":1"),
                    ErrorCode.BAD_USAGE);
        }
        t.expectTurn(3, 1_000_000_000_000L, 0).line(Transcript.usageLine(3, "\"input_tokens\":3,"
                + "\"output_tokens\":1000000000000")).good(4).close();
        assertIngested(ingest(), t);
    }

    /**
     * A usage line stamped outside 2015 to 2100 made reports generate a row per day (or block) up to it, for good:
     * it is a bad_timestamp reject. Other lines keep their rows without a time.
     */
    @Test
    void shouldRejectUsageStampedOutsideTheWindow() throws Exception {
        Transcript t = transcript("far-times.jsonl").good(1);
        for (String time : List.of("9999-12-31T23:59:59.999Z", "10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "2014-12-31T23:59:59Z", "2100-01-01T00:00:00Z")) {
            t.reject(Transcript.usageLine(9).replace("2026-03-02T09:00:00.000Z", time), ErrorCode.BAD_TIMESTAMP);
        }
        t.good(2).close();
        assertIngested(ingest(), t);
    }

    /**
     * A rejected line is kept by its position, length and shape: a queued prompt or a planted secret in it must not
     * reach the dataset, nor the lines of a file a symlink points to.
     */
    @Test
    void shouldStoreNoTextOfARejectedLine() throws Exception {
        String secret = "MY_API_KEY=sk-ant-SECRET123";
        Transcript t = transcript("secrets.jsonl").good(1)
                .reject(secret, ErrorCode.MALFORMED)
                .reject("{\"type\":\"queue-operation\",\"content\":\"" + secret + "\"", ErrorCode.MALFORMED)
                .reject("{\"" + secret + "\":1,\"type\":\"assistant\"} trailing " + secret, ErrorCode.MALFORMED)
                .good(2).close();
        Path outside = temp.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.txt"), secret + "\n" + secret + "\n");
        Files.createSymbolicLink(root().resolve("evil.jsonl"), outside.resolve("secret.txt"));

        ingest();

        List<List<Object>> rows = Fixtures.rows(data(), "SELECT * FROM rejects");
        assertTrue(rows.size() >= 3, rows.toString());
        assertTrue(rows.toString().indexOf("SECRET123") < 0, "a secret in rejects: " + rows);
        assertEquals(List.of(List.of("text(27)"), List.of("{\"type\":s15,\"content\":s27 (cut)"),
                        List.of("{k27:n1,\"type\":s9} then text(36)")),
                Fixtures.rows(data(), "SELECT shape FROM rejects WHERE file LIKE '%secrets.jsonl' ORDER BY line_no"));
    }

    @Test
    void shouldRejectANegativeUsageCounter() throws Exception {
        Transcript t = transcript("negative.jsonl").good(1)
                .reject(Transcript.usageLine(2, "\"input_tokens\":5,\"output_tokens\":-1000"), ErrorCode.BAD_USAGE)
                .reject(Transcript.usageLine(3, "\"input_tokens\":-5.0,\"output_tokens\":1"), ErrorCode.BAD_USAGE)
                .good(4).close();
        assertIngested(ingest(), t);
    }

    /**
     * A counter of a million digits is no 64-bit number, which its length alone shows: it must not cost the
     * quadratic time of parsing it as a BigDecimal (about 30 s here; a 50 MB one would take the better part of a day).
     */
    @Test
    void shouldRejectAUsageCounterOfAMillionDigitsWithoutStalling() throws Exception {
        String digits = "9".repeat(1_000_000);
        Transcript t = transcript("million-digits.jsonl").good(1)
                .reject(Transcript.usageLine(2, "\"input_tokens\":" + digits), ErrorCode.BAD_USAGE)
                .reject(Transcript.usageLine(3, "\"input_tokens\":0." + digits), ErrorCode.BAD_USAGE)
                .good(4).close();
        IngestSummary summary = assertTimeoutPreemptively(Duration.ofSeconds(20), this::ingest);
        assertIngested(summary, t);
    }

    /**
     * A usage line without a timestamp of its own: whatever the rule for it, it must not depend on where the runs
     * happened to start reading, or a corpus ingested as it grows ends with other totals than one ingested once.
     */
    @Test
    void shouldTreatAUsageLineWithoutTimestampAlikeWhetherItsFileIsReadInOneRunOrTwo() throws Exception {
        String first = Transcript.usageLine(1);
        String second = Transcript.usageLine(2).replace("\"timestamp\":\"2026-03-02T09:00:00.000Z\",", "");
        Path once = project().resolve("once.jsonl");
        Files.createDirectories(project());
        Files.writeString(once, first + "\n" + second + "\n");
        Path onceData = temp.resolve("once-data");
        Fixtures.ingest(onceData, List.of(once), 1);

        Path grown = temp.resolve("grown/projects/p/once.jsonl");
        Files.createDirectories(grown.getParent());
        Files.writeString(grown, first + "\n");
        Fixtures.ingest(data(), List.of(grown), 1);
        Files.writeString(grown, second + "\n", StandardOpenOption.APPEND);
        Fixtures.ingest(data(), List.of(grown), 1);

        String outcome = "SELECT (SELECT count(*) FROM turns), (SELECT count(*) FROM rejects)";
        assertEquals(Fixtures.rows(onceData, outcome), Fixtures.rows(data(), outcome));
    }

    @Test
    void shouldIgnoreAnUnfinishedLastLineAndReadItOnceComplete() throws Exception {
        String last = Transcript.usageLine(3);
        Transcript t = transcript("live.jsonl").good(1).good(2).unfinished(last.substring(0, last.length() / 2))
                .close();

        IngestSummary first = ingest();
        assertEquals(1, first.truncatedTails(), first.line());
        assertIngested(first, t);

        Files.writeString(t.path(), last.substring(last.length() / 2) + "\n",
                StandardOpenOption.APPEND);
        IngestSummary second = ingest();
        assertEquals(0, second.truncatedTails(), second.line());
        assertEquals(0, second.totalRejects(), second.line());
        assertTotals(3, 6, 12, 18);
    }

    @Test
    void shouldRejectACutRecordAndGluedRecordsInTheMiddleAndReadTheRest() throws Exception {
        String whole = Transcript.usageLine(50);
        Transcript t = transcript("cut.jsonl").good(1)
                .reject(whole.substring(0, whole.length() / 3), ErrorCode.MALFORMED).good(2)
                .reject(Transcript.usageLine(60) + Transcript.usageLine(61), ErrorCode.MALFORMED).good(3)
                .reject(whole.substring(0, whole.indexOf("\"model\"")) + "\"model\":\"x", ErrorCode.MALFORMED)
                .good(4).close();
        assertIngested(ingest(), t);
    }

    @Test
    void shouldRejectJsonThatIsNotAnObject() throws Exception {
        Transcript t = transcript("not-objects.jsonl").good(1);
        for (String value : List.of("42", "\"text\"", "[1]", "null", "true", "-1.5e3", "[{\"message\":{}}]")) {
            t.reject(value, ErrorCode.NOT_AN_OBJECT);
        }
        t.good(2).close();
        assertIngested(ingest(), t);
    }

    @Test
    void shouldSkipBomCrlfBlankAndWhitespaceLines() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Transcript t = transcript("bom-crlf.jsonl")
                .expectTurn(1, 2, 3)
                .line(concat(bom, (Transcript.usageLine(1) + "\r").getBytes(StandardCharsets.UTF_8)))
                .line("").line("   \t ").line("\r").line(bom)
                .expectTurn(2, 4, 6).line(concat(bom, Transcript.usageLine(2).getBytes(StandardCharsets.UTF_8)))
                .expectTurn(3, 6, 9).line(" \t" + Transcript.usageLine(3) + " \t\r").close();
        IngestSummary summary = ingest();
        assertIngested(summary, t);
        assertEquals(7, summary.lines(), summary.line());
    }

    @Test
    void shouldKeepLinesWithInvalidUtf8LoneSurrogatesAndNulAsValidText() throws Exception {
        byte[] invalid = Transcript.usageLine(1).replace("\"ok\"", "\"caf\u00e9 \\ud83d \\u0000 end\"")
                .replace("s-bad-input", "s-caf#")
                .getBytes(StandardCharsets.UTF_8);
        // A Latin-1 e-acute (0xE9) where UTF-8 is expected, inside the session id.
        int hash = indexOf(invalid, (byte) '#');
        invalid[hash] = (byte) 0xE9;
        Transcript t = transcript("utf8.jsonl").expectTurn(1, 2, 3).line(invalid)
                .expectTurn(2, 4, 6).line(Transcript.usageLine(2).replace("\"ok\"", "\"\\udc00\\ud800x\\u0000\""))
                .close();
        assertIngested(ingest(), t);
        assertEquals(List.of(List.of("s-caf\uFFFD", 12L)), Fixtures.rows(data(),
                "SELECT session_id, text_chars::BIGINT FROM turns WHERE input_tokens = 1"));
    }

    @Test
    void shouldIgnoreUnknownTypesFieldsAndBlocksAndDefaultMissingFields() throws Exception {
        Transcript t = transcript("unknown.jsonl")
                .line("{\"type\":\"future-line-type\",\"body\":{\"usage\":{\"input_tokens\":999}}}")
                .line("{}")
                .line("{\"type\":\"progress\",\"data\":{\"message\":{\"message\":{\"usage\":{\"input_tokens\":999}}}}}")
                .expectTurn(1, 2, 3).line(Transcript.usageLine(1).replace("\"content\":[", "\"content\":[{\"type\":"
                        + "\"future_block\",\"whatever\":[1,2]},").replace("{\"type\":\"assistant\",",
                        "{\"type\":\"assistant\",\"brandNewField\":{\"a\":[true,null]},"))
                // No message id, request id, model, session id or content: still a turn.
                .expectTurn(4, 5, 0).line("{\"type\":\"assistant\",\"timestamp\":\"2026-03-02T09:00:00Z\","
                        + "\"message\":{\"usage\":{\"input_tokens\":4,\"output_tokens\":5}}}")
                .close();
        IngestSummary summary = ingest();
        assertIngested(summary, t);
        assertEquals(List.of(List.of("unknown")), Fixtures.rows(data(),
                "SELECT session_id FROM turns WHERE input_tokens = 4"));
    }

    /**
     * A Claude transcript whose name does not tell its kind (an export, a copy) is told by its first line; a nested
     * field that happens to be called {@code payload} does not make it a Codex rollout, whose envelope has that key
     * at its top level.
     */
    @Test
    void shouldReadAClaudeTranscriptAsClaudeWhenAFieldNestedInItsFirstLineIsCalledPayload() throws Exception {
        Transcript t = transcript("export.jsonl")
                .line("{\"type\":\"progress\",\"data\":{\"type\":\"hook_progress\",\"payload\":{}}}")
                .good(1).good(2).close();
        assertIngested(ingest(), t);
    }

    @Test
    void shouldReadNullCountersAsZeroAndNullStringsAsAbsent() throws Exception {
        Transcript t = transcript("nulls.jsonl")
                .expectTurn(0, 7, 0).line(Transcript.usageLine(1, "\"input_tokens\":null,\"output_tokens\":7,"
                        + "\"cache_creation_input_tokens\":null,\"cache_read_input_tokens\":null,"
                        + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":null,\"ephemeral_1h_input_tokens\":null}")
                        .replace("\"model\":\"claude-sonnet-4-5-20250929\"", "\"model\":null")
                        .replace("\"sessionId\":\"s-bad-input\"", "\"sessionId\":null"))
                .good(2).close();
        assertIngested(ingest(), t);
        assertEquals(List.of(Arrays.asList(null, "nulls", null)), Fixtures.rows(data(),
                "SELECT model, session_id, cost_usd FROM turns WHERE output_tokens = 7"));
    }

    @Test
    void shouldReadTimestampsWithoutMillisecondsOrWithAnOffset() throws Exception {
        Transcript t = transcript("timestamps.jsonl")
                .expectTurn(1, 2, 3).line(Transcript.usageLine(1).replace("2026-03-02T09:00:00.000Z",
                        "2026-03-02T09:00:00Z"))
                .expectTurn(2, 4, 6).line(Transcript.usageLine(2).replace("2026-03-02T09:00:00.000Z",
                        "2026-03-02T11:00:00+02:00"))
                .expectTurn(3, 6, 9).line(Transcript.usageLine(3).replace("2026-03-02T09:00:00.000Z",
                        "2026-03-02T09:00:00.000123456Z"))
                .close();
        assertIngested(ingest(), t);
        assertEquals(List.of(List.of(1L)), Fixtures.rows(data(),
                "SELECT count(DISTINCT date_trunc('second', ts)) FROM turns"));
    }

    @Test
    void shouldRejectAUsageLineWhoseTimestampCannotBeRead() throws Exception {
        Transcript t = transcript("bad-timestamp.jsonl")
                .reject(Transcript.usageLine(1).replace("2026-03-02T09:00:00.000Z", "yesterday"),
                        ErrorCode.BAD_TIMESTAMP)
                .good(2).close();
        assertIngested(ingest(), t);
    }

    @Test
    void shouldCountALineCopiedTwiceOnce() throws Exception {
        String line = Transcript.usageLine(1);
        Transcript t = transcript("copied.jsonl").expectTurn(1, 2, 3).line(line).line(line).good(2).close();
        Transcript other = transcript("other.jsonl").line(line).close();
        assertIngested(ingest(), t, other);
    }

    @Test
    void shouldReportAFileWithoutReadPermissionAndReadTheOthers() throws Exception {
        Transcript locked = transcript("locked.jsonl").good(1).close();
        Transcript good = transcript("good.jsonl").good(2).close();
        lock(locked.path());

        IngestSummary summary = ingest();
        assertEquals(1, summary.problems().size(), summary.problems().toString());
        assertTrue(summary.problems().get(0).startsWith(locked.path() + ": "), summary.problems().toString());
        assertIngested(summary, good);
    }

    @Test
    void shouldReadAFileOnceItsReadPermissionIsRestored() throws Exception {
        Transcript locked = transcript("locked.jsonl").good(1).close();
        Transcript good = transcript("good.jsonl").good(2).close();
        lock(locked.path());
        ingest();

        Files.setPosixFilePermissions(locked.path(), PosixFilePermissions.fromString("rw-r--r--"));
        IngestSummary second = ingest();
        assertEquals(List.of(), second.problems());
        assertIngested(second, good, locked);
    }

    /** Takes every permission from the file; skips the test where that does not stop this process reading it. */
    private static void lock(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(canRead(file), "running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not stop this "
                + "process from reading, so there is no unreadable file to test with");
    }

    /**
     * A file that cannot be opened when its turn comes (here: moved away between discovery and scan, and back before
     * the run ends, which works as root too; in life: no read permission, a file being replaced) is reported, and
     * the next run reads it, although its size and time have not changed since the run that could not.
     */
    @Test
    void shouldReadAFileAgainThatCouldNotBeReadInAnEarlierRun() throws Exception {
        Transcript big = transcript("a-big.jsonl");
        for (int i = 1; i <= 50; i++) {
            big.good(i);
        }
        big.close();
        Transcript middle = transcript("b-middle.jsonl").good(1000).good(1001).close();
        Transcript small = transcript("c-small.jsonl").good(2000).close();
        Path away = temp.resolve("away.jsonl");
        AtomicInteger segments = new AtomicInteger();
        // One worker takes the files largest first; it is told after each segment it has read.
        ProgressListener moveMiddleAwayAndBack = bytes -> {
            try {
                int done = segments.incrementAndGet();
                if (done == 1) {
                    Files.move(middle.path(), away);
                } else if (done == 2) {
                    Files.move(away, middle.path());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        IngestSummary first = Ingest.run(Ingest.builder(List.of(root()), data()).threads(1).host("test-host")
                .progress(moveMiddleAwayAndBack).build());
        assertEquals(1, first.problems().size(), first.problems().toString());
        assertTrue(first.problems().get(0).startsWith(middle.path() + ": "), first.problems().toString());
        assertIngested(first, big, small);

        IngestSummary second = ingest();
        assertEquals(List.of(), second.problems());
        assertIngested(second, big, middle, small);
    }

    /**
     * A file cut shorter while the run reads it (rewritten by an editor or a sync tool): the bytes that were there
     * at discovery are gone, which must not take the run down; the file is reported and read again next time.
     */
    @Test
    void shouldReportAFileThatShrinksWhileItIsReadAndFinish() throws Exception {
        Transcript big = transcript("a-big.jsonl");
        for (int i = 1; i <= 6000; i++) {
            big.good(i);
        }
        big.close();
        Transcript shrinking = transcript("b-shrinking.jsonl");
        for (int i = 0; i < 3000; i++) {
            shrinking.good(10_000 + i);
        }
        shrinking.close();
        AtomicInteger segments = new AtomicInteger();
        ProgressListener cutInHalf = bytes -> {
            if (segments.incrementAndGet() == 1) {
                try (FileChannel channel = FileChannel.open(shrinking.path(),
                        StandardOpenOption.WRITE)) {
                    channel.truncate(channel.size() / 2);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        IngestSummary first = Ingest.run(Ingest.builder(List.of(root()), data()).threads(1).host("test-host")
                .progress(cutInHalf).build());
        assertTrue(first.problems().stream().anyMatch(p -> p.startsWith(shrinking.path() + ": ")),
                first.problems().toString());
        assertEquals(0, first.totalRejects(), first.line());
        assertTrue(Fixtures.number(data(), "SELECT count(*) FROM turns") >= big.turns(), first.line());
    }

    @Test
    void shouldReportASymlinkLoopAndReadEveryFileOnce() throws Exception {
        Transcript t = transcript("s.jsonl").good(1).close();
        Files.createSymbolicLink(project().resolve("loop"), project());
        Files.createSymbolicLink(project().resolve("self.jsonl"), project().resolve("self.jsonl"));
        IngestSummary summary = ingest();
        assertTrue(summary.problems().stream().anyMatch(p -> p.endsWith("symlink loop")),
                summary.problems().toString());
        assertEquals(1, summary.filesSeen(), summary.line());
        assertIngested(summary, t);
    }

    @Test
    void shouldReportAPathThatDoesNotExistAndReadTheOthers() throws Exception {
        Transcript t = transcript("s.jsonl").good(1).close();
        Path missing = temp.resolve("no/such/dir");
        IngestSummary summary = Fixtures.ingest(data(), List.of(missing, root(), missing.resolve("x.jsonl")), 2);
        assertEquals(List.of(missing + ": no such file or directory",
                missing.resolve("x.jsonl") + ": no such file or directory"), summary.problems());
        assertIngested(summary, t);
    }

    /**
     * Each file of {@code _synthetic/} alone: the rejects are exactly the complete lines a reference reader (Jackson)
     * refuses or reads as something other than an object, at their positions, and their counts and the unfinished
     * last lines are those of the file's {@code parse_stats} in {@code EXPECTED.json}.
     */
    @TestFactory
    List<DynamicTest> shouldRejectExactlyTheLinesAReferenceReaderRefusesInEachSyntheticFile() throws IOException {
        Path synthetic = Fixtures.fixtures().resolve("_synthetic");
        JsonNode expected = JSON.readTree(synthetic.resolve("EXPECTED.json").toFile()).get("files");
        List<DynamicTest> tests = new ArrayList<>();
        try (var files = Files.list(synthetic)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    Path data = temp.resolve("synthetic-" + file.getFileName());
                    IngestSummary summary = Fixtures.ingest(data, List.of(file), 2);
                    byte[] bytes = Files.readAllBytes(file);
                    List<List<Object>> rejects = new ArrayList<>();
                    Map<String, Long> byReason = new TreeMap<>();
                    long unfinished = 0;
                    int start = 0;
                    long lineNo = 0;
                    while (start < bytes.length) {
                        int end = start;
                        while (end < bytes.length && bytes[end] != '\n') {
                            end++;
                        }
                        lineNo++;
                        String reason = referenceReason(bytes, start, end);
                        if (reason != null && end == bytes.length) {
                            unfinished++;
                        } else if (reason != null) {
                            rejects.add(List.of(lineNo, (long) start, reason));
                            byReason.merge(reason, 1L, Long::sum);
                        }
                        start = end + 1;
                    }
                    assertEquals(rejects, Fixtures.rows(data, "SELECT line_no, byte_offset, reason FROM rejects"
                            + " ORDER BY line_no"));
                    assertEquals(byReason, new TreeMap<>(summary.rejects()), summary.line());
                    assertEquals(unfinished, summary.truncatedTails(), summary.line());
                    JsonNode stats = expected.path(file.getFileName().toString()).path("parse_stats");
                    assertEquals(stats.path("malformed").asLong(0), byReason.getOrDefault("malformed", 0L));
                    assertEquals(stats.path("non_object").asLong(0), byReason.getOrDefault("not_an_object", 0L));
                    assertEquals(stats.path("truncated_tail").asLong(0), unfinished);
                }));
            }
        }
        return tests;
    }

    /**
     * Checks everything the ingest owes for these files: the turns of their good lines and nothing else, every
     * expected reject with its position and reason and no other, the summary's reject counts, and each file's
     * reject count in {@code files}.
     */
    private void assertIngested(IngestSummary summary, Transcript... files) throws Exception {
        long turns = 0;
        long input = 0;
        long output = 0;
        long cacheRead = 0;
        List<Transcript.Reject> rejects = new ArrayList<>();
        for (Transcript t : files) {
            turns += t.turns();
            input += t.inputTokens();
            output += t.outputTokens();
            cacheRead += t.cacheReadTokens();
            rejects.addAll(t.rejects());
        }
        assertTotals(turns, input, output, cacheRead);
        rejects.sort(Comparator.comparing(Transcript.Reject::file).thenComparing(Transcript.Reject::lineNo));
        List<Transcript.Reject> actual = new ArrayList<>();
        for (List<Object> row : Fixtures.rows(data(), "SELECT file, line_no, byte_offset, reason FROM rejects"
                + " ORDER BY file, line_no")) {
            actual.add(new Transcript.Reject((String) row.get(0), (Long) row.get(1), (Long) row.get(2),
                    (String) row.get(3)));
        }
        assertEquals(rejects, actual);
        Map<String, Long> byReason = new TreeMap<>();
        for (Transcript.Reject r : rejects) {
            byReason.merge(r.reason(), 1L, Long::sum);
        }
        assertEquals(byReason, new TreeMap<>(summary.rejects()), summary.line());
        for (Transcript t : files) {
            assertEquals(List.of(List.of((long) t.rejects().size())), Fixtures.rows(data(),
                    "SELECT rejects FROM files WHERE path = " + literal(t.path())), t.path().toString());
        }
    }

    private void assertTotals(long turns, long input, long output, long cacheRead) throws Exception {
        assertEquals(List.of(List.of(turns, input, output, cacheRead)), longs(Fixtures.rows(data(), TOTALS)));
    }

    /** DuckDB's sums are HUGEINT (BigInteger in JDBC): compare them as longs. */
    private static List<List<Long>> longs(List<List<Object>> rows) {
        List<List<Long>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Long> values = new ArrayList<>();
            for (Object value : row) {
                values.add(((Number) value).longValue());
            }
            out.add(values);
        }
        return out;
    }

    /**
     * Why a reference reader cannot use the line in {@code [from, to)}: "malformed", "not_an_object", or null when
     * it is an object or blank. Bytes that are not UTF-8 are replaced first, as the ingest keeps such lines.
     */
    private static String referenceReason(byte[] bytes, int from, int to) {
        if (isBlank(bytes, from, to)) {
            return null;
        }
        int start = to - from >= 3 && bytes[from] == (byte) 0xEF && bytes[from + 1] == (byte) 0xBB
                && bytes[from + 2] == (byte) 0xBF ? from + 3 : from;
        try {
            JsonNode node = JSON.readTree(new String(bytes, start, to - start, StandardCharsets.UTF_8));
            return node.isObject() ? null : "not_an_object";
        } catch (IOException e) {
            return "malformed";
        }
    }

    /** Random bytes without a newline, starting with a byte no JSON value or whitespace starts with. */
    private static byte[] garbage(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                bytes[i] = 0;
            }
        }
        bytes[0] = (byte) (0x80 + random.nextInt(0x6F));
        return bytes;
    }

    /** Blank as the parser sees it: an optional BOM, then only spaces, tabs and carriage returns. */
    private static boolean isBlank(byte[] bytes, int from, int to) {
        int i = from;
        if (to - i >= 3 && bytes[i] == (byte) 0xEF && bytes[i + 1] == (byte) 0xBB && bytes[i + 2] == (byte) 0xBF) {
            i += 3;
        }
        for (; i < to; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean canRead(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            in.read();
            return true;
        } catch (AccessDeniedException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("byte " + b + " not found");
    }

    static String literal(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }
}
