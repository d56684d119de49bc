/** Platform: the clock, security (agents, tokens, roles), ids and configuration shared by every feature. */
@ApplicationModule(displayName = "Platform", allowedDependencies = {})
package io.earshot.platform;

import org.springframework.modulith.ApplicationModule;
