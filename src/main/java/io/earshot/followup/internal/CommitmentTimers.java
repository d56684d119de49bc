package io.earshot.followup.internal;

import io.earshot.followup.CommitmentBroken;
import io.earshot.followup.CommitmentFallingDue;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.TimerHandler;
import io.earshot.platform.Timers;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A promise's two timers, each fired once: the reminder to its owner before it falls due, and the verdict when
 * it does (kept by a reply in its window, or broken). Both find nothing to do once the promise is settled.
 */
@Component
public class CommitmentTimers implements TimerHandler {

    static final String TIMER = "commitment-check";

    private final Promises promises;
    private final Copywriter copywriter;
    private final Timers timers;
    private final EarshotClock clock;
    private final FollowupSettings settings;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;

    CommitmentTimers(Promises promises, Copywriter copywriter, Timers timers, EarshotClock clock, FollowupSettings settings,
                     ApplicationEventPublisher publisher, TransactionTemplate tx) {
        this.promises = promises;
        this.copywriter = copywriter;
        this.timers = timers;
        this.clock = clock;
        this.settings = settings;
        this.publisher = publisher;
        this.tx = tx;
    }

    /** The timers a new promise sets: the reminder at its reminder point, the verdict at its due time. */
    static List<Timers.Timer> timersOf(Promise p) {
        return List.of(new Timers.Timer(p.id() + "@remind", p.remindAt()), new Timers.Timer(p.id() + "@due", p.dueAt()));
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    @Override
    public void fire(String key) {
        long id = Long.parseLong(key.substring(0, key.indexOf('@')));
        boolean due = key.contains("@due");
        tx.executeWithoutResult(s -> {
            Promise p = promises.lockedById(id).orElse(null);
            if (p == null || !p.isOpen()) {
                return;
            }
            Instant now = clock.instant();
            if (!due) {
                if (p.remindable(now)) {
                    publisher.publishEvent(new CommitmentFallingDue(id, p.conversationId(), p.ownerId(), p.text(), p.dueAt(),
                            copywriter.draft(p, now)));
                }
                return;
            }
            if (!p.pastDue(now)) {
                timers.schedule(TIMER, id + "@due@" + p.dueAt().toEpochMilli(), p.dueAt()); // due time moved later: wait for it
                return;
            }
            List<Promise.Reply> replies = p.keptByReplies() ? promises.repliesWithin(p) : List.of();
            Long keptIn = p.firstKeeping(replies).map(Promise.Reply::messageId).orElse(null);
            p.judge(now, replies);
            if (promises.save(p)) {
                promises.renew(p, keptIn); // a recurring promise owes the next one, kept or not
            }
            if (p.state() == Promise.State.KEPT || !settings.fresh(p.dueAt(), now)) {
                return; // kept; or judged long after it fell due (history imported late): recorded, not alerted
            }
            publisher.publishEvent(new CommitmentBroken(id, p.conversationId(), p.ownerId(), p.text(), p.dueAt(),
                    copywriter.draft(p, now)));
        });
    }
}
