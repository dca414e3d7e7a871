package io.tokenomics.ingest;

import io.tokenomics.columnar.Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a run does with each file it finds, against the manifest's entry of it: nothing (unchanged), a new time only,
 * or a work (new, grown, rewritten, or every file with {@code --full}); and, after the scan, the file's new entry.
 *
 * <p>A call per file, not a loop in the caller: see docs/architecture.md ("Client compiler only").
 */
final class FileChanges {
    private final boolean full;
    private final Map<String, Manifest.FileEntry> known = new LinkedHashMap<>();
    // In the manifest's order, which is by path: the entries written at the end are sorted in about one pass, while
    // a sorted map, compared with the manifest's, weighed on a run that adds little (docs/performance.md, "Figures
    // behind code comments").
    private final Map<String, Manifest.FileEntry> entries;
    private final List<FileWork> works = new ArrayList<>();
    private final Set<String> reread = new TreeSet<>();
    private boolean entriesChanged;

    /** {@code full}: every file is read again from its start ({@code --full}). */
    FileChanges(Manifest old, boolean full) {
        this.full = full;
        for (Manifest.FileEntry entry : old.files()) {
            known.put(entry.path(), entry);
        }
        entries = new LinkedHashMap<>(known);
    }

    /** Compares a file found with its entry; a file to read becomes a work. */
    void found(SourceFile file) throws IOException {
        String path = file.name();
        Manifest.FileEntry entry = known.get(path);
        // Another file at the same path (replaced, not appended to), whatever its size and time.
        boolean sameFile = entry == null || entry.identity().isEmpty() || file.identity().isEmpty()
                || entry.identity().equals(file.identity());
        if (!full && entry != null && sameFile && entry.size() == file.size()
                && entry.mtimeMillis() == file.mtimeMillis()) {
            return;
        }
        long head = entry == null ? 0
                : HeadHash.of(file.path(), Math.min(HeadHash.BYTES, entry.ingestedBytes()));
        // A grown file whose lines do not stand alone (cumulative counters) is read again whole; a database changes
        // in place, so any change of it is read again whole.
        boolean appended = !full && entry != null && sameFile && !file.source().logsAreDatabases()
                && file.size() >= entry.ingestedBytes()
                && head == entry.headHash()
                && (file.source().linesStandAlone() || file.size() == entry.ingestedBytes());
        if (appended && file.size() == entry.ingestedBytes()) {
            // Only its time (or a size it had already reached) is new: nothing to read. This is the one change
            // that reads no file; every other (new, grown, rewritten, --full) makes a work.
            entries.put(path, new Manifest.FileEntry(path, file.size(), file.mtimeMillis(),
                    entry.ingestedBytes(), entry.lines(), entry.rejects(), entry.headHash(), entry.runId(),
                    file.identity()));
            entriesChanged = true;
            return;
        }
        if (entry != null && !appended) {
            reread.add(path);
        }
        works.add(appended
                ? new FileWork(file, works.size(), entry.ingestedBytes(), entry.lines(), entry.rejects())
                : new FileWork(file, works.size(), 0, 0, 0));
    }

    /** Whether the run has anything to write: a file to read, or a new time of one. */
    boolean anyChange() {
        return !works.isEmpty() || entriesChanged;
    }

    List<FileWork> works() {
        return works;
    }

    /** The files read again from their start: their rows in the dataset are replaced. */
    Set<String> reread() {
        return reread;
    }

    /** Records what run {@code runId} read of a work: its new entry, or, when it could not be read, its old one. */
    void scanned(FileWork work, String runId) throws IOException {
        String path = work.file.name();
        if (work.unreadable) {
            // Nothing of it was read: keep what the dataset had, and the next run tries again.
            reread.remove(path);
            if (known.containsKey(path)) {
                entries.put(path, known.get(path));
            } else {
                entries.remove(path);
            }
            return;
        }
        long ingested = work.ingestedBytes();
        long headLength = Math.min(HeadHash.BYTES, ingested);
        long head = work.scannedHeadHash >= 0 && headLength == Math.min(HeadHash.BYTES, work.file.size())
                ? work.scannedHeadHash : HeadHash.of(work.file.path(), headLength);
        entries.put(path, new Manifest.FileEntry(path, work.file.size(), work.file.mtimeMillis(),
                ingested, work.linesBefore + work.lines.get(), work.rejectsBefore + work.rejects.get(),
                head, runId, work.file.identity()));
    }

    /** Every file's entry for the next manifest, sorted by path. */
    List<Manifest.FileEntry> entries() {
        List<Manifest.FileEntry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing(Manifest.FileEntry::path));
        return sorted;
    }
}
