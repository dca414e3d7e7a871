package io.tokenomics.bench.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tokenomics.ingest.claude.FileScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the usage counters of every line: our allocation-free extractor over the mapped file against Jackson's
 * streaming parser over the same bytes (already in memory, which favours Jackson).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class FieldExtractorBenchmark {
    @Param({"200", "20000"})
    int toolResultBytes;

    /** Lines in the input file; a third of them carry a tool result. */
    @Param("30000")
    int lines;

    Path file;
    byte[] bytes;
    final FileScan scan = new FileScan();
    final JsonFactory jackson = new JsonFactory();

    @Setup
    public void setUp() throws IOException {
        file = SampleCorpus.write(lines, toolResultBytes);
        bytes = Files.readAllBytes(file);
    }

    /** Returns the sum of all usage counters. */
    @Benchmark
    public long extractor() throws IOException {
        return scan.extract(file).tokens();
    }

    /** Baseline: Jackson's streaming parser, line by line, reading the same four counters of message.usage. */
    @Benchmark
    public long jacksonStreaming() throws IOException {
        long tokens = 0;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > start) {
                    tokens += usageOfLine(start, i - start);
                }
                start = i + 1;
            }
        }
        return tokens;
    }

    private long usageOfLine(int offset, int length) throws IOException {
        long tokens = 0;
        try (JsonParser parser = jackson.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("message".equals(field) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = parser.currentName();
                        JsonToken innerValue = parser.nextToken();
                        if ("usage".equals(inner) && innerValue == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String counter = parser.currentName();
                                JsonToken number = parser.nextToken();
                                if (number == JsonToken.VALUE_NUMBER_INT && counter.endsWith("_tokens")
                                        && !counter.startsWith("ephemeral")) {
                                    tokens += parser.getLongValue();
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return tokens;
    }
}
