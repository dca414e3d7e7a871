package io.tokenomics.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The words and flags kept of a tool call's input (docs/formats.md, "What a tool call's input leaves"). */
class ToolInputTest {
    static Stream<Arguments> commandLines() {
        return Stream.of(
            Arguments.of("pytest -x tests/", "pytest", null),
            Arguments.of("  mvn -B -q package", "mvn", null),
            Arguments.of("npm test", "npm", null),
            Arguments.of("./gradlew build", "gradlew", null),
            Arguments.of("/usr/bin/python3.12 -m pytest", "python3.12", null),
            Arguments.of(".venv/bin/pytest tests", "pytest", null),
            Arguments.of("CI=1 FOO=bar npm run build", "npm", null),
            Arguments.of("sudo -u root make install", "make", null),
            Arguments.of("env -u HOME PYTHONPATH=src pytest", "pytest", null),
            Arguments.of("timeout 60 cargo test", "cargo", null),
            Arguments.of("timeout -k 5 60s go test ./...", "go", null),
            Arguments.of("nice -n 10 make", "make", null),
            Arguments.of("time npm test", "npm", null),
            Arguments.of("cd /tmp/project && pytest -q", "pytest", null),
            Arguments.of("cd \"/tmp/with space\"; npm test", "npm", null),
            Arguments.of("cd /tmp/project", "cd", null),
            Arguments.of("(cd sub && make)", "make", null),
            Arguments.of("# run the suite\npytest", "pytest", null),
            Arguments.of("git commit -m \"fix: the thing\"", "git", "commit"),
            Arguments.of("git -C /tmp/repo -c user.name=x status", "git", "status"),
            Arguments.of("git --no-pager log --oneline", "git", "log"),
            Arguments.of("git add -A && git commit -m \"$(cat <<'EOF'\nfix\n\nmore && git push\nEOF\n)\"",
                "git", "commit"),
            Arguments.of("git status && git diff", "git", "status"),
            Arguments.of("npm test && git commit -am wip", "npm", "commit"),
            Arguments.of("ls -la | grep foo", "ls", null),
            Arguments.of("pytest 2>&1 | tail -5", "pytest", null),
            Arguments.of("git push &> /dev/null", "git", "push"),
            Arguments.of("\"$(which python)\" script.py", null, null),
            Arguments.of("$PYTHON -m pytest", null, null),
            Arguments.of("git \"commit\"", "git", null),
            Arguments.of("sk-ant-api03-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa --help", null, null),
            Arguments.of("", null, null),
            Arguments.of("FOO=1", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void shouldKeepTheProgramWordAndGitSubcommandOnly(String command, String program, String subcommand) {
        ToolInput in = new ToolInput();
        byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
        in.readCommand(bytes, bytes.length);
        assertEquals(program, in.programLength() == 0 ? null
                : new String(in.program(), 0, in.programLength(), StandardCharsets.UTF_8), "program");
        assertEquals(subcommand, in.gitSubcommandLength() == 0 ? null
                : new String(in.gitSubcommand(), 0, in.gitSubcommandLength(), StandardCharsets.UTF_8), "subcommand");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/home/a/project/CLAUDE.md|true",
        "CLAUDE.md|true",
        "/home/a/project/sub/CLAUDE.local.md|true",
        "/home/a/.claude/settings.json|true",
        "/home/a/project/.claude/commands/review.md|true",
        "C:\\Users\\a\\project\\CLAUDE.md|true",
        "C:\\Users\\a\\.claude\\agents\\x.md|true",
        "/home/a/project/src/CLAUDE.md.bak|false",
        "/home/a/project/claude.md|false",
        "/home/a/project/.claude|false",
        "/home/a/project/.claudeignore/x|false",
        "/home/a/project/docs/README.md|false",
    })
    void shouldTellMemoryFilesByTheirNameOrTheirFolder(String path, boolean memory) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        assertEquals(memory, ToolInput.isMemoryFile(bytes, bytes.length));
    }

    @Test
    void shouldHashAPathWithFnv1aSixtyFourBits() {
        byte[] a = "a".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xAF63DC4C8601EC8CL, ToolInput.hash(a, 1));
        assertEquals(0xCBF29CE484222325L, ToolInput.hash(a, 0));
        byte[] one = "/p/src/Main.java".getBytes(StandardCharsets.UTF_8);
        byte[] two = "/p/src/Main.jav".getBytes(StandardCharsets.UTF_8);
        assertNotEquals(ToolInput.hash(one, one.length), ToolInput.hash(two, two.length));
        assertTrue(ToolInput.isMemoryFile("x/CLAUDE.md".getBytes(StandardCharsets.UTF_8), 11));
        assertFalse(ToolInput.isMemoryFile("x/CLAUDE.m".getBytes(StandardCharsets.UTF_8), 10));
    }
}
