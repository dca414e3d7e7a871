package io.tokenomics.ingest.source;

import java.nio.charset.StandardCharsets;

/**
 * What a row knows of the file it came from, as UTF-8 bytes made once per file: its path, and the project, session
 * and sub-agent its path names (the fallbacks for lines that do not name them).
 */
public final class ScannedFile {
    /** The file's path. */
    public final byte[] path;
    /** The project folder its path names; lossy, never decoded back into a path. */
    public final byte[] project;
    /** The session its path names: the folder below the project, or the file's stem. */
    public final byte[] session;
    /** The sub-agent its name names ({@code agent-<id>.jsonl}), or null. */
    public final byte[] agent;

    public ScannedFile(String path, String project, String session, String agent) {
        this.path = path.getBytes(StandardCharsets.UTF_8);
        this.project = project.getBytes(StandardCharsets.UTF_8);
        this.session = session.getBytes(StandardCharsets.UTF_8);
        this.agent = agent == null ? null : agent.getBytes(StandardCharsets.UTF_8);
    }
}
