package io.tokenomics.ingest.source;

import io.tokenomics.ingest.bytes.NativeMemory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One coding agent whose logs we read: where its files are, which files are its, and how a file of it becomes rows.
 * Each agent is a package of its own with one implementation of this; the ingest knows them only through it. The
 * counting rules of each are written down in docs/formats.md.
 *
 * <p>A source's dedup key is what its reader writes as a turn's {@code message_id}: the id of the response, or
 * whatever names one model call of that agent however often it is written (Codex: its time and counters). The
 * commit keeps one turn per key, globally, by the rule of docs/formats.md ("Dedup"), which a reader also applies to
 * the copies it folds within a segment.
 *
 * <p>An agent whose logs come as two kinds of file read in two ways (OpenCode: a SQLite database, and the message
 * files of its older versions) has a source for each kind.
 */
public interface Source {
    /** How sure a source is, from a file's name alone, that the file is one of its logs. */
    enum NameMatch {
        /** Its name says it is. */
        MINE,
        /** Its name could be one; its first line decides ({@link #headMatches}). */
        MAYBE,
        /** Not one of its logs. */
        NOT_MINE,
        /**
         * One of the agent's own files that holds no usage (a session's message log beside the file that has its
         * tokens, a context file): no source reads it, so that a lenient reader does not take it for one of its logs.
         */
        NOT_A_LOG
    }

    /** The agent's name, as the {@code agent} column holds it. */
    String agent();

    /**
     * Where the agent keeps its logs by default: under {@code home}, or where the environment variables the agent
     * itself honours point.
     */
    List<Path> defaultRoots(Map<String, String> environment, Path home);

    /**
     * Folders of the agent's own home that may sit inside another agent's config folder (a Codex home kept inside a
     * Claude config dir): a child of such a folder that holds one of these is read too.
     */
    default List<String> nestedHomeFolders() {
        return List.of();
    }

    /** Whether {@code file}, found under a root, is one of the agent's logs by its name. */
    NameMatch nameMatch(LogName file);

    /** {@link #nameMatch(LogName)} of a path. */
    default NameMatch nameMatch(Path file) {
        return nameMatch(LogName.of(file));
    }

    /**
     * Whether the file whose first {@code length} bytes are at {@code address} is in the agent's format, for a file
     * whose name left it open. Sources are asked in the order of the registry, so the most lenient comes last.
     */
    boolean headMatches(long address, int length);

    /**
     * Whether each line of a file can be read without the lines before it. Then a big file is cut into segments that
     * several workers read, and a grown file is read from where the last run stopped; a format of cumulative
     * counters says no, and its files are read whole, in order, by one worker.
     */
    boolean linesStandAlone();

    /** A reader of the agent's lines for one scan worker, writing rows into {@code rows}. */
    LineReader newReader(RowSink rows);

    /**
     * Whether the agent's logs are SQLite databases. Such a file is not read as bytes: {@link #writeLines} writes its
     * records out as lines, which the source's reader reads as the file's lines. It is read whole, by one worker, and
     * again from the start whenever it or its write-ahead log ({@code <file>-wal}) changed: a database changes in
     * place.
     */
    default boolean logsAreDatabases() {
        return false;
    }

    /**
     * Writes the records of a database log ({@link #logsAreDatabases}) into {@code lines}, one record a line, each
     * ending with a newline. An exception (the database is locked, damaged, or no database) leaves the file unread:
     * the run reports it and the next run tries again.
     */
    default void writeLines(Path database, OutputStream lines) throws IOException {
        throw new UnsupportedOperationException(agent() + " keeps no database");
    }

    /** Copies a file's first bytes into memory a source can read, for {@link #headMatches}; allocates. */
    static boolean headMatches(Source source, byte[] head, int length) {
        long address = NativeMemory.allocate(Math.max(1, length));
        try {
            NativeMemory.copy(head, 0, address, length);
            return source.headMatches(address, length);
        } finally {
            NativeMemory.free(address);
        }
    }
}
