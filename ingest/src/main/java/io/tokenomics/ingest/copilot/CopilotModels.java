package io.tokenomics.ingest.copilot;

import java.nio.charset.StandardCharsets;

/** Copilot CLI's model names: the name a turn is stored, matched and priced under. */
final class CopilotModels {
    private static final byte[] ONE_MILLION = "-1m".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONE_MILLION_INTERNAL = "-1m-internal".getBytes(StandardCharsets.US_ASCII);

    private CopilotModels() {
    }

    /**
     * The length of the model's name without the suffix {@code -1m} or {@code -1m-internal}: Copilot's names of the
     * one-million-token context variant, which its session state and its spans do not always spell alike.
     */
    static int nameLength(byte[] name, int length) {
        if (endsWith(name, length, ONE_MILLION_INTERNAL)) {
            return length - ONE_MILLION_INTERNAL.length;
        }
        return endsWith(name, length, ONE_MILLION) ? length - ONE_MILLION.length : length;
    }

    /** The name {@link #nameLength} keeps, in an array of its own. */
    static byte[] name(String model) {
        byte[] bytes = model.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(bytes, nameLength(bytes, bytes.length));
    }

    private static boolean endsWith(byte[] name, int length, byte[] suffix) {
        return length > suffix.length
                && java.util.Arrays.equals(name, length - suffix.length, length, suffix, 0, suffix.length);
    }
}
