package io.tokenomics.ingest.bytes;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import net.openhft.chronicle.core.OS;

/**
 * A transcript file's bytes in memory, for one worker: read into the worker's buffer when the file is one segment
 * ({@link #read}), mapped read-only a window at a time when it is bigger ({@link #open}, {@link #cover}),
 * decompressed off-heap for a {@code .jsonl.zst} rollout, or written off-heap by its source ({@link #written}). Reads
 * go through {@link NativeMemory} at {@link #address()} + offset, for offsets below {@link #end()} (and, for a window,
 * from the offset it was moved to). An empty file is neither read nor mapped.
 *
 * <p>A big file is mapped a window at a time, and a window is unmapped as soon as the worker moves on: the pages of
 * a mapping count in the process's resident memory until it is unmapped, and a file mapped whole made the peak
 * follow the largest file. Closing unmaps at once. Chronicle's {@code MappedBytes} was the first choice, but its
 * release leaves the mapping in place until a background releaser gets to it, so a whole corpus could stay resident
 * after every file was released, which breaks the memory bound of the scan.
 */
public final class FileBytes implements AutoCloseable {
    /** The most a compressed file may unpack to. */
    static final long MAX_DECOMPRESSED = 512L << 20;
    /**
     * What a window maps at least: a segment and a few MB of the line that runs past its end, which is read by the
     * segment's worker. Pages that are mapped but not read cost nothing.
     */
    static final long WINDOW_BYTES = 16L << 20;

    static {
        // Chronicle reports usage to its vendor unless told not to; a batch tool on a laptop must not phone home.
        System.setProperty("chronicle.analytics.disable", "true");
    }

    private final Path path;
    private final long size;
    private final boolean allocated;
    /** Open while the file is mapped a window at a time; null for bytes read or decompressed. */
    private final FileChannel channel;
    private long address;
    /** The mapped window is {@code [windowStart, end)}; nothing is mapped while {@code end} is 0. */
    private long windowStart;
    private long end;
    private java.nio.MappedByteBuffer mapping;
    private long chronicleAddress;
    private long chronicleSize;

    private FileBytes(Path path, long address, long size, boolean allocated, FileChannel channel) {
        this.path = path;
        this.address = address;
        this.size = size;
        this.end = channel == null ? size : 0;
        this.allocated = allocated;
        this.channel = channel;
    }

    /**
     * Reads bytes {@code [from, size)} of the file into the worker's buffer; {@link #address()} is then where the
     * file's byte 0 would be, so offsets stay file offsets, and only offsets from {@code from} on may be read.
     * Small files are read, not mapped: a mapping costs a map, a fault per page run and an unmap (which interrupts
     * the other cores to flush their address translations) per file, and the corpus is mostly files of a few
     * hundred KB (docs/performance.md, "Figures behind code comments").
     */
    public static FileBytes read(Path path, long from, long size, ReadBuffer buffer) throws IOException {
        if (path.getFileName().toString().endsWith(".zst")) {
            return decompressed(path);
        }
        long length = size - from;
        if (length <= 0) {
            return new FileBytes(path, 0, 0, false, null);
        }
        java.nio.ByteBuffer target = buffer.reserve(length);
        try (FileChannel channel = FileChannel.open(path)) {
            long position = from;
            while (target.hasRemaining()) {
                int n = channel.read(target, position);
                if (n < 0) {
                    throw new IOException("it shrank to " + position + " bytes from " + size + " since it was listed");
                }
                position += n;
            }
        }
        return new FileBytes(path, buffer.address - from, size, false, null);
    }

    /** A worker's buffer for {@link #read}, grown to the largest file read and reused for every file. */
    public static final class ReadBuffer implements AutoCloseable {
        private java.nio.ByteBuffer bytes;
        private long address;

        java.nio.ByteBuffer reserve(long length) {
            if (bytes == null || bytes.capacity() < length) {
                close();
                bytes = java.nio.ByteBuffer.allocateDirect((int) Math.max(length, 1 << 20));
                address = NativeMemory.address(bytes);
            }
            bytes.clear().limit((int) length);
            return bytes;
        }

        @Override
        public void close() {
            if (bytes != null) {
                NativeMemory.free(bytes);
                bytes = null;
            }
        }
    }

