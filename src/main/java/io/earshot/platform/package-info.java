/** Platform: the clock, security (agents, tokens, roles), ids and configuration shared by every feature. */
package io.earshot.platform;
