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

    private MappedInput(Path path, long address, long size, long mappedSize) {
        this.path = path;
        this.address = address;
        this.size = size;
        this.mappedSize = mappedSize;
    }

    /** Maps the first {@code size} bytes of the file (the size seen at discovery; the file may have grown since). */
    static MappedInput open(Path path, long size) throws IOException {
        if (size == 0) {
            return new MappedInput(path, 0, 0, 0);
        }
        try (FileChannel channel = FileChannel.open(path)) {
            long mappedSize = OS.pageAlign(size);
            long address = OS.map(channel, FileChannel.MapMode.READ_ONLY, 0, mappedSize);
            return new MappedInput(path, address, size, mappedSize);
        }
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
        if (mappedSize > 0) {
            try {
                OS.unmap(address, mappedSize);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("unmapping " + path, e);
            }
        }
    }
}
