package io.tokenomics.columnar;

import java.lang.reflect.Field;

/**
 * Keeps DuckDB's driver from registering its Flight Recorder event in a process that records nothing. The first
 * registration starts the recorder's type metadata and gives the compiler more methods, a cost every command that
 * opens DuckDB would pay (docs/performance.md, "Figures behind code comments"). (Netty, the memory pool under Arrow's
 * allocator, registered events too, until Arrow's allocator became its Unsafe one.)
 */
final class FlightRecorderHooks {
    private FlightRecorderHooks() {
    }

    /**
     * Turns DuckDB's event off; call before the driver loads ({@link DuckDb} does, in its class initializer, so that
     * only commands that use DuckDB pay for loading the monitor, not {@code --version}). Returns
     * whether it is off: not when a recording runs, nor when the hook is not found (another DuckDB version may name it
     * otherwise; then only start-up is slower).
     */
    static boolean disableDuckDb() {
        if (recording()) {
            return false;
        }
        // The driver's class initializer and every new connection call DuckDBMemoryMonitor.init(), which registers a
        // periodic memory event unless the monitor says it is initialized already.
        try {
            Field initialized = Class.forName("org.duckdb.DuckDBMemoryMonitor").getDeclaredField("initialized");
            initialized.setAccessible(true);
            initialized.setBoolean(null, true);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Whether a recording runs already; a runtime without the recorder's module has none. */
    private static boolean recording() {
        try {
            return jdk.jfr.FlightRecorder.isInitialized();
        } catch (LinkageError e) {
            return false;
        }
    }
}
