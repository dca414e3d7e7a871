package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script at the repository's root: it parses as POSIX sh, and its {@code java_major} function (which
 * reads a JDK's release file with the shell's own commands, or asks the JVM when there is none) tells the version of
 * this JVM and of made-up JDKs.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            ".."), "tokenomics");

    @TempDir
    Path temp;

    @Test
    void shouldParseAsPosixShell() throws Exception {
        assertEquals("", run(List.of("sh", "-n", LAUNCHER.toString())));
    }

    @Test
    void shouldTellTheMajorVersionOfThisJvm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertEquals(Integer.toString(Runtime.version().feature()), javaMajor(java));
    }

    @Test
    void shouldReadTheReleaseFileOfAJdkWithoutStartingIt() throws Exception {
        // A java that fails if started: the version must come from the release file.
        assertEquals("21", javaMajor(fakeJdk("jdk21", "JAVA_VERSION=\"21.0.2\"\nIMPLEMENTOR=\"x\"\n", "exit 1")));
        // No newline after the last line, and the version of the old numbering (refused later, as below 17).
        assertEquals("1", javaMajor(fakeJdk("jdk8", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"1.8.0_412\"", "exit 1")));
    }

    @Test
    void shouldAskTheJvmWhenThereIsNoReleaseFile() throws Exception {
        Path java = fakeJdk("bare", null, "echo 'openjdk version \"22.0.1\" 2024-04-16' >&2");
        assertEquals("22", javaMajor(java));
    }

    /** A JDK folder with the given release file (none when null) and a bin/java script of the given body. */
    private Path fakeJdk(String name, String release, String javaBody) throws IOException {
        Path home = temp.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n" + javaBody + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** Runs the launcher's java_major function on its own, in sh. */
    private String javaMajor(Path java) throws Exception {
        String script = Files.readString(LAUNCHER);
        int start = script.indexOf("java_major() {");
        int end = script.indexOf("\n}\n", start) + 3;
        Path function = temp.resolve("java_major.sh");
        Files.writeString(function, "set -eu\n" + script.substring(start, end) + "java_major \"$1\"\n");
        return run(List.of("sh", function.toString(), java.toString())).trim();
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within 30 s");
        }
        assertEquals(0, process.exitValue(), command + ": " + out);
        return out;
    }
}
