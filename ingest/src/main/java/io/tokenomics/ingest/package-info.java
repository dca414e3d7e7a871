/**
 * Stages 1 and 2 of the pipeline: discover transcript files, map them, cut them into newline-aligned segments,
 * extract the fields we keep from each line without building objects, and hand rows to Arrow batches.
 *
 * <p>Invariants: raw memory is read only through {@code NativeMemory}; a line is an (address, length) view into a
 * mapping that stays open until its segment is done; nothing is allocated per line on the scan path; a line that
 * cannot be used becomes a reject with its file, byte offset and line number, and scanning goes on.
 */
package io.tokenomics.ingest;

