package io.earshot.followup.internal;

import io.earshot.conversation.DeadlineInput;
import io.earshot.conversation.DeadlinePlanner;
import io.earshot.conversation.Deadlines;
import io.earshot.followup.BusinessCalendar;
import io.earshot.followup.SlaPolicies;
import io.earshot.followup.SlaPolicy;
import io.earshot.platform.Team;
import io.earshot.platform.Teams;
import org.springframework.stereotype.Component;

/**
 * Deadlines from the SLA policy chosen for a conversation when it first ranked (kept as its priority moves; a
 * team's own policy replaces it when the conversation is assigned into the team), on the calendar of the assignee's team (or of the
 * policy's team, or the default calendar).
 */
@Component
public class PolicyDeadlines implements DeadlinePlanner {

    private final SlaPolicies policies;
    private final Calendars calendars;
    private final Teams teams;

    PolicyDeadlines(SlaPolicies policies, Calendars calendars, Teams teams) {
        this.policies = policies;
        this.calendars = calendars;
        this.teams = teams;
    }

    @Override
    public Deadlines plan(DeadlineInput in) {
        return clockFor(in).deadlines(in);
    }

    /** The policy and calendar that apply to a conversation. */
    public SlaClock clockFor(DeadlineInput in) {
        Long teamId = teams.teamOf(in.assigneeId()).map(Team::id).orElse(null);
        SlaPolicy policy = policies.select(in.channel(), in.intent(), in.priorityLevel(), in.sentimentLabel(),
                in.followers(), teamId);
        SlaPolicy pinned = in.policyId() == null ? null : policies.byId(in.policyId()).orElse(null);
        if (pinned != null && (pinned.teamId() == null || pinned.teamId().equals(teamId))
                && (policy.teamId() == null || policy.teamId().equals(pinned.teamId()))) {
            policy = pinned; // chosen once; only a team's own policy (on assignment) replaces it
        }
        BusinessCalendar calendar = teamId != null ? calendars.forTeam(teamId) : calendars.forTeam(policy.teamId());
        return new SlaClock(policy, calendar);
    }
}
