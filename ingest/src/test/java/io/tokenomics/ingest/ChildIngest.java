package io.tokenomics.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link IngestProcess} started by a test: the same java binary, JVM flags and class path as the test's own JVM.
 * Its output lines are queued as they come; its error output goes to a log that failures quote.
 */
final class ChildIngest implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildIngest(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process was killed while we read: its output ends here.
            }
        }, "child-ingest-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts an ingest of {@code root} into {@code data}; {@code pause} stops it after its first segment. */
    static ChildIngest start(Path data, Path root, int threads, boolean pause, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger's agent would ask for the port the test JVM already holds.
            if (!argument.startsWith("-agentlib:jdwp") && !argument.startsWith("-Xrunjdwp")) {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IngestProcess.class.getName());
        command.add(data.toString());
        command.add(root.toString());
        command.add(Integer.toString(threads));
        if (pause) {
            command.add("pause");
        }
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new ChildIngest(process, log);
    }

    /** Waits for an output line starting with {@code prefix}; fails with the child's error output if none comes. */
    String await(String prefix, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line '" + prefix + "' from the child ingest within " + timeout
                        + " (alive: " + process.isAlive() + "); its error output:\n" + errors());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Asks the child to stop (SIGTERM, as a user's Ctrl-C or a service manager does), without waiting. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL on POSIX: no shutdown hook, no finally block runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child ingest did not end within " + timeout + "; its error output:\n"
                    + errors());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String errors() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                // Interrupted while waiting for it to die: it is killed all the same, and the interrupt kept.
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
