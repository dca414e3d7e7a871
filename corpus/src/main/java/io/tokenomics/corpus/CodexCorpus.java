package io.tokenomics.corpus;

import static io.tokenomics.corpus.RandomValues.base64Pool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the Codex CLI part of a synthetic corpus: rollouts under
 * {@code OUT/codex/sessions/YYYY/MM/DD/rollout-<local time>-<uuid v7>.jsonl} in the wrapped format of docs/formats.md
 * section 3 ({@code {"timestamp","type","payload"}} lines), a few bare-era files, and a copy of a rollout under
 * {@code OUT/codex/archived_sessions/}. {@link CorpusGenerator} calls it for a fixed share of its sessions.
 *
 * <p>The expected totals are the tokens of the model calls the generator made up, tallied as it writes them. The
 * files are built so that the counting rules (docs/formats.md, "Cumulative counters") recover exactly those tokens:
 * about half of the {@code token_count} events repeat the previous totals, {@code info: null} events carry only rate
 * limits, counter resets drop the totals (the event's {@code last_token_usage} holds the call), a few files carry only
 * {@code last_token_usage}, forked and sub-agent rollouts replay their parent's history before their own turns (with
 * the parent's timestamps, or re-stamped with the fork's time, in its first second or over several seconds), and the
 * archived copy repeats every event of its original. A rule that is not applied shows up
 * as a difference from {@code expected.json}.
 *
 * <p>Deterministic like the Claude part: every random choice comes from the {@link SplittableRandom} handed in, no
 * clock is read, maps are sorted.
 */
final class CodexCorpus {
    /** Session {@code i} of a corpus is a Codex session when {@code i % SHARE == 1}: every corpus of 2+ has one. */
    static final int SHARE = 8;

    static boolean isCodexSession(long index) {
        return index % SHARE == 1;
    }

    /** Local time of the machine, for file and folder names only (timestamps inside are UTC). */
    private static final int[] OFFSET_MINUTES = {120, 60, 0, -240, -420, 330, 540};

    private final Path root;
    final TextPool code;
    final TextPool prose;
    final byte[] base64;
    private final SplittableRandom planner;
    private final long offsetMs;
    final JsonBuffer line = new JsonBuffer(1 << 16);
    final JsonBuffer aux = new JsonBuffer(1 << 12);
    final CodexTotals totals = new CodexTotals();
    private EnumSet<CodexFeature> next;
    /** The rollout just written, when the next one forks from it. */
    ForkParent parent;

