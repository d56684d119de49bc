package io.earshot.incidents;

import java.time.Instant;

/**
 * The crisis that is on, as the desk's banner shows it: the incident, its size ({@code conversations}), how many
 * joined in the last hour, and its latest update (null before the first).
 */
public record CurrentCrisis(String incidentId, String title, Instant startedAt, String startedBy, String teamId,
                            int conversations, int lastHour, String latestUpdate, Instant latestUpdateAt) {
}
