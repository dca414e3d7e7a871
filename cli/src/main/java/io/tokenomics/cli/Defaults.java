package io.tokenomics.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the options and of the transcript roots: the environment over the config file
 * {@code ${XDG_CONFIG_HOME:-~/.config}/tokenomics/config.properties} over what is built in; an option on the command
 * line wins over all three. Installed as picocli's default value provider, so an option without a value takes its
 * default as the command line is parsed; {@code tokenomics config} prints each value with where it came from.
 *
 * <p>The config file is read once; a key it does not know or a value that does not parse is a problem (printed on
 * stderr by {@link Main}) and is left out, so a mistake in the file never changes a result silently. The time zone
 * has no environment variable of its own: {@code TZ} is the system zone, the built-in default, so that a
 * {@code timezone} in the config file is not overridden by a system-wide setting.
 */
final class Defaults implements CommandLine.IDefaultValueProvider {
    /** Where a value came from. */
    enum Source {
        OPTION("option"), ENVIRONMENT("environment"), CONFIG_FILE("config file"), BUILT_IN("built in");

        final String label;

        Source(String label) {
            this.label = label;
        }
    }

    /**
     * A setting of the config file, the option it gives the default of ({@code command} null: every command with
     * that option) and the environment variable that overrides it (null: none).
     */
    enum Key {
        DATA("data", "--data", null, "TOKENOMICS_DATA"),
        CLAUDE_ROOTS("claude.roots", null, null, "CLAUDE_CONFIG_DIR"),
        CODEX_HOME("codex.home", null, null, "CODEX_HOME"),
        TIMEZONE("timezone", "--tz", null, null),
        PRICING("pricing", "--pricing", null, null),
        MONTHLY_BUDGET("budget.monthly", "--monthly-budget", "budget", null),
        SESSION_LIMIT("budget.session-limit", "--session-limit", "budget", null),
        USER("user", "--user", "ingest", null),
        HOST("host", "--host", null, null);

        final String property;
        final String option;
        final String command;
        final String variable;

        Key(String property, String option, String command, String variable) {
            this.property = property;
            this.option = option;
            this.command = command;
            this.variable = variable;
        }

        static Key of(String property) {
            for (Key k : values()) {
                if (k.property.equals(property)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** A value (null: none, the command's own default applies) and where it came from. */
    record Value(String value, Source source, String detail) {
        String from() {
            return detail == null ? source.label : source.label + " (" + detail + ")";
        }
    }

    private final Map<String, String> environment;
    private final Path file;
    private final boolean fileRead;
    private final Map<Key, String> configured;
    private final List<String> problems;

    private Defaults(Map<String, String> environment, Path file, boolean fileRead, Map<Key, String> configured,
            List<String> problems) {
        this.environment = environment;
        this.file = file;
        this.fileRead = fileRead;
        this.configured = configured;
        this.problems = List.copyOf(problems);
    }

    /** Reads the config file the environment points to, if there is one. */
    static Defaults load(Map<String, String> environment) {
        Path file = configFile(environment);
        Map<Key, String> configured = new HashMap<>();
        List<String> problems = new ArrayList<>();
        boolean read = false;
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
                read = true;
            } catch (IOException | IllegalArgumentException e) {
                problems.add(file + ": cannot read (" + Main.describe(e) + "); its settings are ignored");
            }
            for (String name : new TreeSet<>(properties.stringPropertyNames())) {
                String value = properties.getProperty(name).strip();
                Key key = Key.of(name);
                String problem = key == null ? "unknown setting '" + name + "' (settings: " + names() + ")"
                        : check(key, value);
                if (problem != null) {
                    problems.add(file + ": " + problem + "; ignored");
                } else if (!value.isEmpty()) {
                    configured.put(key, value);
                }
            }
        }
        return new Defaults(Map.copyOf(environment), file, read, configured, problems);
    }

    /** {@code ${XDG_CONFIG_HOME:-~/.config}/tokenomics/config.properties}. */
    static Path configFile(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home(environment), ".config");
        return base.resolve("tokenomics").resolve("config.properties");
    }

    /**
     * The home directory: {@code HOME}, as every shell tool takes it, else the JVM's {@code user.home} (the login
     * account's home, which the JVM reads from the password database, not from {@code HOME}).
     */
    static String home(Map<String, String> environment) {
        String home = environment.get("HOME");
        return home != null && !home.isBlank() ? home : System.getProperty("user.home");
    }

    /**
     * {@code ${XDG_CACHE_HOME:-~/.cache}/tokenomics/lakes}, where a report keeps the lakes' tables it read, one
     * folder per lake (docs/architecture.md, "The lake").
     */
    Path lakeCache() {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home(), ".cache");
        return base.resolve("tokenomics").resolve("lakes");
    }

    /** {@code ${XDG_DATA_HOME:-~/.local/share}/tokenomics}, the dataset when nothing else names one. */
    private Path builtInData() {
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home(), ".local", "share");
        return base.resolve("tokenomics");
    }

