package io.tokenomics.corpus;

import static io.tokenomics.corpus.RandomValues.shuffle;

import java.util.SplittableRandom;

/** A working directory and its lossy directory name under {@code projects/}. */
record Project(String cwd, String dirName) {
    /** Candidate working directories; 8 to 12 of them are used per corpus. Some show the lossy dir-name mapping. */
    private static final String[] PROJECT_PATHS = {
        "/home/dev/shop-api", "/home/dev/shop-web", "/home/dev/infra/terraform", "/home/dev/data-pipeline",
        "/home/dev/ml_notebooks", "/home/dev/docs.site", "/home/dev/cli-tools", "/home/dev/mobile-app",
        "/home/dev/auth-service", "/home/dev/billing worker", "/home/dev/blog", "/home/dev/dotfiles",
        "/home/dev/café-menu"};

    /** The projects of one corpus: a random choice of the candidates, in random order. */
    static Project[] pickAll(SplittableRandom r) {
        String[] paths = PROJECT_PATHS.clone();
        shuffle(r, paths);
        Project[] out = new Project[8 + r.nextInt(5)];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Project(paths[i], dirName(paths[i]));
        }
        return out;
    }

    /** Claude Code's rule: every character outside [A-Za-z0-9] becomes '-'. */
    static String dirName(String cwd) {
        StringBuilder sb = new StringBuilder(cwd.length());
        for (int i = 0; i < cwd.length(); i++) {
            char c = cwd.charAt(i);
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            sb.append(keep ? c : '-');
        }
        return sb.toString();
    }
}
