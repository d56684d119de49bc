package io.earshot.followup;

import java.time.Instant;

/** An open promise is near its due time (the reminder point of its window); its owner should act. */
public record CommitmentFallingDue(long commitmentId, long conversationId, Long ownerId, String text, Instant dueAt,
                                   String draftUpdate) {
}
