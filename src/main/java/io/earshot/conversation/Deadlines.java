package io.earshot.conversation;

import java.time.Instant;

/** When we owe the customer a first response, the next update, and the resolution; any may be null. */
public record Deadlines(Instant firstResponseDue, Instant nextUpdateDue, Instant resolutionDue) {
}
