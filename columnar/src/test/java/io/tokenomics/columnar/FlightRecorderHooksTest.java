package io.tokenomics.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks keep DuckDB's and Netty's events out of the recorder. The cases that read the recorder run in a JVM of
 * their own ({@link #main}): what the recorder holds depends on what ran before in this one.
 */
class FlightRecorderHooksTest {
    @TempDir
    Path temp;

    @Test
    void shouldKeepDuckDbAndNettyFromRegisteringEvents() throws Exception {
        assertEquals(List.of("netty off"), libraryEvents(true));
    }

    /** The field DuckDB's hook sets is there: a DuckDB upgrade that renames it fails here, not silently. */
    @Test
    void shouldFindDuckDbsHook() {
        assertTrue(FlightRecorderHooks.disableDuckDb());
    }

    /** Without the hooks the same run registers events of both: the check above can fail. */
    @Test
    void shouldSeeBothRegisterEventsWithoutTheHooks() throws Exception {
        List<String> events = libraryEvents(false);
        assertTrue(events.stream().anyMatch(name -> name.startsWith("duckdb.")), events.toString());
        assertTrue(events.stream().anyMatch(name -> name.startsWith("io.netty.")), events.toString());
    }

    /** A JVM started with a recording keeps the libraries' events, for whoever profiles the run. */
    @Test
    void shouldLeaveTheHooksOnWhenARecordingRuns() throws Exception {
        List<String> events = libraryEvents(true, "-XX:StartFlightRecording:filename="
                + temp.resolve("run.jfr"));
        assertTrue(events.contains("netty left on"), events.toString());
        assertTrue(events.stream().anyMatch(name -> name.startsWith("duckdb.")), events.toString());
        assertTrue(events.stream().anyMatch(name -> name.startsWith("io.netty.")), events.toString());
    }

    /**
     * Opens DuckDB, runs a query and allocates Arrow memory; prints the library events then registered. With
     * "hooks", as the program does: Netty's switch first (Main), DuckDB's through {@link DuckDb}; without, DuckDB
     * through the JDBC driver manager, which {@link DuckDb} otherwise wraps.
     */
    public static void main(String[] args) throws Exception {
        boolean hooks = args[0].equals("hooks");
        if (hooks) {
            System.out.println(FlightRecorderHooks.disableNetty() ? "netty off" : "netty left on");
        }
        try (Connection connection = hooks ? DuckDb.openInMemory(1) : DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 42");
             BufferAllocator allocator = new RootAllocator();
             ArrowBuf buffer = allocator.buffer(1 << 20)) {
            rs.next();
            buffer.setLong(0, rs.getLong(1));
        }
        for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
            String name = type.getName().toLowerCase(Locale.ROOT);
            if (name.contains("duckdb") || name.contains("netty")) {
                System.out.println(name);
            }
        }
    }

    private static List<String> libraryEvents(boolean hooks, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The flags Arrow needs, as this JVM was given them.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--")).toList());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FlightRecorderHooksTest.class.getName(),
                hooks ? "hooks" : "none"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not end within 60 s: " + out);
        }
        assertEquals(0, process.exitValue(), out);
        return out.lines().toList();
    }
}
