/** Benchmarks of the ingest stage: the newline scanner and the field extractor, each against a baseline. */
package io.tokenomics.bench.ingest;
