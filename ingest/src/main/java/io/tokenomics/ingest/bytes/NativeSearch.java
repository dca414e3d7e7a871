package io.tokenomics.ingest.bytes;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The C library's {@code memchr}, called through the foreign function API of JDK 22 and later: the search for a
 * byte in the long strings the parser skips. Under the client compiler, which compiles the scan, the eight-bytes-at-
 * a-time search of {@link Swar} is many times slower than the C library's vector code (docs/performance.md,
 * "Figures behind code comments").
 *
 * <p>The code is compiled for JDK 17, which has no such API, so the handle is made by reflection and typed with
 * {@code long} addresses (a pointer is passed as a 64-bit integer on the 64-bit platforms the JDK's linker
 * supports). Where it cannot be made (JDK 17 to 21, a platform without the linker, native access denied)
 * {@link #AVAILABLE} is false and the callers search with {@link Swar}.
 */
public final class NativeSearch {
    /** {@code void *memchr(const void *s, int c, size_t n)}, as {@code (long, int, long) -> long}; or null. */
    private static final MethodHandle MEMCHR = link();
    public static final boolean AVAILABLE = MEMCHR != null;

    private NativeSearch() {
    }

    /** Whether the C library's search is used; the first call links it. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** The address of the first byte equal to {@code b} in {@code [from, from + length)}, or 0 when there is none. */
    public static long indexOf(long from, int b, long length) {
        try {
            return (long) MEMCHR.invokeExact(from, b, length);
        } catch (Throwable e) {
            // memchr itself cannot fail; a throwable here is a JVM error on the way in or out.
            throw new IllegalStateException("memchr failed", e);
        }
    }

    private static MethodHandle link() {
        try {
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");

            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
            Optional<?> symbol = (Optional<?>) lookupType.getMethod("find", String.class).invoke(lookup, "memchr");
            if (symbol.isEmpty()) {
                return null;
            }
            Object longLayout = valueLayoutType.getField("JAVA_LONG").get(null);
            Object intLayout = valueLayoutType.getField("JAVA_INT").get(null);
            Object arguments = Array.newInstance(layoutType, 3);
            Array.set(arguments, 0, longLayout);
            Array.set(arguments, 1, intLayout);
            Array.set(arguments, 2, longLayout);
            Object descriptor = descriptorType.getMethod("of", layoutType, arguments.getClass())
                    .invoke(null, longLayout, arguments);
            // A critical call skips the thread-state changes of a call into native code (JDK 22): memchr neither
            // blocks nor calls back, and one call reads at most one line.
            Object options = Array.newInstance(optionType, 1);
            Array.set(options, 0, optionType.getMethod("critical", boolean.class).invoke(null, false));
            Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType, options.getClass());
            MethodHandle handle = (MethodHandle) downcall.invoke(linker, symbol.get(), descriptor, options);
            return selfTest(handle) ? handle : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // JDK 17 to 21 (no such classes or methods), or native access refused: the Java search it is.
            return null;
        }
    }

    /** Whether the handle finds a byte where it is, and nothing where it is not, in memory of our own. */
    private static boolean selfTest(MethodHandle handle) {
        long memory = NativeMemory.allocate(16);
        try {
            byte[] bytes = "abcdefghijk\"mnop".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            NativeMemory.copy(bytes, 0, memory, bytes.length);
            return (long) handle.invokeExact(memory, (int) '"', 16L) == memory + 11
                    && (long) handle.invokeExact(memory, (int) '"', 11L) == 0L;
        } catch (Throwable e) {
            return false;
        } finally {
            NativeMemory.free(memory);
        }
    }
}
