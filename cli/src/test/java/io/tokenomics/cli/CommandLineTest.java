package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The command line as a user meets it: every command's help ends with examples that fit 80 columns, a mistake is one
 * line on stderr with exit code 2 (with the closest command or option when there is one), and the completion script
 * completes commands, options and option values in bash.
 */
class CommandLineTest {

    static Stream<String> commands() {
        return Main.COMMANDS.stream().map(c -> c.getAnnotation(CommandLine.Command.class).name())
                .filter(c -> !c.equals("help"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void shouldEndEveryHelpWithExamplesThatFitEightyColumns(String command) {
        ReportCorpus.Output help = ReportCorpus.run(command, "--help");
        assertEquals(0, help.code(), help.err());
        List<String> lines = help.out().lines().toList();
        int examples = lines.indexOf("Examples:");
        assertTrue(examples > 0, command + " --help has no Examples:\n" + help.out());
        List<String> footer = lines.subList(examples + 1, lines.size());
        assertTrue(footer.stream().anyMatch(l -> l.startsWith("  tokenomics " + command)), help.out());
        for (String line : footer) {
            // An example wrapped by picocli would continue on a line without the indent.
            assertTrue(line.isEmpty() || line.startsWith("  ") || line.endsWith(":"),
                    command + ": example line wrapped or unindented: '" + line + "'");
        }
    }

    @Test
    void shouldListExamplesUnderTheTopLevelHelp() {
        ReportCorpus.Output help = ReportCorpus.run("--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().contains("Examples:") && help.out().contains("  dashboard "), help.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dialy|tokenomics: unknown command 'dialy'. Did you mean daily?",
        "dashbord --open|tokenomics: unknown command 'dashbord'. Did you mean dashboard?",
        "daily --sinse 2026-10-01|tokenomics: unknown option '--sinse' for 'tokenomics daily'. Did you mean --since?",
        "tail --sectoin days|tokenomics: unknown option '--sectoin' for 'tokenomics tail'. Did you mean --section?"})
    void shouldSuggestTheClosestCommandOrOptionOnOneLine(String args, String expected) {
        ReportCorpus.Output o = ReportCorpus.run(args.split(" "));
        assertEquals(Main.USAGE, o.code());
        assertEquals(expected + System.lineSeparator(), o.err());
        assertEquals("", o.out());
    }

    @Test
    void shouldSayAnInvalidValueOnOneLine() {
        ReportCorpus.Output o = ReportCorpus.run("daily", "--since", "2026-13-01");
        assertEquals(Main.USAGE, o.code());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("tokenomics: Invalid value for option '--since'"), o.err());
        assertTrue(o.err().contains("(see 'tokenomics daily --help')"), o.err());
    }

    /** The embedded prices are parsed only when there are lines to read; a user's file is read (and judged) at once. */
    @Test
    void shouldReportABrokenPricingFileEvenWhenTheIngestFindsNothingNew(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("corpus/projects/p");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("s.jsonl"), "{\"type\":\"user\",\"message\":{\"content\":\"hi\"}}\n");
        String data = dir.resolve("data").toString();
        assertEquals(0, ReportCorpus.run("ingest", "--quiet", "--data", data, dir.resolve("corpus").toString()).code());
        Path broken = dir.resolve("prices.json");
        Files.writeString(broken, "{\"claude-sonnet-4-5\": [");
        ReportCorpus.Output o = ReportCorpus.run("ingest", "--data", data, "--pricing", broken.toString(),
                dir.resolve("corpus").toString());
        assertEquals(Main.USAGE, o.code(), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("tokenomics: cannot read prices from " + broken), o.err());
    }

    /** {@code --debug} prints the ingest's phases under {@code --quiet} too, in the form bench reads. */
    @Test
    void shouldPrintTheIngestsPhasesForDebugEvenWhenQuiet(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("corpus/projects/p");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("s.jsonl"), "{\"type\":\"user\",\"message\":{\"content\":\"hi\"}}\n");
        ReportCorpus.Output o = ReportCorpus.run("ingest", "--quiet", "--debug", "--data",
                dir.resolve("data").toString(), dir.resolve("corpus").toString());
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.out());
        assertTrue(o.err().strip().matches("tokenomics: discover [0-9]+\\.[0-9]{3} s, scan [0-9]+\\.[0-9]{3} s,"
                + " commit [0-9]+\\.[0-9]{3} s"), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        Path captured = dir.resolve("err.txt");
        Files.writeString(captured, o.err());
        String commit = o.err().strip().replaceAll(".* commit ([0-9.]+) s$", "$1");
        assertEquals(Double.parseDouble(commit), BenchCommand.commitSeconds(captured));
        Files.writeString(captured, "tokenomics: some problem\n");
        assertTrue(Double.isNaN(BenchCommand.commitSeconds(captured)));
    }

