package io.tokenomics.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL of one report, kept as a resource: a comment header, then one statement per section, each introduced by
 * a line {@code -- section NAME: Title}. Every statement stands alone, so a user can paste any of them (or the whole
 * file) into {@code tokenomics sql}; the variables they read are listed in the header.
 */
public final class ReportSql {
    private static final Pattern MARKER = Pattern.compile("^-- section ([a-z0-9_]+): (.+)$", Pattern.MULTILINE);

    /** One statement of the report: its name (the JSON key, the {@code --section} value), title and SQL. */
    public record Section(String name, String title, String sql) {
    }

    private final String resource;
    private final String header;
    private final List<Section> sections;

    private ReportSql(String resource, String header, List<Section> sections) {
        this.resource = resource;
        this.header = header;
        this.sections = List.copyOf(sections);
    }

    /** Reads and splits a SQL resource beside {@link QuerySession}. */
    public static ReportSql load(String resource) {
        String text = QuerySession.resource(resource);
        Matcher m = MARKER.matcher(text);
        List<Section> sections = new ArrayList<>();
        String header = null;
        int bodyStart = -1;
        String name = null;
        String title = null;
        while (m.find()) {
            if (name == null) {
                header = text.substring(0, m.start());
            } else {
                sections.add(new Section(name, title, statement(text.substring(bodyStart, m.start()))));
            }
            name = m.group(1);
            title = m.group(2).strip();
            bodyStart = m.end();
        }
        if (name == null) {
            throw new IllegalArgumentException(resource + " has no '-- section NAME: Title' line");
        }
        sections.add(new Section(name, title, statement(text.substring(bodyStart))));
        return new ReportSql(resource, header, sections);
    }

    private static String statement(String body) {
        String s = body.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s;
    }

    /** The same report limited to the named sections, in the report's order. */
    public ReportSql only(Set<String> names) {
        List<Section> kept = new ArrayList<>();
        for (Section s : sections) {
            if (names.contains(s.name())) {
                kept.add(s);
            }
        }
        for (String n : names) {
            if (kept.stream().noneMatch(s -> s.name().equals(n))) {
                throw new IllegalArgumentException("no section '" + n + "' in " + resource + " (sections: "
                        + String.join(", ", sectionNames()) + ")");
            }
        }
        return new ReportSql(resource, header, kept);
    }

    public List<String> sectionNames() {
        List<String> names = new ArrayList<>();
        sections.forEach(s -> names.add(s.name()));
        return names;
    }

    public List<Section> sections() {
        return sections;
    }

    /** The SQL as a user would paste it: the header and each kept section with its marker line. */
    public String text() {
        StringBuilder s = new StringBuilder(header.stripTrailing()).append('\n');
        for (Section section : sections) {
            s.append("\n-- section ").append(section.name()).append(": ").append(section.title()).append('\n')
                    .append(section.sql()).append(";\n");
        }
        return s.toString();
    }

    /** Sets the variables and runs every section. */
    public List<ReportTable> run(QuerySession session, SqlVariables variables) throws SQLException {
        variables.apply(session);
        List<ReportTable> tables = new ArrayList<>(sections.size());
        for (Section section : sections) {
            try (ResultSet rs = session.query(section.sql())) {
                tables.add(ReportTable.read(section.name(), section.title(), rs));
            } catch (SQLException e) {
                throw new SQLException(resource + ", section " + section.name() + ": " + e.getMessage(), e);
            }
        }
        return tables;
    }
}
