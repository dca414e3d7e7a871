package io.tokenomics.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokenomics.ingest.bytes.NativeMemory;
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
        KeyTable.Builder builder = KeyTable.builder();
        // Listed backwards, each key filling the field of its place in KEYS: the order of listing does not matter.
        for (int i = KEYS.length - 1; i >= 0; i--) {
            builder.key(i, KEYS[i]);
        }
        KeyTable table = builder.build();
        for (int i = 0; i < KEYS.length; i++) {
            assertEquals(i, lookup(table, KEYS[i]), KEYS[i]);
        }
        for (String other : new String[] {"", "ix", "typo", "uuie", "usagf", "cache_read_input_tokenz",
                "cache_creation_input_tokens_", "an entirely longer key than any other one here", "y"}) {
            assertEquals(KeyTable.UNKNOWN, lookup(table, other), other);
        }
    }

    @Test
    void shouldGiveEveryAliasItsFieldAndRefuseAKeyGivenTwice() {
        KeyTable table = KeyTable.builder().key(7, "input_tokens", "prompt_tokens", "input").key(3, "output").build();
        assertEquals(7, lookup(table, "input_tokens"));
        assertEquals(7, lookup(table, "prompt_tokens"));
        assertEquals(7, lookup(table, "input"));
        assertEquals(3, lookup(table, "output"));
        assertThrows(IllegalArgumentException.class, () -> KeyTable.builder().key(0, "id").key(1, "id"));
        assertThrows(IllegalArgumentException.class, () -> KeyTable.builder().key(-1, "id"));
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
