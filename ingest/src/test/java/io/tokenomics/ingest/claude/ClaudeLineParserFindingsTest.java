package io.tokenomics.ingest.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Inputs the fuzz targets found that show a defect not fixed yet. They are kept in
 * {@code src/test/resources/io/tokenomics/ingest/ClaudeLineParserFuzzTestFindings/<target>/} rather than in the inputs
 * Jazzer replays, which would fail the build until the fix; each is replayed here through its target. With the fix,
 * a finding moves to {@code ClaudeLineParserFuzzTestInputs/<target>/} and its test here goes.
 */
class ClaudeLineParserFindingsTest {
    private final ClaudeLineParserFuzzTest targets = new ClaudeLineParserFuzzTest();

    @AfterEach
    void closeTargets() {
        targets.closeAllocator();
    }

    /**
     * A cut record ending in a backslash inside a string: the string scan takes the backslash and the newline after
     * it as an escape and runs on into the next line, so two physical lines parse as one. Line numbers then drift,
     * and a segment boundary at that newline makes two workers read the next line.
     */
    @Test
    void shouldEndALineAtANewlineThatFollowsABackslash() throws Exception {
        for (String finding : List.of("escaped-newline", "crash-78701a0edc394a8bea1db26a8f378c4294dc6f0f",
                "crash-f0e7072bb60a39b19c1cc3bf1e6edb966d9ddcb0")) {
            targets.parseArbitraryBytes(finding("parseArbitraryBytes/" + finding));
        }
    }

    /** A backslash-u escape without its four hex digits makes the character count of a string negative. */
    @Test
    void shouldNeverCountANegativeNumberOfCharacters() throws Exception {
        targets.parseArbitraryBytes(finding("parseArbitraryBytes/escape-without-digits"));
    }

    /**
     * A block type spelled with an escape ({@code "t\u0065xt"}) is the same JSON string as {@code "text"}; the
     * extractor compares raw bytes and does not count the block. Claude Code does not write such escapes, so this
     * costs nothing today; it is here so that the difference is known.
     */
    @Test
    @Disabled("defect: ClaudeLineParser.parseBlock compares the raw bytes of a block type, so an escaped spelling is "
            + "not recognized")
    void shouldClassifyABlockWhoseTypeIsSpelledWithAnEscape() throws Exception {
        assertEquals(1, ClaudeExtractorDifferentialTest.compareFiles(List.of(
                path("extractFieldsAsJacksonDoes/escaped-block-type.jsonl"))));
    }

    private static byte[] finding(String name) throws IOException {
        try (InputStream in = ClaudeLineParserFindingsTest.class.getResourceAsStream(
                "ClaudeLineParserFuzzTestFindings/" + name)) {
            if (in == null) {
                throw new IOException("no finding " + name);
            }
            return in.readAllBytes();
        }
    }

    private static Path path(String name) throws URISyntaxException {
        return Path.of(ClaudeLineParserFindingsTest.class.getResource("ClaudeLineParserFuzzTestFindings/" + name).toURI());
    }
}
