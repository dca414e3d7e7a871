package io.tokenomics.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;

/**
 * The figures of a status line, as the dataset gave them at one moment, and the line they make at any later moment:
 * the time left in the block and whether it is still running are worked out when the line is printed, so that a
 * call with nothing new answers from these figures alone ({@link StatuslineCommand}). Kept between calls in a small
 * properties file.
 *
 * @param key what the figures were made from (transcript, dataset run, day, zone): equal keys, equal figures
 * @param sessionCost the session's cost, as {@code tokenomics session} gives it
 * @param sessionUnpriced the session's turns without a price, left out of {@code sessionCost}
 * @param todayCost today's cost (Claude Code's turns of every session), in the report time zone
 * @param todayUnpriced today's turns without a price
 * @param block the 5-hour block that was running; null when none was
 * @param contextTokens the prompt size of the session's last request (input + cache writes + cache reads); -1 when
 *     the session has none yet
 * @param contextWindow the model's context window (LiteLLM's {@code max_input_tokens}); 0 when unknown
 */
record StatusFigures(String key, double sessionCost, long sessionUnpriced, double todayCost, long todayUnpriced,
        Block block, long contextTokens, long contextWindow) {

    /**
     * The block that was running.
     *
     * @param end the block's end
     * @param activeUntil when it stops running without another turn: its end, or a block's length after its last turn
     * @param cost its priced turns' cost
     * @param unpriced its turns without a price
     * @param costPerHour the cost per hour between its first and last turn; null when they share one instant
     */
    record Block(Instant end, Instant activeUntil, double cost, long unpriced, Double costPerHour) {
    }

    /** The line at {@code now}, headed by {@code model} when known; as ccusage's {@code statusline} lays it out. */
    String line(String model, Instant now) {
        StringBuilder line = new StringBuilder();
        if (model != null && !model.isBlank()) {
            line.append("🤖 ").append(model).append(" | ");
        }
        line.append("💰 ").append(usd(sessionCost, sessionUnpriced)).append(" session / ")
                .append(usd(todayCost, todayUnpriced)).append(" today / ");
        boolean running = block != null && now.isBefore(block.activeUntil());
        if (running) {
            line.append(usd(block.cost(), block.unpriced())).append(" block (").append(left(now, block.end()))
                    .append(" left)");
            if (block.costPerHour() != null) {
                line.append(" | 🔥 ").append(usd(block.costPerHour(), 0)).append("/hr");
            }
        } else {
            line.append("No active block");
        }
        if (contextTokens >= 0) {
            line.append(" | 🧠 ").append(String.format(Locale.ROOT, "%,d", contextTokens));
            if (contextWindow > 0) {
                line.append(String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * contextTokens / contextWindow)));
            }
        }
        return line.toString();
    }

    /** Dollars with cents; a sum that leaves unpriced turns out says so, never passing for the whole. */
    static String usd(double value, long unpriced) {
        String text = String.format(Locale.ROOT, "$%.2f", value == 0 ? 0.0 : value);
        return unpriced > 0 ? text + " (+unpriced)" : text;
    }

    /** {@code 2h 45m} or {@code 45m}, as ccusage prints the time left in a block. */
    static String left(Instant now, Instant end) {
        long minutes = Math.max(0, Math.round(Duration.between(now, end).toSeconds() / 60.0));
        return minutes >= 60 ? (minutes / 60) + "h " + (minutes % 60) + "m" : minutes + "m";
    }

    /** The figures kept in {@code file}; null when it is missing, unreadable or not of this form. */
    static StatusFigures read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            Block block = p.getProperty("block.end") == null ? null
                    : new Block(Instant.parse(p.getProperty("block.end")),
                            Instant.parse(p.getProperty("block.activeUntil")),
                            Double.parseDouble(p.getProperty("block.cost")),
                            Long.parseLong(p.getProperty("block.unpriced")),
                            p.getProperty("block.costPerHour") == null ? null
                                    : Double.valueOf(p.getProperty("block.costPerHour")));
            String key = p.getProperty("key");
            if (key == null) {
                return null;
            }
            return new StatusFigures(key, Double.parseDouble(p.getProperty("session.cost")),
                    Long.parseLong(p.getProperty("session.unpriced")), Double.parseDouble(p.getProperty("today.cost")),
                    Long.parseLong(p.getProperty("today.unpriced")), block,
                    Long.parseLong(p.getProperty("context.tokens")), Long.parseLong(p.getProperty("context.window")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes the figures to {@code file}, beside it first and then renamed over it, so no reader sees half. */
    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("key", key);
        p.setProperty("session.cost", Double.toString(sessionCost));
        p.setProperty("session.unpriced", Long.toString(sessionUnpriced));
        p.setProperty("today.cost", Double.toString(todayCost));
        p.setProperty("today.unpriced", Long.toString(todayUnpriced));
        if (block != null) {
            p.setProperty("block.end", block.end().toString());
            p.setProperty("block.activeUntil", block.activeUntil().toString());
            p.setProperty("block.cost", Double.toString(block.cost()));
            p.setProperty("block.unpriced", Long.toString(block.unpriced()));
            if (block.costPerHour() != null) {
                p.setProperty("block.costPerHour", Double.toString(block.costPerHour()));
            }
        }
        p.setProperty("context.tokens", Long.toString(contextTokens));
        p.setProperty("context.window", Long.toString(contextWindow));
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                p.store(out, "tokenomics statusline: the figures of one session's line");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
