/** Ingest: connectors and the API bring messages in, normalise them to {@link io.earshot.ingest.IncomingMessage} and hand them on in batches. */
package io.earshot.ingest;
