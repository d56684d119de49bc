/** Command line: replay a file through the real pipeline, classify texts from stdin. */
@ApplicationModule(displayName = "Command line", allowedDependencies = {"platform", "conversation", "followup", "listening", "routing", "classify", "ingest", "alerting", "reporting", "channels"})
package io.earshot.cli;

import org.springframework.modulith.ApplicationModule;
