package io.tokenomics.ingest.json;

import io.tokenomics.ingest.bytes.NativeMemory;

/**
 * A JSON string value seen in place: the address and length of its raw bytes between the quotes, and whether they
 * hold escapes. Reused from line to line; {@link #clear()} marks it absent.
 */
public final class StringView {
    public long address;
    public int length;
    public boolean escaped;
    public boolean present;

    public void set(long address, int length, boolean escaped) {
        this.address = address;
        this.length = length;
        this.escaped = escaped;
        this.present = true;
    }

    public void clear() {
        present = false;
        length = 0;
        escaped = false;
    }

    public void copyFrom(StringView other) {
        address = other.address;
        length = other.length;
        escaped = other.escaped;
        present = other.present;
    }

    /**
     * True when present and equal to the ASCII constant as JSON reads it: byte for byte, or, for a value spelled with
     * escapes ({@code "t\u0065xt"}), once decoded.
     */
    public boolean equalsAscii(byte[] constant) {
        if (!present) {
            return false;
        }
        if (escaped) {
            return equalsAsciiSlow(constant);
        }
        if (length != constant.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (NativeMemory.getByte(address + i) != constant[i]) {
                return false;
            }
        }
        return true;
    }

    /** Writers do not escape the plain ASCII words we compare with, so this is rare: it may allocate. */
    private boolean equalsAsciiSlow(byte[] constant) {
        if (length > 6 * constant.length) {
            return false; // an escape spells one character in at most six bytes
        }
        byte[] decoded = new byte[Utf8Text.maxDecodedLength(length)];
        int n = Utf8Text.decode(this, decoded);
        return java.util.Arrays.equals(decoded, 0, n, constant, 0, constant.length);
    }

    /** True when both are present and hold the same raw bytes. */
    public boolean sameBytes(StringView other) {
        if (!present || !other.present || length != other.length) {
            return false;
        }
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if (NativeMemory.getLongLittleEndian(address + i) != NativeMemory.getLongLittleEndian(other.address + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (NativeMemory.getByte(address + i) != NativeMemory.getByte(other.address + i)) {
                return false;
            }
        }
        return true;
    }

    /** Decodes the value at the edge (errors, tests). Allocates. */
    @Override
    public String toString() {
        if (!present) {
            return "<absent>";
        }
        byte[] scratch = new byte[Utf8Text.maxDecodedLength(length)];
        int n = Utf8Text.decode(this, scratch);
        return new String(scratch, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
