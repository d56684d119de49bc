package io.earshot.followup;

import java.time.Instant;

public record FoundPromise(String kind, String sentence, Instant dueAt, String when) {
}
