package io.tokenomics.cli;

import io.tokenomics.ingest.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar of the scan on stderr (files, MB, MB/s, time left), drawn by the progressbar library. Only on a
 * terminal: piped or redirected output, {@code --quiet} and CI logs get nothing extra.
 */
final class IngestProgress implements ProgressListener {
    private ProgressBar bar;

    /** The listener for this run: a bar on a terminal, nothing otherwise. */
    static ProgressListener forTerminal(boolean quiet) {
        return quiet || System.console() == null ? ProgressListener.NONE : new IngestProgress();
    }

    @Override
    public synchronized void onStart(long files, long bytes) {
        bar = new ProgressBarBuilder()
                .setTaskName(String.format("%,d files", files))
                .setInitialMax(Math.max(1, bytes))
                .setUnit(" MB", 1_000_000)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200)
                .build();
    }

    @Override
    public void onBytes(long bytes) {
        ProgressBar current = bar;
        if (current != null) {
            current.stepBy(bytes);
        }
    }

    @Override
    public synchronized void onScanned() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
            bar = null;
        }
    }
}
