/**
 * The GitHub Copilot CLI source: session-state events and the spans of the OpenTelemetry file export, parsed in place
 * like the other sources' lines; the session state a span file refers to is read with Jackson, once per session.
 */
package io.tokenomics.ingest.copilot;
