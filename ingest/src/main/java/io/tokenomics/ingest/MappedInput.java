package io.tokenomics.ingest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import net.openhft.chronicle.core.OS;

/**
 * A transcript file mapped read-only through Chronicle's mapping primitives ({@code OS.map}): one mapping of its
 * first {@code size} bytes, long offsets, no 2 GiB limit. Reads go through {@link NativeMemory} at
 * {@link #address()} + offset and must stay below {@link #size()}. An empty file is not mapped.
 *
 * <p>Closing unmaps at once. Chronicle's {@code MappedBytes} was the first choice, but its release leaves the
 * mapping in place until a background releaser gets to it (measured: a 1 GB corpus stayed resident after every
 * file was released), which breaks the memory bound of the scan.
 */
final class MappedInput implements AutoCloseable {
    static {
        // Chronicle reports usage to its vendor unless told not to; a batch tool on a laptop must not phone home.
        System.setProperty("chronicle.analytics.disable", "true");
    }

    private final Path path;
    private final long address;
    private final long size;
    private final long mappedSize;
    private final boolean allocated;

    private MappedInput(Path path, long address, long size, long mappedSize, boolean allocated) {
        this.path = path;
        this.address = address;
        this.size = size;
        this.mappedSize = mappedSize;
        this.allocated = allocated;
    }

    /** Maps the first {@code size} bytes of the file (the size seen at discovery; the file may have grown since). */
    static MappedInput open(Path path, long size) throws IOException {
        if (path.getFileName().toString().endsWith(".zst")) {
            return decompressed(path);
        }
        if (size == 0) {
            return new MappedInput(path, 0, 0, 0, false);
        }
        try (FileChannel channel = FileChannel.open(path)) {
            if (channel.size() < size) {
                // Reading a mapping past the end of its file faults the process; a rewritten file is read again.
                throw new IOException("it shrank from " + size + " to " + channel.size() + " bytes since it was listed");
            }
            long mappedSize = OS.pageAlign(size);
            long address = OS.map(channel, FileChannel.MapMode.READ_ONLY, 0, mappedSize);
            return new MappedInput(path, address, size, mappedSize, false);
        }
    }

    /**
     * A zstd-compressed rollout ({@code .jsonl.zst}, newer Codex versions) cannot be mapped: it is decompressed
     * into off-heap memory, and {@link #size()} is its decompressed size. Rollouts are megabytes, not gigabytes.
     */
    private static MappedInput decompressed(Path path) throws IOException {
        byte[] content;
        try (java.io.InputStream in = new com.github.luben.zstd.ZstdInputStream(
                new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(path)))) {
            content = in.readAllBytes();
        }
        long address = NativeMemory.allocate(content.length);
        NativeMemory.copy(content, 0, address, content.length);
        return new MappedInput(path, address, content.length, 0, true);
    }

    /** Initializes Chronicle's native access (about 0.1 s the first time) on a spare thread during discovery. */
    static void warmUp() {
        OS.pageSize();
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
        } else if (mappedSize > 0) {
            try {
                OS.unmap(address, mappedSize);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("unmapping " + path, e);
            }
        }
    }
}
