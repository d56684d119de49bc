package io.earshot.conversation;

import java.time.Instant;

/** A promise found in a company reply and now tracked to its due time (follow-up keeps the rest of it). */
public record TrackedPromise(long id, String kind, String text, Instant dueAt) {
}
