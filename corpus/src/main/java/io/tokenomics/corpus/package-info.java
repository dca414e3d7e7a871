/**
 * Test tooling, kept out of the production jars: synthetic corpora for the tests, the demo and the benchmarks.
 * {@link io.tokenomics.corpus.CorpusGenerator} writes a Claude Code config dir in the real transcript format
 * (docs/formats.md, "Claude Code transcripts" and "Defects of real files") and, for one session in eight, Codex CLI
 * rollouts under {@code codex/} (docs/formats.md, section 3), together with {@code expected.json}: the totals a
 * correct reader must produce from it under the counting rules of docs/formats.md. {@link
 * io.tokenomics.corpus.CopilotCorpus} writes a GitHub Copilot CLI home on its own, with its expected turns.
 *
 * <p>Every defect of the real formats is in it, because a reader is only tested on what it meets: BOMs, CRLF,
 * truncated tails, blank, cut and glued lines, invalid UTF-8, reordered fields, null counters, resumed copies,
 * sidechain replays and agent_progress echoes on the Claude side; repeated and null {@code token_count} events,
 * counter resets, last-only usage, forked rollouts replaying their parent, archived copies and bare-era files on the
 * Codex side. The totals are tallied while writing, from the generator's knowledge of which copy counts, so a reader
 * that applies a rule wrongly disagrees with {@code expected.json}.
 *
 * <p>{@link io.tokenomics.corpus.QwenCorpus}, {@link io.tokenomics.corpus.KimiCorpus} and
 * {@link io.tokenomics.corpus.DroidCorpus} write small corpora of Qwen Code, Kimi and Factory Droid sessions, each
 * with the defects of its format (docs/formats.md, their sections) and the {@link io.tokenomics.corpus.AgentTotals}
 * a correct reader counts.
 * <p>{@link io.tokenomics.corpus.OpenCodeCorpus} (OpenCode's folder, or Kilo's database) and
 * {@link io.tokenomics.corpus.AmpCorpus} write small data folders of those agents for tests, with their
 * {@link io.tokenomics.corpus.TotalsWithAgentCost}; {@link io.tokenomics.corpus.PiCorpus} (pi and OpenClaw),
 * {@link io.tokenomics.corpus.HermesCorpus} and {@link io.tokenomics.corpus.CodebuffCorpus} write those agents' homes
 * with their {@link io.tokenomics.corpus.AgentTotalsAndCost}.
 *
 * <p>Same seed and options, same bytes (one {@link java.util.SplittableRandom}, no clock, no hash order), so a corpus
 * can be regenerated instead of stored; it scales to gigabytes for benchmarks. Only the JDK is used, and SQLite's
 * library to write the databases (OpenCode's, Kilo's, Hermes's), so the generator shares no code with the readers it
 * checks.
 */
package io.tokenomics.corpus;
