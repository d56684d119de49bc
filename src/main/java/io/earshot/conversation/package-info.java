/** Conversation: threads messages into conversations of known customers and guards each conversation's state. */
@ApplicationModule(displayName = "Conversation", allowedDependencies = {"platform", "ingest", "classify"})
package io.earshot.conversation;

import org.springframework.modulith.ApplicationModule;
