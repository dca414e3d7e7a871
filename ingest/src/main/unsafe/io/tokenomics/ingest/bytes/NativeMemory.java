package io.tokenomics.ingest.bytes;

import java.lang.reflect.Field;
import java.nio.ByteOrder;
import sun.misc.Unsafe;

/**
 * The one place that reads raw memory. Addresses come from mapped files; callers keep reads inside
 * {@code [address, address + size)} of a live mapping. Bounds checks are on when {@code tokenomics.bounds.check}
 * is true (tests), off otherwise: the JIT then folds this class away.
 *
 * <p>The files are mapped by the JDK, or by Chronicle past 2 GiB; Chronicle's own accessors are not used on the hot
 * path because they are several hundred times slower per byte than a plain {@code Unsafe} read (measured on this
 * code's first prototype).
 */
public final class NativeMemory {
    static final boolean BOUNDS_CHECKS = Boolean.getBoolean("tokenomics.bounds.check");
    private static final Unsafe UNSAFE = loadUnsafe();
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
    private static final long BYTE_ARRAY_BASE = UNSAFE.arrayBaseOffset(byte[].class);
    private static final long BUFFER_ADDRESS = bufferAddressOffset();

    private NativeMemory() {
    }

    public static byte getByte(long address) {
        return UNSAFE.getByte(address);
    }

    /** Eight bytes with the byte at {@code address} in the lowest position, whatever the platform's order. */
    public static long getLongLittleEndian(long address) {
        long word = UNSAFE.getLong(address);
        return BIG_ENDIAN ? Long.reverseBytes(word) : word;
    }

    public static void copy(long address, byte[] target, int targetOffset, int length) {
        if (BOUNDS_CHECKS && (targetOffset < 0 || length < 0 || targetOffset + length > target.length)) {
            throw new IndexOutOfBoundsException("copy of " + length + " bytes to offset " + targetOffset
                    + " of an array of " + target.length);
        }
        UNSAFE.copyMemory(null, address, target, BYTE_ARRAY_BASE + targetOffset, length);
    }

    /** Copies {@code length} bytes between two off-heap regions that do not overlap. */
    public static void copy(long from, long to, long length) {
        UNSAFE.copyMemory(from, to, length);
    }

    /** Allocates off-heap memory (decompressed rollouts); the caller frees it with {@link #free}. */
    public static long allocate(long bytes) {
        return UNSAFE.allocateMemory(Math.max(1, bytes));
    }

    public static void free(long address) {
        UNSAFE.freeMemory(address);
    }

    /** The address of a direct buffer's memory. */
    static long address(java.nio.ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return UNSAFE.getLong(direct, BUFFER_ADDRESS);
    }

    /** Frees a direct buffer now, not when the collector gets to it: a worker's read buffer is megabytes. */
    public static void free(java.nio.ByteBuffer direct) {
        UNSAFE.invokeCleaner(direct);
    }

    public static void copy(byte[] source, int sourceOffset, long address, int length) {
        if (BOUNDS_CHECKS && (sourceOffset < 0 || length < 0 || sourceOffset + length > source.length)) {
            throw new IndexOutOfBoundsException("copy of " + length + " bytes from offset " + sourceOffset
                    + " of an array of " + source.length);
        }
        UNSAFE.copyMemory(source, BYTE_ARRAY_BASE + sourceOffset, null, address, length);
    }

    private static long bufferAddressOffset() {
        try {
            return UNSAFE.objectFieldOffset(java.nio.Buffer.class.getDeclaredField("address"));
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Unsafe loadUnsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
