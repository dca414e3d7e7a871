package io.tokenomics.ingest.json;

import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.bytes.Swar;

/**
 * Turns the raw bytes of a JSON string into valid UTF-8: escapes resolved, invalid byte sequences and lone surrogates
 * replaced by U+FFFD (docs/formats.md, "Reading JSON Lines": decode with replacement, never reject the line for it).
 * U+0000 becomes U+FFFD too, so no value we store carries a NUL. Runs only when a value is written to a batch, never
 * per byte of a skipped value.
 */
public final class Utf8Text {
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private Utf8Text() {
    }

    /** An upper bound of the decoded length of {@code rawLength} raw bytes: every byte may become U+FFFD. */
    public static int maxDecodedLength(int rawLength) {
        return 3 * rawLength;
    }

    /** Decodes the view into {@code out}, which holds at least {@link #maxDecodedLength} bytes; returns the length. */
    public static int decode(StringView view, byte[] out) {
        long p = view.address;
        long end = p + view.length;
        if (!view.escaped && isAscii(p, end)) {
            NativeMemory.copy(p, out, 0, view.length);
            return view.length;
        }
        int o = 0;
        while (p < end) {
            byte b = NativeMemory.getByte(p);
            if (b == '\\' && p + 1 < end) {
                long packed = decodeEscape(p, end, out, o);
                o = (int) (packed >>> 32);
                p += (int) packed;
            } else if (b > 0) {
                out[o++] = b;
                p++;
            } else if (b == 0) {
                o = put(out, o, REPLACEMENT);
                p++;
            } else {
                int n = sequenceLength(p, end);
                if (n == 0) {
                    o = put(out, o, REPLACEMENT);
                    p++;
                } else {
                    NativeMemory.copy(p, out, o, n);
                    o += n;
                    p += n;
                }
            }
        }
        return o;
    }

    /** Decodes one escape at {@code p}; returns the new output index in the high half, the bytes consumed low. */
    private static long decodeEscape(long p, long end, byte[] out, int o) {
        byte e = NativeMemory.getByte(p + 1);
        int c;
        switch (e) {
            case 'n' -> c = '\n';
            case 't' -> c = '\t';
            case 'r' -> c = '\r';
            case 'b' -> c = '\b';
            case 'f' -> c = '\f';
            case 'u' -> {
                int unit = hex4(p + 2, end);
                if (unit < 0) {
                    return packed(put(out, o, REPLACEMENT), 2);
                }
                long next = p + 6;
                int codePoint = unit;
                if (Character.isHighSurrogate((char) unit)) {
                    int low = next + 1 < end && NativeMemory.getByte(next) == '\\'
                            && NativeMemory.getByte(next + 1) == 'u' ? hex4(next + 2, end) : -1;
                    if (low >= 0 && Character.isLowSurrogate((char) low)) {
                        codePoint = Character.toCodePoint((char) unit, (char) low);
                        next += 6;
                    } else {
                        codePoint = 0xFFFD;
                    }
                } else if (Character.isLowSurrogate((char) unit) || unit == 0) {
                    codePoint = 0xFFFD;
                }
                return packed(putCodePoint(out, o, codePoint), (int) (next - p));
            }
            default -> c = e; // \" \\ \/ and, leniently, any other escaped byte stands for itself
        }
        if (c < 0) {
            return packed(put(out, o, REPLACEMENT), 2);
        }
        out[o] = (byte) c;
        return packed(o + 1, 2);
    }

    private static long packed(int outIndex, int consumed) {
        return ((long) outIndex << 32) | consumed;
    }

    private static boolean isAscii(long p, long end) {
        long bits = 0;
        for (; p + 8 <= end; p += 8) {
            bits |= NativeMemory.getLongLittleEndian(p);
        }
        for (; p < end; p++) {
            bits |= NativeMemory.getByte(p);
        }
        return (bits & Swar.HIGHS) == 0 && (bits & 0x80) == 0;
    }

    /** The length of the valid UTF-8 sequence starting at {@code p}, or 0 when it is not one. */
    static int sequenceLength(long p, long end) {
        int lead = NativeMemory.getByte(p) & 0xFF;
        int n;
        int min2 = 0x80;
        int max2 = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 3;
            if (lead == 0xE0) {
                min2 = 0xA0;
            } else if (lead == 0xED) {
                max2 = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 4;
            if (lead == 0xF0) {
                min2 = 0x90;
            } else if (lead == 0xF4) {
                max2 = 0x8F;
            }
        } else {
            return 0;
        }
        if (p + n > end) {
            return 0;
        }
        int second = NativeMemory.getByte(p + 1) & 0xFF;
        if (second < min2 || second > max2) {
            return 0;
        }
        for (int i = 2; i < n; i++) {
            int b = NativeMemory.getByte(p + i) & 0xFF;
            if (b < 0x80 || b > 0xBF) {
                return 0;
            }
        }
        return n;
    }

    private static int hex4(long p, long end) {
        if (p + 4 > end) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(NativeMemory.getByte(p + i), 16);
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    private static int put(byte[] out, int o, byte[] bytes) {
        System.arraycopy(bytes, 0, out, o, bytes.length);
        return o + bytes.length;
    }

    private static int putCodePoint(byte[] out, int o, int cp) {
        if (cp < 0x80) {
            out[o] = (byte) cp;
            return o + 1;
        } else if (cp < 0x800) {
            out[o] = (byte) (0xC0 | (cp >>> 6));
            out[o + 1] = (byte) (0x80 | (cp & 0x3F));
            return o + 2;
        } else if (cp < 0x10000) {
            out[o] = (byte) (0xE0 | (cp >>> 12));
            out[o + 1] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
            out[o + 2] = (byte) (0x80 | (cp & 0x3F));
            return o + 3;
        }
        out[o] = (byte) (0xF0 | (cp >>> 18));
        out[o + 1] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
        out[o + 2] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
        out[o + 3] = (byte) (0x80 | (cp & 0x3F));
        return o + 4;
    }
}
