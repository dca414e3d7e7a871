package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.query.QuerySession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config file under {@code XDG_CONFIG_HOME}: options over the environment over the file over built-in values,
 * each value with its source in {@code tokenomics config}, and the file's values used by the commands. Every run
 * gets an environment made here, so the developer's own environment and config file play no part.
 */
class ConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Map<String, String> environment;

    @BeforeEach
    void environment() {
        environment = new HashMap<>();
        environment.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        environment.put("XDG_DATA_HOME", dir.resolve("share").toString());
    }

    private void config(String... lines) throws IOException {
        Path file = dir.resolve("config/tokenomics/config.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private ReportCorpus.Output run(String... args) {
        return ReportCorpus.runWith(environment, args);
    }

    private JsonNode settings(String... args) throws IOException {
        String[] all = new String[args.length + 2];
        all[0] = "config";
        all[1] = "--json";
        System.arraycopy(args, 0, all, 2, args.length);
        ReportCorpus.Output o = run(all);
        assertEquals(0, o.code(), o.err());
        JsonNode root = JSON.readTree(o.out());
        assertEquals(dir.resolve("config/tokenomics/config.properties").toString(), root.get("configFile").asText());
        return root.get("settings");
    }

    @Test
    void shouldSayEachValueIsBuiltInWithoutAFile() throws IOException {
        JsonNode s = settings();
        assertEquals(dir.resolve("share/tokenomics").toString(), s.get("data").get("value").asText());
        assertEquals("built in", s.get("data").get("from").asText());
        assertEquals("built in (embedded LiteLLM table)", s.get("pricing").get("from").asText());
        assertTrue(s.get("budget.monthly").get("value").isNull());
    }

    @Test
    void shouldTakeTheFileOverBuiltInTheEnvironmentOverTheFileAndOptionsOverAll() throws IOException {
        config("data = ~/from-file", "timezone = Europe/Berlin", "budget.monthly = 500", "codex.home = /codex");
        JsonNode s = settings();
        assertEquals(System.getProperty("user.home") + "/from-file", s.get("data").get("value").asText());
        assertEquals("config file", s.get("data").get("from").asText());
        assertEquals("Europe/Berlin", s.get("timezone").get("value").asText());
        assertEquals("500", s.get("budget.monthly").get("value").asText());
        assertEquals("/codex", s.get("codex.home").get("value").asText());

        environment.put("TOKENOMICS_DATA", "/from-environment");
        environment.put("CODEX_HOME", "/codex-environment");
        s = settings();
        assertEquals("/from-environment", s.get("data").get("value").asText());
        assertEquals("environment (TOKENOMICS_DATA)", s.get("data").get("from").asText());
        assertEquals("environment (CODEX_HOME)", s.get("codex.home").get("from").asText());

        s = settings("--data", "/from-option", "--tz", "UTC");
        assertEquals("/from-option", s.get("data").get("value").asText());
        assertEquals("option --data", s.get("data").get("from").asText());
        assertEquals("UTC", s.get("timezone").get("value").asText());
        assertEquals("option --tz", s.get("timezone").get("from").asText());
    }

    /** With HOME set, nothing is looked for in the login account's home (the JVM's user.home). */
    @Test
    void shouldMakeEveryDefaultPathUnderHome() throws IOException {
        Path home = dir.resolve("home");
        environment.clear();
        environment.put("HOME", home.toString());
        Path file = home.resolve(".config/tokenomics/config.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "pricing = ~/prices.json\n");
        ReportCorpus.Output o = run("config", "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode root = JSON.readTree(o.out());
        assertEquals(file.toString(), root.get("configFile").asText());
        JsonNode s = root.get("settings");
        assertEquals(home.resolve(".local/share/tokenomics").toString(), s.get("data").get("value").asText());
        assertEquals(home.resolve(".config/claude") + ", " + home.resolve(".claude"),
                s.get("claude.roots").get("value").asText());
        assertEquals(home.resolve(".codex").toString(), s.get("codex.home").get("value").asText());
        assertEquals(home.resolve("prices.json").toString(), s.get("pricing").get("value").asText());
        assertFalse(o.out().contains(System.getProperty("user.home") + "/"), o.out());

        environment.put("XDG_DATA_HOME", dir.resolve("xdg-data").toString());
        assertEquals(dir.resolve("xdg-data/tokenomics").toString(),
                JSON.readTree(run("config", "--json").out()).get("settings").get("data").get("value").asText());
    }

    @Test
    void shouldNameWhatTheFileGetsWrongAndIgnoreIt() throws IOException {
        config("timezone = Mars/Olympus", "budget.monthly = lots", "colour = yes", "budget.session-limit = 20");
        ReportCorpus.Output o = run("config", "--json");
        assertEquals(0, o.code(), o.err());
        assertEquals(3, o.err().lines().count(), o.err());
        assertTrue(o.err().contains("unknown setting 'colour'"), o.err());
        assertTrue(o.err().contains("timezone 'Mars/Olympus' is no IANA time zone"), o.err());
        assertTrue(o.err().contains("budget.monthly must be a number of dollars"), o.err());
        JsonNode s = JSON.readTree(o.out()).get("settings");
        assertEquals("built in (system zone)", s.get("timezone").get("from").asText().replace(", TZ", ""));
        assertEquals("20", s.get("budget.session-limit").get("value").asText());
    }

    @Test
    void shouldGiveTheBudgetOptionsTheirDefaultsFromTheFile() throws IOException {
        config("budget.monthly = 500", "budget.session-limit = 12.5");
        ReportCorpus.Output o = run("budget", "--show-sql");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("SET VARIABLE monthly_budget = 500.0::DOUBLE;"), o.out());
        assertTrue(o.out().contains("SET VARIABLE session_limit = 12.5::DOUBLE;"), o.out());
        ReportCorpus.Output given = run("budget", "--show-sql", "--monthly-budget", "80");
        assertTrue(given.out().contains("SET VARIABLE monthly_budget = 80.0::DOUBLE;"), given.out());
    }

    @Test
    void shouldRefreshFromTheRootsOfTheFileIntoItsDataDirectory() throws IOException {
        Path corpus = dir.resolve("corpus");
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 12, 3, 0));
        Path data = dir.resolve("data");
        config("data = " + data, "claude.roots = " + corpus, "codex.home = " + corpus.resolve("codex"),
                "timezone = UTC");
        ReportCorpus.Output o = run("daily", "--json");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(data.resolve("manifest.json")), "the report ingested into the file's data directory");
        JsonNode daily = JSON.readTree(o.out());
        assertTrue(daily.get("daily").size() > 0, o.out());
        assertTrue(daily.get("totals").get("totalCost").asDouble() > 0, o.out());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void shouldWriteTheUserAndHostOfTheFileOverTheEnvironmentAndOfTheOptionsOverTheFile() throws Exception {
        Path corpus = dir.resolve("corpus");
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 6, 4, 0));
        environment.put("USER", "login-name");
        environment.put("HOSTNAME", "box-1");
        JsonNode s = settings();
        assertEquals("login-name", s.get("user").get("value").asText());
        assertEquals("built in ($USER)", s.get("user").get("from").asText());
        assertEquals("box-1", s.get("host").get("value").asText());

        Path builtIn = dir.resolve("built-in");
        assertEquals(0, run("ingest", corpus.toString(), "--data", builtIn.toString(), "--quiet").code());
        assertEquals("login-name box-1", origins(builtIn));

        config("user = carol", "host = carols-laptop");
        s = settings();
        assertEquals("carol", s.get("user").get("value").asText());
        assertEquals("config file", s.get("host").get("from").asText());
        Path fromFile = dir.resolve("from-file");
        assertEquals(0, run("ingest", corpus.toString(), "--data", fromFile.toString(), "--quiet").code());
        assertEquals("carol carols-laptop", origins(fromFile));

        Path fromOptions = dir.resolve("from-options");
        ReportCorpus.Output o = run("ingest", corpus.toString(), "--data", fromOptions.toString(), "--quiet",
                "--user", "dave", "--host", "build-server");
        assertEquals(0, o.code(), o.err());
        assertEquals("dave build-server", origins(fromOptions));
    }

    /** The distinct "user host" pairs of a dataset's turns, joined by commas. */
    private static String origins(Path data) throws Exception {
        try (QuerySession session = QuerySession.open(data, ZoneOffset.UTC, 1);
             ResultSet rs = session.query("SELECT string_agg(DISTINCT \"user\" || ' ' || host, ',') FROM turns")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
