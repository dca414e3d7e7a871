package io.tokenomics.ingest.bytes;

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
 * The three ways a file's bytes come into memory: read into a buffer, mapped a window at a time by the JDK, a window
 * past 2 GiB mapped by Chronicle; and the empty file, which is neither.
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
    void aSmallFileIsMappedWholeByItsFirstWindow() throws IOException {
        Path file = Files.write(dir.resolve("b.jsonl"), concat(LINE, LINE, LINE));
        try (FileBytes bytes = FileBytes.open(file, 3L * LINE.length)) {
            assertEquals(0, bytes.end(), "nothing is mapped before a window is asked for");
            bytes.cover(0, 1);
            assertEquals(3L * LINE.length, bytes.size());
            assertEquals(3L * LINE.length, bytes.end());
            assertEquals(new String(concat(LINE, LINE, LINE), StandardCharsets.UTF_8), text(bytes, 0, 3 * LINE.length));
        }
    }

    /**
     * A window maps at least {@link FileBytes#WINDOW_BYTES} from where it is asked for, and moves when a range
     * beyond it is asked for; a sparse file costs no disk.
     */
    @Test
    void aWindowMovesAlongABigFile() throws IOException {
        Path file = dir.resolve("w.jsonl");
        long size = 3 * FileBytes.WINDOW_BYTES - 5;
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(LINE);
            out.seek(2 * FileBytes.WINDOW_BYTES + 3);
            out.write(LINE);
            out.seek(size - LINE.length);
            out.write(LINE);
        }
        try (FileBytes bytes = FileBytes.open(file, size)) {
            bytes.cover(0, 1);
            assertEquals(FileBytes.WINDOW_BYTES, bytes.end());
            assertEquals(new String(LINE, StandardCharsets.UTF_8), text(bytes, 0, LINE.length));
            bytes.cover(FileBytes.WINDOW_BYTES, 0);
            assertEquals(2 * FileBytes.WINDOW_BYTES, bytes.end(), "the byte where a window ends is not in it");
            assertEquals(0, NativeMemory.getByte(bytes.address() + FileBytes.WINDOW_BYTES));
            bytes.cover(2 * FileBytes.WINDOW_BYTES + 3, LINE.length);
            assertEquals(size, bytes.end(), "a window ends at the file's end");
            assertEquals(new String(LINE, StandardCharsets.UTF_8),
                    text(bytes, 2 * FileBytes.WINDOW_BYTES + 3, LINE.length));
            assertEquals(new String(LINE, StandardCharsets.UTF_8), text(bytes, size - LINE.length, LINE.length));
            long end = bytes.end();
            bytes.cover(size - LINE.length, LINE.length);
            assertEquals(end, bytes.end(), "a range inside the window leaves it where it is");
        }
    }

    /** Past 2 GiB the JDK cannot map a window in one piece (a line that long); a sparse file costs no disk. */
    @Test
    void aWindowPastTwoGibibytesIsMappedByChronicle() throws IOException {
        Path file = dir.resolve("c.jsonl");
        long size = (1L << 31) + 4096;
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(LINE);
            out.seek(size - LINE.length);
            out.write(LINE);
        }
        try (FileBytes bytes = FileBytes.open(file, size)) {
            bytes.cover(1, size - 1);
            assertEquals(size, bytes.size());
            assertEquals(size, bytes.end());
            // From byte 1, which is not on a page boundary: the window's offsets are the file's all the same.
            assertEquals(new String(LINE, 1, LINE.length - 1, StandardCharsets.UTF_8),
                    text(bytes, 1, LINE.length - 1));
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
