package io.tokenomics.ingest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import net.openhft.chronicle.core.OS;

/**
 * A transcript file's bytes in memory, for one worker: read into the worker's buffer when the file is one segment
 * ({@link #read}), mapped read-only when it is bigger ({@link #open}: one mapping of its first {@code size} bytes,
 * long offsets; by Chronicle's mapping primitive past 2 GiB), or decompressed off-heap for a {@code .jsonl.zst}
 * rollout. Reads go through {@link NativeMemory} at {@link #address()} + offset and must stay
 * below {@link #size()}. An empty file is neither read nor mapped.
 *
 * <p>Closing unmaps at once. Chronicle's {@code MappedBytes} was the first choice, but its release leaves the
 * mapping in place until a background releaser gets to it (measured: a 1 GB corpus stayed resident after every
 * file was released), which breaks the memory bound of the scan.
 */
final class FileBytes implements AutoCloseable {
    static {
        // Chronicle reports usage to its vendor unless told not to; a batch tool on a laptop must not phone home.
        System.setProperty("chronicle.analytics.disable", "true");
    }

    private final Path path;
    private final long address;
    private final long size;
    private final long mappedSize;
    private final boolean allocated;
    private final java.nio.MappedByteBuffer mapping;

    private FileBytes(Path path, long address, long size, long mappedSize, boolean allocated,
            java.nio.MappedByteBuffer mapping) {
        this.path = path;
        this.address = address;
        this.size = size;
        this.mappedSize = mappedSize;
        this.allocated = allocated;
        this.mapping = mapping;
    }

    /**
     * Reads bytes {@code [from, size)} of the file into the worker's buffer; {@link #address()} is then where the
     * file's byte 0 would be, so offsets stay file offsets, and only offsets from {@code from} on may be read.
     * Small files are read, not mapped: a mapping costs a map, a fault per page run and an unmap (which interrupts
     * the other cores to flush their address translations) per file, and the corpus is mostly files of a few
     * hundred KB. Measured on the 1 GB corpus, two threads, parse only: 0.53 s read against 0.67 s mapped.
     */
    static FileBytes read(Path path, long from, long size, ReadBuffer buffer) throws IOException {
        if (path.getFileName().toString().endsWith(".zst")) {
            return decompressed(path);
        }
        long length = size - from;
        if (length <= 0) {
            return new FileBytes(path, 0, 0, 0, false, null);
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
        return new FileBytes(path, buffer.address - from, size, 0, false, null);
    }

    /** A worker's buffer for {@link #read}, grown to the largest file read and reused for every file. */
    static final class ReadBuffer implements AutoCloseable {
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
     * Maps the first {@code size} bytes of the file (the size seen at discovery; the file may have grown since). A
     * file below 2 GiB is mapped by the JDK's {@code FileChannel.map}; a bigger one, which that cannot map in one
     * piece, by Chronicle's mapping primitive. Chronicle's native access costs about 0.2 s of CPU to set up (it loads
     * a native stub library), which a run of a few seconds on two cores feels: most runs never pay it.
     */
    static FileBytes open(Path path, long size) throws IOException {
        if (path.getFileName().toString().endsWith(".zst")) {
            return decompressed(path);
        }
        if (size == 0) {
            return new FileBytes(path, 0, 0, 0, false, null);
        }
        try (FileChannel channel = FileChannel.open(path)) {
            if (channel.size() < size) {
                // Reading a mapping past the end of its file faults the process; a rewritten file is read again.
                throw new IOException("it shrank from " + size + " to " + channel.size() + " bytes since it was listed");
            }
            if (size <= Integer.MAX_VALUE) {
                java.nio.MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
                return new FileBytes(path, NativeMemory.address(mapping), size, 0, false, mapping);
            }
            long mappedSize = OS.pageAlign(size);
            long address = OS.map(channel, FileChannel.MapMode.READ_ONLY, 0, mappedSize);
            return new FileBytes(path, address, size, mappedSize, false, null);
        }
    }

    /**
     * A zstd-compressed rollout ({@code .jsonl.zst}, newer Codex versions) cannot be mapped: it is decompressed
     * into off-heap memory, and {@link #size()} is its decompressed size. Rollouts are megabytes, not gigabytes.
     */
    private static FileBytes decompressed(Path path) throws IOException {
        byte[] content;
        try (java.io.InputStream in = new com.github.luben.zstd.ZstdInputStream(
                new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(path)))) {
            content = in.readAllBytes();
        }
        long address = NativeMemory.allocate(content.length);
        NativeMemory.copy(content, 0, address, content.length);
        return new FileBytes(path, address, content.length, 0, true, null);
    }

    /** Whether the bytes are a decompressed copy, not the file's own bytes. */
    boolean decompressed() {
        return allocated;
    }

    Path path() {
        return path;
    }

    long address() {
        return address;
    }

    long size() {
        return size;
    }

    @Override
    public void close() {
        if (allocated) {
            NativeMemory.free(address);
        } else if (mapping != null) {
            NativeMemory.free(mapping);
        } else if (mappedSize > 0) {
            try {
                OS.unmap(address, mappedSize);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("unmapping " + path, e);
            }
        }
    }
}
