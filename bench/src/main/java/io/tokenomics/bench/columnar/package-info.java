/** Benchmarks of the columnar kernels: per-turn cost and token-mix histograms, each against baselines. */
package io.tokenomics.bench.columnar;
