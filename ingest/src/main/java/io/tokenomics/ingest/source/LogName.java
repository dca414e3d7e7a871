package io.tokenomics.ingest.source;

import java.nio.file.Path;

/**
 * A file's name and the names of the folders above it, each made once: discovery asks every source in turn whether a
 * file is one of its logs ({@link Source#nameMatch}), and the sources that look for a folder walked the path's parents
 * each, allocating a path and a string per folder per source (about 10 KB per file, most of discovery's garbage).
 */
public final class LogName {
    private final Path path;
    private final String name;
    /** The folders' names, nearest first, without the root; made when a source first asks. */
    private String[] folders;

    private LogName(Path path, String name) {
        this.path = path;
        this.name = name;
    }

    /** The names of {@code file}, which has a file name (not a root). */
    public static LogName of(Path file) {
        Path fileName = file.getFileName();
        return new LogName(file, fileName == null ? "" : fileName.toString());
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** The file's own name. */
    public String name() {
        return name;
    }

    /**
     * The name of the folder {@code up} levels above the file (0: the folder that holds it), or null past the
     * topmost named folder (a root has no name).
     */
    public String folder(int up) {
        String[] names = folders();
        return up < names.length ? names[up] : null;
    }

    /** Whether the folder {@code up} levels above the file is named {@code folderName}. */
    public boolean folderIs(int up, String folderName) {
        return folderName.equals(folder(up));
    }

    /**
     * Whether a folder above the file named {@code folderName} sits directly in one named {@code parentName}: an
     * agent's folder inside its home, wherever that home is.
     */
    public boolean hasFolderIn(String folderName, String parentName) {
        for (int up = 0; up + 1 < folderCount(); up++) {
            if (folderIs(up, folderName) && folderIs(up + 1, parentName)) {
                return true;
            }
        }
        return false;
    }

    /** How many named folders are above the file. */
    public int folderCount() {
        return folders().length;
    }

    private String[] folders() {
        if (folders == null) {
            int count = Math.max(0, path.getNameCount() - 1);
            String[] names = new String[count];
            for (int i = 0; i < count; i++) {
                names[i] = path.getName(count - 1 - i).toString();
            }
            folders = names;
        }
        return folders;
    }
}
