package io.tokenomics.cli;

import java.io.Console;
import java.util.Map;

/**
 * ANSI styles of terminal output. On only when standard output is a terminal, {@code TERM} is not {@code dumb} and
 * {@code NO_COLOR} is unset or empty (https://no-color.org): pipes, files, CI logs and tests get plain text.
 */
final class Palette {
    /** What a piece of text is, which decides its style. */
    enum Tone {
        PLAIN(null), HEADING("1"), TITLE("1;36"), RULE("2"), TOTAL("1"), MONEY("32"), ACCENT("36"), MUTED("2"),
        WARNING("33");

        private final String code;

        Tone(String code) {
            this.code = code;
        }
    }

    static final Palette PLAIN = new Palette(false);
    static final Palette ANSI = new Palette(true);
    private static final boolean OUTPUT_IS_TERMINAL = standardOutputIsTerminal();
    private static final Palette TERMINAL = choose(System.getenv(), OUTPUT_IS_TERMINAL);

    private final boolean enabled;

    private Palette(boolean enabled) {
        this.enabled = enabled;
    }

    /** The palette of this process's standard output. */
    static Palette terminal() {
        return TERMINAL;
    }

    /** Whether this process's standard output is a terminal. */
    static boolean outputIsTerminal() {
        return OUTPUT_IS_TERMINAL;
    }

    static Palette choose(Map<String, String> environment, boolean terminal) {
        String noColor = environment.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return PLAIN;
        }
        return terminal && !"dumb".equals(environment.get("TERM")) ? ANSI : PLAIN;
    }

    boolean enabled() {
        return enabled;
    }

    /** The text in the tone's style; the text itself when off or plain, so widths are measured on the text. */
    String paint(Tone tone, String text) {
        if (!enabled || tone == null || tone.code == null || text.isEmpty()) {
            return text;
        }
        return "\u001b[" + tone.code + "m" + text + "\u001b[0m";
    }

    /**
     * Before JDK 22 a console exists only when standard input and output are terminals; from JDK 22 on it may exist
     * for pipes too, and {@code Console.isTerminal()} (looked up once, as it is not in JDK 17) tells.
     */
    private static boolean standardOutputIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
