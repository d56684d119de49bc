package io.earshot.followup;

import java.time.Duration;
import java.util.Set;

/**
 * An SLA policy: targets, and the conditions under which it applies (an empty set or null matches anything).
 *
 * @param position      policies are tried in ascending position; the first that matches applies
 * @param businessHours true when the targets count business time of the team's calendar, false around the clock
 */
public record SlaPolicy(long id, String name, int position, Set<String> channels, Set<String> intents,
                        Set<String> levels, Set<String> sentiments, Long minFollowers, Long teamId,
                        Duration firstResponse, Duration updateCadence, Duration resolution, boolean businessHours) {

    /** True when a conversation with these traits falls under this policy. */
    public boolean matches(String channel, String intent, String level, String sentiment, long followers, Long teamIdOfAssignee) {
        return within(channels, channel) && within(intents, intent) && within(levels, level) && within(sentiments, sentiment)
                && (minFollowers == null || followers >= minFollowers)
                && (teamId == null || teamId.equals(teamIdOfAssignee));
    }

    private static boolean within(Set<String> allowed, String value) {
        return allowed == null || allowed.isEmpty() || (value != null && allowed.contains(value));
    }
}
