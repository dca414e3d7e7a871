package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenomics.ingest.ProgressListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The line a report's refresh prints on stderr before it reads enough to take seconds, and only then. */
class IngestNoticeTest {
    @Test
    void shouldSayWhatItReadsWhenItIsEnoughToTakeSeconds() {
        StringWriter err = new StringWriter();
        ProgressListener notice = IngestNotice.beforeReport(new PrintWriter(err), false);
        notice.onStart(3, IngestNotice.BYTES - 1);
        assertEquals("", err.toString());
        notice.onStart(5_694, 1_020_000_000L);
        assertEquals("tokenomics: reading 5,694 new or grown files (1,020 MB) before the report ..."
                + System.lineSeparator(), err.toString());
    }

    @Test
    void shouldSayNothingWhenQuiet() {
        StringWriter err = new StringWriter();
        IngestNotice.beforeReport(new PrintWriter(err), true).onStart(5_694, 1_020_000_000L);
        assertEquals("", err.toString());
    }
}
