package io.earshot.followup.internal;

import io.earshot.conversation.ConversationService;
import io.earshot.conversation.OutboundWatcher;
import io.earshot.conversation.TrackedPromise;
import io.earshot.classify.SignalClassifier;
import io.earshot.followup.Surveys;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
    private final PromiseFinder spanish = new SpanishPromiseFinder();
    private final Map<String, PromiseFinder> finders = Map.of(english.language(), english, spanish.language(), spanish);

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
     * A reply is read for promises in the transaction only if a finder sees a promise in it at all, or it may be in
     * another language (then its language is detected: a language with no rules is noted as unread, not taken for
     * a reply without promises).
     */
    @Override
    public boolean worthReading(String text) {
        return english.mayPromise(text) || spanish.mayPromise(text) || SignalClassifier.mayBeForeign(text);
    }

    /** A reply's language chooses the rules it is read by. */
    @Override
    public boolean readsByLanguage() {
        return true;
    }

    /**
     * Company replies, an agent's or come in through ingest: the earlier open promises each keeps are kept (by that
     * agent, if one sent it) and noted on the timeline, and the promises in each, read by the finder of its own
     * language, are tracked, owned by the reply's owner and due by that owner's team calendar.
     */
    @Override
    public List<TrackedPromise> repliesStored(List<StoredReply> replies) {
        Map<Long, StoredReply> byMessage = new HashMap<>();
        replies.forEach(r -> byMessage.put(r.messageId(), r));
        // before these replies' own promises are stored, so they are not among them
        for (Kept kept : keepEarlier(replies)) {
            StoredReply by = byMessage.get(kept.by().messageId());
            String note = (by.agent() != null ? by.agent().name() + "'s reply" : "A reply by " + by.authorHandle())
                    + " kept the promise " + Copywriter.quote(kept.promise().text());
            if (by.agent() != null) {
                timeline.note(kept.promise().conversationId(), "commitment_kept", by.agent(), note);
            } else {
                timeline.note(kept.promise().conversationId(), "commitment_kept", by.authorHandle(), note);
            }
        }
        List<TrackedPromise> tracked = new ArrayList<>();
        for (StoredReply r : replies) {
            if (!r.worthReading() || r.text() == null || r.text().isBlank() || Surveys.AUTHOR.equals(r.authorHandle())) {
                continue;
            }
            String language = r.language() == null || "und".equals(r.language()) ? null : r.language();
            if (language != null && !finders.containsKey(language)) {
                unread(r, language);
                continue;
            }
            PromiseFinder finder = language == null ? english : finders.get(language);
            for (FoundPromise p : finder.find(r.text(), r.at(), calendars.forAgent(r.ownerId()), settings.soon())) {
                if (!settings.fresh(p.dueAt(), clock.instant())) {
                    continue; // a promise from history imported long after it fell due: nothing left to follow
                }
                Promise stored = promises.add(r.conversationId(), r.messageId(), r.ownerId(), p.sentence(), p.kind(), p.when(),
                        r.agent() != null ? "reply" : "ingest", r.at(), p.dueAt(), p.cadence());
                tracked.add(new TrackedPromise(stored.id(), stored.kind(), stored.text(), stored.dueAt()));
            }
        }
        return tracked;
    }

    /** A reply in a language with no promise rules: said on the timeline, so nobody takes it for a reply without promises. */
    private void unread(StoredReply r, String language) {
        String name = Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
        String note = "This reply is in " + (name.isBlank() ? language : name) + ": Earshot reads promises in English and Spanish only, "
                + "so any promise in it is not tracked. Add it by hand.";
        if (r.agent() != null) {
            timeline.note(r.conversationId(), "promises_unread", r.agent(), note);
        } else {
            timeline.note(r.conversationId(), "promises_unread", r.authorHandle(), note);
        }
    }

    /**
     * The promises a draft would make if {@code owner} sent it now, read as a sent reply would be (English rules,
     * the owner's team calendar), so the agent can be told of a doubtful date before the customer is.
     */
    public List<FoundPromise> readDraft(String text, Long ownerId, Instant at) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        PromiseFinder finder = english.mayPromise(text) ? english : spanish.mayPromise(text) ? spanish : null;
        return finder == null ? List.of() : finder.find(text, at, calendars.forAgent(ownerId), settings.soon());
    }

    private record Kept(Promise promise, Promise.Reply by) {
    }

    /** Keeps each open promise on these replies' conversations by the earliest of them that keeps it; returns those kept. */
    private List<Kept> keepEarlier(List<StoredReply> stored) {
        List<Promise.Reply> replies = stored.stream()
                .map(r -> new Promise.Reply(r.conversationId(), r.messageId(), r.authorHandle(), r.at())).toList();
        Map<Long, Long> agentOf = new HashMap<>();
        stored.forEach(r -> {
            if (r.agent() != null) {
                agentOf.put(r.messageId(), r.agent().id());
            }
        });
        List<Kept> kept = new ArrayList<>();
        for (Promise p : promises.openOn(replies.stream().map(Promise.Reply::conversationId).distinct().toList())) {
            Optional<Promise.Reply> by = p.firstKeeping(replies);
            if (by.isPresent()) {
                p.keepBy(by.get(), agentOf.get(by.get().messageId()));
                if (promises.save(p)) {
                    kept.add(new Kept(p, by.get()));
                    promises.renew(p, by.get().messageId()); // "every 2 hours": the next update is owed from this one
                }
            }
        }
        return kept;
    }
}
