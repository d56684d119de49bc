package io.earshot.followup;

import java.time.Duration;
import java.time.Instant;

/**
 * An open conversation's customer has not heard from us for longer than the update cadence. One silence is
 * told again as it goes on, each time at a higher {@code level} (after 1, 2, 4, 8… cadences).
 */
public record CustomerLeftInSilence(long conversationId, int level, Instant silentSince, Instant noticedAt,
                                    Duration cadence, Long assigneeId) {
}
