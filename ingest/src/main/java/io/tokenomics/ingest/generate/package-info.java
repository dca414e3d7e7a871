/**
 * Synthetic test corpora: {@link io.tokenomics.ingest.generate.CorpusGenerator} writes a Claude Code config dir
 * in the real transcript format (FORMATS.md sections 1 and 2), with the defects real archives have, together with
 * {@code expected.json}, the totals a correct reader must produce from it under the counting rules of DESIGN.md
 * section 3. Same seed, same bytes, so a corpus can be regenerated instead of stored; it scales to gigabytes for
 * benchmarks.
 */
package io.tokenomics.ingest.generate;
