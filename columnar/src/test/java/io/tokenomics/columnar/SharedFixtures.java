package io.tokenomics.columnar;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real logs and the price file beside the repository (a folder named shared beside the clone, or {@code
 * TOKENOMICS_SHARED}), which some tests read. On a clone with nothing beside it those tests are skipped, with one line
 * on stderr that says so; where {@code TOKENOMICS_REQUIRE_FIXTURES} is set (CI), a missing folder fails them instead.
 */
public final class SharedFixtures {
    private static volatile boolean told;

    private SharedFixtures() {
    }

    /** The shared folder; skips the calling test when it is missing. */
    public static Path folder() {
        String configured = System.getenv("TOKENOMICS_SHARED");
        Path path = (configured != null ? Path.of(configured) : Path.of("..", "..", "shared")).toAbsolutePath()
                .normalize();
        if (Files.isDirectory(path.resolve("fixtures"))) {
            return path;
        }
        String message = "the shared fixtures are not at " + path + ": the tests that read real logs are skipped";
        if (System.getenv("TOKENOMICS_REQUIRE_FIXTURES") != null) {
            throw new IllegalStateException(message + " (TOKENOMICS_REQUIRE_FIXTURES is set, so they fail)");
        }
        if (!told) {
            told = true;
            System.err.println("tokenomics: " + message);
        }
        Assumptions.abort(message);
        return path;
    }

    /** The real logs: the shared folder's {@code fixtures}. */
    public static Path fixtures() {
        return folder().resolve("fixtures");
    }

    /** LiteLLM's price file as the shared folder keeps it. */
    public static Path pricing() {
        return folder().resolve("pricing/model_prices_and_context_window.json");
    }
}
