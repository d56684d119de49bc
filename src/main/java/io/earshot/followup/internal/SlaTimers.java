package io.earshot.followup.internal;

import io.earshot.conversation.DueWatcher;
import io.earshot.platform.Timers;
import java.util.List;
import org.springframework.stereotype.Component;

/** Sets an SLA check timer, in the saving transaction, at each conversation's new earliest deadline. */
@Component
class SlaTimers implements DueWatcher {

    private final Timers timers;

    SlaTimers(Timers timers) {
        this.timers = timers;
    }

    @Override
    public void watch(List<DueCheck> checks) {
        timers.scheduleAll(SlaWatch.TIMER, checks.stream()
                .map(c -> new Timers.Timer(SlaWatch.key(c.conversationId(), c.dueAt()), c.dueAt())).toList());
    }
}
