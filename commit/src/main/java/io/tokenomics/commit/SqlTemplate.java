package io.tokenomics.commit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commit's SQL, kept as resources beside this class: a comment header, then the statement with
 * {@code ${name}} placeholders. The header is dropped, so that a template can be placed inside another statement.
 */
final class SqlTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private SqlTemplate() {
    }

    /** The resource {@code name} with each placeholder replaced by its value; a placeholder without one is a bug. */
    static String render(String name, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text(name));
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(name + ": no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(sql, Matcher.quoteReplacement(value));
        }
        m.appendTail(sql);
        return sql.toString().strip();
    }

    private static String text(String name) {
        try (InputStream in = SqlTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + name);
            }
            StringBuilder body = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("--")) {
                    body.append(line).append('\n');
                }
            }
            return body.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("reading SQL resource " + name, e);
        }
    }
}
