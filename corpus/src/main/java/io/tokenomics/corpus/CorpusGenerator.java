package io.tokenomics.corpus;

import static io.tokenomics.corpus.CorpusGenerator.DAY_MS;
import static io.tokenomics.corpus.CorpusGenerator.END_MS;
import static io.tokenomics.corpus.CorpusGenerator.RANGE_DAYS;
import static io.tokenomics.corpus.CorpusGenerator.START_MS;
import static io.tokenomics.corpus.RandomValues.base64Pool;
import static io.tokenomics.corpus.RandomValues.pick;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.SplittableRandom;


/**
 * Writes a synthetic Claude Code config dir ({@code OUT/projects/<project-dir>/<session>.jsonl} plus
 * {@code <session>/subagents/agent-*.jsonl}) in the real 2.x line format, with every reader defect of docs/formats.md
 * section 1 in a small fraction of files, and {@code OUT/expected.json} holding the totals a correct reader must
 * report under the counting rules of docs/formats.md.
 *
 * <p>One session in {@value CodexCorpus#SHARE} (index 1, 9, 17, ...) is a Codex CLI session instead,
 * written by {@link CodexCorpus} under {@code OUT/codex/} (a {@code CODEX_HOME}: {@code sessions/} and
 * {@code archived_sessions/}); its totals are the {@code "codex"} object of expected.json, every other total there
 * is the Claude part alone. Ingest both with the roots {@code OUT} and {@code OUT/codex}: a root holding
 * {@code projects/} is read as a Claude config dir, so {@code OUT} alone finds only the Claude part.
 *
 * <p>The totals are tallied while writing, from the generator's own knowledge of which lines are the kept copy of
 * each response; nothing is re-read. Output depends only on the options: one {@link SplittableRandom} seeded from
 * {@code seed}, no clock, no hash-order iteration. JSON text is written by hand into byte buffers so a gigabyte
 * takes seconds: most bytes are copies from pre-escaped text pools, cut only at line ends of the pool so a copy
 * never splits an escape sequence or a UTF-8 character.
 */
public final class CorpusGenerator {

    /**
     * @param out         config dir to create; {@code out/projects} and {@code out/codex/sessions} must be absent or
     *                    empty
     * @param sessions    number of main sessions, Claude and Codex (a minimum when {@code targetBytes > 0})
     * @param seed        same seed, same options: byte-identical output
     * @param targetBytes 0 to ignore; else sessions are added until about this many bytes are written
     */
    public record Options(Path out, int sessions, long seed, long targetBytes) {
    }

    /** What was written: .jsonl files and their bytes (expected.json not included), main sessions (both agents). */
    public record Result(long files, long bytes, long sessions, Path expectedFile) {
    }

    /**
     * Words planted in what the dataset must never hold: a target path, a command line, a prompt, a memory file's
     * path, a skill's name. A test greps every column of an ingested corpus for them.
     */
    static final String PLANTED_PATH = "tkplant-path-5e1f";
    static final String PLANTED_COMMAND = "tkplant-cmd-77c2";
    static final String PLANTED_PROMPT = "tkplant-prompt-0b9d";
    static final String PLANTED_MEMORY_PATH = "tkplant-memory-3a41";
    static final String PLANTED_SKILL = "tkplant-skill-90de";
    public static final java.util.List<String> PLANTED_WORDS = java.util.List.of(PLANTED_PATH, PLANTED_COMMAND,
        PLANTED_PROMPT, PLANTED_MEMORY_PATH, PLANTED_SKILL);

    /** The model of some Codex sessions that no price table lists, so that reports must show it as unpriced. */
    public static final String UNPRICED_CODEX_MODEL = "gpt-6-codex-nightly";

    static final long DAY_MS = 86_400_000L;
    /** Exclusive end of the time range: the corpus covers 2026-09-01 .. 2026-10-31 (UTC). */
    static final long END_MS = LocalDate.of(2026, 11, 1).toEpochDay() * DAY_MS;
    static final int RANGE_DAYS = 61;
    static final long START_MS = END_MS - RANGE_DAYS * DAY_MS;

