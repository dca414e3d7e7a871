package io.tokenomics.corpus;

import java.util.List;

/**
 * What a forked Codex rollout copies: its parent's lines, and the state at the parent's last line; {@code newMeta}
 * says whether the parent was written by a version of the newer format, whose turns carry {@code started_at}.
 */
record ForkParent(String id, String cwd, String model, long endMs, long[] lastTotal, List<byte[]> lines,
        boolean newMeta) {
}
