package io.tokenomics.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tokenomics.ingest.amp.AmpSource;
import io.tokenomics.ingest.copilot.CopilotSource;
import io.tokenomics.ingest.droid.DroidSource;
import io.tokenomics.ingest.gemini.GeminiSource;
import io.tokenomics.ingest.goose.GooseSource;
import io.tokenomics.ingest.kimi.KimiSource;
import io.tokenomics.ingest.opencode.OpenCodeSource;
import io.tokenomics.ingest.pi.OpenClawSource;
import io.tokenomics.ingest.qwen.QwenSource;
import io.tokenomics.ingest.source.Source.NameMatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The folders above a file as the sources read them, and the rules of the sources that look at folders: at the top
 * of an absolute path (the root has no name) and of a relative one, where a folder the rule needs is missing.
 */
class LogNameTest {
    @Test
    void shouldNameTheFoldersNearestFirstWithoutTheRoot() {
        LogName absolute = LogName.of(Path.of("/home/u/.qwen/projects/p/chats/s.jsonl"));
        assertEquals("s.jsonl", absolute.name());
        assertEquals(6, absolute.folderCount());
        assertEquals("chats", absolute.folder(0));
        assertEquals("p", absolute.folder(1));
        assertEquals("home", absolute.folder(5));
        assertNull(absolute.folder(6));

        LogName relative = LogName.of(Path.of("sessions/x.jsonl"));
        assertEquals(1, relative.folderCount());
        assertEquals("sessions", relative.folder(0));
        assertNull(relative.folder(1));
        assertEquals(0, LogName.of(Path.of("/x.jsonl")).folderCount());
    }

    @Test
    void shouldMatchTheSourcesThatLookAtFoldersAsTheirFormatsPlaceTheFiles() {
        assertMatch(new QwenSource(), "/h/.qwen/projects/p/chats/s.jsonl", NameMatch.MINE);
        assertMatch(new QwenSource(), "projects/p/chats/s.jsonl", NameMatch.MINE);
        assertMatch(new QwenSource(), "/h/projects/chats/s.jsonl", NameMatch.NOT_MINE);
        assertMatch(new QwenSource(), "p/chats/s.jsonl", NameMatch.NOT_MINE);

        assertMatch(new DroidSource(), "/h/.factory/sessions/x.jsonl", NameMatch.NOT_A_LOG);
        assertMatch(new DroidSource(), "/h/.factory/sessions/project/x.jsonl", NameMatch.NOT_A_LOG);
        assertMatch(new DroidSource(), "sessions/x.jsonl", NameMatch.NOT_MINE);
        assertMatch(new DroidSource(), "/h/factory/sessions/x.jsonl", NameMatch.NOT_MINE);

        assertMatch(new KimiSource(), "/h/.kimi/sessions/a/b/x.jsonl", NameMatch.NOT_A_LOG);
        assertMatch(new KimiSource(), "/h/.kimi-code/sessions/x.jsonl", NameMatch.NOT_A_LOG);
        assertMatch(new KimiSource(), "/sessions/x.jsonl", NameMatch.NOT_MINE);
        assertMatch(new KimiSource(), "/h/.kimi/sessions/a/wire.jsonl", NameMatch.MINE);

        assertMatch(new OpenCodeSource(), "/h/storage/message/ses_1/msg_1.json", NameMatch.MINE);
        assertMatch(new OpenCodeSource(), "message/msg_1.json", NameMatch.NOT_MINE);
        assertMatch(new OpenCodeSource(), "/h/message/storage/msg_1.json", NameMatch.NOT_MINE);

        assertMatch(new AmpSource(), "/h/amp/threads/T-1.json", NameMatch.MINE);
        assertMatch(new AmpSource(), "/threads/a/T-1.json", NameMatch.MINE);
        assertMatch(new AmpSource(), "/h/amp/T-1.json", NameMatch.NOT_MINE);

        assertMatch(new CopilotSource(), "/h/session-state/s1/events.jsonl", NameMatch.MINE);
        assertMatch(new CopilotSource(), "s1/events.jsonl", NameMatch.MAYBE);
        assertMatch(new CopilotSource(), "/h/otel/x.jsonl", NameMatch.MINE);

        assertMatch(new OpenClawSource(), "/h/agents/main/sessions/s.jsonl", NameMatch.MINE);
        assertMatch(new OpenClawSource(), "agents/main/sessions/s.jsonl", NameMatch.MINE);
        assertMatch(new OpenClawSource(), "/main/sessions/s.jsonl", NameMatch.NOT_MINE);

        assertMatch(new GeminiSource(), "/h/tmp/p/chats/session-1.json", NameMatch.MINE);
        assertMatch(new GeminiSource(), "session-1.json", NameMatch.NOT_MINE);

        assertMatch(new GooseSource(), "/h/goose/sessions/sessions.db", NameMatch.MINE);
        assertMatch(new GooseSource(), "sessions.db", NameMatch.NOT_MINE);
    }

    private static void assertMatch(Source source, String path, NameMatch expected) {
        assertEquals(expected, source.nameMatch(Path.of(path)), source.agent() + " " + path);
    }
}
