package io.earshot.conversation.internal;

import io.earshot.platform.Agent;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The timeline of each conversation: what happened, when, and who did it. */
@Repository
public class EventRows {

    /**
     * One entry of a conversation's timeline.
     *
     * @param actor   who did it, as a name: an agent's email, a customer's handle, or the system's name
     * @param agentId the agent who did it; null when no agent acted (a customer wrote, a timer fired)
     */
    public record Row(long id, long conversationId, long at, String kind, String actor, Long agentId, String details) {

        /** What an agent did. */
        public static Row by(Agent agent, long id, long conversationId, long at, String kind, String details) {
            return new Row(id, conversationId, at, kind, agent.email(), agent.id(), details);
        }
    }

    private final JdbcTemplate jdbc;

    EventRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<Row> rows) {
        Copy copy = new Copy("conversation_event", "id, conversation_id, at, kind, actor, agent_id, details");
        for (Row e : rows) {
            copy.add(e.id()).add(e.conversationId()).add(e.at()).add(e.kind()).add(e.actor()).add(e.agentId()).add(e.details()).end();
        }
        copy.send(jdbc);
    }
}
