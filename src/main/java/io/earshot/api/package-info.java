/** API: the public JSON API v1 under /api/v1, its error shape and its documentation. */
@ApplicationModule(displayName = "API", allowedDependencies = {"platform", "conversation", "followup", "listening", "routing", "classify", "ingest", "alerting", "reporting", "channels", "incidents"})
package io.earshot.api;

import org.springframework.modulith.ApplicationModule;
