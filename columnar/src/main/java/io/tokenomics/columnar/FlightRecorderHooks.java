package io.tokenomics.columnar;

import java.lang.reflect.Field;

/**
 * Keeps DuckDB's driver and Netty (the memory pool under Arrow's allocator) from registering Flight Recorder events
 * in a process that records nothing. The first registration starts the recorder's type metadata: 70 to 95 ms on a
 * JVM without a class archive, and about 130 more methods for the compiler. With both hooks off, 8 alternating runs:
 * a full ingest of the 1 GB bench corpus 1.44 s against 1.54 s (user CPU 2.22 against 2.42 s); DuckDB's alone, 10
 * runs of {@code daily --json}: 0.26 against 0.29 s.
 */
public final class FlightRecorderHooks {
    /** Netty's switch for its allocator events; a value the user set wins. */
    private static final String NETTY_EVENTS = "io.netty.jfr.enabled";

    private FlightRecorderHooks() {
    }

    /**
     * Turns Netty's events off; call before the first Arrow allocator (Main does, first thing). Returns whether they
     * are off: not when the JVM was started with a recording (-XX:StartFlightRecording, which a user profiling a run
     * would want to see these events in), nor when the user set Netty's switch.
     */
    public static boolean disableNetty() {
        if (recording() || System.getProperty(NETTY_EVENTS) != null) {
            return false;
        }
        System.setProperty(NETTY_EVENTS, "false");
        return true;
    }

    /**
     * Turns DuckDB's event off; call before the driver loads ({@link DuckDb} does, in its class initializer, so that
     * only commands that use DuckDB pay for loading the monitor: 12 ms of {@code --version} otherwise). Returns
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
