package io.tokenomics.lake;

import io.tokenomics.columnar.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a publish did.
 *
 * @param lake the lake's folder
 * @param hosts the host names it published under (hashed under {@code --anonymize})
 * @param rows the rows it added, per table
 * @param files the files it added
 * @param compacted the files of this machine it replaced by one per partition folder, when a folder held many
 * @param leftoversRemoved staging folders of this dataset's earlier publishes that had stopped, removed
 * @param compactionFailure why compacting a partition failed after the rows were published, or null
 * @param nanos how long it took
 */
public record PublishSummary(Path lake, List<String> hosts, Map<Table, Long> rows, int files, int compacted,
        int leftoversRemoved, String compactionFailure, long nanos) {
    public PublishSummary {
        hosts = List.copyOf(hosts);
        rows = Map.copyOf(rows);
    }

    /** The rows added to a table. */
    public long rows(Table table) {
        return rows.getOrDefault(table, 0L);
    }

    /** One line for the terminal. */
    public String line() {
        StringBuilder s = new StringBuilder();
        if (files == 0) {
            s.append("nothing new to publish");
        } else {
            s.append(String.format(Locale.ROOT, "published %,d turns, %,d tool uses, %,d tool results, %,d prompts, "
                    + "%,d compactions, %,d rejects in %d files", rows(Table.TURNS), rows(Table.TOOL_USES),
                    rows(Table.TOOL_RESULTS), rows(Table.PROMPTS), rows(Table.COMPACTIONS), rows(Table.REJECTS),
                    files));
        }
        s.append(" as host ").append(String.join(", ", hosts)).append(" to ").append(lake);
        s.append(String.format(Locale.ROOT, " (%.2f s)", nanos / 1e9));
        if (compacted > 0) {
            s.append("; compacted ").append(compacted).append(" files of its partitions into one each");
        }
        if (leftoversRemoved > 0) {
            s.append("; removed ").append(leftoversRemoved).append(" staging folder(s) of a publish that stopped");
        }
        if (compactionFailure != null) {
            s.append("; compacting its partitions failed (").append(compactionFailure)
                    .append("): the rows are published, and the next publish compacts again");
        }
        return s.toString();
    }
}
