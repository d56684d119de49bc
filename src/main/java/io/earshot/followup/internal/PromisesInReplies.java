package io.earshot.followup.internal;

import io.earshot.conversation.ConversationService;
import io.earshot.conversation.OutboundWatcher;
import io.earshot.followup.Commitment;
import io.earshot.followup.Surveys;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Company replies and the promises in them, whether sent through Earshot or come in through ingest (another
 * tool, or a replay): each reply keeps the earlier open promises it keeps ({@link Promise#keptBy}), and the
 * promises found in it are tracked.
 */
@Component
public class PromisesInReplies implements OutboundWatcher {

    private final Promises promises;
    private final CommitmentViews views;
    private final Calendars calendars;
    private final FollowupSettings settings;
    private final EarshotClock clock;
    private final ConversationService timeline;
    private final PromiseFinder english = new EnglishPromiseFinder();
    private final Map<String, PromiseFinder> finders = Map.of(english.language(), english);

    PromisesInReplies(Promises promises, CommitmentViews views, Calendars calendars, FollowupSettings settings, EarshotClock clock,
                      ConversationService timeline) {
        this.promises = promises;
        this.views = views;
        this.calendars = calendars;
        this.settings = settings;
        this.clock = clock;
        this.timeline = timeline;
    }

    /**
     * An agent replied: the earlier open promises the reply keeps are kept (by this agent, on the timeline), and
     * the promises in the reply are stored, due by the agent's team calendar. Call inside the reply's transaction.
     */
    public List<Commitment> replied(long conversationId, long messageId, Agent agent, String text, String language) {
        Instant now = clock.instant();
        // before this reply's own promises are stored, so they are not among them
        for (Promise kept : keepEarlier(List.of(new Promise.Reply(conversationId, messageId, agent.name(), now)), agent.id())) {
            timeline.note(conversationId, "commitment_kept", agent, agent.name() + "'s reply kept the promise "
                    + Copywriter.quote(kept.text()));
        }
        PromiseFinder finder = finders.getOrDefault(language == null ? "en" : language, english);
        List<Commitment> made = new ArrayList<>();
        for (FoundPromise p : finder.find(text, now, calendars.forAgent(agent.id()), settings.soon())) {
            Promise stored = promises.add(conversationId, messageId, agent.id(), p.sentence(), p.kind(), p.when(), "reply", now, p.dueAt());
            made.add(views.byId(stored.id()).orElseThrow());
        }
        return made;
    }

    /** A reply is read for promises in the transaction only if the finder sees a promise in it at all. */
    @Override
    public boolean worthReading(String text) {
        return english.mayPromise(text);
    }

    /**
     * Company replies that came in through ingest: the earlier open promises they keep are kept (by no agent), and
     * the promises in them are tracked, owned by the conversation's assignee.
     */
    @Override
    public void repliesStored(List<StoredReply> replies) {
        keepEarlier(replies.stream().map(r -> new Promise.Reply(r.conversationId(), r.messageId(), r.authorHandle(), r.at())).toList(),
                null);
        for (StoredReply r : replies) {
            if (!r.worthReading() || r.text() == null || r.text().isBlank() || Surveys.AUTHOR.equals(r.authorHandle())) {
                continue;
            }
            for (FoundPromise p : english.find(r.text(), r.at(), calendars.forAgent(r.assigneeId()), settings.soon())) {
                if (!settings.fresh(p.dueAt(), clock.instant())) {
                    continue; // a promise from history imported long after it fell due: nothing left to follow
                }
                promises.add(r.conversationId(), r.messageId(), r.assigneeId(), p.sentence(), p.kind(), p.when(), "ingest", r.at(), p.dueAt());
            }
        }
    }

    /** Keeps each open promise on these replies' conversations by the earliest of them that keeps it; returns those kept. */
    private List<Promise> keepEarlier(List<Promise.Reply> replies, Long agentId) {
        List<Promise> kept = new ArrayList<>();
        for (Promise p : promises.openOn(replies.stream().map(Promise.Reply::conversationId).distinct().toList())) {
            Optional<Promise.Reply> by = p.firstKeeping(replies);
            if (by.isPresent()) {
                p.keepBy(by.get(), agentId);
                if (promises.save(p)) {
                    kept.add(p);
                }
            }
        }
        return kept;
    }
}
