package io.tokenomics.ingest;

import java.io.IOException;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.MappedBytes;

/**
 * A transcript file mapped read-only with Chronicle Bytes: one mapping of its first {@code size} bytes, long
 * offsets, no 2 GiB limit. Reads go through {@link NativeMemory} at {@link #address()} + offset and must stay below
 * {@link #size()}. An empty file is not mapped. Closing unmaps.
 */
final class MappedInput implements AutoCloseable {
    static {
        // Chronicle reports usage to its vendor unless told not to; a batch tool on a laptop must not phone home.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("jvm.resource.tracing", "false");
    }

    private final Path path;
    private final MappedBytes bytes;
    private final long address;
    private final long size;

    private MappedInput(Path path, MappedBytes bytes, long address, long size) {
        this.path = path;
        this.bytes = bytes;
        this.address = address;
        this.size = size;
    }

    /** Maps the first {@code size} bytes of the file (the size seen at discovery; the file may have grown since). */
    static MappedInput open(Path path, long size) throws IOException {
        if (size == 0) {
            return new MappedInput(path, null, 0, 0);
        }
        MappedBytes bytes = MappedBytes.singleMappedBytes(path.toFile(), size, true);
        try {
            long address = bytes.addressForRead(0);
            return new MappedInput(path, bytes, address, size);
        } catch (RuntimeException e) {
            bytes.releaseLast();
            throw new IOException("cannot map " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads and initializes Chronicle's mapping classes, which takes about 0.3 s the first time; called on a spare
     * thread while discovery runs, so the first real mapping does not pay it.
     */
    static void warmUp() {
        net.openhft.chronicle.bytes.MappedFile.warmup();
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
        if (bytes != null) {
            bytes.releaseLast();
        }
    }
}