    /**
     * Opens the first {@code size} bytes of the file (the size seen at discovery; the file may have grown since) to
     * be mapped a window at a time: nothing is readable until {@link #cover} has mapped a window.
     */
    public static FileBytes open(Path path, long size) throws IOException {
        if (path.getFileName().toString().endsWith(".zst")) {
            return decompressed(path);
        }
        if (size == 0) {
            return new FileBytes(path, 0, 0, false, null);
        }
        FileChannel channel = FileChannel.open(path);
        try {
            if (channel.size() < size) {
                // Reading a mapping past the end of its file faults the process; a rewritten file is read again.
                throw new IOException("it shrank from " + size + " to " + channel.size()
                        + " bytes since it was listed");
            }
            return new FileBytes(path, 0, size, false, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Makes bytes {@code [from, from + max(length, 1))} readable (as far as the file goes), and, when the file is
     * mapped, at least {@link #WINDOW_BYTES} from {@code from}. A mapped file's earlier window is unmapped if it does
     * not hold the range: {@link #address()} and {@link #end()} change, and nothing read from the old window may be
     * used after. A window below 2 GiB is mapped by the JDK's {@code FileChannel.map}; a bigger one (a line longer
     * than that), which it cannot map in one piece, by Chronicle's mapping primitive. Chronicle's native access is
     * slow to set up (it loads a native stub library), which a short run feels: most runs never pay it.
     */
    public void cover(long from, long length) throws IOException {
        // At least the byte at from: a window that ends at from does not hold it.
        long to = Math.min(size, from + Math.max(length, 1));
        // A range always holds a byte and end is 0 while nothing is mapped, so this also tells that a window is.
        if (channel == null || from >= windowStart && to <= end) {
            return;
        }
        unmap();
        long windowEnd = Math.min(size, Math.max(to, from + WINDOW_BYTES));
        long windowLength = windowEnd - from;
        if (windowLength <= Integer.MAX_VALUE) {
            mapping = channel.map(FileChannel.MapMode.READ_ONLY, from, windowLength);
            address = NativeMemory.address(mapping) - from;
        } else {
            long aligned = from - from % OS.pageSize();
            chronicleSize = OS.pageAlign(windowEnd - aligned);
            chronicleAddress = OS.map(channel, FileChannel.MapMode.READ_ONLY, aligned, chronicleSize);
            address = chronicleAddress - aligned;
        }
        windowStart = from;
        end = windowEnd;
    }

    private void unmap() throws IOException {
        if (mapping != null) {
            NativeMemory.free(mapping);
            mapping = null;
        } else if (chronicleSize > 0) {
            OS.unmap(chronicleAddress, chronicleSize);
            chronicleSize = 0;
        }
        end = 0;
    }

    /**
     * A zstd-compressed rollout ({@code .jsonl.zst}, newer Codex versions) cannot be mapped: it is decompressed
     * into off-heap memory, and {@link #size()} is its decompressed size. Rollouts are megabytes; one that unpacks
     * to more than {@link #MAX_DECOMPRESSED} bytes (a decompression bomb) is not read, and its file is a problem of
     * the run, not its end.
     */
    private static FileBytes decompressed(Path path) throws IOException {
        return written(path, out -> {
            byte[] chunk = new byte[1 << 16];
            try (java.io.InputStream in = new com.github.luben.zstd.ZstdInputStream(
                    new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(path)))) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    out.write(chunk, 0, n);
                }
            }
        }, "decompresses to more than " + (MAX_DECOMPRESSED >> 20)
                + " MB; a rollout is never that big, so it was not read");
    }

    /** Writes the bytes that stand for a file (its content decompressed, or a database's records as lines). */
    @FunctionalInterface
    public interface ContentWriter {
        void write(java.io.OutputStream out) throws IOException;
    }

    /**
     * The bytes {@code content} writes for the file at {@code path}, in off-heap memory: what the scan reads of a
     * file it cannot map, such as a database whose records its source writes out as lines. More than
     * {@link #MAX_DECOMPRESSED} bytes are not kept, and the file is a problem of the run.
     */
    public static FileBytes written(Path path, ContentWriter content) throws IOException {
        return written(path, content, "comes to more than " + (MAX_DECOMPRESSED >> 20)
                + " MB of lines; a log is never that big, so it was not read");
    }

    private static FileBytes written(Path path, ContentWriter content, String tooLarge) throws IOException {
        NativeOutput out = new NativeOutput(tooLarge);
        try {
            content.write(out);
        } catch (IOException | RuntimeException e) {
            NativeMemory.free(out.address);
            throw e;
        }
        return new FileBytes(path, out.address, out.size, true, null);
    }

    /** Off-heap memory that grows as it is written, up to {@link #MAX_DECOMPRESSED} bytes. */
    private static final class NativeOutput extends java.io.OutputStream {
        private final String tooLarge;
        private long capacity = 1 << 20;
        private long address = NativeMemory.allocate(capacity);
        private long size;

        NativeOutput(String tooLarge) {
            this.tooLarge = tooLarge;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (size + length > MAX_DECOMPRESSED) {
                throw new IOException(tooLarge);
            }
            if (size + length > capacity) {
                long grown = Math.min(MAX_DECOMPRESSED, Math.max(capacity * 2, size + length));
                long moved = NativeMemory.allocate(grown);
                NativeMemory.copy(address, moved, size);
                NativeMemory.free(address);
                address = moved;
                capacity = grown;
            }
            NativeMemory.copy(bytes, offset, address + size, length);
            size += length;
        }
    }

    /** Whether the bytes are a decompressed or written copy, not the file's own bytes. */
    public boolean decompressed() {
        return allocated;
    }

    public Path path() {
        return path;
    }

    /** Where the file's byte 0 would be: the bytes of offsets up to {@link #end()} are at this plus their offset. */
    public long address() {
        return address;
    }

    /** The end of the readable bytes: the file's {@link #size()}, or the end of the mapped window. */
    public long end() {
        return end;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() {
        try {
            if (allocated) {
                NativeMemory.free(address);
            } else if (channel != null) {
                try {
                    unmap();
                } finally {
                    channel.close();
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("unmapping " + path, e);
        }
    }
}
