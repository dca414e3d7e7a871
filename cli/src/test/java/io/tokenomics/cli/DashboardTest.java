package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dashboard}: the page is one file that loads nothing, its data agree with sums computed here from the turns,
 * and headless Chromium runs its scripts to the end: every chart drawn (the page marks the root element when they
 * are), no script error in the page's error box nor in Chromium's console log.
 */
class DashboardTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int TOP = 7;
    private static final int CHARTS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    static ReportCorpus corpus;

    @BeforeAll
    static void corpus() throws Exception {
        corpus = ReportCorpus.of(11, 300);
    }

    @Test
    void shouldWriteOnePageThatLoadsNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/report.html");
        ReportCorpus.Output o = corpus.report("dashboard", "--out", file.toString(), "--top", Integer.toString(TOP));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("dashboard: " + file), o.out());
        String page = Files.readString(file);
        assertTrue(page.startsWith("<!doctype html>"), page.substring(0, 100));
        for (String loads : List.of("<script src", "<link", "src=\"http", "href=\"http", "@import", "url(http")) {
            assertFalse(page.contains(loads), "the page loads something: " + loads);
        }
        assertFalse(page.contains("/*{{"), "a marker of the template was left");
        assertTrue(page.contains("uPlot"), "the charting library is inlined");
        JsonNode data = embeddedData(page);
        assertEquals(TOP, data.get("costliest_sessions").size());
    }

    @Test
    void shouldEmbedFiguresThatAgreeWithTheTurns() throws IOException {
        JsonNode data = corpus.json("dashboard");
        double cost = 0;
        Map<String, Double> sessions = new HashMap<>();
        long turns = 0;
        for (Turn t : corpus.turns) {
            if (!t.synthetic()) {
                turns++;
            }
            sessions.merge(t.sessionId(), t.cost() == null ? 0 : t.cost(), Double::sum);
            cost += t.cost() == null ? 0 : t.cost();
        }
        JsonNode totals = data.get("totals").get(0);
        assertEquals(cost, totals.get("cost_usd").asDouble(), 1e-6);
        assertEquals(sessions.size(), totals.get("sessions").asLong());
        assertEquals(turns, totals.get("turns").asLong());

        double byModelAndDay = 0;
        for (JsonNode r : data.get("model_days")) {
            byModelAndDay += r.get("cost_usd").isNull() ? 0 : r.get("cost_usd").asDouble();
        }
        assertEquals(cost, byModelAndDay, 1e-6);

        long binned = 0;
        double binnedCost = 0;
        for (JsonNode bin : data.get("session_cost_bins")) {
            binned += bin.get("sessions").asLong();
            binnedCost += bin.get("cost_usd").asDouble();
            double low = bin.get("low_usd").asDouble();
            assertEquals(Math.pow(10, bin.get("bin").asLong() / 5.0), low, low * 1e-9);
        }
        long priced = sessions.values().stream().filter(c -> c > 0).count();
        assertEquals(priced, binned);
        assertEquals(cost, binnedCost, 1e-6);
        assertEquals(sessions.size() - priced, totals.get("sessions_without_cost").asLong());
        for (String key : List.of("days", "session_percentiles", "cache", "growth_bins", "growth_percentiles",
                "tools", "models")) {
            assertTrue(data.get(key).size() > 0, key + " is empty");
        }
    }

    @Test
    void shouldKeepAProjectNameFromClosingTheDataScript() {
        ObjectNode data = JSON.createObjectNode();
        data.putArray("costliest_sessions").addObject().put("project", "</script><script>alert(1)</script>");
        String page = DashboardPage.render(data);
        int dataStart = page.indexOf("<script id=\"tokenomics-data\"");
        int dataEnd = page.indexOf("</script>", dataStart);
        String json = page.substring(page.indexOf('>', dataStart) + 1, dataEnd);
        assertEquals("</script><script>alert(1)</script>",
                readTree(json).get("costliest_sessions").get(0).get("project").asText());
    }

    @Test
    void shouldRenderEveryChartInChromiumWithoutScriptErrors(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no " + CHROMIUM + " to render the dashboard in "
                + "(.ci/run installs Debian's chromium; apt-get install chromium)");
        Path file = dir.resolve("dashboard.html");
        ReportCorpus.Output o = corpus.report("dashboard", "--out", file.toString(), "--top", Integer.toString(TOP));
        assertEquals(0, o.code(), o.err());
        Rendered page = render(file, dir.resolve("profile"));
        assertEquals(List.of(), page.problems(), page.stderr);
        assertEquals(CHARTS, count(page.dom, "<canvas "), "uPlot canvases");
        assertTrue(page.root().contains(" data-charts=\"" + CHARTS + "\""), page.root());
        Matcher table = Pattern.compile("id=\"table-costliest\">(.*?)</table>", Pattern.DOTALL).matcher(page.dom);
        assertTrue(table.find(), "the table of the costliest sessions");
        assertEquals(TOP + 1, count(table.group(1), "<tr"), "a header and a row per session");
        assertTrue(page.dom.contains("id=\"card-unpriced\">") && !page.dom.contains("id=\"card-unpriced\" hidden"),
                "the generated corpus has unpriced models: their card shows");
    }

    @Test
    void shouldSeeAScriptErrorInThePage(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no " + CHROMIUM);
        Path file = dir.resolve("broken.html");
        String page = DashboardPage.render(JSON.createObjectNode());
        Files.writeString(file, page.replace("</body>", "<script>null.boom();</script></body>"));
        Rendered broken = render(file, dir.resolve("profile"));
        assertTrue(broken.problems().contains("the page shows script errors"), broken.problems().toString());
        assertTrue(broken.root().contains(" data-errors=\"1\""), broken.root());
        assertTrue(broken.problems().contains("Chromium logged an uncaught error"), broken.problems().toString());
    }

    /** The DOM after the page's scripts ran, and what Chromium logged. */
    record Rendered(String dom, String stderr) {
        /** The root element's start tag, where the page's script leaves its marks (the scripts' text is no tag). */
        String root() {
            Matcher m = Pattern.compile("<html[^>]*>").matcher(dom);
            return m.find() ? m.group() : "";
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (!root().contains(" data-rendered=\"ok\"")) {
                problems.add("the page did not mark every chart drawn");
            }
            if (root().contains(" data-errors=") || dom.contains("<p class=\"js-error\">")) {
                problems.add("the page shows script errors");
            }
            if (stderr.contains("Uncaught")) {
                problems.add("Chromium logged an uncaught error");
            }
            if (stderr.contains("tokenomics dashboard:")) {
                problems.add("the page logged an error");
            }
            return problems;
        }
    }

    private static Rendered render(Path html, Path profile) throws IOException, InterruptedException {
        Path dom = profile.resolveSibling(profile.getFileName() + ".dom");
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--window-size=1280,2400", "--dump-dom", html.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(log));
        }
        String stderr = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, chromium.exitValue(), stderr);
        return new Rendered(Files.readString(dom, StandardCharsets.UTF_8), stderr);
    }

    private static JsonNode embeddedData(String page) {
        Matcher m = Pattern.compile("<script id=\"tokenomics-data\" type=\"application/json\">(.*?)</script>",
                Pattern.DOTALL).matcher(page);
        assertTrue(m.find(), "the data script");
        return readTree(m.group(1));
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
