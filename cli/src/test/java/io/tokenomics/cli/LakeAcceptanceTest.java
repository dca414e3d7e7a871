package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.corpus.CorpusGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23's "Done when": three machines' datasets published into one lake report what the three report apart; plain
 * DuckDB reads the same tokens; a second publish adds no file; a fourth machine whose transcripts repeat part of the
 * first's adds only what is new; and a response that reached the lake from two machines counts once.
 */
class LakeAcceptanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TOKENS = {"inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens",
        "totalTokens"};

    @TempDir
    Path temp;

    @Test
    void shouldReportOverALakeWhatTheMachinesReportApartAndCountEachResponseOnce() throws Exception {
        Path lake = temp.resolve("lake");
        Map<String, double[]> sumOfThree = new TreeMap<>();
        Path firstCorpus = null;
        for (int host = 1; host <= 3; host++) {
            Path corpus = generate("corpus" + host, 30 + host);
            firstCorpus = host == 1 ? corpus : firstCorpus;
            Path data = ingest(corpus, "data" + host, "h" + host, "person" + host);
            add(sumOfThree, daily(data));
            publish(data, lake);
        }
        try (Stream<Path> hosts = Files.list(lake.resolve("turns"))) {
            assertEquals(3, hosts.count(), "a folder per host");
        }
        Map<String, double[]> overLake = daily(lake);
        assertSameDays(sumOfThree, overLake);

        double[] total = new double[TOKENS.length];
        overLake.values().forEach(day -> addInto(total, day));
        String plain = "SELECT sum(input_tokens), sum(output_tokens),"
                + " sum(cache_write_5m_tokens + cache_write_1h_tokens), sum(cache_read_tokens),"
                + " sum(input_tokens + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens"
                + " + cache_read_tokens) FROM read_parquet("
                + DuckDb.literal(lake + "/turns/**/*.parquet") + ", hive_partitioning = true)";
        double[] read = numbers(plain);
        for (int i = 0; i < TOKENS.length; i++) {
            assertEquals(total[i], read[i], TOKENS[i]);
        }

        // Per person: --user keeps one person's rows, --by user splits each day by person.
        assertSameDays(daily(temp.resolve("data2")), daily(lake, "--user", "person2"));
        ReportCorpus.Output byUser = ReportCorpus.run("daily", "--json", "--data", lake.toString(), "--tz", "UTC",
                "--by", "user");
        assertEquals(0, byUser.code(), byUser.err());
        Map<String, double[]> personThree = new TreeMap<>();
        for (JsonNode row : JSON.readTree(byUser.out()).get("daily")) {
            if (row.get("user").asText().equals("person3")) {
                personThree.put(row.get("date").asText(), values(row));
            }
        }
        assertSameDays(daily(temp.resolve("data3")), personThree);
        ReportCorpus.Output byOnTail = ReportCorpus.run("tail", "--data", lake.toString(), "--by", "user");
        assertEquals(2, byOnTail.code(), byOnTail.out());
        assertTrue(byOnTail.err().contains("--by splits the periods of daily, weekly and monthly"), byOnTail.err());

        // The dashboard's spend per person: each person's cost is their daily --user total.
        Path page = temp.resolve("dashboard.html");
        ReportCorpus.Output dashboard = ReportCorpus.run("dashboard", "--data", lake.toString(), "--out",
                page.toString(), "--tz", "UTC");
        assertEquals(0, dashboard.code(), dashboard.err());
        String html = Files.readString(page);
        int data = html.indexOf('>', html.indexOf("<script id=\"tokenomics-data\"")) + 1;
        JsonNode people = JSON.readTree(html.substring(data, html.indexOf("</script>", data))).get("people");
        assertEquals(3, people.size(), people.toString());
        for (JsonNode person : people) {
            double cost = 0;
            for (double[] day : daily(lake, "--user", person.get("user").asText()).values()) {
                cost += day[TOKENS.length];
            }
            assertEquals(cost, person.get("cost_usd").asDouble(), 1e-6, person.toString());
            assertEquals("h" + person.get("user").asText().substring("person".length()), person.get("hosts").asText());
        }

        List<Path> before = files(lake);
        ReportCorpus.Output again = publish(temp.resolve("data1"), lake);
        assertTrue(again.out().startsWith("nothing new to publish"), again.out());
        assertEquals(before, files(lake), "a second publish adds no file");

        // A fourth machine: a corpus of its own, and half of the first machine's transcripts (a synced folder).
        Path fourth = generate("corpus4", 34);
        copyHalf(firstCorpus.resolve("projects"), fourth.resolve("projects/synced"));
        Path data4 = ingest(fourth, "data4", "h4", "person4");
        String newToLake = "SELECT count(*) FROM " + turns(data4) + " WHERE " + key("") + " NOT IN (SELECT "
                + key("") + " FROM " + turns(temp.resolve("data1")) + ")";
        double expectedNew = numbers(newToLake)[0];
        double ownTurns = numbers("SELECT count(*) FROM " + turns(data4))[0];
        assertTrue(expectedNew < ownTurns, "the fourth corpus repeats responses the lake holds");
        publish(data4, lake);
        String hostFour = "read_parquet(" + DuckDb.literal(lake + "/turns/host=h4/**/*.parquet") + ")";
        assertEquals(expectedNew, numbers("SELECT count(*) FROM " + hostFour)[0], "only what is new to the lake");

        // One dataset that read all four corpora is the truth the lake must equal.
        Path all = temp.resolve("all");
        for (int host = 1; host <= 4; host++) {
            assertEquals(0, ReportCorpus.run("ingest", temp.resolve("corpus" + host).toString(), "--data",
                    all.toString(), "--quiet", "--threads", "2").code());
        }
        Map<String, double[]> truth = daily(all);
        assertSameDays(truth, daily(lake));

        // The same responses reaching the lake from two machines (published at once, before either saw the
        // other's files): the reports still count each once.
        Path twice = temp.resolve("twice");
        publish(temp.resolve("data1"), twice);
        Path other = temp.resolve("other-lake");
        publish(data4, other);
        for (String table : List.of("turns", "tool_uses", "tool_results", "prompts", "compactions", "rejects")) {
            copyTree(other.resolve(table).resolve("host=h4"), twice.resolve(table).resolve("host=h4"));
        }
        double rawTurns = numbers("SELECT count(*) FROM read_parquet(" + DuckDb.literal(twice + "/turns/**/*.parquet")
                + ")")[0];
        double distinctTurns = numbers("SELECT count(DISTINCT " + key("") + ") FROM read_parquet("
                + DuckDb.literal(twice + "/turns/**/*.parquet") + ")")[0];
        assertTrue(rawTurns > distinctTurns, "the lake holds responses from two machines");
        Path union = temp.resolve("union14");
        for (String corpus : List.of("corpus1", "corpus4")) {
            assertEquals(0, ReportCorpus.run("ingest", temp.resolve(corpus).toString(), "--data", union.toString(),
                    "--quiet", "--threads", "2").code());
        }
        assertSameDays(daily(union), daily(twice));

        // A file no report can count stops the report with its name, rather than giving a wrong total.
        Path notes = lake.resolve("turns/host=h1/notes.txt");
        Files.writeString(notes, "not a table");
        ReportCorpus.Output refused = ReportCorpus.run("daily", "--data", lake.toString(), "--no-refresh");
        assertEquals(1, refused.code(), refused.out());
        assertTrue(refused.err().contains(notes + ": not a file that publish writes"), refused.err());
        ReportCorpus.Output repair = ReportCorpus.run("repair", "--data", lake.toString());
        assertEquals(2, repair.code(), repair.out());
        assertTrue(repair.err().contains("is a lake, not a dataset"), repair.err());
        ReportCorpus.Output ingestIntoLake = ReportCorpus.run("ingest", temp.resolve("corpus1").toString(), "--data",
                lake.toString());
        assertEquals(2, ingestIntoLake.code(), ingestIntoLake.out());
        assertTrue(ingestIntoLake.err().contains("is a lake, which only publish writes"), ingestIntoLake.err());
    }

    private Path generate(String name, long seed) throws IOException {
        Path corpus = temp.resolve(name);
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 14, seed, 0));
        return corpus;
    }

    private Path ingest(Path corpus, String name, String host, String user) {
        Path data = temp.resolve(name);
        ReportCorpus.Output o = ReportCorpus.run("ingest", corpus.toString(), "--data", data.toString(), "--host",
                host, "--user", user, "--quiet", "--threads", "2");
        assertEquals(0, o.code(), o.err());
        return data;
    }

    private static ReportCorpus.Output publish(Path data, Path lake) {
        ReportCorpus.Output o = ReportCorpus.run("publish", lake.toString(), "--data", data.toString(), "--threads",
                "2");
        assertEquals(0, o.code(), o.err());
        return o;
    }

    /** Per day of {@code daily --json}: the token classes and the cost. */
    private static Map<String, double[]> daily(Path data, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("daily", "--json", "--data", data.toString(), "--tz",
                "UTC", "--no-refresh"));
        args.addAll(List.of(options));
        ReportCorpus.Output o = ReportCorpus.run(args.toArray(new String[0]));
        assertEquals(0, o.code(), o.err());
        Map<String, double[]> days = new TreeMap<>();
        for (JsonNode day : JSON.readTree(o.out()).get("daily")) {
            days.put(day.get("date").asText(), values(day));
        }
        return days;
    }

    /** The token classes and the cost of a row of a usage report's JSON. */
    private static double[] values(JsonNode row) {
        double[] values = new double[TOKENS.length + 1];
        for (int i = 0; i < TOKENS.length; i++) {
            values[i] = row.get(TOKENS[i]).asDouble();
        }
        values[TOKENS.length] = row.get("totalCost").asDouble();
        return values;
    }

    private static void add(Map<String, double[]> sum, Map<String, double[]> days) {
        days.forEach((day, values) -> addInto(sum.computeIfAbsent(day, d -> new double[values.length]), values));
    }

    private static void addInto(double[] sum, double[] values) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += values[i];
        }
    }

    private static void assertSameDays(Map<String, double[]> expected, Map<String, double[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String day : expected.keySet()) {
            for (int i = 0; i < TOKENS.length; i++) {
                assertEquals(expected.get(day)[i], actual.get(day)[i], day + " " + TOKENS[i]);
            }
            assertEquals(expected.get(day)[TOKENS.length], actual.get(day)[TOKENS.length], 1e-6, day + " cost");
        }
    }

    /** The dedup key of a turn (docs/formats.md, "Dedup"). */
    private static String key(String alias) {
        return "coalesce(" + alias + "message_id, " + alias + "file || '#' || " + alias + "line_offset)";
    }

    /** A dataset's turns, read from its table folder (a dataset made by one ingest has one file per table). */
    private static String turns(Path data) {
        return "read_parquet(" + DuckDb.literal(data + "/turns/*.parquet") + ", union_by_name = true)";
    }

    private static double[] numbers(String sql) throws SQLException {
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            double[] values = new double[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getDouble(i + 1);
            }
            return values;
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Copies every other transcript file of a Claude projects folder. */
    private static void copyHalf(Path projects, Path target) throws IOException {
        List<Path> transcripts;
        try (Stream<Path> walk = Files.walk(projects)) {
            transcripts = walk.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (int i = 0; i < transcripts.size(); i += 2) {
            Path copy = target.resolve(projects.relativize(transcripts.get(i)));
            Files.createDirectories(copy.getParent());
            Files.copy(transcripts.get(i), copy);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        for (Path file : files(from)) {
            Path copy = to.resolve(from.relativize(file));
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
        }
    }
}
