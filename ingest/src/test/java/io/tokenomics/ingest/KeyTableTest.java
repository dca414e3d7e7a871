package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A key table finds a raw key among the keys of its length: keys that share a length, keys longer than a word, a
 * raw key of a known length that is no key, and one longer than every key.
 */
class KeyTableTest {
    private static final String[] KEYS = {"id", "type", "uuid", "model", "usage", "cache_read_input_tokens",
        "cache_creation_input_tokens", "x"};

    @Test
    void shouldFindEveryKeyAndNothingElse() {
        KeyTable table = new KeyTable(KEYS);
        for (int i = 0; i < KEYS.length; i++) {
            assertEquals(i, lookup(table, KEYS[i]), KEYS[i]);
        }
        for (String other : new String[] {"", "ix", "typo", "uuie", "usagf", "cache_read_input_tokenz",
                "cache_creation_input_tokens_", "an entirely longer key than any other one here", "y"}) {
            assertEquals(KeyTable.UNKNOWN, lookup(table, other), other);
        }
    }

    /** Looks the key up in place, with the line going on after it, and at the very end of a buffer. */
    private static int lookup(KeyTable table, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
        byte[] line = (key + "\":\"value\"}").getBytes(StandardCharsets.US_ASCII);
        int inLine = at(table, line, bytes.length, line.length);
        int atEnd = at(table, bytes, bytes.length, bytes.length);
        assertEquals(inLine, atEnd, key);
        return inLine;
    }

    private static int at(KeyTable table, byte[] bytes, int length, int size) {
        long address = NativeMemory.allocate(Math.max(1, size));
        try {
            NativeMemory.copy(bytes, 0, address, size);
            return table.lookup(address, length, address + size);
        } finally {
            NativeMemory.free(address);
        }
    }
}
