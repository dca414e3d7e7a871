package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.query.QuerySession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report that listed a lake's files before a machine compacted its partitions reads the compacted lake: the files
 * it listed are gone, and it lists the lake again rather than failing or missing rows.
 */
class LakeCompactionReadTest {
    /** Publishes of one machine before its partitions hold more files than a publish leaves there. */
    private static final int PUBLISHES_BEFORE_COMPACTION = 4;
    private static final String SESSIONS = "SELECT count(*) || ' ' || sum(turns) || ' ' || sum(prompts) || ' '"
            + " || sum(compactions) || ' ' || round(sum(cost_usd), 6) FROM sessions";

    @TempDir
    Path temp;

    @Test
    void shouldReadTheCompactedFilesWhenTheListedOnesVanish() throws Exception {
        Path data = temp.resolve("data");
        Path lake = temp.resolve("lake");
        List<String> corpora = new ArrayList<>();
        for (int publish = 1; publish <= PUBLISHES_BEFORE_COMPACTION; publish++) {
            addAndPublish(corpora, publish, data, lake);
        }
        try (QuerySession session = QuerySession.open(lake, ZoneOffset.UTC, 2)) {
            String before = text(session, "SELECT count(*) FROM turns");
            String published = addAndPublish(corpora, PUBLISHES_BEFORE_COMPACTION + 1, data, lake);
            assertTrue(published.contains("compacted"), published);
            String sessions = text(session, SESSIONS);
            try (QuerySession local = QuerySession.open(data, ZoneOffset.UTC, 2)) {
                assertEquals(text(local, SESSIONS), sessions);
                assertEquals(text(local, "SELECT count(*) FROM turns"), text(session, "SELECT count(*) FROM turns"));
                assertTrue(Long.parseLong(text(local, "SELECT count(*) FROM turns")) > Long.parseLong(before));
            }
        }
        try (Stream<Path> walk = Files.walk(lake.resolve("prompts"))) {
            assertTrue(walk.filter(Files::isDirectory).allMatch(f -> fileCount(f) <= PUBLISHES_BEFORE_COMPACTION));
        }
    }

    /** Generates a corpus of new sessions, ingests every corpus so far and publishes; returns publish's line. */
    private String addAndPublish(List<String> corpora, int seed, Path data, Path lake) throws Exception {
        Path corpus = temp.resolve("corpus" + seed);
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 4, 70 + seed, 0));
        corpora.add(corpus.toString());
        List<String> args = new ArrayList<>(List.of("ingest", "--data", data.toString(), "--host", "g", "--user",
                "gina", "--quiet", "--threads", "2"));
        args.addAll(corpora);
        ReportCorpus.Output ingest = ReportCorpus.run(args.toArray(new String[0]));
        assertEquals(0, ingest.code(), ingest.err());
        ReportCorpus.Output publish = ReportCorpus.run("publish", lake.toString(), "--data", data.toString(),
                "--threads", "2");
        assertEquals(0, publish.code(), publish.err());
        return publish.out();
    }

    private static long fileCount(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(QuerySession session, String sql) throws Exception {
        try (ResultSet rs = session.query(sql)) {
            rs.next();
            String value = rs.getString(1);
            rs.getStatement().close();
            return value;
        }
    }
}
