package io.earshot.incidents.internal;

import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationService;
import io.earshot.conversation.DeadlineInput;
import io.earshot.conversation.OutboundHold;
import io.earshot.conversation.PriorityPins;
import io.earshot.platform.Agent;
import io.earshot.platform.Agents;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.platform.IdGenerator;
import io.earshot.platform.Teams;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Crisis mode, in the caller's transaction with the incident locked. While an incident's crisis is on its members are
 * pinned to the top of the priority order (reason {@code crisis: <title>}), surveys wait ({@link OutboundHold}), and,
 * when a team was named, its members that nobody works are assigned to the team's agents in turn. Its start and its
 * end are on every member's timeline with the lead who did it.
 */
@Component
public class Crises implements PriorityPins, OutboundHold {

    private final CrisisRows rows;
    private final IncidentRows incidents;
    private final ConversationService conversations;
    private final ConversationQueries queries;
    private final Teams teams;
    private final Agents agents;
    private final IdGenerator ids;
    private final EarshotClock clock;

    Crises(CrisisRows rows, IncidentRows incidents, ConversationService conversations, ConversationQueries queries, Teams teams,
           Agents agents, IdGenerator ids, EarshotClock clock) {
        this.rows = rows;
        this.incidents = incidents;
        this.conversations = conversations;
        this.queries = queries;
        this.teams = teams;
        this.agents = agents;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Optional<String> pinned(long conversationId) {
        return rows.pinnedTitle(conversationId).map(Crises::reason);
    }

    @Override
    public Optional<String> held() {
        return rows.onTitle().map(Crises::reason);
    }

    static String reason(String title) {
        return "crisis: " + title;
    }

    /**
     * Starts the incident's crisis. Starting it again is the crisis that is on (its team left as it is); another
     * incident's crisis on is a 409: one crisis at a time.
     */
    public void start(IncidentRows.Row incident, Long teamId, Agent lead) {
        if (!incident.open()) {
            throw EarshotException.conflict("incident " + incident.id() + " is resolved; a crisis needs an open incident");
        }
        if (teamId != null && teams.byId(teamId).isEmpty()) {
            throw new EarshotException(404, "not_found", "no team with id '" + teamId + "'", "teamId");
        }
        if (!rows.insert(ids.nextId(), incident.id(), teamId, clock.millis(), lead.email())) {
            CrisisRows.Row on = rows.on().orElseThrow(() -> EarshotException.conflict("a crisis was starting; try again"));
            if (on.incidentId() == incident.id()) {
                return;
            }
            throw EarshotException.conflict("incident " + on.incidentId() + " is in crisis mode; end that crisis first");
        }
        List<Long> members = incidents.memberIds(incident.id());
        String details = "crisis mode started by " + lead.name() + " for incident \"" + incident.title() + "\"";
        members.forEach(c -> conversations.note(c, "crisis_started", lead, details));
        conversations.rerank(members);
        assign(teamId, members, lead);
    }

    /** Ends the incident's crisis; false when none was on. */
    public boolean end(IncidentRows.Row incident, Agent lead) {
        if (!rows.end(incident.id(), clock.millis(), lead.email())) {
            return false;
        }
        List<Long> members = incidents.memberIds(incident.id());
        String details = "crisis mode ended by " + lead.name() + " for incident \"" + incident.title() + "\"";
        members.forEach(c -> conversations.note(c, "crisis_ended", lead, details));
        conversations.rerank(members);
        return true;
    }

    /**
     * Conversations that joined the incident: in its crisis, they are pinned at once, and assigned (in the name of the
     * lead who started the crisis) when it has a team.
     */
    public void joined(IncidentRows.Row incident, List<Long> added) {
        Optional<CrisisRows.Row> on = rows.on().filter(k -> k.incidentId() == incident.id());
        if (on.isEmpty() || added.isEmpty()) {
            return;
        }
        conversations.rerank(added);
        assign(on.get().teamId(), added, agents.withEmail(on.get().startedBy()).orElse(null));
    }

    /** A member taken out: in the incident's crisis it is ranked on its own again. */
    public void left(IncidentRows.Row incident, long conversationId) {
        if (rows.on().filter(k -> k.incidentId() == incident.id()).isPresent()) {
            conversations.rerank(List.of(conversationId));
        }
    }

    /** The team's agents take the open, unassigned conversations in turn (round robin, in member order). */
    private void assign(Long teamId, List<Long> members, Agent actor) {
        if (teamId == null || actor == null) {
            return;
        }
        List<Long> agents = teams.members(teamId);
        if (agents.isEmpty()) {
            return;
        }
        int next = 0;
        for (Long c : members) {
            Optional<DeadlineInput> d = queries.deadlineInput(c);
            if (d.isPresent() && d.get().assigneeId() == null && !"resolved".equals(d.get().status())) {
                conversations.assign(Long.toString(c), Long.toString(agents.get(next++ % agents.size())), actor);
            }
        }
    }
}
