package io.tokenomics.columnar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Folders the program makes for itself and removes whole: a run's staging, a generated corpus, a test's dataset. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code path} and everything below it; nothing when it does not exist. Symlinks are not followed. */
    public static void delete(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
