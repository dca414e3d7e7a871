package io.tokenomics.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;

/**
 * Finds transcript files under the given roots: a Claude config dir (holding {@code projects/}), a
 * {@code projects/} dir, any folder of {@code .jsonl} files (searched recursively, sub-agent folders included), or one
 * file. Files reached twice (overlapping roots, symlinks) are listed once. Paths that cannot be read are reported,
 * not fatal.
 */
public final class Discovery {
    private final List<String> problems = new ArrayList<>();
    private final Set<Object> seen = new HashSet<>();
    private final boolean parallel;

    /** {@code threads}: the cores the walk may use; with one, it walks on the calling thread alone. */
    public Discovery(int threads) {
        this.parallel = threads > 1;
    }

    /** What could not be listed, one line each ("path: reason"). */
    public List<String> problems() {
        return problems;
    }

    /** The default roots of every agent ({@link Source#defaultRoots}), under {@code user.home}. */
    public static List<Path> defaultRoots(Map<String, String> environment) {
        Path home = Path.of(System.getProperty("user.home"));
        List<Path> roots = new ArrayList<>();
        for (Source source : Sources.ALL) {
            roots.addAll(source.defaultRoots(environment, home));
        }
        return roots;
    }

    /** Lists the transcript files under the roots, sorted by path. Roots that do not exist are skipped silently. */
    public List<SourceFile> discover(List<Path> roots, boolean reportMissingRoots) {
        Map<Path, SourceFile> found = new TreeMap<>();
        for (Path root : roots) {
            Path absolute = root.toAbsolutePath().normalize();
            if (!Files.exists(absolute)) {
                if (reportMissingRoots) {
                    problems.add(absolute + ": no such file or directory");
                }
                continue;
            }
            if (Files.isRegularFile(absolute)) {
                add(found, absolute, projectsDirOf(absolute));
                continue;
            }
            if (!Files.isDirectory(absolute)) {
                // A pipe, a device or a socket: opening one to list or read it may block for ever.
                problems.add(absolute + ": not a file or folder of logs (a pipe, a device or a socket): not read");
                continue;
            }
            Path projects = absolute.resolve("projects");
            if (!Files.isDirectory(projects)) {
                walk(absolute, found);
                continue;
            }
            // A Claude config dir: its transcripts are under projects/ (the rest is history, todos, settings). Another
            // agent's home kept inside it is read too.
            walk(projects, found);
            try (java.util.stream.Stream<Path> children = Files.list(absolute)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    for (Source source : Sources.ALL) {
                        for (String folder : source.nestedHomeFolders()) {
                            if (Files.isDirectory(child.resolve(folder))) {
                                walk(child.resolve(folder), found);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                problems.add(absolute + ": " + describe(e));
            }
        }
        return new ArrayList<>(found.values());
    }

    private void walk(Path walkRoot, Map<Path, SourceFile> found) {
        Path projectsDir = walkRoot.getFileName() != null && walkRoot.getFileName().toString().equals("projects")
                ? walkRoot : projectsDirOf(walkRoot);
        Path base = projectsDir != null ? projectsDir : walkRoot;
        List<Path> children = new ArrayList<>();
        Object rootKey;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(walkRoot)) {
            entries.forEach(children::add);
            rootKey = Files.readAttributes(walkRoot, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            problems.add(walkRoot + ": " + describe(e));
            return;
        }
        // The entries of the root (a folder per project) are walked on all cores, each into a list of its own, and
        // the lists are taken in the order of the listing: what is found, and which path of a file reached twice
        // comes first, are those of one walk of the whole tree. On one core the walk of a large tree was a visible
        // part of a run (docs/performance.md, "Figures behind code comments").
        List<Walk> walks = (parallel ? children.parallelStream() : children.stream())
                .map(child -> walkEntry(child, base, rootKey)).toList();
        for (Walk walk : walks) {
            problems.addAll(walk.problems);
            walk.files.forEach(file -> add(found, file));
        }
    }

    /** What the walk of one entry of a root found: files, and what could not be read. */
    private static final class Walk {
        final List<Found> files = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
    }

    /** A transcript found, with its identity: its file key (device and inode) where the platform has one. */
    private record Found(SourceFile file, Object key) {
        static Found of(Path file, Path base, BasicFileAttributes attributes, Source source) {
            Path path = file.toAbsolutePath().normalize();
            return new Found(describe(path, base, attributes, source),
                    attributes.fileKey() != null ? attributes.fileKey() : path);
        }
    }

    /**
     * Walks one entry of a root. The walk of one entry does not have the root among the folders it compares a
     * symlinked folder with, so a link back to the root is caught here, as a loop, as one walk of the root would.
     */
    private static Walk walkEntry(Path entry, Path base, Object rootKey) {
        Walk walk = new Walk();
        try {
            Files.walkFileTree(entry, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            if (rootKey != null && rootKey.equals(attributes.fileKey())) {
                                walk.problems.add(dir + ": " + describe(new FileSystemLoopException(dir.toString())));
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            if (attributes.isRegularFile()) {
                                Source source = sourceOf(file, false);
                                if (source != null) {
                                    walk.files.add(Found.of(file, base, attributes, source));
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            walk.problems.add(file + ": " + describe(e));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            walk.problems.add(entry + ": " + describe(e));
        }
        return walk;
    }

    private void add(Map<Path, SourceFile> found, Path file, Path base) {
        Source source = sourceOf(file, true);
        if (source == null) {
            problems.add(file + ": not a log of any agent we read");
            return;
        }
        try {
            add(found, Found.of(file, base, Files.readAttributes(file, BasicFileAttributes.class), source));
        } catch (IOException e) {
            problems.add(file + ": " + describe(e));
        }
    }

    /**
     * Adds a file unless it was found before: a file reached twice (overlapping roots, symlinked folders) is listed
     * once, under the first path found.
     */
    private void add(Map<Path, SourceFile> found, Found file) {
        if (seen.add(file.key())) {
            found.put(file.file().path(), file.file());
        }
    }

    private static SourceFile describe(Path path, Path base, BasicFileAttributes attributes, Source source) {
        String stem = stem(path);
        String agent = stem.startsWith("agent-") ? stem.substring("agent-".length()) : null;
        String project;
        String session;
        Path relative = base != null && path.startsWith(base) && !path.equals(base) ? base.relativize(path) : null;
        boolean underProjects = base != null && base.getFileName() != null
                && base.getFileName().toString().equals("projects");
        if (relative != null && underProjects && relative.getNameCount() >= 2) {
            // projects/<project>/<session>.jsonl or projects/<project>/<session>/.../<file>.jsonl
            project = relative.getName(0).toString();
            session = relative.getNameCount() == 2 ? stem : relative.getName(1).toString();
        } else {
            Path parent = path.getParent();
            boolean inSubagents = parent != null && parent.getFileName() != null
                    && parent.getFileName().toString().equals("subagents") && parent.getParent() != null;
            Path sessionDir = inSubagents ? parent.getParent() : null;
            session = sessionDir != null ? sessionDir.getFileName().toString() : stem;
            Path projectDir = sessionDir != null ? sessionDir.getParent() : parent;
            project = projectDir != null && projectDir.getFileName() != null
                    ? projectDir.getFileName().toString() : "";
        }
        Object key = attributes.fileKey();
        long size = attributes.size();
        long mtimeMillis = attributes.lastModifiedTime().toMillis();
        if (source.logsAreDatabases()) {
            // What was written since the last checkpoint is in the write-ahead log, which changes while the
            // database file does not: its size and time are the database's too.
            try {
                BasicFileAttributes log = Files.readAttributes(path.resolveSibling(path.getFileName() + "-wal"),
                        BasicFileAttributes.class);
                size += log.size();
                mtimeMillis = Math.max(mtimeMillis, log.lastModifiedTime().toMillis());
            } catch (IOException noLog) {
                // No write-ahead log: everything is in the database file.
            }
        }
        return new SourceFile(path, size, mtimeMillis, project, session, agent, source,
                key == null ? "" : key.toString());
    }

    /**
     * The agent a file is a log of, or null: the first source whose name match is certain (null when that source
     * knows it for a file of its own that is no log), else, reading the file's first bytes, the first that may have it
     * and recognizes its head ({@link Sources#ALL} gives the order). A file the user named ({@code given}) may be any
     * of them, whatever its name.
     */
    static Source sourceOf(Path file, boolean given) {
        List<Source> maybe = new ArrayList<>(2);
        LogName name = LogName.of(file);
        for (Source source : Sources.ALL) {
            Source.NameMatch match = source.nameMatch(name);
            if (match == Source.NameMatch.MINE) {
                return source;
            }
            if (match == Source.NameMatch.NOT_A_LOG) {
                return null;
            }
            if (match == Source.NameMatch.MAYBE || given) {
                maybe.add(source);
            }
        }
        if (maybe.isEmpty()) {
            return null;
        }
        byte[] head = new byte[4096];
        int n;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            // Unreadable now: the last source that may have it takes it, and the scan reports what it cannot read.
            return maybe.get(maybe.size() - 1);
        }
        for (Source source : maybe) {
            if (Source.headMatches(source, head, n)) {
                return source;
            }
        }
        return null;
    }

    /** The nearest enclosing folder named {@code projects}, or null. */
    private static Path projectsDirOf(Path path) {
        for (Path p = path.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("projects")) {
                return p;
            }
        }
        return null;
    }

    private static String stem(Path path) {
        String name = path.getFileName().toString();
        if (name.endsWith(".jsonl.zst")) {
            return name.substring(0, name.length() - ".jsonl.zst".length());
        }
        return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "symlink loop";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

}
