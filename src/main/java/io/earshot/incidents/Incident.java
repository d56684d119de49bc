package io.earshot.incidents;

import java.time.Instant;
import java.util.List;

/**
 * One problem many customers have at once: its conversations ({@code size} of them, removed ones not counted) and the
 * updates sent to them, newest first.
 *
 * @param openedBy who opened it: a lead's email, or {@code spike} for one a spike of its topic opened
 * @param crisis   its crisis while one is on, else null
 * @param crises   every crisis it had, newest first (who started and who ended each); the list of incidents leaves
 *                 out ended ones
 */
public record Incident(String id, String title, String topicId, String status, String openedBy, Instant createdAt,
                       Instant resolvedAt, String resolvedBy, int size, List<Member> conversations, List<Update> updates,
                       Crisis crisis, List<Crisis> crises) {

    /**
     * Crisis mode: started by a lead ({@code startedBy}, their email), with a team whose agents take its unassigned
     * conversations ({@code teamId}, may be null), ended by a lead or by resolving the incident ({@code endedAt} null
     * while it is on).
     */
    public record Crisis(Instant startedAt, String startedBy, String teamId, Instant endedAt, String endedBy) {
    }

    /**
     * A conversation of the incident.
     *
     * @param reason     how it joined: {@code topic} (its topic matched), {@code spike}, {@code lead} (added by hand)
     *                   or {@code similar} (its words are like the complaint's)
     * @param similarity how alike the customer's words are to the incident's complaint, 0 to 1 (see the desk)
     */
    public record Member(String conversationId, String channel, String reason, double similarity, Instant joinedAt) {
    }

    /**
     * An update (kind {@code update}) or the fix ({@code fix}): when it was written ({@code sentAt}; it goes out in
     * paced batches from then), how many customers it reached per channel, and how many wait or were skipped.
     */
    public record Update(String id, String kind, String text, String authorId, Instant sentAt, java.util.Map<String, Integer> reached,
                         int queued, int skipped) {
    }

    /** One customer told (or to be told) one update: the record of who was told what and when. */
    public record Delivery(String updateId, String conversationId, String status, String channel, String messageId,
                           Instant queuedAt, Instant sentAt, String error) {
    }

    /** Members joined per hour since the incident opened: {@code hourStart} and how many joined in that hour. */
    public record Growth(Instant hourStart, int joined) {
    }
}
