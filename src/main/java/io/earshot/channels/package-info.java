/**
 * Channels: the accounts Earshot hears and answers on (mailboxes, a chat widget, signed webhook sources), the
 * connector contract they follow, and the runtime that runs each account's connector once across instances.
 */
@ApplicationModule(displayName = "Channels", allowedDependencies = {"platform", "ingest", "conversation"})
package io.earshot.channels;

import org.springframework.modulith.ApplicationModule;
