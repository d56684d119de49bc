/** Classify: attaches signals (language, sentiment, intent) to every inbound message with a compact trained model. */
@ApplicationModule(displayName = "Classify", allowedDependencies = {"platform"})
package io.earshot.classify;

import org.springframework.modulith.ApplicationModule;
