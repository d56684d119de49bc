/** Ingest: connectors and the API bring messages in, normalise them to {@link io.earshot.ingest.IncomingMessage} and hand them on in batches. */
@ApplicationModule(displayName = "Ingest", allowedDependencies = {"platform"})
package io.earshot.ingest;

import org.springframework.modulith.ApplicationModule;
