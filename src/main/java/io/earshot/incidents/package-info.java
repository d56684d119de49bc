/**
 * Incidents: one problem many customers have at once, opened by a lead or a spike, with the conversations about it
 * gathered, every affected customer told of each update through their own channel, and the fix closing their cases.
 */
@ApplicationModule(displayName = "Incidents", allowedDependencies = {"platform", "conversation", "listening", "channels"})
package io.earshot.incidents;

import org.springframework.modulith.ApplicationModule;
