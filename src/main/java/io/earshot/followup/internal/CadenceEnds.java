package io.earshot.followup.internal;

import io.earshot.conversation.ConversationResolved;
import io.earshot.conversation.ConversationService;
import io.earshot.platform.AfterCommit;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A recurring promise ("we'll update you every 2 hours until it's fixed") ends with the case: when its
 * conversation is resolved, the open one is kept by the agent who resolved it, and no next one is owed
 * ({@link Promises#renew} makes none on a resolved conversation).
 */
@Component
class CadenceEnds {

    private final Promises promises;
    private final ConversationService timeline;

    CadenceEnds(Promises promises, ConversationService timeline) {
        this.promises = promises;
        this.timeline = timeline;
    }

    @AfterCommit
    void on(ConversationResolved resolved) {
        for (Promise p : promises.openOn(List.of(resolved.conversationId()))) {
            if (p.cadence() != null && p.markKept(resolved.byAgentId(), resolved.at()) && promises.save(p)) {
                timeline.note(p.conversationId(), "commitment_kept", "earshot",
                        "The recurring promise " + Copywriter.quote(p.text()) + " ended when the conversation was resolved");
            }
        }
    }
}
