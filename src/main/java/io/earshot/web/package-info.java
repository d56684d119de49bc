/** Web: the agent desk in the browser. */
@ApplicationModule(displayName = "Web desk", allowedDependencies = {"platform", "conversation", "followup", "listening", "routing", "classify", "ingest", "alerting", "reporting", "channels", "incidents"})
package io.earshot.web;

import org.springframework.modulith.ApplicationModule;
