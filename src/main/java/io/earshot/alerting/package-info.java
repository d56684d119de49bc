/** Alerting: alerts and signed webhook deliveries. */
@ApplicationModule(displayName = "Alerting", allowedDependencies = {"platform", "conversation", "followup", "listening", "routing", "classify", "ingest"})
package io.earshot.alerting;

import org.springframework.modulith.ApplicationModule;
