/** Routing: ranks conversations by a deterministic, explained priority and assigns them to agents. */
@ApplicationModule(displayName = "Routing", allowedDependencies = {"platform", "conversation", "classify", "ingest"})
package io.earshot.routing;

import org.springframework.modulith.ApplicationModule;
