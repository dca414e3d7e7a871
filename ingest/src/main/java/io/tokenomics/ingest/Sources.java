package io.tokenomics.ingest;

import io.tokenomics.ingest.amp.AmpSource;
import io.tokenomics.ingest.claude.ClaudeSource;
import io.tokenomics.ingest.codebuff.CodebuffSource;
import io.tokenomics.ingest.codex.CodexSource;
import io.tokenomics.ingest.copilot.CopilotSource;
import io.tokenomics.ingest.droid.DroidSource;
import io.tokenomics.ingest.gemini.GeminiSource;
import io.tokenomics.ingest.goose.GooseSource;
import io.tokenomics.ingest.hermes.HermesSource;
import io.tokenomics.ingest.kimi.KimiSource;
import io.tokenomics.ingest.pi.OpenClawSource;
import io.tokenomics.ingest.pi.PiSource;
import io.tokenomics.ingest.qwen.QwenSource;
import io.tokenomics.ingest.opencode.OpenCodeDatabaseSource;
import io.tokenomics.ingest.opencode.OpenCodeSource;
import io.tokenomics.ingest.source.Source;
import java.util.List;

/** The agents whose logs the ingest reads. Adding one adds its package and a line here. */
final class Sources {
    /**
     * In the order a file whose name leaves its format open is offered to them: the most specific first, Claude
     * Code last, whose reader takes any JSON Lines file. Qwen Code comes before Gemini CLI: both keep chats in a
     * {@code chats} folder, and a chat under {@code projects/} is Qwen Code's whatever its name. pi and OpenClaw come
     * before Claude Code: an OpenClaw transcript is named {@code <uuid>.jsonl}, as a Claude transcript is. Hermes
     * comes before the sources whose readers would take any file named to them: a {@code state.db} outside
     * {@code .hermes} is Hermes's by its SQLite header.
     */
    static final List<Source> ALL = List.of(new CodexSource(), new QwenSource(), new KimiSource(), new DroidSource(),
            new GeminiSource(), new CopilotSource(), OpenCodeDatabaseSource.openCode(), new OpenCodeSource(),
            OpenCodeDatabaseSource.kilo(), new GooseSource(), new HermesSource(), new AmpSource(), new CodebuffSource(),
            new PiSource(), new OpenClawSource(), new ClaudeSource());

    private Sources() {
    }
}
