package io.tokenomics.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a lake can hold that it should not, and what becomes of it: a clear message that names the file or the host,
 * and never a wrong total. Two machines under one host name, what a publish that stopped leaves, a file cut short,
 * a file of an older format, a file that is not Parquet.
 */
class LakeBadInputTest {
    @TempDir
    Path temp;
    Path lake;
    Path data;

    @BeforeEach
    void lake() throws Exception {
        lake = temp.resolve("lake");
        data = LakeCorpus.ingest(temp, "a", 51, "ann", "shared-name");
        Lake.publish(LakeCorpus.options(data, lake));
    }

    @Test
    void shouldRefuseASecondMachineThatClaimsAHostNameAndLeaveTheLakeAsItWas() throws Exception {
        Path other = LakeCorpus.ingest(temp, "b", 52, "bob", "shared-name");
        List<Path> before = LakeCorpus.files(lake);
        LakeException e = assertThrows(LakeException.class, () -> Lake.publish(LakeCorpus.options(other, lake)));
        assertTrue(e.getMessage().contains("the host name shared-name is already published into " + lake
                + " by another machine"), e.getMessage());
        assertTrue(e.getMessage().contains("--host"), e.getMessage());
        assertEquals(before, LakeCorpus.files(lake));
    }

    @Test
    void shouldCountOnceAndWarnWhenTwoMachinesFilesMeetUnderOneHostName() throws Exception {
        // The claim bypassed: the same transcripts published by another dataset under the same name, synced in.
        Path copy = temp.resolve("copy");
        Lake.publish(LakeCorpus.options(LakeCorpus.ingest(temp, "a2", 51, "ann", "shared-name"), copy));
        LakeCorpus.copyHost(copy, lake, "shared-name");
        LakeListing listing = Lake.list(lake);
        assertEquals(1, listing.warnings().size(), listing.warnings().toString());
        assertTrue(listing.warnings().get(0).startsWith("host shared-name was published from 2 machines"),
                listing.warnings().get(0));
        assertEquals(distinctTurns(listing), turns(listing), "each response once");
        assertTrue(raw(listing) > turns(listing));
    }

    @Test
    void shouldIgnoreAndNameWhatAStoppedPublishLeftAndRemoveItAtTheNextPublish() throws Exception {
        double before = turns(Lake.list(lake));
        String publisher = Files.readString(data.resolve(Publisher.PUBLISHER_FILE)).strip();
        Path leftover = lake.resolve(".staging-" + publisher + "-20261101T101500000Z/turns/host=shared-name"
                + "/month=2026-10/part0.parquet");
        Files.createDirectories(leftover.getParent());
        Path whole = LakeCorpus.files(lake.resolve("turns")).get(0);
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(leftover, Arrays.copyOf(bytes, bytes.length / 2));

        LakeListing listing = Lake.list(lake);
        assertEquals(1, listing.warnings().size());
        assertTrue(listing.warnings().get(0).contains("a publish in progress, or one that stopped before it "
                + "finished"), listing.warnings().get(0));
        assertEquals(before, turns(listing), "the leftover is not read");

        PublishSummary next = Lake.publish(LakeCorpus.options(data, lake));
        assertEquals(1, next.leftoversRemoved());
        assertTrue(next.line().contains("removed 1 staging folder(s) of a publish that stopped"), next.line());
        assertTrue(Lake.list(lake).warnings().isEmpty());
    }

    @Test
    void shouldStopAtATableFileCutShortAndNameIt() throws Exception {
        Path file = LakeCorpus.files(lake.resolve("turns")).get(0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        LakeException e = assertThrows(LakeException.class, () -> Lake.list(lake));
        assertTrue(e.getMessage().contains(file + ": not a whole Parquet file"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was read"), e.getMessage());
        assertThrows(LakeException.class, () -> Lake.publish(LakeCorpus.options(data, lake)),
                "publish reads the lake too");
    }

    @Test
    void shouldStopAtAFileOfAnOlderFormatAndAtALakeOfANewerOne() throws Exception {
        Path file = LakeCorpus.files(lake.resolve("turns")).get(0);
        Path older = file.resolveSibling(file.getFileName().toString().replaceFirst("^v1-", "v0-"));
        Files.move(file, older);
        LakeException e = assertThrows(LakeException.class, () -> Lake.list(lake));
        assertTrue(e.getMessage().contains(older + ": written in lake format 0 by an older tokenomics"),
                e.getMessage());
        assertTrue(e.getMessage().contains("publish from host shared-name again"), e.getMessage());
        Files.move(older, file);

        Files.writeString(lake.resolve("tokenomics-lake.json"), "{\"format\": 2}\n");
        e = assertThrows(LakeException.class, () -> Lake.list(lake));
        assertTrue(e.getMessage().contains("is a lake of format 2; this version of tokenomics reads format 1"),
                e.getMessage());
    }

    @Test
    void shouldStopAtAFileThatIsNotParquetAndLeaveHiddenOnesAlone() throws Exception {
        Path hostFolder = lake.resolve("turns/host=shared-name");
        Files.writeString(hostFolder.resolve(".DS_Store"), "finder");
        Files.writeString(lake.resolve("turns/_SUCCESS"), "");
        double before = turns(Lake.list(lake));

        Path notes = hostFolder.resolve("notes.txt");
        Files.writeString(notes, "not a table");
        LakeException e = assertThrows(LakeException.class, () -> Lake.list(lake));
        assertTrue(e.getMessage().contains(notes + ": not a file that publish writes"), e.getMessage());
        Files.delete(notes);

        Path fake = LakeCorpus.files(hostFolder).stream().filter(f -> f.toString().endsWith(".parquet")).findFirst()
                .orElseThrow().resolveSibling(
                "v1-0123456789ab-20261101T101500000Z-9.parquet");
        Files.writeString(fake, "{\"json\": \"not parquet\"}");
        e = assertThrows(LakeException.class, () -> Lake.list(lake));
        assertTrue(e.getMessage().contains(fake + ": not a whole Parquet file"), e.getMessage());
        Files.delete(fake);
        assertEquals(before, turns(Lake.list(lake)));
    }

    private static double turns(LakeListing listing) throws Exception {
        return number("SELECT count(*) FROM (" + Lake.duckDbTable(listing, Table.TURNS) + ")");
    }

    private static double raw(LakeListing listing) throws Exception {
        return number("SELECT count(*) FROM (" + LakeReads.raw(Table.TURNS, listing.files(Table.TURNS)) + ")");
    }

    private static double distinctTurns(LakeListing listing) throws Exception {
        return number("SELECT count(DISTINCT " + LakeSql.key(Table.TURNS, "", Engine.DUCKDB) + ") FROM ("
                + LakeReads.raw(Table.TURNS, listing.files(Table.TURNS)) + ")");
    }

    private static double number(String sql) throws Exception {
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
