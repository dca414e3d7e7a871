package io.tokenomics.cli;

import io.tokenomics.ingest.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * One line on stderr before an ingest that a command runs ahead of its report (a report's refresh, {@code demo}) when
 * it has enough to read to take seconds, as a first report over months of logs does: no command waits silently
 * (issue 20). {@code ingest} draws its progress bar instead.
 */
final class IngestNotice implements ProgressListener {
    /**
     * Bytes to read from which the line is printed: about a third of a second of a full ingest on two cores at the
     * README's 709 MB/s, so a second or more on a slower or busier machine.
     */
    static final long BYTES = 256_000_000L;

    private final PrintWriter err;

    private IngestNotice(PrintWriter err) {
        this.err = err;
    }

    /** The listener for a refresh before a report: none with {@code --quiet}. */
    static ProgressListener beforeReport(PrintWriter err, boolean quiet) {
        return quiet ? ProgressListener.NONE : new IngestNotice(err);
    }

    @Override
    public void onStart(long files, long bytes) {
        if (bytes >= BYTES) {
            err.printf(Locale.ROOT, "tokenomics: reading %,d new or grown files (%,d MB) before the report ...%n",
                    files, bytes / 1_000_000);
            err.flush();
        }
    }

    @Override
    public void onBytes(long bytes) {
    }
}
