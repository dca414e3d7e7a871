package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three ways a file's bytes come into memory: read into a buffer, mapped by the JDK, mapped by Chronicle; and
 * the empty file, which is neither.
 */
class FileBytesTest {
    private static final byte[] LINE = "{\"type\":\"user\"}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aFileReadIntoTheBufferKeepsItsOffsets() throws IOException {
        Path file = Files.write(dir.resolve("a.jsonl"), concat(LINE, LINE));
        try (FileBytes.ReadBuffer buffer = new FileBytes.ReadBuffer();
                FileBytes bytes = FileBytes.read(file, LINE.length, 2L * LINE.length, buffer)) {
            assertEquals(2L * LINE.length, bytes.size());
            assertEquals(new String(LINE, StandardCharsets.UTF_8), text(bytes, LINE.length, LINE.length));
        }
    }

    @Test
    void aFileBelowTwoGibibytesIsMappedWhole() throws IOException {
        Path file = Files.write(dir.resolve("b.jsonl"), concat(LINE, LINE, LINE));
        try (FileBytes bytes = FileBytes.open(file, 3L * LINE.length)) {
            assertEquals(3L * LINE.length, bytes.size());
            assertEquals(new String(concat(LINE, LINE, LINE), StandardCharsets.UTF_8), text(bytes, 0, 3 * LINE.length));
        }
    }

    /** Past 2 GiB the JDK cannot map a file in one piece; a sparse file costs no disk. */
    @Test
    void aFilePastTwoGibibytesIsMappedWholeByChronicle() throws IOException {
        Path file = dir.resolve("c.jsonl");
        long size = (1L << 31) + 4096;
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(LINE);
            out.seek(size - LINE.length);
            out.write(LINE);
        }
        try (FileBytes bytes = FileBytes.open(file, size)) {
            assertEquals(size, bytes.size());
            assertEquals(new String(LINE, StandardCharsets.UTF_8), text(bytes, 0, LINE.length));
            assertEquals(new String(LINE, StandardCharsets.UTF_8), text(bytes, size - LINE.length, LINE.length));
            assertEquals(0, NativeMemory.getByte(bytes.address() + (1L << 31)));
        }
    }

    @Test
    void anEmptyFileIsNeitherReadNorMapped() throws IOException {
        Path file = Files.write(dir.resolve("e.jsonl"), new byte[0]);
        try (FileBytes mapped = FileBytes.open(file, 0);
                FileBytes.ReadBuffer buffer = new FileBytes.ReadBuffer();
                FileBytes read = FileBytes.read(file, 0, 0, buffer)) {
            assertEquals(0, mapped.size());
            assertEquals(0, mapped.address());
            assertEquals(0, read.size());
            assertEquals(0, read.address());
        }
    }

    @Test
    void aFileThatShrankSinceItWasListedIsNotMapped() throws IOException {
        Path file = Files.write(dir.resolve("d.jsonl"), LINE);
        IOException failure = assertThrows(IOException.class, () -> FileBytes.open(file, 10L * LINE.length));
        assertEquals("it shrank from " + 10 * LINE.length + " to " + LINE.length + " bytes since it was listed",
                failure.getMessage());
    }

    private static String text(FileBytes bytes, long from, int length) {
        byte[] copy = new byte[length];
        NativeMemory.copy(bytes.address() + from, copy, 0, length);
        return new String(copy, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