    @Test
    void shouldGiveACommandsHelpThroughTheHelpCommandAsThroughItsOption() {
        // Only the command a line names is registered; help names another one after it.
        ReportCorpus.Output help = ReportCorpus.run("help", "daily");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: tokenomics daily"), help.out());
        assertEquals(ReportCorpus.run("daily", "--help").out(), help.out());
    }

    /** A bare tokenomics is daily, as a bare ccusage is; the commands are in --help. */
    @Test
    void shouldRunDailyWhenGivenNoCommand(@TempDir Path home) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                Map.of("HOME", home.toString()));
        assertEquals(1, code, err.toString());
        assertTrue(err.toString().startsWith("tokenomics: no transcripts found"), err.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tokenomics da|daily dashboard",
        "tokenomics dashboard --o|--open --out",
        "'tokenomics completion '|bash zsh"})
    void shouldCompleteInBash(String line, String expected, @TempDir Path dir) throws Exception {
        assertEquals(expected + " ", complete(line, dir));
    }

    /** {@code --agent} completes to every agent of the ingest's registry, and all. */
    @Test
    void shouldCompleteTheAgentsOfTheRegistry(@TempDir Path dir) throws Exception {
        List<String> names = new ArrayList<>(io.tokenomics.ingest.Agents.names());
        names.add("all");
        names.sort(null);
        assertEquals(String.join(" ", names) + " ", complete("tokenomics daily --agent ", dir));
    }

    /** The words bash completes the line to, sorted, each followed by a space. */
    private static String complete(String line, Path dir) throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "skipped: no /bin/bash");
        ReportCorpus.Output script = ReportCorpus.run("completion", "bash");
        assertEquals(0, script.code(), script.err());
        Path file = dir.resolve("tokenomics.bash");
        Files.writeString(file, script.out());
        List<String> words = new ArrayList<>(List.of(line.split(" ")));
        if (line.endsWith(" ")) {
            words.add("");
        }
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append("'");
        }
        String test = "source '" + file + "'\n"
                + "COMP_WORDS=(" + array + " ); COMP_CWORD=" + (words.size() - 1) + "\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_tokenomics 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\" | sort | tr '\\n' ' '\n";
        return bash(bash, test);
    }

    @Test
    void shouldGiveZshTheBashScriptThatLoadsBashcompinit() {
        ReportCorpus.Output zsh = ReportCorpus.run("completion", "zsh");
        assertEquals(0, zsh.code(), zsh.err());
        assertTrue(zsh.out().contains("bashcompinit") && zsh.out().contains("complete -F _complete_tokenomics"),
                zsh.out().substring(0, 400));
    }

    private static String bash(Path bash, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(bash.toString(), "--norc", "--noprofile", "-c", script)
                .redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return out;
    }

    @Test
    void shouldColourOnlyWhenATerminalAndNoNoColor() {
        assertTrue(Palette.choose(Map.of(), true).enabled());
        assertTrue(!Palette.choose(Map.of(), false).enabled());
        assertTrue(!Palette.choose(Map.of("NO_COLOR", "1"), true).enabled());
        assertTrue(Palette.choose(Map.of("NO_COLOR", ""), true).enabled(), "an empty NO_COLOR is unset");
        assertTrue(!Palette.choose(Map.of("TERM", "dumb"), true).enabled());
    }
}
