package io.tokenomics.corpus;

import static io.tokenomics.corpus.RandomValues.pick;

import java.util.SplittableRandom;

// Vocabulary

/** Words, prompts, commands and file names the generated lines are made of. */
final class Vocabulary {
    private Vocabulary() {
    }

    static final String[] PROMPTS = {
        "Fix the failing test in src/cart.ts",
        "Why does `npm run build` fail with \"Cannot find module './config'\"?",
        "Add a coupon field to the checkout form",
        "Refactor the Windows path handling, C:\\Users\\dev\\AppData should work too",
        "Add a café menu page with the prices in €",
        "The deploy is broken again 😩 can you look at the CI logs?",
        "implement spotter-gqc",
        "Write tests for the invoice rounding (0.1 + 0.2 problem)",
        "Explain what this regex does: ^(?:\\d{3}-)?\\d{4}$",
        "Rename `UserSvc` to `UserService` everywhere",
        "continue",
        "yes, go ahead",
        "Can you make the log output less noisy?\nOnly warnings and errors please.",
        "Update the README with the new env vars:\n- DATABASE_URL\n- REDIS_URL\n- SENTRY_DSN",
        "Look at the flaky test in tests/test_checkout.py and tell me why it fails on Mondays",
        "Add retries with exponential backoff to the HTTP client",
        "Migrate the config from YAML to TOML",
        "Résumé upload fails for files with names like \"naïve façade.pdf\"",
        "Port the bash script to Python 3.12",
        "Check the 日本語 translations for missing keys",
        "Make the dashboard load faster, it takes 8 s on the first paint",
        "What's the tab\there? The parser chokes on it",
        "Find out why " + CorpusGenerator.PLANTED_PROMPT + " rounds the totals down",
    };
    static final String PASTE = "Traceback (most recent call last):\n  File \"app/main.py\", line 42, in <module>\n"
        + "    run()\nKeyError: 'user_id'";
    static final String[] SYNTHETIC_TEXTS = {"No response requested.", "API Error: Request was aborted.",
        "Claude AI usage limit reached|1793664000", "Prompt is too long"};
    static final String[] TITLES = {"Fix flaky checkout test", "Add coupon support", "CI pipeline repair",
        "Refactor config loading", "Café menu page", "Invoice rounding tests"};
    static final String[] COMMANDS = {"npm test", "git status", "git diff --stat", "./gradlew build",
        "pytest -q tests/test_cart.py", "ls -la src", "grep -rn \"TODO\" src", "cargo check",
        "docker compose ps", "make lint", "go test ./...", "npm run build 2>&1 | tail -50",
        "git commit -m \"Round coupon totals half up\"", "git add -A && git commit -m \"wip\"",
        "cd /home/dev/shop-api && CI=1 pytest -q tests/test_" + CorpusGenerator.PLANTED_COMMAND + ".py"};
    static final String[] COMMAND_DESCRIPTIONS = {"Run the test suite", "Show working tree status",
        "Build the project", "List source files", "Find TODO comments", "Check the containers"};
    static final String[] FILES = {"src/cart.ts", "src/api/routes.py", "README.md", "pkg/server/handler.go",
        "lib/billing/invoice.rb", "tests/test_checkout.py", "src/components/CartItem.tsx",
        "docs/café-menu.md", "config/settings.json", "Makefile", "src/main/java/App.java",
        "src/ledger/" + CorpusGenerator.PLANTED_PATH + ".py"};
    /** Memory files: Claude Code puts them in the prompt, so editing one breaks the cache. */
    static final String[] MEMORY_FILES = {"CLAUDE.md", "CLAUDE.md", "CLAUDE.local.md", "docs/CLAUDE.md",
        ".claude/settings.local.json", ".claude/commands/" + CorpusGenerator.PLANTED_MEMORY_PATH + ".md"};
    static final String[] SKILLS = {"pdf", "xlsx", "frontend-design", CorpusGenerator.PLANTED_SKILL};
    static final String[] PATTERNS = {"TODO", "fn main", "class \\w+Service", "import .* from 'react'",
        "def test_"};
    static final String[] EXTENSIONS = {"ts", "py", "go", "rb", "java", "md", "json"};
    static final String[] TODOS = {"Run the tests", "Fix the coupon validation", "Update the docs",
        "Explore the codebase", "Review the migration"};
    static final String[] URLS = {"https://docs.example.com/config", "https://code.claude.com/docs/en/hooks.md",
        "https://github.com/example/shop/issues/42"};
    static final String[] TASK_PROMPTS = {
        "Find every place where prices are rounded and list the file and line.",
        "Explore the repository and explain how authentication works. Report the entry points.",
        "Search the tests for fixtures that depend on the current date.",
        "Read the CI configuration and find out why the deploy job is skipped on tags."};
    static final String[] AGENT_TYPES = {"Explore", "general-purpose", "Plan"};
    static final String[] HOOK_COMMANDS = {"/home/dev/.claude/hooks/notify.sh", "bd prime",
        "${CLAUDE_PLUGIN_ROOT}/scripts/fmt.sh", "npx prettier --write \"$FILE\""};
    static final String[] TINY_RESULTS = {"ok", "(no output)", "3 passed", "Done", "", "true",
        "File created successfully"};
    static final String CAVEAT = "<local-command-caveat>Caveat: The messages below were generated by the user "
        + "while running local commands. DO NOT respond to these messages or otherwise consider them in your "
        + "response unless the user explicitly asks you to.</local-command-caveat>";
    static final String COMPACT_PROMPT = "Your task is to create a detailed summary of the conversation so far, "
        + "paying close attention to the user's explicit requests and your previous actions.";
    static final String COMPACT_SUMMARY_START = "This session is being continued from a previous conversation "
        + "that ran out of context. The summary below covers the earlier portion of the conversation.\n\n";

