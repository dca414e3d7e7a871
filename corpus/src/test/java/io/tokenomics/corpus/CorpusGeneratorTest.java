package io.tokenomics.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates a small corpus and checks it against an independent reader: Jackson parses every line, the counting
 * rules of docs/formats.md ("Dedup" for Claude, "Cumulative counters" for Codex) are applied from scratch, and the
 * result must equal the generator's expected.json.
 */
class CorpusGeneratorTest {
    private static final int SESSIONS = 200;
    private static final long SEED = 20261031L;
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // "{...}{...}" is one malformed line
    private static final String[] FIELDS = {"input_tokens", "output_tokens", "cache_creation_5m_tokens",
        "cache_creation_1h_tokens", "cache_read_tokens"};
    private static final Pattern LONE_SURROGATE = Pattern.compile("\\\\ud8[0-9a-f]{2}(?!\\\\ud[c-f])");

    @TempDir
    static Path corpus;

    private static CorpusGenerator.Result result;
    private static JsonNode expected;
    private static Reference reference;
    private static CodexReference codex;

    @BeforeAll
    static void generate() throws IOException {
        result = CorpusGenerator.generate(new CorpusGenerator.Options(corpus, SESSIONS, SEED, 0));
        expected = JSON.readTree(result.expectedFile().toFile());
        reference = new Reference();
        for (Path file : jsonlFiles(corpus.resolve("projects"))) {
            reference.read(corpus, file);
        }
        codex = new CodexReference();
        for (Path file : jsonlFiles(corpus.resolve("codex"))) {
            codex.read(corpus, file);
        }
    }

    @Test
    void sameSeedGivesIdenticalBytes(@TempDir Path other) throws IOException {
        CorpusGenerator.Result again = CorpusGenerator.generate(new CorpusGenerator.Options(other, SESSIONS, SEED, 0));
        assertEquals(result.files(), again.files());
        assertEquals(result.bytes(), again.bytes());
        List<Path> mine = relative(corpus);
        assertEquals(mine, relative(other));
        for (Path p : mine) {
            assertArrayEquals(Files.readAllBytes(corpus.resolve(p)), Files.readAllBytes(other.resolve(p)),
                p.toString());
        }
    }

    @Test
    void resultDescribesTheFiles() throws IOException {
        List<Path> files = jsonlFiles(corpus);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        assertEquals(SESSIONS, result.sessions());
        assertEquals(files.size(), result.files());
        assertEquals(bytes, result.bytes());
        assertEquals(files.size(), expected.get("files").asLong());
        assertEquals(bytes, expected.get("bytes").asLong());
        assertEquals(SEED, expected.get("seed").asLong());
        List<Path> codexFiles = jsonlFiles(corpus.resolve("codex"));
        long codexBytes = 0;
        for (Path f : codexFiles) {
            codexBytes += Files.size(f);
        }
        JsonNode c = expected.get("codex");
        assertEquals(codexFiles.size(), c.get("files").asLong());
        assertEquals(codexBytes, c.get("bytes").asLong());
        long codexSessions = java.util.stream.IntStream.range(0, SESSIONS).filter(i -> i % 8 == 1).count();
        assertEquals(codexSessions, c.get("sessions").asLong());
        assertEquals(codexSessions + c.get("archived_copies").asLong(), codexFiles.size());
    }

    @Test
    void independentReaderAgreesWithExpectedTotals() {
        Map<String, Long> totals = new TreeMap<>();
        Map<String, Map<String, Long>> daily = new TreeMap<>();
        Map<String, Map<String, Long>> byModel = new TreeMap<>();
        for (Kept k : reference.kept()) {
            add(totals, k, false);
            add(daily.computeIfAbsent(k.day(), d -> new TreeMap<>()), k, true);
            if (!"<synthetic>".equals(k.model())) {
                add(byModel.computeIfAbsent(k.model(), m -> new TreeMap<>()), k, true);
            }
        }
        assertEquals(counters(expected.get("totals")), totals);
        assertEquals(nested(expected.get("daily_utc")), daily);
        assertEquals(nested(expected.get("by_model")), byModel);
        assertEquals(expected.get("responses").asLong(), reference.kept().size());
        assertEquals(expected.get("rejects").get("malformed").asLong(), reference.malformed);
        assertEquals(expected.get("rejects").get("not_an_object").asLong(), reference.notObject);
        assertEquals(expected.get("truncated_tails").asLong(), reference.truncated);
    }