    /** {@code $USER}, else the login account's name. */
    private Value builtInUser() {
        String fromEnvironment = environment.get("USER");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new Value(fromEnvironment, Source.BUILT_IN, "$USER");
        }
        return new Value(System.getProperty("user.name", "unknown"), Source.BUILT_IN, "login name");
    }

    /** {@code $HOSTNAME}, else {@code /etc/hostname}, else {@code localhost}. */
    private Value builtInHost() {
        String fromEnvironment = environment.get("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new Value(fromEnvironment, Source.BUILT_IN, "$HOSTNAME");
        }
        try {
            String name = Files.readString(Path.of("/etc/hostname")).trim();
            if (!name.isEmpty()) {
                return new Value(name, Source.BUILT_IN, "/etc/hostname");
            }
        } catch (IOException e) {
            // No such file on this system: the fallback below names the machine.
        }
        return new Value("localhost", Source.BUILT_IN, null);
    }

    private static String check(Key key, String value) {
        switch (key) {
            case TIMEZONE -> {
                try {
                    ZoneId.of(value);
                    return null;
                } catch (RuntimeException e) {
                    return "timezone '" + value + "' is no IANA time zone (such as Europe/Berlin or UTC)";
                }
            }
            case MONTHLY_BUDGET, SESSION_LIMIT -> {
                try {
                    double usd = Double.parseDouble(value);
                    return usd >= 0 && Double.isFinite(usd) ? null
                            : key.property + " must be a number of dollars, not " + value;
                } catch (NumberFormatException e) {
                    return key.property + " must be a number of dollars, not '" + value + "'";
                }
            }
            default -> {
                return null;
            }
        }
    }

    private static String names() {
        List<String> names = new ArrayList<>();
        for (Key k : Key.values()) {
            names.add(k.property);
        }
        return String.join(", ", names);
    }

    Path file() {
        return file;
    }

    boolean fileRead() {
        return fileRead;
    }

    /** Unknown settings, values that do not parse, an unreadable file: one line each. */
    List<String> problems() {
        return problems;
    }

    /** The value of a setting from the environment, else the config file, else built in (value null: none). */
    Value value(Key key) {
        String fromEnvironment = key.variable == null ? null : environment.get(key.variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new Value(fromEnvironment, Source.ENVIRONMENT, key.variable);
        }
        String fromFile = configured.get(key);
        if (fromFile != null) {
            return new Value(expandHome(key, fromFile), Source.CONFIG_FILE, null);
        }
        return switch (key) {
            case DATA -> new Value(builtInData().toString(), Source.BUILT_IN, null);
            case CLAUDE_ROOTS -> new Value(Path.of(home(), ".config", "claude") + "," + Path.of(home(), ".claude"),
                    Source.BUILT_IN, null);
            case CODEX_HOME -> new Value(Path.of(home(), ".codex").toString(), Source.BUILT_IN, null);
            case TIMEZONE -> new Value(null, Source.BUILT_IN, environment.containsKey("TZ") ? "system zone, TZ"
                    : "system zone");
            case PRICING -> new Value(null, Source.BUILT_IN, "embedded LiteLLM table");
            case MONTHLY_BUDGET, SESSION_LIMIT -> new Value(null, Source.BUILT_IN, "none");
            case USER -> builtInUser();
            case HOST -> builtInHost();
        };
    }

    /**
     * The environment as the transcript discovery reads it: {@code CLAUDE_CONFIG_DIR} and {@code CODEX_HOME} from
     * the config file when the environment has none, else the built-in roots under {@link #home()}, so that
     * discovery does not fall back on {@code user.home}.
     */
    Map<String, String> environment() {
        Map<String, String> merged = new HashMap<>(environment);
        for (Key key : List.of(Key.CLAUDE_ROOTS, Key.CODEX_HOME)) {
            Value v = value(key);
            if (v.source() != Source.ENVIRONMENT) {
                merged.put(key.variable, v.value());
            }
        }
        return merged;
    }

    /** The environment the defaults were made from. */
    Map<String, String> variables() {
        return environment;
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        for (Key key : Key.values()) {
            if (key.option != null && List.of(option.names()).contains(key.option)
                    && (key.command == null || key.command.equals(argument.command().name()))) {
                return value(key).value();
            }
        }
        return null;
    }

    /** A leading {@code ~} of a path, or of each path of a list, is the home directory. */
    private String expandHome(Key key, String value) {
        if (key != Key.DATA && key != Key.CLAUDE_ROOTS && key != Key.CODEX_HOME && key != Key.PRICING) {
            return value;
        }
        List<String> parts = new ArrayList<>();
        for (String part : key == Key.CLAUDE_ROOTS ? value.split(",") : new String[] {value}) {
            String p = part.strip();
            parts.add(p.equals("~") ? home() : p.startsWith("~/") ? home() + p.substring(1) : p);
        }
        return String.join(",", parts);
    }

    String home() {
        return home(environment);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Defaults[%s%s]", file, fileRead ? "" : " (absent)");
    }
}
