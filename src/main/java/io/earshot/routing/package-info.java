/** Routing: ranks conversations by a deterministic, explained priority and assigns them to agents. */
package io.earshot.routing;
