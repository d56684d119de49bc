/** Follow-up: SLA timers, commitments and silence, so that every promise is kept or seen broken. */
@ApplicationModule(displayName = "Follow-up", allowedDependencies = {"platform", "conversation", "classify", "ingest", "routing"})
package io.earshot.followup;

import org.springframework.modulith.ApplicationModule;
