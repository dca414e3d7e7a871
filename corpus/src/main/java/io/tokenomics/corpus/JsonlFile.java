package io.tokenomics.corpus;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A .jsonl file being written: lines end in LF or CRLF, the file may start with a byte order mark, and its bytes
 * are reported once when it is closed.
 */
final class JsonlFile implements Closeable {
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] LF = {'\n'};
    static final byte[] CRLF = {'\r', '\n'};

    final Path path;
    final OutputStream out;
    private final byte[] newline;
    /** Null, or receives a copy of every whole line (a fork parent's history). */
    final List<byte[]> capture;
    private final LongConsumer onClose;
    long bytes;
    private boolean closed;

    JsonlFile(Path path, boolean bom, boolean crlf, List<byte[]> capture, LongConsumer onClose) throws IOException {
        this.path = path;
        this.capture = capture;
        this.onClose = onClose;
        Files.createDirectories(path.getParent());
        this.out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE), 1 << 16);
        this.newline = crlf ? CRLF : LF;
        if (bom) {
            write(BOM, 0, BOM.length);
        }
    }

    void line(JsonBuffer b) throws IOException {
        line(b.array, 0, b.size);
    }

    void line(byte[] a, int off, int len) throws IOException {
        write(a, off, len);
        write(newline, 0, newline.length);
        if (capture != null) {
            capture.add(Arrays.copyOfRange(a, off, off + len));
        }
    }

    /** The cut-off last line of a file: no newline after it. */
    void unterminated(JsonBuffer b, int len) throws IOException {
        write(b.array, 0, len);
    }

    void write(byte[] a, int off, int len) throws IOException {
        out.write(a, off, len);
        bytes += len;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
            onClose.accept(bytes);
        }
    }
}
