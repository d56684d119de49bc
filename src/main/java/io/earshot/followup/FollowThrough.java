package io.earshot.followup;

import io.earshot.conversation.ConversationService;
import io.earshot.followup.internal.CommitmentViews;
import io.earshot.followup.internal.PromisesInReplies;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Replies with their promises: the reply and the commitments found in it are stored in one transaction. */
@Service
public class FollowThrough {

    /** A stored reply and the promises found in it. */
    public record Reply(String messageId, List<Commitment> commitments) {
    }

    private final ConversationService conversations;
    private final PromisesInReplies replies;
    private final CommitmentViews commitments;

    FollowThrough(ConversationService conversations, PromisesInReplies replies, CommitmentViews commitments) {
        this.conversations = conversations;
        this.replies = replies;
        this.commitments = commitments;
    }

    @Transactional
    public Reply reply(String conversationId, Agent agent, String text, boolean privateMessage) {
        ConversationService.Reply stored = conversations.reply(conversationId, agent, text, privateMessage);
        List<Commitment> made = replies.replied(Long.parseLong(conversationId), Long.parseLong(stored.messageId()), agent, text, "en");
        return new Reply(stored.messageId(), made);
    }

    /** Sends a promise's drafted status update to the customer, as a reply by {@code agent}. */
    @Transactional
    public Reply sendUpdate(String commitmentId, Agent agent) {
        Commitment c = commitments.byId(Ids.require(commitmentId, "commitment"))
                .orElseThrow(() -> EarshotException.notFound("commitment", commitmentId));
        if (c.draftUpdate() == null) {
            throw new EarshotException(409, "nothing_to_send", "this promise was kept; there is no update to send", null);
        }
        return reply(c.conversationId(), agent, c.draftUpdate(), false);
    }
}
