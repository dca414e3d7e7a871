package io.tokenomics.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A hash of a file's first bytes, kept in the manifest: equal before and after an append, different after a rewrite,
 * so that a run tells a grown file (read from where the last run stopped) from a replaced one (read again whole).
 */
final class HeadHash {
    /** The bytes hashed. */
    static final int BYTES = 1024;

    private HeadHash() {
    }

    /** The hash of the first {@code length} bytes of {@code file}. */
    static long of(Path file, long length) throws IOException {
        if (length <= 0) {
            return 0;
        }
        byte[] head = new byte[(int) length];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return of(head, n, new CRC32());
        }
    }

    /** The hash of bytes already read; {@code crc} is reset and reused. */
    static long of(byte[] head, int length, CRC32 crc) {
        if (length <= 0) {
            return 0;
        }
        crc.reset();
        crc.update(head, 0, length);
        return crc.getValue() ^ ((long) length << 32);
    }
}