    @Test
    void independentReaderAgreesWithExpectedCodexTotals() {
        JsonNode c = expected.get("codex");
        assertEquals(counters(c.get("totals")), codex.totals);
        assertEquals(c.get("events").asLong(), codex.events);
        assertEquals(nested(c.get("by_model")), codex.byModel);
        assertEquals(nested(c.get("daily_utc")), codex.daily);
        assertEquals(c.get("truncated_tails").asLong(), codex.truncated);
        assertEquals(0, codex.malformed, "malformed Codex lines");
        for (String day : codex.daily.keySet()) {
            assertTrue(day.compareTo("2026-09-01") >= 0 && day.compareTo("2026-10-31") <= 0, day);
        }
    }

    @Test
    void codexCorpusHasEveryCase() {
        CodexReference ref = codex;
        long withInfo = ref.repeats + ref.counted + ref.replayed + ref.copies;
        double repeatShare = (double) ref.repeats / withInfo;
        assertTrue(repeatShare > 0.35 && repeatShare < 0.6, "repeated token_count events: " + repeatShare);
        assertTrue(ref.infoNull > 0, "info: null");
        assertTrue(ref.resets > 0, "counter reset");
        assertTrue(ref.resetsWithLast > 0, "counter reset with last_token_usage");
        assertTrue(ref.lastOnly > 0, "events with only last_token_usage");
        assertTrue(ref.totalOnly > 0, "events with only total_token_usage");
        assertTrue(ref.modelSwitchFiles > 0, "a model switch in the middle of a file");
        assertTrue(ref.bareFiles > 0, "bare-era files");
        assertTrue(ref.childFiles > 0 && ref.replayed > 0, "a forked rollout replaying its parent's events");
        assertTrue(ref.sameSecondCopies > 0, "a fork's copy of its parent re-stamped in the fork's first second");
        assertTrue(ref.multiSecondCopies > 0, "a fork's copy of its parent re-stamped over several seconds");
        assertTrue(ref.nullForkedFrom > 0, "forked_from_id: null (not a child)");
        assertTrue(ref.archivedFiles > 0 && ref.copies > 0, "an archived copy");
        assertTrue(ref.truncated > 0, "truncated tail");
        assertTrue(ref.stateLines > 0, "record_type state lines");
        assertTrue(ref.compacted > 0, "compaction");
        assertTrue(ref.longestLine > 100_000, "a big tool output");
        assertTrue(ref.lineTypes.containsAll(Set.of("session_meta", "turn_context", "response_item", "event_msg",
            "compacted")), ref.lineTypes.toString());
        assertTrue(ref.eventTypes.containsAll(Set.of("user_message", "agent_message", "token_count",
            "task_started", "task_complete", "agent_reasoning", "context_compacted")), ref.eventTypes.toString());
        assertTrue(ref.itemTypes.containsAll(Set.of("message", "reasoning", "function_call", "function_call_output",
            "custom_tool_call", "custom_tool_call_output")), ref.itemTypes.toString());
        assertTrue(codex.byModel.keySet().containsAll(Set.of("gpt-5.3-codex", "gpt-5.4", "gpt-5.1-codex-max",
            "gpt-6-codex-nightly")), codex.byModel.keySet().toString());
        assertTrue(ref.rolloutNames, "rollout-YYYY-MM-DDThh-mm-ss-<uuid>.jsonl under sessions/YYYY/MM/DD");
    }