    CodexCorpus(Path out, SplittableRandom r, TextPool code, TextPool prose) throws IOException {
        this.root = out.resolve("codex");
        this.code = code;
        this.prose = prose;
        this.planner = r.split();
        this.base64 = base64Pool(r.split(), 16 << 10);
        this.offsetMs = OFFSET_MINUTES[r.nextInt(OFFSET_MINUTES.length)] * 60_000L;
        for (String dir : new String[] {"sessions", "archived_sessions"}) {
            Path d = root.resolve(dir);
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
                    if (entries.iterator().hasNext()) {
                        throw new FileAlreadyExistsException(d.toString(), null, "not empty");
                    }
                }
            }
        }
    }

    /** Writes the next Codex session, in a working directory the Claude sessions also use. */
    void session(SplittableRandom r, Project project) throws IOException {
        int index = (int) totals.sessions;
        EnumSet<CodexFeature> current = next != null ? next : plan(0);
        next = plan(index + 1);
        if (CodexFeature.forkOf(next) != null && !canBeParent(current)) {
            if (CodexFeature.FORKS.contains(forced(index + 1)) && forced(index) != CodexFeature.BARE_ERA
                    && forced(index) != CodexFeature.LAST_ONLY) {
                current.remove(CodexFeature.BARE_ERA); // keep the forced fork: its parent gives way
                current.remove(CodexFeature.LAST_ONLY);
            } else {
                next.removeAll(CodexFeature.FORKS);
            }
        }
        ForkParent from = CodexFeature.forkOf(current) != null ? parent : null;
        parent = null;
        if (current.contains(CodexFeature.BARE_ERA)) {
            CodexBareRollout.write(this, r, project, current);
        } else {
            new CodexRollout(this, r, project, current, from, CodexFeature.forkOf(next)).write();
        }
        totals.sessions++;
    }

    private static boolean canBeParent(EnumSet<CodexFeature> f) {
        return !f.contains(CodexFeature.BARE_ERA) && !f.contains(CodexFeature.LAST_ONLY);
    }

    private static CodexFeature forced(int index) {
        CodexFeature[] all = CodexFeature.values();
        return index < all.length ? all[index] : null;
    }

    private EnumSet<CodexFeature> plan(int index) {
        EnumSet<CodexFeature> set = EnumSet.noneOf(CodexFeature.class);
        CodexFeature forced = forced(index);
        if (forced != null) {
            set.add(forced);
        }
        for (CodexFeature f : CodexFeature.values()) {
            if (planner.nextDouble() < f.probability) {
                set.add(f);
            }
        }
        if (index == 0) {
            set.removeAll(CodexFeature.FORKS);
        }
        // a fork copies its parent's history one way
        CodexFeature fork = CodexFeature.FORKS.contains(forced) ? forced : CodexFeature.forkOf(set);
        set.removeAll(CodexFeature.FORKS);
        if (fork != null) {
            set.add(fork);
        }
        // a bare-era file has no usage at all; a last-only file has no totals to reset, fork from or match
        for (CodexFeature f : new CodexFeature[] {CodexFeature.MODEL_SWITCH, CodexFeature.FORK,
            CodexFeature.FORK_SAME_SECOND, CodexFeature.FORK_MULTI_SECOND, CodexFeature.COUNTER_RESET,
            CodexFeature.LAST_ONLY, CodexFeature.UNPRICED, CodexFeature.COMPACTION}) {
            exclusive(set, CodexFeature.BARE_ERA, f, forced);
        }
        for (CodexFeature f : new CodexFeature[] {CodexFeature.COUNTER_RESET, CodexFeature.ARCHIVED,
            CodexFeature.FORK, CodexFeature.FORK_SAME_SECOND, CodexFeature.FORK_MULTI_SECOND}) {
            exclusive(set, CodexFeature.LAST_ONLY, f, forced);
        }
        // an archived copy with events to count once
        exclusive(set, CodexFeature.ARCHIVED, CodexFeature.BARE_ERA, forced);
        return set;
    }

    /** At most one of {@code a} and {@code b}: the forced one stays, else {@code a}. */
    private static void exclusive(EnumSet<CodexFeature> set, CodexFeature a, CodexFeature b, CodexFeature forced) {
        if (set.contains(a) && set.contains(b)) {
            set.remove(forced == b ? a : b);
        }
    }

    /** {@code sessions/YYYY/MM/DD/rollout-YYYY-MM-DDThh-mm-ss-<id>.jsonl}, in the machine's local time. */
    Path rolloutPath(String id, long startMs) {
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(startMs + offsetMs, 1000), 0,
            ZoneOffset.UTC);
        String name = String.format(java.util.Locale.ROOT, "rollout-%04d-%02d-%02dT%02d-%02d-%02d-%s.jsonl",
            local.getYear(), local.getMonthValue(), local.getDayOfMonth(), local.getHour(), local.getMinute(),
            local.getSecond(), id);
        return root.resolve("sessions").resolve(String.format(java.util.Locale.ROOT, "%04d", local.getYear()))
            .resolve(String.format(java.util.Locale.ROOT, "%02d", local.getMonthValue()))
            .resolve(String.format(java.util.Locale.ROOT, "%02d", local.getDayOfMonth())).resolve(name);
    }

    /** A copy under {@code archived_sessions/} (flat): the same events twice, to be counted once. */
    void archive(Path original, boolean truncated) throws IOException {
        Path dir = root.resolve("archived_sessions");
        Files.createDirectories(dir);
        Path copy = dir.resolve(original.getFileName());
        Files.copy(original, copy);
        totals.files++;
        totals.bytes += Files.size(copy);
        totals.archivedCopies++;
        if (truncated) {
            totals.truncatedTails++; // files that end in a cut line, the copy included
        }
    }

    /** A new rollout file; {@code capture}, when not null, receives a copy of each line. */
    JsonlFile newFile(Path path, List<byte[]> capture) throws IOException {
        return new JsonlFile(path, false, false, capture, written -> {
            totals.files++;
            totals.bytes += written;
        });
    }
}
