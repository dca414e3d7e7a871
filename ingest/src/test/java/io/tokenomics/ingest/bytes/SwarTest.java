package io.tokenomics.ingest.bytes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bit tricks of {@link Swar} against byte loops, over every byte value and random words. */
class SwarTest {
    @Test
    void shouldFindTheFirstMatchingByteLikeALoopDoes() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] interesting = {'"', '\\', '\n', 0, (byte) 0x80, (byte) 0xFF, (byte) 0x21, (byte) 0x23, 1};
        for (int round = 0; round < 200_000; round++) {
            long word = 0;
            for (int b = 0; b < 8; b++) {
                long value = random.nextInt(3) == 0 ? interesting[random.nextInt(interesting.length)]
                        : random.nextInt(256);
                word |= (value & 0xFF) << (b * 8);
            }
            for (char c : new char[] {'"', '\\', '\n'}) {
                long mask = Swar.matches(word, Swar.broadcast(c));
                assertEquals(firstIndexByLoop(word, (byte) c), mask == 0 ? -1 : Swar.firstIndex(mask),
                        Long.toHexString(word) + " " + (int) c);
            }
            assertEquals(continuationByLoop(word), Swar.continuationBytes(word), Long.toHexString(word));
            for (char c : new char[] {'"', '\n', 0}) {
                assertEquals(countByLoop(word, (byte) c), Swar.count(word, Swar.broadcast(c)),
                        Long.toHexString(word) + " " + (int) c);
            }
        }
    }

    @Test
    void shouldHandleEveryByteValueInEveryPosition() {
        for (int position = 0; position < 8; position++) {
            for (int value = 0; value < 256; value++) {
                long word = 0x4141414141414141L & ~(0xFFL << (position * 8)) | ((long) value << (position * 8));
                long mask = Swar.matches(word, Swar.QUOTES);
                assertEquals(value == '"' ? position : -1, mask == 0 ? -1 : Swar.firstIndex(mask));
                assertEquals((value & 0xC0) == 0x80 ? 1 : 0, Swar.continuationBytes(word));
                assertEquals(value == '\n' ? 1 : 0, Swar.count(word, Swar.NEWLINES));
                assertEquals(value == 0x41 ? 8 : 7, Swar.count(word, Swar.broadcast('A')));
            }
        }
    }

    private static int firstIndexByLoop(long word, byte c) {
        for (int i = 0; i < 8; i++) {
            if ((byte) (word >>> (i * 8)) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int countByLoop(long word, byte c) {
        int n = 0;
        for (int i = 0; i < 8; i++) {
            if ((byte) (word >>> (i * 8)) == c) {
                n++;
            }
        }
        return n;
    }

    private static int continuationByLoop(long word) {
        int n = 0;
        for (int i = 0; i < 8; i++) {
            if (((word >>> (i * 8)) & 0xC0) == 0x80) {
                n++;
            }
        }
        return n;
    }
}
