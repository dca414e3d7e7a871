package io.tokenomics.corpus;

import static io.tokenomics.corpus.CodexRollout.REASONING_TITLES;
import static io.tokenomics.corpus.CorpusGenerator.DAY_MS;
import static io.tokenomics.corpus.CorpusGenerator.RANGE_DAYS;
import static io.tokenomics.corpus.CorpusGenerator.START_MS;
import static io.tokenomics.corpus.JsonBuffer.jsonLiteral;
import static io.tokenomics.corpus.RandomValues.base62;
import static io.tokenomics.corpus.RandomValues.hex;
import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.pick;
import static io.tokenomics.corpus.RandomValues.uuid;

import java.io.IOException;
import java.util.EnumSet;
import java.util.SplittableRandom;

/**
 * A rollout of the bare era (up to about September 2025): no envelope, no timestamps after the first line, no usage,
 * so nothing in it counts.
 */
final class CodexBareRollout {
    private CodexBareRollout() {
    }

    static void write(CodexCorpus corpus, SplittableRandom r, Project project, EnumSet<CodexFeature> features)
            throws IOException {
        long start = START_MS + r.nextInt(RANGE_DAYS - 1) * DAY_MS + r.nextInt(20 * 3600) * 1000L;
        String id = uuid(r);
        JsonlFile file = corpus.newFile(corpus.rolloutPath(id, start), null);
        JsonBuffer b = corpus.line.reset();
        b.ascii("{\"id\":\"").ascii(id).ascii("\",\"timestamp\":\"").timestamp(start)
            .ascii("\",\"instructions\":null,\"git\":{\"commit_hash\":\"").ascii(hex(r, 40))
            .ascii("\",\"branch\":\"main\",\"repository_url\":\"git@github.com:dev/app.git\"}}");
        file.line(b);
        file.line(corpus.line.reset().ascii("{\"record_type\":\"state\"}"));
        b = corpus.line.reset().ascii("{\"type\":\"message\",\"id\":null,\"role\":\"user\",\"content\":[{\"type\":")
            .ascii("\"input_text\",\"text\":").string("<environment_context>\n  <cwd>" + project.cwd()
                + "</cwd>\n</environment_context>").ascii("}]}");
        file.line(b);
        int turns = 1 + r.nextInt(4);
        for (int t = 0; t < turns; t++) {
            b = corpus.line.reset().ascii("{\"type\":\"message\",\"id\":null,\"role\":\"user\",\"content\":[{\"type\":")
                .ascii("\"input_text\",\"text\":").string(pick(r, Vocabulary.PROMPTS)).ascii("}]}");
            file.line(b);
            file.line(corpus.line.reset().ascii("{\"record_type\":\"state\"}"));
            int calls = 1 + r.nextInt(3);
            for (int c = 0; c < calls; c++) {
                String callId = "call_" + base62(r, 24);
                b = corpus.line.reset().ascii("{\"type\":\"reasoning\",\"id\":\"rs_").ascii(hex(r, 32))
                    .ascii("\",\"summary\":[{\"type\":\"summary_text\",\"text\":")
                    .string(pick(r, REASONING_TITLES)).ascii("}],\"content\":null,")
                    .ascii("\"encrypted_content\":\"gAAAAB");
                b.bytes(corpus.base64, 0, 200 + r.nextInt(1_000)).ascii("\"}");
                file.line(b);
                String cmd = "[\"bash\",\"-lc\"," + jsonLiteral(pick(r, Vocabulary.COMMANDS)) + "]";
                b = corpus.line.reset().ascii("{\"type\":\"function_call\",\"id\":\"fc_").ascii(hex(r, 32))
                    .ascii("\",\"name\":\"shell\",\"arguments\":").string("{\"command\":" + cmd + "}")
                    .ascii(",\"call_id\":\"").ascii(callId).ascii("\"}");
                file.line(b);
                JsonBuffer out = corpus.aux.reset();
                corpus.code.append(out, r, (int) Math.min(100_000, lognormal(r, 600, 1.4)));
                String text = new String(out.array, 0, out.size, java.nio.charset.StandardCharsets.UTF_8);
                // the output is JSON inside a string: escape the already escaped text once more
                b = corpus.line.reset().ascii("{\"type\":\"function_call_output\",\"call_id\":\"").ascii(callId)
                    .ascii("\",\"output\":").string("{\"output\":\"" + text + "\",\"metadata\":{\"exit_code\":0,"
                        + "\"duration_seconds\":0.1}}").ascii("}");
                file.line(b);
            }
            b = corpus.line.reset().ascii("{\"type\":\"message\",\"id\":\"msg_").ascii(hex(r, 32))
                .ascii("\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"");
            corpus.prose.append(b, r, 100 + r.nextInt(800));
            b.ascii("\"}]}");
            file.line(b);
            file.line(corpus.line.reset().ascii("{\"record_type\":\"state\"}"));
        }
        if (features.contains(CodexFeature.TRUNCATED_TAIL)) {
            b = corpus.line.reset().ascii("{\"type\":\"message\",\"id\":null,\"role\":\"user\",\"content\":[{\"type\":")
                .ascii("\"input_text\",\"text\":").string(pick(r, Vocabulary.PROMPTS)).ascii("}]}");
            file.unterminated(b, 1 + r.nextInt(b.size - 2));
            corpus.totals.truncatedTails++;
        }
        file.close();
        if (features.contains(CodexFeature.ARCHIVED)) {
            corpus.archive(file.path, features.contains(CodexFeature.TRUNCATED_TAIL));
        }
    }
}
