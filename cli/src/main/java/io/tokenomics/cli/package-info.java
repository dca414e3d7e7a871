/**
 * The command line: parses options once into the settings each stage takes, wires ingest and query together and
 * renders results. User mistakes become one line on stderr and exit code 2; failures exit 1.
 */
package io.tokenomics.cli;
