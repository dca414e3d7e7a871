package io.tokenomics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.corpus.CorpusGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The Claude part of a corpus written by {@link CorpusGenerator} (held out: nothing in it was seen while writing the
 * ingest), and a live
 * copy of it that a test grows in two steps: first a random part (some files cut at a random byte, mid-line and
 * mid-response, others not there yet), then the rest appended, as Claude Code appends to its transcripts.
 */
final class GeneratedCorpus {
    private final Path generated;
    private final Path live;
    private final JsonNode expected;
    private final List<Path> files;
    private final long[] copied;

    private GeneratedCorpus(Path generated, Path live, JsonNode expected, List<Path> files) {
        this.generated = generated;
        this.live = live;
        this.expected = expected;
        this.files = files;
        this.copied = new long[files.size()];
    }

    static GeneratedCorpus create(Path dir, int sessions, long seed) throws IOException {
        Path generated = dir.resolve("generated");
        CorpusGenerator.Result result = CorpusGenerator.generate(new CorpusGenerator.Options(generated, sessions,
                seed, 0));
        List<Path> files;
        // The Claude part (projects/): the Codex sessions the generator writes beside it under codex/ have totals of
        // their own kind, which these tests do not need to tell runs apart.
        try (Stream<Path> walk = Files.walk(generated.resolve("projects"))) {
            files = walk.filter(f -> f.toString().endsWith(".jsonl")).map(generated::relativize).sorted().toList();
        }
        JsonNode expected = new ObjectMapper().readTree(result.expectedFile().toFile());
        return new GeneratedCorpus(generated, dir.resolve("live"), expected, files);
    }

    /** The root to ingest: the live copy. */
    Path root() {
        return live;
    }

    /** The totals of a correct ingest of the whole corpus, as the generator counted them. */
    DatasetTotals expectedTotals() {
        return DatasetTotals.expected(expected, files.size());
    }

    /**
     * Grows the copy: each file with probability one half up to a random byte further on (a file not copied yet
     * appears).
     */
    void grow(SplittableRandom random) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            long size = Files.size(generated.resolve(files.get(i)));
            if (random.nextBoolean() && copied[i] < size) {
                append(i, copied[i] + 1 + random.nextLong(size - copied[i]));
            }
        }
    }

    /** Copies the whole of the first file that has nothing copied yet; false when every file has begun. */
    boolean copyNextNewFile() throws IOException {
        for (int i = 0; i < files.size(); i++) {
            if (copied[i] == 0) {
                append(i, Files.size(generated.resolve(files.get(i))));
                return true;
            }
        }
        return false;
    }

    /** Appends whatever of each file is not copied yet. */
    void copyTheRest() throws IOException {
        for (int i = 0; i < files.size(); i++) {
            append(i, Files.size(generated.resolve(files.get(i))));
        }
    }

    private void append(int i, long upTo) throws IOException {
        Path target = live.resolve(files.get(i));
        Files.createDirectories(target.getParent());
        byte[] bytes = Files.readAllBytes(generated.resolve(files.get(i)));
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(Arrays.copyOfRange(bytes, (int) copied[i], (int) upTo));
        }
        copied[i] = upTo;
    }
}
