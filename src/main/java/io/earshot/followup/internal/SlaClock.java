package io.earshot.followup.internal;

import io.earshot.conversation.DeadlineInput;
import io.earshot.conversation.Deadlines;
import io.earshot.followup.BusinessCalendar;
import io.earshot.followup.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SLA deadline maths: a pure object. From a policy, a calendar and what happened to a conversation it gives
 * the deadlines; the same input gives the same answer, so it is safe to run again at any time. Time waiting
 * on the customer ({@code pending}) stops the clocks: a deadline moves later by the business time paused
 * before it, and while a pause goes on there is no deadline at all.
 */
public record SlaClock(SlaPolicy policy, BusinessCalendar calendar) {

    /** A span the clocks stood still; {@code to} is null while it goes on. */
    public record Pause(Instant from, Instant to) {
    }

    public SlaClock {
        if (!policy.businessHours()) {
            calendar = BusinessCalendar.AROUND_THE_CLOCK;
        }
    }

    /** The deadlines of a conversation. */
    public Deadlines deadlines(DeadlineInput in) {
        if ("resolved".equals(in.status()) || in.createdAt() == null) {
            return new Deadlines(null, null, null, policy.id());
        }
        List<Pause> pauses = pauses(in.pauses());
        Instant first = due(in.createdAt(), policy.firstResponse(), pauses);
        Instant nextUpdate = in.firstResponseAt() != null && in.lastOutboundAt() != null
                ? due(in.lastOutboundAt(), policy.updateCadence(), pauses) : null;
        Instant resolution = due(in.createdAt(), policy.resolution(), pauses);
        return new Deadlines(first, nextUpdate, resolution, policy.id());
    }

    /**
     * When the {@code level}-th alert of the silence that began at {@code lastOutbound} is due: after one update
     * cadence, then two, four, eight… (null while the clocks are paused).
     */
    public Instant silenceAlertAt(Instant lastOutbound, int level, String pauses) {
        Duration wait = policy.updateCadence().multipliedBy(1L << Math.min(level - 1, 20));
        return due(lastOutbound, wait, pauses(pauses));
    }

    /** {@code target} of business time after {@code start}, moved later by the pauses after the start. */
    public Instant due(Instant start, Duration target, List<Pause> pauses) {
        Instant d = calendar.plusBusinessTime(start, target);
        for (Pause p : pauses) {
            if (p.to() != null && !p.to().isAfter(start)) {
                continue; // over before the clock started
            }
            if (!p.from().isBefore(d)) {
                break; // began after the deadline: it does not move it
            }
            if (p.to() == null) {
                return null; // paused now: nothing is due until the customer answers
            }
            Instant from = p.from().isAfter(start) ? p.from() : start;
            d = calendar.plusBusinessTime(d, calendar.businessTimeBetween(from, p.to()));
        }
        return d;
    }

    /** Reads pauses written as {@code from-to,from-} in epoch milliseconds, oldest first. */
    public static List<Pause> pauses(String text) {
        List<Pause> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String span : text.split(",")) {
            int dash = span.indexOf('-');
            if (dash <= 0) {
                continue;
            }
            try {
                Instant from = Instant.ofEpochMilli(Long.parseLong(span.substring(0, dash).trim()));
                String end = span.substring(dash + 1).trim();
                out.add(new Pause(from, end.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(end))));
            } catch (NumberFormatException e) {
                // a damaged span is skipped rather than stopping every deadline of the conversation
            }
        }
        out.sort(Comparator.comparing(Pause::from));
        return out;
    }
}
