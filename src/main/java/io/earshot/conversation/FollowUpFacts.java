package io.earshot.conversation;

import java.util.List;
import java.util.Map;

/**
 * What follow-up keeps about conversations that the inbox shows beside them: recorded SLA breaches, the SLA
 * policies' names and the open promises. Follow-up provides it from its own tables; without it the inbox shows none.
 */
public interface FollowUpFacts {

    /** The facts about some conversations. */
    record Facts(Map<Long, List<ConversationView.Breach>> breaches, Map<String, String> policyNames,
                 Map<Long, Integer> openPromises) {

        public static final Facts NONE = new Facts(Map.of(), Map.of(), Map.of());
    }

    Facts about(List<Long> conversationIds);
}
