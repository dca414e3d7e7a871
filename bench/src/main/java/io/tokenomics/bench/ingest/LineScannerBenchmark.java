package io.tokenomics.bench.ingest;

import io.tokenomics.ingest.claude.FileScan;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
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

/** Finding line ends: the scanner's eight-bytes-at-a-time search against a byte-by-byte loop over the same file. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class LineScannerBenchmark {
    /** Bytes of tool output per tool-result line: short lines are structure-heavy, long ones string-heavy. */
    @Param({"200", "20000"})
    int toolResultBytes;

    /** Lines in the input file; a third of them carry a tool result. */
    @Param("30000")
    int lines;

    Path file;
    MappedByteBuffer mapped;

    @Setup
    public void setUp() throws IOException {
        file = SampleCorpus.write(lines, toolResultBytes);
        try (FileChannel channel = FileChannel.open(file)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
    }

    @Benchmark
    public long swarNewlines() throws IOException {
        return FileScan.countLines(file);
    }

    /** Baseline: one byte at a time through a mapped buffer. */
    @Benchmark
    public long byteLoopNewlines() {
        MappedByteBuffer buffer = mapped;
        int limit = buffer.limit();
        long lines = 0;
        boolean pending = false;
        for (int i = 0; i < limit; i++) {
            pending = true;
            if (buffer.get(i) == '\n') {
                lines++;
                pending = false;
            }
        }
        return pending ? lines + 1 : lines;
    }
}
