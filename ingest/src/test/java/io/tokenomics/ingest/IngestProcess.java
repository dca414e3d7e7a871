package io.tokenomics.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An ingest in a JVM of its own, for the tests that kill one or race one from another process. Arguments: the data
 * directory, the root to ingest, the thread count, and optionally {@code pause}. It prints {@code running} just
 * before the ingest starts, {@code scanning} when the first segment has been read (the dataset lock is held from
 * then on), {@code scanned} when the commit begins, and {@code done} or {@code locked} at the end. With
 * {@code pause} it stops after {@code scanning} until its standard input is closed, holding the lock.
 */
final class IngestProcess {
    private IngestProcess() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path data = Path.of(args[0]);
        Path root = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        boolean pause = args.length > 3 && args[3].equals("pause");
        AtomicBoolean first = new AtomicBoolean(true);
        ProgressListener progress = new ProgressListener() {
            @Override
            public void onBytes(long bytes) {
                if (first.getAndSet(false)) {
                    say("scanning");
                    if (pause) {
                        waitForEndOfInput();
                    }
                }
            }

            @Override
            public void onScanned() {
                say("scanned");
            }
        };
        say("running");
        try {
            IngestSummary summary = Ingest.run(Ingest.builder(List.of(root), data).threads(threads).host("child")
                    .progress(progress).build());
            say("done " + summary.turnsTotal());
        } catch (Ingest.LockedException e) {
            say("locked " + e.getMessage());
            System.exit(3);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void waitForEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // Only the end of the stream matters.
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
