package io.tokenomics.ingest.copilot;

import io.tokenomics.ingest.json.StringView;
import java.util.Arrays;

/**
 * The fields of one Copilot CLI line that we keep, as views into the mapped line (docs/formats.md, "GitHub Copilot
 * CLI"): a session-state event ({@code type}, {@code id}, {@code timestamp}, and of its {@code data} the session id,
 * the working directory, the CLI version and the usage of each model), or an OpenTelemetry span of the file export
 * (its ids, name, times and {@code gen_ai.*} attributes).
 */
final class CopilotLine {
    /** The counters of one model in a shutdown's {@code modelMetrics}, or of one span. */
    static final class Usage {
        final StringView model = new StringView();
        boolean present;
        /** Input, cache reads and cache writes included. */
        long input;
        long output;
        long cacheRead;
        long cacheWrite;
        /** Part of output. */
        long reasoning;

        void clear() {
            model.clear();
            present = false;
            input = 0;
            output = 0;
            cacheRead = 0;
            cacheWrite = 0;
            reasoning = 0;
        }

        boolean isZero() {
            return input == 0 && output == 0 && cacheRead == 0 && cacheWrite == 0 && reasoning == 0;
        }
    }

    final StringView type = new StringView();
    final StringView id = new StringView();
    final StringView timestamp = new StringView();
    final StringView sessionId = new StringView();
    final StringView cwd = new StringView();
    final StringView version = new StringView();
    /** The models of a shutdown's {@code modelMetrics}, the first {@link #modelCount} of them. */
    Usage[] models = {new Usage(), new Usage()};
    int modelCount;

    final StringView traceId = new StringView();
    final StringView spanId = new StringView();
    final StringView name = new StringView();
    /** A span's end, else its start, in microseconds since the epoch; {@link Long#MIN_VALUE} when absent. */
    long spanMicros;
    boolean hasAttributes;
    final StringView operation = new StringView();
    final StringView responseModel = new StringView();
    final StringView requestModel = new StringView();
    final StringView conversationId = new StringView();
    /** A span's {@code gen_ai.usage.*} counters; {@code present} once one of them is read. */
    final Usage spanUsage = new Usage();

    void clear() {
        type.clear();
        id.clear();
        timestamp.clear();
        sessionId.clear();
        cwd.clear();
        version.clear();
        modelCount = 0;
        traceId.clear();
        spanId.clear();
        name.clear();
        spanMicros = Long.MIN_VALUE;
        hasAttributes = false;
        operation.clear();
        responseModel.clear();
        requestModel.clear();
        conversationId.clear();
        spanUsage.clear();
    }

    /** The next model of {@code modelMetrics}, cleared; the array grows only past the most models a line had. */
    Usage addModel() {
        if (modelCount == models.length) {
            models = Arrays.copyOf(models, modelCount * 2);
            for (int i = modelCount; i < models.length; i++) {
                models[i] = new Usage();
            }
        }
        Usage u = models[modelCount++];
        u.clear();
        return u;
    }
}
