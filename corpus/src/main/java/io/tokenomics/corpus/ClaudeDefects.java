package io.tokenomics.corpus;

import static io.tokenomics.corpus.ClaudeLineFormat.renderLine;

import java.io.IOException;
import java.util.SplittableRandom;

/** Lines a robust reader must survive, inserted once in the middle of a main file. */
final class ClaudeDefects {
    final ClaudeSession session;
    final SplittableRandom r;
    final CorpusGenerator run;

    ClaudeDefects(ClaudeSession session) {
        this.session = session;
        this.r = session.r;
        this.run = session.run;
    }

    /** Lines a robust reader must survive, inserted once in the middle of the main file. */
    void insertDefectLines() throws IOException {
        if (session.has(ClaudeFeature.BLANK_LINES)) {
            session.mainFile.line(run.line.reset());
            session.mainFile.line(run.line.reset().ascii("   \t "));
        }
        if (session.has(ClaudeFeature.NOT_OBJECTS)) {
            for (String s : new String[] {"42", "\"text\"", "[1]", "null"}) {
                session.mainFile.line(run.line.reset().ascii(s));
                run.tally.notObject++;
            }
        }
        if (session.has(ClaudeFeature.UNKNOWN_TYPE)) {
            session.unknownTypeLine();
        }
        if (session.has(ClaudeFeature.NO_MESSAGE_ID)) {
            noMessageId();
        }
        if (session.has(ClaudeFeature.CUT_RECORD)) {
            Response phantom = session.responses.detachedResponse(session.main);
            renderLine(run.line, session.main, phantom, 0, session.main.lastUuid);
            session.mainFile.line(run.line.array, 0, cutPoint(run.line));
            run.tally.malformed++;
        }
        if (session.has(ClaudeFeature.GLUED_RECORDS)) {
            Conversation main = session.main;
            renderLine(run.line, main, session.responses.detachedResponse(main), 0, main.lastUuid);
            renderLine(run.aux, main, session.responses.detachedResponse(main), 0, main.lastUuid);
            run.line.bytes(run.aux.array, 0, run.aux.size); // two concurrent appends without a newline between
            session.mainFile.line(run.line);
            run.tally.malformed++;
        }
    }

    /** A hand-made style assistant line without message.id: nothing to dedup on, counted on its own. */
    private void noMessageId() throws IOException {
        Response resp = session.responses.detachedResponse(session.main);
        resp.id = null;
        resp.requestId = null;
        session.clock = resp.times[0];
        session.responses.writeResponse(session.main, resp, true);
    }

    /** Somewhere after the start; often after the usage object, so only a real parse can reject it. */
    int cutPoint(JsonBuffer b) {
        return r.nextBoolean() ? b.size - 1 - r.nextInt(Math.min(60, b.size - 1)) : 1 + r.nextInt(b.size - 1);
    }
}
