package io.earshot.followup;

import io.earshot.conversation.ConversationService;
import io.earshot.conversation.ReplyCommand;
import io.earshot.followup.internal.CommitmentViews;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What follow-up adds to replies: the promises tracked in a reply shown in full, and a promise's drafted status
 * update sent. Replies themselves have one door, {@link ConversationService#reply}, which has the promises in them
 * read and tracked in the reply's own transaction.
 */
@Service
public class FollowThrough {

    /** A stored reply and the promises found in it, in full. */
    public record Reply(String messageId, List<Commitment> commitments) {
    }

    private final ConversationService conversations;
    private final CommitmentViews commitments;

    FollowThrough(ConversationService conversations, CommitmentViews commitments) {
        this.conversations = conversations;
        this.commitments = commitments;
    }

    /** The reply with the promises it made shown in full. */
    @Transactional(readOnly = true)
    public Reply shown(ConversationService.Reply sent) {
        return new Reply(sent.messageId(), sent.promises().stream()
                .map(p -> commitments.byId(p.id()).orElseThrow()).toList());
    }

    /** Sends a promise's drafted status update to the customer, as a reply by {@code agent}. */
    @Transactional
    public Reply sendUpdate(String commitmentId, Agent agent) {
        Commitment c = commitments.byId(Ids.require(commitmentId, "commitment"))
                .orElseThrow(() -> EarshotException.notFound("commitment", commitmentId));
        if (c.draftUpdate() == null) {
            throw new EarshotException(409, "nothing_to_send", "this promise was kept; there is no update to send", null);
        }
        return shown(conversations.reply(new ReplyCommand(c.conversationId(), agent, c.draftUpdate(), false)));
    }
}
