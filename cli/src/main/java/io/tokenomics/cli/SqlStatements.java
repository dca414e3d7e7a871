package io.tokenomics.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into its statements at the semicolons that end them: not those inside a string
 * ({@code '...'}), a quoted name ({@code "..."}), a dollar-quoted string ({@code $$...$$}) or a comment
 * ({@code -- ...}, {@code /* ... *}{@code /}). Statements of only blanks and comments are left out.
 */
final class SqlStatements {
    private SqlStatements() {
    }

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = sql.length();
        boolean content = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = closing(sql, i + 1, String.valueOf(c));
                content = true;
            } else if (c == '$' && sql.startsWith("$$", i)) {
                i = closing(sql, i + 2, "$$");
                content = true;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                if (content) {
                    statements.add(sql.substring(start, i).strip());
                }
                start = i + 1;
                content = false;
                i++;
            } else {
                content |= !Character.isWhitespace(c);
                i++;
            }
        }
        if (content) {
            statements.add(sql.substring(start).strip());
        }
        return statements;
    }

    /** The index after the quote that closes one opened before {@code from} (a doubled quote is an escape). */
    private static int closing(String sql, int from, String quote) {
        int i = from;
        while (true) {
            int end = sql.indexOf(quote, i);
            if (end < 0) {
                return sql.length();
            }
            if (quote.length() == 1 && end + 1 < sql.length() && sql.charAt(end + 1) == quote.charAt(0)) {
                i = end + 2;
                continue;
            }
            return end + quote.length();
        }
    }
}
