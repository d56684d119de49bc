package io.earshot.incidents.internal;

import io.earshot.conversation.ConversationService;
import io.earshot.platform.EarshotClock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Conversations joining an open incident, whoever brings them (a lead, a spike, the sweep): each joins once, its
 * timeline says so, and it is queued the incident's latest update, so a customer who comes late hears what the others
 * heard; in the incident's crisis it goes to the top of the queue at once. A fix is never sent this way: a resolved incident takes no one in.
 */
@Component
public class Membership {

    private final IncidentRows rows;
    private final Deliveries deliveries;
    private final ConversationService conversations;
    private final EarshotClock clock;
    private final Crises crises;

    Membership(IncidentRows rows, Deliveries deliveries, ConversationService conversations, EarshotClock clock, Crises crises) {
        this.crises = crises;
        this.rows = rows;
        this.deliveries = deliveries;
        this.conversations = conversations;
        this.clock = clock;
    }

    /** Adds the members (in the caller's transaction, with the incident locked); answers the conversations that joined. */
    public List<Long> join(IncidentRows.Row incident, List<IncidentRows.NewMember> members, String actor) {
        if (!incident.open() || members.isEmpty()) {
            return List.of();
        }
        List<Long> added = rows.addMembers(incident.id(), members, clock.millis());
        for (Long c : added) {
            conversations.note(c, "incident_joined", actor, "part of incident \"" + incident.title() + "\"");
        }
        tellLatest(incident, added);
        crises.joined(incident, added);
        return added;
    }

    /** Queues the incident's latest update for these conversations (ones told it already are left alone). */
    public void tellLatest(IncidentRows.Row incident, List<Long> conversationIds) {
        if (incident.open() && !conversationIds.isEmpty()) {
            rows.latest(incident.id(), "update").ifPresent(u -> deliveries.queue(u.id(), conversationIds));
        }
    }

    /** Members a lead put back: they hear the latest update, and in a crisis go to the top at once. */
    public void rejoined(IncidentRows.Row incident, List<Long> conversationIds) {
        tellLatest(incident, conversationIds);
        crises.joined(incident, conversationIds);
    }

    /** A member a lead took out: in the incident's crisis it loses its place at the top. */
    public void left(IncidentRows.Row incident, long conversationId) {
        crises.left(incident, conversationId);
    }
}
