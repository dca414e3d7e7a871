/**
 * Synthetic test corpora: {@link io.tokenomics.corpus.CorpusGenerator} writes a Claude Code config dir
 * in the real transcript format (FORMATS.md sections 1 and 2), with the defects real archives have, and, for one
 * session in eight, Codex CLI rollouts under {@code codex/} (FORMATS.md section 3: repeated and null
 * {@code token_count} events, counter resets, forked rollouts replaying their parent, an archived copy, bare-era
 * files), together with {@code expected.json}, the totals a correct reader must produce from it under the counting
 * rules of DESIGN.md section 3 and FORMATS.md section 3.9. Same seed, same bytes, so a corpus can be regenerated
 * instead of stored; it scales to gigabytes for benchmarks.
 */
package io.tokenomics.corpus;
