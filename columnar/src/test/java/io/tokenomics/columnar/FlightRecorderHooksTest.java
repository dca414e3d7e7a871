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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook keeps DuckDB's event out of the recorder. The cases that read the recorder run in a JVM of their own
 * ({@link #main}): what the recorder holds depends on what ran before in this one.
 */
class FlightRecorderHooksTest {
    @TempDir
    Path temp;

    @Test
    void shouldKeepDuckDbFromRegisteringEvents() throws Exception {
        assertEquals(List.of(), duckDbEvents(true));
    }

    /** The field DuckDB's hook sets is there: a DuckDB upgrade that renames it fails here, not silently. */
    @Test
    void shouldFindDuckDbsHook() {
        assertTrue(FlightRecorderHooks.disableDuckDb());
    }

    /** Without the hook the same run registers DuckDB's events: the check above can fail. */
    @Test
    void shouldSeeDuckDbRegisterEventsWithoutTheHook() throws Exception {
        List<String> events = duckDbEvents(false);
        assertTrue(events.stream().anyMatch(name -> name.startsWith("duckdb.")), events.toString());
    }

    /** A JVM started with a recording keeps DuckDB's events, for whoever profiles the run. */
    @Test
    void shouldKeepDuckDbsEventsWhenARecordingRuns() throws Exception {
        List<String> events = duckDbEvents(true, "-XX:StartFlightRecording:filename=" + temp.resolve("run.jfr"));
        assertTrue(events.stream().anyMatch(name -> name.startsWith("duckdb.")), events.toString());
    }

    /**
     * Opens DuckDB and runs a query; prints DuckDB's events then registered. With "hook", as the program does,
     * through {@link DuckDb}; without, through the JDBC driver manager, which {@link DuckDb} otherwise wraps.
     */
    public static void main(String[] args) throws Exception {
        boolean hook = args[0].equals("hook");
        try (Connection connection = hook ? DuckDb.openInMemory(1) : DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 42")) {
            rs.next();
        }
        for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
            String name = type.getName().toLowerCase(Locale.ROOT);
            if (name.contains("duckdb")) {
                System.out.println(name);
            }
        }
    }

    private static List<String> duckDbEvents(boolean hook, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The flags the libraries need, as this JVM was given them.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--")).toList());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FlightRecorderHooksTest.class.getName(),
                hook ? "hook" : "none"));
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
