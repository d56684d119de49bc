package io.earshot.incidents;

import io.earshot.incidents.internal.Crises;
import io.earshot.incidents.internal.CrisisRows;
import io.earshot.incidents.internal.IncidentRows;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Crisis mode for an open incident, one crisis at a time across the desk: its conversations go first in the queue,
 * every desk page shows it, CSAT surveys wait until it ends. A lead starts it and ends it (resolving the incident ends
 * it too); each member's timeline says who did.
 */
@Service
public class CrisisMode {

    private final IncidentRows incidents;
    private final CrisisRows rows;
    private final Crises crises;
    private final Incidents view;
    private final EarshotClock clock;

    CrisisMode(IncidentRows incidents, CrisisRows rows, Crises crises, Incidents view, EarshotClock clock) {
        this.incidents = incidents;
        this.rows = rows;
        this.crises = crises;
        this.view = view;
        this.clock = clock;
    }

    /** Starts the incident's crisis; again is the one that is on; another incident's on is a 409. */
    @Transactional
    public Incident start(String idText, String teamIdText, Agent lead) {
        IncidentRows.Row incident = lock(idText);
        crises.start(incident, Ids.field(teamIdText, "teamId"), lead);
        return view.get(incident.id());
    }

    /** Ends the incident's crisis; a 409 when none is on (ended already, or never started). */
    @Transactional
    public Incident end(String idText, Agent lead) {
        IncidentRows.Row incident = lock(idText);
        if (!crises.end(incident, lead)) {
            throw EarshotException.conflict("incident " + incident.id() + " is not in crisis mode");
        }
        return view.get(incident.id());
    }

    /** The crisis that is on, if any, with the incident's size and latest update. */
    public Optional<CurrentCrisis> current() {
        return rows.on().flatMap(k -> incidents.byId(k.incidentId()).map(i -> {
            long hourAgo = clock.millis() - Duration.ofHours(1).toMillis();
            Optional<IncidentRows.UpdateRow> latest = incidents.latest(i.id(), "update");
            return new CurrentCrisis(Long.toString(i.id()), i.title(), Instant.ofEpochMilli(k.startedAt()), k.startedBy(),
                    Ids.str(k.teamId()), incidents.sizes(java.util.List.of(i.id())).getOrDefault(i.id(), 0), rows.joinedSince(i.id(), hourAgo),
                    latest.map(IncidentRows.UpdateRow::text).orElse(null),
                    latest.map(u -> Instant.ofEpochMilli(u.createdAt())).orElse(null));
        }));
    }

    private IncidentRows.Row lock(String idText) {
        return incidents.lock(Ids.require(idText, "incident"))
                .orElseThrow(() -> EarshotException.notFound("incident", Ids.shown(idText)));
    }
}
