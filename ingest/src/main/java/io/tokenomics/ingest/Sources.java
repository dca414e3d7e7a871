package io.tokenomics.ingest;

import io.tokenomics.ingest.claude.ClaudeSource;
import io.tokenomics.ingest.codex.CodexSource;
import io.tokenomics.ingest.copilot.CopilotSource;
import io.tokenomics.ingest.gemini.GeminiSource;
import io.tokenomics.ingest.source.Source;
import java.util.List;

/** The agents whose logs the ingest reads. Adding one adds its package and a line here. */
final class Sources {
    /**
     * In the order a file whose name leaves its format open is offered to them: the most specific first, Claude
     * Code last, whose reader takes any JSON Lines file.
     */
    static final List<Source> ALL = List.of(new CodexSource(), new GeminiSource(), new CopilotSource(),
            new ClaudeSource());

    private Sources() {
    }
}
