package io.tokenomics.corpus;

import static io.tokenomics.corpus.RandomValues.requestId;

import java.util.ArrayList;
import java.util.List;

/** One API response: written as one line per content block, all lines with the same id and usage. */
final class Response {
    String id; // null: the line has no message.id (counted on its own)
    String requestId; // null: field absent
    String model;
    long input;
    long read;
    long write5m;
    long write1h;
    long output;
    boolean ttlSplit = true; // write the cache_creation object
    boolean nullWrites;
    boolean synthetic;
    boolean noType;
    boolean pretty;
    boolean reordered;
    final List<ContentBlock> blocks = new ArrayList<>(4);
    long[] times;
    String[] uuids;
    long[] outs;

    int last() {
        return blocks.size() - 1;
    }

    Response copy() {
        Response c = new Response();
        c.id = id;
        c.requestId = requestId;
        c.model = model;
        c.input = input;
        c.read = read;
        c.write5m = write5m;
        c.write1h = write1h;
        c.output = output;
        c.ttlSplit = ttlSplit;
        c.blocks.addAll(blocks);
        c.times = times.clone();
        c.uuids = uuids.clone();
        c.outs = outs.clone();
        return c;
    }
}

