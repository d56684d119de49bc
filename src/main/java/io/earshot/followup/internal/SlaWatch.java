package io.earshot.followup.internal;

import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.DeadlineInput;
import io.earshot.conversation.Deadlines;
import io.earshot.followup.CustomerLeftInSilence;
import io.earshot.followup.SlaBreached;
import io.earshot.followup.SlaPolicy;
import io.earshot.platform.TimerHandler;
import io.earshot.platform.Timers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches every open conversation's SLA clocks. Whenever a conversation's earliest deadline changes, a timer is
 * set for it (in the same transaction); when a timer fires, the deadlines are worked out again from what is
 * stored, breaches past due are recorded once ({@code sla_breach} is keyed by conversation, target and due
 * time), silences are told, and the next timer is set. A stale timer finds nothing to do.
 */
@Component
class SlaWatch implements TimerHandler {

    static final String TIMER = "sla-check";

    private final ConversationQueries conversations;
    private final PolicyDeadlines planner;
    private final Timers timers;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher publisher;
    private final FollowupSettings settings;
    private final Clock clock;

    SlaWatch(ConversationQueries conversations, PolicyDeadlines planner, Timers timers, JdbcTemplate jdbc,
             TransactionTemplate tx, ApplicationEventPublisher publisher, FollowupSettings settings, Clock clock) {
        this.conversations = conversations;
        this.planner = planner;
        this.timers = timers;
        this.jdbc = jdbc;
        this.tx = tx;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    static String key(long conversationId, Instant at) {
        return conversationId + "@" + at.toEpochMilli();
    }

    @Override
    public void fire(String key) {
        long id = Long.parseLong(key.substring(0, key.indexOf('@')));
        tx.executeWithoutResult(status -> check(id));
    }

    /** Works out the conversation's clocks at the present time and acts on what fell due. */
    void check(long id) {
        DeadlineInput in = conversations.deadlineInput(id).orElse(null);
        if (in == null || "resolved".equals(in.status())) {
            return;
        }
        SlaClock sla = planner.clockFor(in);
        Deadlines d = sla.deadlines(in);
        Instant now = clock.instant();
        List<Instant> later = new ArrayList<>();
        Instant first = d.firstResponseDue();
        if (first != null) {
            boolean missed = in.firstResponseAt() == null ? !first.isAfter(now) : in.firstResponseAt().isAfter(first);
            if (missed && !first.isAfter(now)) {
                breach(in, "firstResponse", first, sla.policy());
            } else if (in.firstResponseAt() == null) {
                later.add(first);
            }
        }
        if (d.resolutionDue() != null) {
            if (!d.resolutionDue().isAfter(now)) {
                breach(in, "resolution", d.resolutionDue(), sla.policy());
            } else {
                later.add(d.resolutionDue());
            }
        }
        if ("open".equals(in.status()) && d.nextUpdateDue() != null) {
            for (int level = 1; level <= settings.silenceLevels(); level++) {
                Instant at = sla.silenceAlertAt(in.lastOutboundAt(), level, in.pauses());
                if (at == null) {
                    break;
                }
                if (at.isAfter(now)) {
                    later.add(at);
                    break;
                }
                if (level == 1) {
                    breach(in, "nextUpdate", at, sla.policy());
                }
                if (settings.fresh(at, now)) {
                    publisher.publishEvent(new CustomerLeftInSilence(id, level, in.lastOutboundAt(), at,
                            sla.policy().updateCadence(), in.assigneeId()));
                }
            }
        }
        later.stream().min(Comparator.naturalOrder()).ifPresent(next -> timers.schedule(TIMER, key(id, next), next));
    }

    private void breach(DeadlineInput in, String target, Instant due, SlaPolicy policy) {
        int inserted = jdbc.update("insert into sla_breach (conversation_id, target, due_at, breached_at, policy_id, assignee_id) "
                + "values (?, ?, ?, ?, ?, ?) on conflict do nothing", in.conversationId(), target, due.toEpochMilli(),
                due.toEpochMilli(), policy.id(), in.assigneeId());
        if (inserted > 0 && settings.fresh(due, clock.instant())) {
            publisher.publishEvent(new SlaBreached(in.conversationId(), target, due, clock.instant(), in.assigneeId(), policy.name()));
        }
    }
}
