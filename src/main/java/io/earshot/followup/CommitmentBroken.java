package io.earshot.followup;

import java.time.Instant;

/** A promise's due time passed without it being kept. */
public record CommitmentBroken(long commitmentId, long conversationId, Long ownerId, String text, Instant dueAt,
                               String draftUpdate) {
}
