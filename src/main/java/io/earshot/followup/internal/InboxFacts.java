package io.earshot.followup.internal;

import io.earshot.conversation.ConversationView;
import io.earshot.conversation.FollowUpFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Tells the inbox what follow-up keeps about the conversations it lists: two queries a page and the policy names. */
@Component
class InboxFacts implements FollowUpFacts {

    private final JdbcTemplate jdbc;
    private final CommitmentViews commitments;

    InboxFacts(JdbcTemplate jdbc, CommitmentViews commitments) {
        this.jdbc = jdbc;
        this.commitments = commitments;
    }

    @Override
    public Facts about(List<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Facts.NONE;
        }
        Map<Long, List<ConversationView.Breach>> breaches = new HashMap<>();
        jdbc.query("select b.conversation_id, b.target, b.due_at from unnest(cast(? as bigint array)) as k (id) "
                + "join sla_breach b on b.conversation_id = k.id order by b.due_at", rs -> {
                    breaches.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ConversationView.Breach(
                            rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), true));
                }, (Object) conversationIds.toArray(new Long[0]));
        Map<String, String> policyNames = new HashMap<>();
        jdbc.query("select id, name from sla_policy", rs -> {
            policyNames.put(rs.getString(1), rs.getString(2));
        });
        return new Facts(breaches, policyNames, commitments.openCounts(conversationIds));
    }
}
