package io.earshot.followup.internal;

import io.earshot.followup.BusinessCalendar;
import io.earshot.platform.Team;
import io.earshot.platform.Teams;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Which business calendar applies: the team's, or the default one. */
@Component
public class Calendars {

    private final Teams teams;
    private final BusinessCalendar fallback;
    private final Map<Team, BusinessCalendar> parsed = new ConcurrentHashMap<>();

    Calendars(Teams teams, FollowupSettings settings) {
        this.teams = teams;
        this.fallback = settings.calendar();
    }

    /** The default calendar (Monday-Friday 09:00-17:00 UTC unless configured). */
    public BusinessCalendar standard() {
        return fallback;
    }

    /** The calendar of the agent's team, or the default one. */
    public BusinessCalendar forAgent(Long agentId) {
        return teams.teamOf(agentId).map(this::of).orElse(fallback);
    }

    /** The calendar of a team, or the default one. */
    public BusinessCalendar forTeam(Long teamId) {
        return teamId == null ? fallback : teams.byId(teamId).map(this::of).orElse(fallback);
    }

    private BusinessCalendar of(Team team) {
        if (parsed.size() > 1000) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(team, t -> {
            try {
                return BusinessCalendar.parse(t.timeZone(), t.hours(), t.holidays());
            } catch (IllegalArgumentException e) {
                return fallback; // validated when stored; a bad row must not stop the desk
            }
        });
    }
}
