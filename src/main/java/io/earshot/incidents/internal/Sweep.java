package io.earshot.incidents.internal;

import io.earshot.platform.EarshotClock;
import io.earshot.platform.RepeatingTimerHandler;
import io.earshot.platform.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * While an incident is open, one {@value #TIMER} timer per incident (db-scheduler: once across instances) looks for
 * conversations that came since: its topic's new matches, and complaints whose words are like its own; they join
 * ({@link Membership}) and get the latest update. A conversation a lead took out stays out. Safe to run twice: one that
 * joined is not joined again.
 * <p>
 * The timer runs when there is something to look at, not on the wall clock: inbound messages arm it
 * {@code earshot.incidents.sweep-every} ahead ({@link #heard}), and once fired it comes again only while its last
 * look found someone new. So a quiet incident costs nothing, and a manual or event-time clock moved on by a month fires
 * it once, not 43,200 times. A message stored while a sweep runs, and not seen by it, is picked up by the next one that
 * a later message arms.
 */
@Component
public class Sweep implements RepeatingTimerHandler {

    static final String TIMER = "incident-sweep";

    private final IncidentRows rows;
    private final Gathering gathering;
    private final Membership membership;
    private final Timers timers;
    private final EarshotClock clock;
    private final TransactionTemplate tx;
    private final IncidentSettings settings;

    Sweep(IncidentRows rows, Gathering gathering, Membership membership, Timers timers, EarshotClock clock, TransactionTemplate tx,
          IncidentSettings settings) {
        this.rows = rows;
        this.gathering = gathering;
        this.membership = membership;
        this.timers = timers;
        this.clock = clock;
        this.tx = tx;
        this.settings = settings;
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    /** Starts sweeping for incident {@code incidentId}, in the caller's transaction (once: a second start changes nothing). */
    public void start(long incidentId) {
        timers.schedule(TIMER, Long.toString(incidentId), clock.instant().plus(settings.sweepEvery()));
    }

    /** Inbound messages were stored: every open incident looks at them within the sweep interval (in the caller's transaction). */
    public void heard() {
        List<Long> open = rows.openIds();
        if (!open.isEmpty()) {
            Instant at = clock.instant().plus(settings.sweepEvery());
            open.forEach(id -> timers.schedule(TIMER, Long.toString(id), at));
        }
    }

    @Override
    public void fire(String key) {
        tx.executeWithoutResult(s -> rows.lock(Long.parseLong(key)).filter(IncidentRows.Row::open).ifPresent(this::sweep));
    }

    /** Gathers what came for the (locked, open) incident since it was last looked at. */
    public List<Long> sweep(IncidentRows.Row incident) {
        Set<Long> known = rows.knownConversations(incident.id());
        List<Gathering.Candidate> candidates = new ArrayList<>();
        if (incident.topicId() != null) {
            candidates.addAll(gathering.topicMatches(incident.topicId(), known));
            candidates.forEach(c -> known.add(c.conversationId()));
        }
        candidates.addAll(gathering.recentComplaints(Instant.ofEpochMilli(incident.createdAt()).minus(Duration.ofHours(24)), known));
        return membership.join(incident, gathering.score(incident.id(), candidates), "incident sweep");
    }

    @Override
    public Instant again(String key) {
        long now = clock.millis();
        long id = Long.parseLong(key);
        // someone joined within the last interval (in the look just taken): the wave goes on, look again soon
        boolean joined = rows.lastJoinedAt(id).filter(at -> at >= now - settings.sweepEvery().toMillis()).isPresent();
        return joined && rows.byId(id).filter(IncidentRows.Row::open).isPresent() ? clock.instant().plus(settings.sweepEvery()) : null;
    }
}
