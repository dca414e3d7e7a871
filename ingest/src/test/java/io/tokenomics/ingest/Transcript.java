package io.tokenomics.ingest;

import io.tokenomics.ingest.json.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transcript file written line by line by a test, which knows what a correct ingest must make of it: the tokens of
 * its good usage lines, and the line number, byte offset and reason of every line that must be rejected.
 */
final class Transcript {
    /** Message ids unique across every transcript of a test run, so that global dedup never merges two tests. */
    private static final AtomicLong IDS = new AtomicLong();

    /** A line the ingest must reject: where it starts and why. */
    record Reject(String file, long lineNo, long byteOffset, String reason) {
    }

    private final Path path;
    private final OutputStream out;
    private long offset;
    private long lineNo;
    private long turns;
    private long inputTokens;
    private long outputTokens;
    private long cacheReadTokens;
    private final List<Reject> rejects = new ArrayList<>();

    private Transcript(Path path) throws IOException {
        this.path = path.toAbsolutePath().normalize();
        Files.createDirectories(this.path.getParent());
        this.out = Files.newOutputStream(this.path, StandardOpenOption.CREATE_NEW);
    }

    /** Starts a new file; it is complete after {@link #close()}. */
    static Transcript create(Path path) throws IOException {
        return new Transcript(path);
    }

    /**
     * The text of a usage line that counts {@code n} input, {@code 2n} output and {@code 3n} cache read tokens; it
     * carries its own message id and timestamp, so it counts wherever it stands.
     */
    static String usageLine(long n) {
        return usageLine(n, "\"input_tokens\":" + n + ",\"output_tokens\":" + 2 * n
                + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":" + 3 * n);
    }

    /** A usage line with the given members of {@code usage}, and a message id of its own. */
    static String usageLine(long n, String usageMembers) {
        return "{\"type\":\"assistant\",\"sessionId\":\"s-bad-input\",\"timestamp\":\"2026-03-02T09:00:00.000Z\","
                + "\"uuid\":\"u-" + n + "\",\"message\":{\"id\":\"msg_t" + IDS.incrementAndGet()
                + "\",\"model\":\"claude-sonnet-4-5-20250929\",\"role\":\"assistant\",\"usage\":{" + usageMembers
                + "},\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}}";
    }

    /** Appends a usage line of {@link #usageLine(long)} with a newline, and counts its tokens. */
    Transcript good(long n) throws IOException {
        return expectTurn(n, 2 * n, 3 * n).line(usageLine(n));
    }

    /** Appends a line that must be read without a reject and without a turn (blank, no usage, ...). */
    Transcript line(String text) throws IOException {
        return line(text.getBytes(StandardCharsets.UTF_8));
    }

    Transcript line(byte[] bytes) throws IOException {
        write(bytes);
        write(new byte[] {'\n'});
        lineNo++;
        return this;
    }

    /** Appends a line that must be rejected for {@code reason}. */
    Transcript reject(String text, ErrorCode reason) throws IOException {
        return reject(text.getBytes(StandardCharsets.UTF_8), reason);
    }

    Transcript reject(byte[] bytes, ErrorCode reason) throws IOException {
        return expectReject(reason).line(bytes);
    }

    /** The line that starts here, written next in pieces, must be rejected for {@code reason}. */
    Transcript expectReject(ErrorCode reason) {
        rejects.add(new Reject(path.toString(), lineNo + 1, offset, reason.reason()));
        return this;
    }

    /** The line written next in pieces is a usage record that counts these tokens. */
    Transcript expectTurn(long input, long output, long cacheRead) {
        turns++;
        inputTokens += input;
        outputTokens += output;
        cacheReadTokens += cacheRead;
        return this;
    }

    /** Appends bytes without a newline: the start of a line, or the unfinished last line of a file. */
    Transcript unfinished(String text) throws IOException {
        return unfinished(text.getBytes(StandardCharsets.UTF_8));
    }

    Transcript unfinished(byte[] bytes) throws IOException {
        write(bytes);
        return this;
    }

    /** Streams {@code count} copies of {@code chunk}: the middle of a line too long to build in memory twice. */
    Transcript repeat(byte[] chunk, long count) throws IOException {
        for (long i = 0; i < count; i++) {
            write(chunk);
        }
        return this;
    }

    Transcript close() throws IOException {
        out.close();
        return this;
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        offset += bytes.length;
    }

    Path path() {
        return path;
    }

    long turns() {
        return turns;
    }

    long inputTokens() {
        return inputTokens;
    }

    long outputTokens() {
        return outputTokens;
    }

    long cacheReadTokens() {
        return cacheReadTokens;
    }

    List<Reject> rejects() {
        return rejects;
    }
}