    private static final String[] IDENTS = {"cart", "total", "items", "price", "user", "session", "config",
        "handler", "request", "response", "invoice", "coupon", "amount", "logger", "cache", "result", "err",
        "ctx", "value", "index", "count", "payload", "token", "retry"};
    private static final String[] KEYWORDS = {"const", "let", "return", "if", "for", "def", "func", "async",
        "await", "import", "class", "public", "static", "final"};
    private static final String[] WORDS = {"the", "a", "test", "fails", "because", "router", "returns",
        "null", "when", "the", "cart", "is", "empty", "so", "I", "will", "check", "first", "then", "update",
        "config", "file", "and", "run", "suite", "again", "looks", "like", "coupon", "validation", "is",
        "missing", "let", "me", "read", "handler", "before", "changing", "anything", "this", "should", "fix",
        "it", "now", "build", "passes", "café", "naïve", "résumé", "über", "✅", "🚀", "🐛", "日本語"};
    private static final String[] LEVELS = {"INFO ", "DEBUG", "WARN ", "ERROR"};

    static void codeLine(SplittableRandom r, StringBuilder sb) {
        int kind = r.nextInt(10);
        if (kind < 4) {
            sb.append("    ".repeat(r.nextInt(4))).append(pick(r, KEYWORDS)).append(' ')
                .append(pick(r, IDENTS)).append(" = ").append(pick(r, IDENTS)).append('.')
                .append(pick(r, IDENTS)).append("(\"").append(pick(r, IDENTS)).append("\", ")
                .append(r.nextInt(1000)).append(");");
        } else if (kind < 6) {
            sb.append("2026-09-").append(10 + r.nextInt(20)).append(' ').append(10 + r.nextInt(13)).append(':')
                .append(10 + r.nextInt(50)).append(':').append(10 + r.nextInt(50)).append(' ')
                .append(pick(r, LEVELS)).append(" [worker-").append(r.nextInt(8)).append("] processed ")
                .append(r.nextInt(5000)).append(" events in ").append(r.nextInt(900)).append("ms");
        } else if (kind < 7) {
            sb.append(r.nextBoolean() ? "  ✓ " : "  ✗ ").append(pick(r, IDENTS)).append(' ')
                .append(pick(r, WORDS)).append(" (").append(r.nextInt(300)).append(" ms)");
        } else if (kind < 8) {
            sb.append("src/").append(pick(r, IDENTS)).append('/').append(pick(r, IDENTS)).append(".ts:")
                .append(1 + r.nextInt(400)).append(':').append(1 + r.nextInt(80))
                .append(" - error TS2345: Argument of type \"string\" is not assignable to \"number\".");
        } else if (kind < 9) {
            sb.append("C:\\Users\\dev\\").append(pick(r, IDENTS)).append("\\").append(pick(r, IDENTS))
                .append(".json\t").append(r.nextInt(100_000)).append(" bytes");
        } else {
            sb.append("{\"").append(pick(r, IDENTS)).append("\": \"").append(pick(r, WORDS)).append("\", \"")
                .append(pick(r, IDENTS)).append("\": ").append(r.nextInt(100)).append('}');
        }
    }

    static void proseLine(SplittableRandom r, StringBuilder sb) {
        int words = 6 + r.nextInt(30);
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(pick(r, WORDS));
        }
        sb.append(r.nextInt(8) == 0 ? ": `" + pick(r, IDENTS) + "()` returns \"" + pick(r, WORDS) + "\"." : ".");
    }
}