    public static Result generate(Options options) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(options.out(), "options.out");
        if (options.sessions() < 0 || options.targetBytes() < 0) {
            throw new IllegalArgumentException("sessions and targetBytes must be >= 0");
        }
        return new CorpusGenerator(options).execute();
    }

    final Options options;
    final SplittableRandom master;
    final TextPool code;
    final TextPool prose;
    final byte[] base64;
    final Project[] projects;
    final double[] projectWeights;
    final ClaudeTotals tally = new ClaudeTotals();
    final JsonBuffer line = new JsonBuffer(1 << 16);
    final JsonBuffer aux = new JsonBuffer(1 << 16);
    final JsonBuffer block = new JsonBuffer(1 << 14);
    long files;
    long bytes;
    long sessions;

    private CorpusGenerator(Options options) {
        this.options = options;
        this.master = new SplittableRandom(options.seed());
        this.code = TextPool.build(master.split(), 4 << 20, false);
        this.prose = TextPool.build(master.split(), 1 << 20, true);
        this.base64 = base64Pool(master.split(), 64 << 10);
        this.projects = Project.pickAll(master);
        this.projectWeights = new double[projects.length];
        for (int i = 0; i < projects.length; i++) {
            projectWeights[i] = 1.0 / (i + 1); // a few projects get most of the work, like real archives
        }
    }

    Result execute() throws IOException {
        Path projectsDir = options.out().resolve("projects");
        refuseNonEmpty(projectsDir);
        Files.createDirectories(projectsDir);
        CodexCorpus codex = new CodexCorpus(options.out(), master.split(), code, prose);
        EnumSet<ClaudeFeature> next = plan(0);
        ClaudeSession.History previous = null;
        int claude = 0; // Claude sessions so far: features are planned by this index, not the session index
        for (long i = 0; i < options.sessions()
                || (options.targetBytes() > 0 && bytes + codex.totals.bytes < options.targetBytes()); i++) {
            if (CodexCorpus.isCodexSession(i)) {
                codex.session(master.split(), pick(master, projects, projectWeights));
                sessions++;
                continue;
            }
            EnumSet<ClaudeFeature> current = next;
            next = plan(++claude); // looked up one ahead: a session that is resumed next must record its history
            Project project = current.contains(ClaudeFeature.RESUMED_COPY) && previous != null
                ? previous.project() : pick(master, projects, projectWeights);
            ClaudeSession session = new ClaudeSession(this, master.split(), project, current,
                next.contains(ClaudeFeature.RESUMED_COPY));
            previous = session.write(current.contains(ClaudeFeature.RESUMED_COPY) ? previous : null);
            sessions++;
        }
        Path expected = options.out().resolve("expected.json");
        Files.writeString(expected, tally.toJson(options.seed(), files + codex.totals.files,
            bytes + codex.totals.bytes, codex),
            StandardCharsets.UTF_8);
        return new Result(files + codex.totals.files, bytes + codex.totals.bytes, sessions, expected);
    }

    private EnumSet<ClaudeFeature> plan(int index) {
        EnumSet<ClaudeFeature> set = EnumSet.noneOf(ClaudeFeature.class);
        ClaudeFeature[] all = ClaudeFeature.values();
        if (index < all.length) {
            set.add(all[index]);
        }
        for (ClaudeFeature f : all) {
            if (master.nextDouble() < f.probability) {
                set.add(f);
            }
        }
        if (index == 0) {
            set.remove(ClaudeFeature.RESUMED_COPY);
        }
        return set;
    }

    private static void refuseNonEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (entries.iterator().hasNext()) {
                    // expected.json must describe exactly the files present, so never mix with an old corpus
                    throw new FileAlreadyExistsException(dir.toString(), null, "not empty");
                }
            }
        }
    }

    /** A new .jsonl file of the Claude part, counted in the result when closed. */
    JsonlFile newFile(Path path, boolean bom, boolean crlf) throws IOException {
        return new JsonlFile(path, bom, crlf, null, written -> {
            files++;
            bytes += written;
        });
    }
}
