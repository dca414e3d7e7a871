package io.tokenomics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard as one self-contained HTML file: the page template ({@code dashboard/dashboard.html}) with its
 * style, its script, the vendored charting library (uPlot, see {@code dashboard/README.md}) and the data inlined,
 * so the file opens without a network and without the tool.
 */
final class DashboardPage {
    private static final String DIR = "dashboard/";

    private DashboardPage() {
    }

    static String render(JsonNode data) {
        String page = resource("dashboard.html");
        page = inline(page, "uplot.css", resource("uPlot.min.css"));
        page = inline(page, "dashboard.css", resource("dashboard.css"));
        page = inline(page, "uplot.js", script(resource("uPlot.iife.min.js")));
        page = inline(page, "dashboard.js", script(resource("dashboard.js")));
        // Last, so that nothing in the data is taken for a marker.
        return inline(page, "data", json(data));
    }

    /**
     * The data as JSON that can stand inside a script element: every {@code <} is written as a JSON unicode
     * escape, so no project name or model can close the element; the JSON means the same.
     */
    static String json(JsonNode data) {
        return JsonText.compact(data).replace("<", "\\u003c");
    }

    private static String script(String code) {
        if (code.contains("</script")) {
            throw new IllegalStateException("a script resource contains </script and cannot be inlined");
        }
        return code;
    }

    private static String inline(String page, String name, String content) {
        String marker = "/*{{" + name + "}}*/";
        int at = page.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("dashboard.html has no marker " + marker);
        }
        return page.substring(0, at) + content + page.substring(at + marker.length());
    }

    private static String resource(String name) {
        try (InputStream in = DashboardPage.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