    @Test
    void corpusHasTheRealShape() {
        Reference ref = reference;
        int projects = ref.projectDirs.size();
        assertTrue(projects >= 8 && projects <= 12, "projects " + projects);
        assertTrue(ref.subagentFiles > 0, "sub-agent files");
        assertTrue(ref.agentProgressWithUsage > 0, "agent_progress copies with usage");
        assertTrue(ref.compactBoundaries > 0 && ref.compactSummaries > 0, "compaction");
        assertTrue(ref.summaries > 0 && ref.snapshots > 0 && ref.unknownTypes > 0, "other line types");
        assertTrue(ref.multiLineResponses > 0, "responses over several lines");
        assertTrue(ref.over200k > 0, "requests over 200k tokens");
        assertTrue(ref.withoutTtlSplit > 0, "usage without cache_creation");
        Map<String, Long> totals = counters(expected.get("totals"));
        assertTrue(totals.get("cache_creation_5m_tokens") > 0 && totals.get("cache_creation_1h_tokens") > 0);
        Set<String> models = new HashSet<>();
        expected.get("by_model").fieldNames().forEachRemaining(models::add);
        assertTrue(models.containsAll(Set.of("claude-sonnet-4-5-20250929", "claude-opus-4-6",
            "claude-haiku-4-5-20251001", "claude-sonnet-4-20250514", "glm-4.6")), models.toString());
        assertTrue(ref.synthetic > 0, "<synthetic> replies");
        assertTrue(ref.filesCrossingMidnight > 0, "a session crossing UTC midnight");
        assertTrue(expected.get("daily_utc").size() > 40, "days covered");
    }

