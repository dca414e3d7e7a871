package io.tokenomics.corpus;

import java.util.List;

/** What a forked Codex rollout copies: its parent's lines, and the state at the parent's last line. */
record ForkParent(String id, String cwd, String model, long endMs, long[] lastTotal, List<byte[]> lines) {
}
