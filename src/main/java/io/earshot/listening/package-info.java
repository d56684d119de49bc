/** Listening: topics, their volume and sentiment series, and spike detection. */
@ApplicationModule(displayName = "Listening", allowedDependencies = {"platform", "conversation", "classify", "ingest"})
package io.earshot.listening;

import org.springframework.modulith.ApplicationModule;
