/** Demo traffic: a generator of realistic customer messages so that a first look at Earshot shows a living desk. */
@ApplicationModule(displayName = "Demo", allowedDependencies = {"platform", "conversation", "followup", "ingest", "classify", "channels", "listening"})
package io.earshot.demo;

import org.springframework.modulith.ApplicationModule;
