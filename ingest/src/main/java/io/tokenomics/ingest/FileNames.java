package io.tokenomics.ingest;

import java.nio.file.Path;

/**
 * A source file's name as the dataset records it. The JDK decodes a name that is not valid UTF-8 with replacement
 * characters, so two names that differ only in such bytes read alike and shared one manifest entry; here each byte
 * that is not part of a valid UTF-8 sequence is written {@code \xNN}, so that different names stay different.
 */
final class FileNames {
    private FileNames() {
    }

    /** The path's name; a valid UTF-8 path as the JDK reads it, any other with its stray bytes escaped. */
    static String of(Path path) {
        String text = path.toString();
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        byte[] raw = rawBytes(path);
        return raw == null ? text : escaped(raw);
    }

    /** The path's bytes as the file system holds them, from its URI's percent-escapes; null where none can be had. */
    private static byte[] rawBytes(Path path) {
        String raw;
        try {
            raw = path.toUri().getRawPath();
        } catch (RuntimeException e) {
            return null;
        }
        if (raw == null) {
            return null;
        }
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes[n++] = (byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return java.util.Arrays.copyOf(bytes, n);
    }

    /** Valid UTF-8 sequences decoded, every other byte as {@code \xNN}. */
    static String escaped(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        int i = 0;
        while (i < bytes.length) {
            int length = sequenceLength(bytes, i);
            if (length > 0) {
                out.append(new String(bytes, i, length, java.nio.charset.StandardCharsets.UTF_8));
                i += length;
            } else {
                out.append(String.format("\\x%02X", bytes[i] & 0xFF));
                i++;
            }
        }
        return out.toString();
    }

    /** The length of the well-formed UTF-8 sequence at {@code i}, or 0 where there is none. */
    private static int sequenceLength(byte[] bytes, int i) {
        int b = bytes[i] & 0xFF;
        int length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4
                ? 4 : 0;
        if (length == 0 || i + length > bytes.length) {
            return 0;
        }
        for (int k = 1; k < length; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        int second = bytes[i + 1 < bytes.length ? i + 1 : i] & 0xFF;
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        if (length == 3 && (b == 0xE0 && second < 0xA0 || b == 0xED && second > 0x9F)
                || length == 4 && (b == 0xF0 && second < 0x90 || b == 0xF4 && second > 0x8F)) {
            return 0;
        }
        return length;
    }
}