    @Test
    void corpusHasEveryDefect() {
        Reference ref = reference;
        assertTrue(ref.bomFiles > 0, "BOM");
        assertTrue(ref.crlfFiles > 0, "CRLF");
        assertTrue(ref.blankLines > 0, "blank lines");
        assertTrue(ref.invalidUtf8Lines > 0, "invalid UTF-8");
        assertTrue(ref.loneSurrogateLines > 0 && ref.nulEscapeLines > 0, "lone surrogate and \\u0000");
        assertTrue(ref.notObjectKinds.containsAll(Set.of("NUMBER", "STRING", "ARRAY", "NULL")),
            ref.notObjectKinds.toString());
        assertTrue(ref.malformed >= 2 && ref.gluedLines > 0, "cut and glued records");
        assertTrue(ref.truncated > 0, "truncated tail");
        assertTrue(ref.prettyLines > 0, "spaces after colons");
        assertTrue(ref.reorderedLines > 0, "fields in another order");
        assertTrue(ref.nullCounters > 0, "null counter");
        assertTrue(ref.usageWithoutType > 0, "usage line without type");
        assertTrue(ref.withoutRequestId > 0, "response without requestId");
        assertTrue(ref.withoutMessageId > 0, "usage line without message.id");
        assertTrue(ref.idsInTwoFiles() > 0, "a response copied into another file");
        assertTrue(ref.sidechainReplays() > 0, "sidechain replay of a main-chain response");
        assertTrue(ref.longestLine > 1_000_000, "line over 1 MB");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void add(Map<String, Long> t, Kept k, boolean withResponses) {
        long[] v = {k.input(), k.output(), k.w5(), k.w1h(), k.read()};
        for (int i = 0; i < FIELDS.length; i++) {
            t.merge(FIELDS[i], v[i], Long::sum);
        }
        if (withResponses) {
            t.merge("responses", 1L, Long::sum);
        }
    }

    private static Map<String, Long> counters(JsonNode node) {
        Map<String, Long> m = new TreeMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    private static Map<String, Map<String, Long>> nested(JsonNode node) {
        Map<String, Map<String, Long>> m = new TreeMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), counters(e.getValue())));
        return m;
    }

    private static List<Path> jsonlFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
        }
    }

    private static List<Path> relative(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().collect(Collectors.toList());
        }
    }

    /** The kept line of one response (or of one line without message.id). */
    record Kept(boolean sidechain, long output, long total, String day, String model, long input, long w5, long w1h,
            long read, String requestId, String file) {
        /** Counting rule: a non-sidechain line first, then the larger output, then the larger total. */
        boolean betterThan(Kept o) {
            if (sidechain != o.sidechain) {
                return !sidechain;
            }
            if (output != o.output) {
                return output > o.output;
            }
            return total > o.total;
        }
    }

    /**
     * An independent Codex reader: Jackson per line, docs/formats.md ("Cumulative counters") per file (prev = last
     * total; repeats skipped; a decrease counts last_token_usage, else the new total; last only counts it; the model
     * of the latest turn_context); a child's events before its own start only set the baseline, and so do those of a
     * copy re-stamped with the fork's time (from a later session_meta, or a turn started before the child, to the
     * child's own first turn); an event with the same timestamp and totals as one in another file counts once.
     */
    static final class CodexReference {
        private static final String[] NAMES = {"input_tokens", "cached_input_tokens", "output_tokens",
            "reasoning_output_tokens", "total_tokens"};
        private static final Pattern ROLLOUT = Pattern.compile(
            "codex/(sessions/\\d{4}/\\d{2}/\\d{2}|archived_sessions)/rollout-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-"
                + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.jsonl");
        final Map<String, Long> totals = new TreeMap<>();
        final Map<String, Map<String, Long>> byModel = new TreeMap<>();
        final Map<String, Map<String, Long>> daily = new TreeMap<>();
        final Map<String, String> fileByKey = new HashMap<>();
        final Set<String> lineTypes = new HashSet<>();
        final Set<String> eventTypes = new HashSet<>();
        final Set<String> itemTypes = new HashSet<>();
        long events;
        long counted;
        long repeats;
        long replayed;
        long copies;
        long infoNull;
        long resets;
        long resetsWithLast;
        long lastOnly;
        long totalOnly;
        long modelSwitchFiles;
        long bareFiles;
        long childFiles;
        long sameSecondCopies;
        long multiSecondCopies;
        long nullForkedFrom;
        long archivedFiles;
        long truncated;
        long malformed;
        long stateLines;
        long compacted;
        long longestLine;
        boolean rolloutNames = true;

        void read(Path root, Path file) throws IOException {
            String name = root.relativize(file).toString().replace('\\', '/');
            rolloutNames &= ROLLOUT.matcher(name).matches();
            if (name.startsWith("codex/archived_sessions/")) {
                archivedFiles++;
            }
            byte[] bytes = Files.readAllBytes(file);
            long[] prev = null;
            String model = null;
            Set<String> models = new HashSet<>();
            boolean first = true;
            boolean child = false;
            Instant ownStart = null;
            boolean replaying = false;
            Instant copyFrom = null;
            Instant copyTo = null;
            int start = 0;
            while (start < bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                boolean terminated = end < bytes.length;
                longestLine = Math.max(longestLine, end - start);
                String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                start = end + 1;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (IOException e) {
                    if (terminated) {
                        malformed++;
                    } else {
                        truncated++;
                    }
                    continue;
                }
                if (node.has("record_type")) {
                    stateLines++;
                }
                String type = node.path("type").asText("");
                JsonNode payload = node.path("payload");
                boolean firstLine = first;
                if (first) {
                    first = false;
                    if (!type.equals("session_meta")) {
                        bareFiles++;
                    } else {
                        JsonNode source = payload.path("source");
                        child = payload.hasNonNull("forked_from_id") || payload.hasNonNull("parent_thread_id")
                            || source.has("subagent");
                        if (payload.has("forked_from_id") && payload.get("forked_from_id").isNull()) {
                            nullForkedFrom++;
                        }
                        ownStart = Instant.parse(payload.get("timestamp").asText());
                        childFiles += child ? 1 : 0;
                    }
                }
                if (!payload.isObject()) {
                    continue; // bare-era lines and state markers
                }
                lineTypes.add(type);
                String payloadType = payload.path("type").asText("");
                Instant at = Instant.parse(node.get("timestamp").asText());
                if (child && !firstLine && type.equals("session_meta") && copyFrom == null
                        && !at.isBefore(ownStart)) {
                    replaying = true;
                    copyFrom = at;
                }
                if (child && payloadType.equals("task_started") && payload.has("started_at")) {
                    replaying = payload.get("started_at").asLong() < ownStart.getEpochSecond();
                }
                if (replaying && copyFrom != null) {
                    copyTo = at;
                }
                if (type.equals("event_msg")) {
                    eventTypes.add(payloadType);
                } else if (type.equals("response_item")) {
                    itemTypes.add(payloadType);
                } else if (type.equals("compacted")) {
                    compacted++;
                } else if (type.equals("turn_context")) {
                    model = payload.get("model").asText();
                    models.add(model);
                }
                if (!payloadType.equals("token_count")) {
                    continue;
                }
                JsonNode info = payload.get("info");
                if (info == null || !info.isObject()) {
                    infoNull++;
                    continue;
                }
                long[] total = usage(info.get("total_token_usage"));
                long[] last = usage(info.get("last_token_usage"));
                String ts = node.get("timestamp").asText();
                long[] delta;
                String key = null;
                if (total != null) {
                    if (last == null) {
                        totalOnly++;
                    }
                    if (prev != null && Arrays.equals(total, prev)) {
                        repeats++;
                        continue;
                    }
                    if (prev == null) {
                        delta = total;
                    } else if (below(total, prev)) {
                        resets++;
                        resetsWithLast += last != null ? 1 : 0;
                        delta = last != null ? last : total;
                    } else {
                        delta = new long[5];
                        for (int i = 0; i < 5; i++) {
                            delta[i] = total[i] - prev[i];
                        }
                    }
                    prev = total;
                    key = ts + Arrays.toString(total);
                } else if (last != null) {
                    lastOnly++;
                    delta = last;
                } else {
                    continue;
                }
                if (child && (replaying || Instant.parse(ts).isBefore(ownStart))) {
                    replayed++; // the parent's history: sets the baseline only
                    continue;
                }
                if (key != null && !fileByKey.computeIfAbsent(key, k -> name).equals(name)) {
                    copies++; // the same event in another file (an archived copy)
                    continue;
                }
                counted++;
                events++;
                add(totals, delta, false);
                add(byModel.computeIfAbsent(model, m -> new TreeMap<>()), delta, true);
                add(daily.computeIfAbsent(ts.substring(0, 10), d -> new TreeMap<>()), delta, true);
            }
            if (models.size() > 1 && !child) {
                modelSwitchFiles++;
            }
            if (copyFrom != null) {
                countCopy(copyFrom, copyTo);
            }
        }

        /** A copy of a parent's history re-stamped from {@code from} to {@code to}. */
        private void countCopy(Instant from, Instant to) {
            if (to.toEpochMilli() - from.toEpochMilli() < 1_000) {
                sameSecondCopies++;
            } else {
                multiSecondCopies++;
            }
        }

        private static long[] usage(JsonNode node) {
            if (node == null || !node.isObject()) {
                return null;
            }
            long[] u = new long[5];
            for (int i = 0; i < 5; i++) {
                u[i] = node.path(NAMES[i]).asLong(0);
            }
            return u;
        }

        private static boolean below(long[] now, long[] previous) {
            for (int i = 0; i < 5; i++) {
                if (now[i] < previous[i]) {
                    return true;
                }
            }
            return false;
        }

        private static void add(Map<String, Long> t, long[] delta, boolean withEvents) {
            for (int i = 0; i < 5; i++) {
                t.merge(NAMES[i], delta[i], Long::sum);
            }
            if (withEvents) {
                t.merge("events", 1L, Long::sum);
            }
        }
    }

    /** An independent reader: Jackson per line, the dedup rule applied over all files. */
    static final class Reference {
        final Map<String, Kept> byId = new HashMap<>();
        final List<Kept> withoutId = new ArrayList<>();
        final Map<String, Set<String>> mainFilesById = new HashMap<>();
        final Map<String, Set<String>> sidechainRequestsById = new HashMap<>();
        final Map<String, Set<String>> mainRequestsById = new HashMap<>();
        final Set<String> projectDirs = new HashSet<>();
        final Set<String> notObjectKinds = new HashSet<>();
        long malformed;
        long notObject;
        long truncated;
        long bomFiles;
        long crlfFiles;
        long blankLines;
        long invalidUtf8Lines;
        long loneSurrogateLines;
        long nulEscapeLines;
        long gluedLines;
        long prettyLines;
        long reorderedLines;
        long nullCounters;
        long usageWithoutType;
        long withoutRequestId;
        long withoutMessageId;
        long longestLine;
        long subagentFiles;
        long agentProgressWithUsage;
        long compactBoundaries;
        long compactSummaries;
        long summaries;
        long snapshots;
        long unknownTypes;
        long multiLineResponses;
        long over200k;
        long withoutTtlSplit;
        long synthetic;
        long filesCrossingMidnight;
        private final Map<String, Integer> linesPerId = new HashMap<>();

        List<Kept> kept() {
            List<Kept> all = new ArrayList<>(byId.values());
            all.addAll(withoutId);
            return all;
        }

        long idsInTwoFiles() {
            return mainFilesById.values().stream().filter(s -> s.size() > 1).count();
        }

        long sidechainReplays() {
            return sidechainRequestsById.entrySet().stream()
                .filter(e -> mainRequestsById.containsKey(e.getKey())
                    && !mainRequestsById.get(e.getKey()).containsAll(e.getValue()))
                .count();
        }

        void read(Path root, Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            String name = root.relativize(file).toString();
            projectDirs.add(root.relativize(file).getName(1).toString());
            if (name.contains("/subagents/agent-")) {
                subagentFiles++;
            }
            int start = 0;
            if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF) {
                bomFiles++;
                start = 3;
            }
            boolean crlf = false;
            Set<String> days = new HashSet<>();
            while (start < bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                boolean terminated = end < bytes.length;
                int len = end - start;
                if (len > 0 && bytes[start + len - 1] == '\r') {
                    len--;
                    crlf = true;
                }
                line(bytes, start, len, terminated, name, days);
                start = end + 1;
            }
            if (crlf) {
                crlfFiles++;
            }
            if (!name.contains("/subagents/") && days.size() > 1 && days.size() < 5) {
                filesCrossingMidnight++;
            }
        }

        private void line(byte[] bytes, int off, int len, boolean terminated, String file, Set<String> days) {
            longestLine = Math.max(longestLine, len);
            for (int i = off; i < off + len; i++) {
                if (bytes[i] == (byte) 0xFF) {
                    invalidUtf8Lines++;
                    break;
                }
            }
            String text = new String(bytes, off, len, StandardCharsets.UTF_8); // invalid bytes become U+FFFD
            if (text.isBlank()) {
                blankLines++;
                return;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (IOException e) {
                if (terminated) {
                    malformed++;
                    if (text.contains("}{\"")) {
                        gluedLines++;
                    }
                } else {
                    truncated++;
                }
                return;
            }
            if (!node.isObject()) {
                notObject++;
                notObjectKinds.add(node.getNodeType().name());
                return;
            }
            observe(node, text);
            if (isUsageLine(node)) {
                String ts = node.path("timestamp").asText("");
                if (ts.length() >= 10) {
                    days.add(ts.substring(0, 10));
                }
                count(node, text, file);
            }
        }

        private static boolean isUsageLine(JsonNode node) {
            JsonNode message = node.path("message");
            if (!message.path("usage").isObject()) {
                return false;
            }
            JsonNode type = node.get("type");
            return type == null ? "assistant".equals(message.path("role").asText()) : "assistant".equals(type.asText());
        }

        private void count(JsonNode node, String text, String file) {
            JsonNode message = node.get("message");
            JsonNode usage = message.get("usage");
            long input = usage.path("input_tokens").asLong(0); // null and missing read as 0
            long writes = usage.path("cache_creation_input_tokens").asLong(0);
            long read = usage.path("cache_read_input_tokens").asLong(0);
            long output = usage.path("output_tokens").asLong(0);
            long w5 = writes;
            long w1h = 0;
            JsonNode ttl = usage.get("cache_creation");
            if (ttl != null && ttl.isObject()) {
                w5 = ttl.path("ephemeral_5m_input_tokens").asLong(0);
                w1h = ttl.path("ephemeral_1h_input_tokens").asLong(0);
            } else {
                withoutTtlSplit++;
            }
            if (input + writes + read > 200_000) {
                over200k++;
            }
            boolean sidechain = node.path("isSidechain").asBoolean(false);
            String requestId = node.hasNonNull("requestId") ? node.get("requestId").asText() : null;
            String model = message.path("model").asText("");
            String ts = node.path("timestamp").asText("");
            Kept k = new Kept(sidechain, output, input + writes + read + output, ts.substring(0, 10), model, input,
                w5, w1h, read, requestId, file);
            String id = message.hasNonNull("id") ? message.get("id").asText() : "";
            noteDefects(node, text, usage, requestId, model, id);
            if (id.isEmpty()) {
                withoutMessageId++;
                withoutId.add(k);
                return;
            }
            if (linesPerId.merge(id + "\u0000" + file, 1, Integer::sum) == 2) {
                multiLineResponses++;
            }
            (sidechain ? sidechainRequestsById : mainRequestsById).computeIfAbsent(id, x -> new HashSet<>())
                .add(String.valueOf(requestId));
            if (!sidechain) {
                mainFilesById.computeIfAbsent(id, x -> new HashSet<>()).add(file);
            }
            byId.merge(id, k, (old, now) -> now.betterThan(old) ? now : old);
        }

        private void noteDefects(JsonNode node, String text, JsonNode usage, String requestId, String model,
                String id) {
            if (!node.has("type")) {
                usageWithoutType++;
            }
            if (usage.has("cache_creation_input_tokens") && usage.get("cache_creation_input_tokens").isNull()) {
                nullCounters++;
            }
            if ("<synthetic>".equals(model)) {
                synthetic++;
            } else if (requestId == null && !id.isEmpty()) {
                withoutRequestId++;
            }
            if (text.contains("\"usage\": {")) {
                prettyLines++;
            }
            Iterator<String> names = node.fieldNames();
            if (names.hasNext() && !"parentUuid".equals(names.next())) {
                reorderedLines++;
            }
        }

        /** Line types and string oddities, for the shape and defect assertions. */
        private void observe(JsonNode node, String text) {
            if (LONE_SURROGATE.matcher(text).find()) {
                loneSurrogateLines++;
            }
            if (text.contains("\\u0000")) {
                nulEscapeLines++;
            }
            String type = node.path("type").asText("");
            switch (type) {
                case "progress" -> {
                    if (node.path("data").path("message").path("message").path("usage").isObject()) {
                        agentProgressWithUsage++;
                    }
                }
                case "system" -> {
                    if ("compact_boundary".equals(node.path("subtype").asText())) {
                        compactBoundaries++;
                    }
                }
                case "user" -> {
                    if (node.path("isCompactSummary").asBoolean(false)) {
                        compactSummaries++;
                    }
                }
                case "summary" -> summaries += node.has("timestamp") ? 0 : 1;
                case "file-history-snapshot" -> snapshots++;
                case "assistant", "" -> {
                }
                default -> unknownTypes++;
            }
        }
    }
}
