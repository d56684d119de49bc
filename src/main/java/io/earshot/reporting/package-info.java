/** Reporting: response-time, resolution and throughput figures computed in SQL. */
@ApplicationModule(displayName = "Reporting", allowedDependencies = {"platform", "conversation", "followup", "listening", "routing", "classify", "ingest"})
package io.earshot.reporting;

import org.springframework.modulith.ApplicationModule;
