package io.earshot.incidents;

import io.earshot.conversation.ConversationService;
import io.earshot.incidents.internal.Crises;
import io.earshot.incidents.internal.CrisisRows;
import io.earshot.incidents.internal.Deliveries;
import io.earshot.incidents.internal.Gathering;
import io.earshot.incidents.internal.IncidentRows;
import io.earshot.incidents.internal.IncidentSettings;
import io.earshot.incidents.internal.Membership;
import io.earshot.incidents.internal.Sweep;
import io.earshot.listening.Topics;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.platform.IdGenerator;
import io.earshot.platform.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents: open one (a lead, or a spike of a topic's negative series), gather its conversations, tell every
 * affected customer each update and then the fix. Every change locks the incident's row, so two leads (or a lead and
 * the sweep) change one incident one after the other.
 */
@Service
public class Incidents {

    /** Who opens incidents that spikes open, and the reason of the conversations a spike brings. */
    public static final String SPIKE = "spike";
    static final int MAX_TEXT = 2_000;

    private final IncidentRows rows;
    private final Gathering gathering;
    private final Deliveries deliveries;
    private final Membership membership;
    private final Sweep sweep;
    private final Topics topics;
    private final ConversationService conversations;
    private final IdGenerator ids;
    private final EarshotClock clock;
    private final IncidentSettings settings;
    private final Crises crises;
    private final CrisisRows crisisRows;

    Incidents(IncidentRows rows, Gathering gathering, Deliveries deliveries, Membership membership, Sweep sweep, Topics topics,
              ConversationService conversations, IdGenerator ids, EarshotClock clock, IncidentSettings settings, Crises crises,
              CrisisRows crisisRows) {
        this.crises = crises;
        this.crisisRows = crisisRows;
        this.rows = rows;
        this.gathering = gathering;
        this.deliveries = deliveries;
        this.membership = membership;
        this.sweep = sweep;
        this.topics = topics;
        this.conversations = conversations;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Opens an incident by a lead: with a topic (its recent matches join, and its new ones while it is open), with
     * conversations named, or both; conversations whose complaints read alike join too.
     */
    @Transactional
    public Incident open(String title, String topicIdText, List<String> conversationIds, Agent lead) {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw EarshotException.invalid("title", "title is required, at most 200 characters");
        }
        Long topicId = Ids.field(topicIdText, "topicId");
        if (topicId != null && topics.byId(topicId).isEmpty()) {
            throw new EarshotException(404, "not_found", "no topic with id '" + topicIdText + "'", "topicId");
        }
        List<Gathering.Candidate> named = named(conversationIds == null ? List.of() : conversationIds, "lead");
        if (topicId == null && named.isEmpty()) {
            throw EarshotException.invalid("conversationIds", "an incident needs a topicId or some conversationIds");
        }
        if (topicId != null && rows.openForTopic(topicId).isPresent()) {
            throw EarshotException.conflict("topic " + topicId + " has an open incident already ("
                    + rows.openForTopic(topicId).get().id() + "); add conversations to it instead");
        }
        long id = ids.nextId();
        if (!rows.insert(id, title.strip(), topicId, lead.email(), clock.millis())) {
            throw EarshotException.conflict("topic " + topicId + " has an open incident already");
        }
        gather(id, named, topicId, lead.email());
        return get(id);
    }

    /**
     * What a spike of topic {@code topicId}'s negative series does: its conversations join the topic's open incident,
     * or open one (once, across instances: the topic's open incident is unique).
     */
    @Transactional
    public Incident spiked(long topicId, String title, List<Long> conversationIds) {
        List<Gathering.Candidate> named = named(conversationIds.stream().map(String::valueOf).toList(), SPIKE);
        Optional<IncidentRows.Row> open = rows.openForTopic(topicId);
        long id;
        if (open.isPresent()) {
            id = open.get().id();
        } else {
            id = ids.nextId();
            if (!rows.insert(id, title.length() > 200 ? title.substring(0, 200) : title, topicId, SPIKE, clock.millis())) {
                id = rows.openForTopic(topicId).orElseThrow().id();
            }
        }
        rows.lock(id);
        gather(id, named, open.isPresent() ? null : topicId, SPIKE);
        return get(id);
    }

    private void gather(long id, List<Gathering.Candidate> named, Long topicId, String actor) {
        List<Gathering.Candidate> all = new ArrayList<>(named);
        Set<Long> known = new java.util.HashSet<>(rows.knownConversations(id));
        named.forEach(c -> known.add(c.conversationId()));
        if (topicId != null) {
            List<Gathering.Candidate> matched = gathering.topicMatches(topicId, known);
            all.addAll(matched);
            matched.forEach(c -> known.add(c.conversationId()));
        }
        IncidentRows.Row row = rows.byId(id).orElseThrow();
        all.addAll(gathering.recentComplaints(Instant.ofEpochMilli(row.createdAt()).minus(Duration.ofHours(24)), known));
        membership.join(row, gathering.score(id, all), actor);
        sweep.start(id);
    }

    /** A lead adds conversations (or puts back ones removed); they get the latest update. */
    @Transactional
    public Incident add(String idText, List<String> conversationIds, Agent lead) {
        IncidentRows.Row incident = lockOpen(idText);
        if (conversationIds == null || conversationIds.isEmpty()) {
            throw EarshotException.invalid("conversationIds", "conversationIds is required: a list of conversation ids");
        }
        List<Gathering.Candidate> named = named(conversationIds, "lead");
        List<Long> restored = new ArrayList<>();
        named.forEach(c -> {
            if (rows.restore(incident.id(), c.conversationId(), clock.millis())) {
                restored.add(c.conversationId());
            }
        });
        membership.join(incident, gathering.score(incident.id(), named), lead.email());
        membership.rejoined(incident, restored);
        return get(incident.id());
    }

    /** A lead takes a conversation out: it hears no more of the incident, and no sweep brings it back. */
    @Transactional
    public Incident remove(String idText, String conversationIdText, Agent lead) {
        IncidentRows.Row incident = lock(idText);
        long conversationId = Ids.require(conversationIdText, "conversation");
        if (!rows.remove(incident.id(), conversationId, clock.millis())) {
            throw EarshotException.notFound("conversation of this incident", conversationIdText);
        }
        conversations.note(conversationId, "incident_left", lead, "taken out of incident \"" + incident.title() + "\"");
        membership.left(incident, conversationId);
        return get(incident.id());
    }

    /**
     * Writes an update and queues it for every member; it goes out in paced batches. The same request again (the
     * same {@code requestKey}, or without one the latest update's text again soon after) is the update it made.
     */
    @Transactional
    public Incident.Update update(String idText, String text, String requestKey, Agent lead) {
        IncidentRows.Row incident = lockOpen(idText);
        return write(incident, "update", text, requestKey, lead);
    }

    /** Writes the fix, queues it for every member (each conversation resolves as it is told) and resolves the incident. */
    @Transactional
    public Incident.Update resolve(String idText, String text, String requestKey, Agent lead) {
        IncidentRows.Row incident = lock(idText);
        if (!incident.open()) {
            Optional<IncidentRows.UpdateRow> fix = rows.latest(incident.id(), "fix");
            if (fix.isPresent() && (requestKey == null || rows.updateByRequest(incident.id(), requestKey).isPresent())) {
                return view(incident.id(), fix.get().id());
            }
            throw EarshotException.conflict("incident " + incident.id() + " is resolved already");
        }
        Incident.Update fix = write(incident, "fix", text, requestKey, lead);
        rows.resolve(incident.id(), lead.email(), clock.millis());
        crises.end(incident, lead); // resolving an incident ends its crisis
        rows.supersede(incident.id(), Long.parseLong(fix.id()));
        return fix;
    }

    private Incident.Update write(IncidentRows.Row incident, String kind, String text, String requestKey, Agent lead) {
        if (text == null || text.isBlank()) {
            throw EarshotException.invalid("text", "text is required");
        }
        if (text.length() > MAX_TEXT) {
            throw EarshotException.invalid("text", "text is longer than " + MAX_TEXT + " characters");
        }
        String key = requestKey == null || requestKey.isBlank() ? null : requestKey.strip();
        if (key != null && key.length() > 200) {
            throw EarshotException.invalid("Idempotency-Key", "Idempotency-Key is longer than 200 characters");
        }
        long now = clock.millis();
        Optional<IncidentRows.UpdateRow> again = key != null ? rows.updateByRequest(incident.id(), key)
                : rows.latest(incident.id(), kind).filter(u -> u.text().equals(text.strip())
                        && now - u.createdAt() <= settings.sameUpdateWithin().toMillis());
        if (again.isPresent()) {
            return view(incident.id(), again.get().id());
        }
        long updateId = ids.nextId();
        rows.insertUpdate(updateId, incident.id(), kind, text.strip(), lead.id(), now, key);
        deliveries.queue(updateId, rows.memberIds(incident.id()));
        return view(incident.id(), updateId);
    }

    private Incident.Update view(long incidentId, long updateId) {
        return rows.updates(incidentId).stream().filter(u -> u.id().equals(Long.toString(updateId))).findFirst().orElseThrow();
    }

    private List<Gathering.Candidate> named(List<String> conversationIds, String reason) {
        if (conversationIds.size() > 1_000) {
            throw EarshotException.invalid("conversationIds", "conversationIds takes at most 1000 entries");
        }
        List<Gathering.Candidate> out = new ArrayList<>();
        for (String c : new java.util.LinkedHashSet<>(conversationIds)) {
            if (c == null) {
                throw EarshotException.invalid("conversationIds", "conversationIds must be ids (digits, as Earshot gave them), not null");
            }
            long id = Ids.field(c, "conversationIds");
            out.add(gathering.named(id, reason).orElseThrow(() ->
                    new EarshotException(404, "not_found", "no conversation with id '" + Ids.shown(c) + "'", "conversationIds")));
        }
        return out;
    }

    public Incident get(long id) {
        IncidentRows.Row r = rows.byId(id).orElseThrow(() -> EarshotException.notFound("incident", Long.toString(id)));
        List<Incident.Member> members = rows.members(id);
        return incident(r, members.size(), members, rows.updates(id), crisisRows.ofIncident(id).stream().map(Incidents::crisis).toList());
    }

    public Incident get(String idText) {
        return get(Ids.require(idText, "incident"));
    }

    /** The most recent incidents, newest first, without their members and updates. */
    public List<Incident> recent(int limit) {
        List<IncidentRows.Row> found = rows.recent(limit);
        Map<Long, Integer> sizes = rows.sizes(found.stream().map(IncidentRows.Row::id).toList());
        Optional<CrisisRows.Row> on = crisisRows.on();
        return found.stream().map(r -> incident(r, sizes.getOrDefault(r.id(), 0), List.of(), List.of(),
                on.filter(k -> k.incidentId() == r.id()).stream().map(Incidents::crisis).toList())).toList();
    }

    /** Who was told what and when, newest first. */
    public List<Incident.Delivery> deliveries(String idText, int limit) {
        return rows.deliveries(Long.parseLong(get(idText).id()), limit);
    }

    /** Members joined per hour. */
    public List<Incident.Growth> growth(String idText) {
        return rows.growth(Long.parseLong(get(idText).id()));
    }

    private static Incident incident(IncidentRows.Row r, int size, List<Incident.Member> members, List<Incident.Update> updates,
                                     List<Incident.Crisis> crises) {
        Incident.Crisis on = crises.stream().filter(k -> k.endedAt() == null).findFirst().orElse(null);
        return new Incident(Long.toString(r.id()), r.title(), Ids.str(r.topicId()), r.status(), r.openedBy(),
                Instant.ofEpochMilli(r.createdAt()), r.resolvedAt() == null ? null : Instant.ofEpochMilli(r.resolvedAt()),
                r.resolvedBy(), size, members, updates, on, crises);
    }

    static Incident.Crisis crisis(CrisisRows.Row k) {
        return new Incident.Crisis(Instant.ofEpochMilli(k.startedAt()), k.startedBy(), Ids.str(k.teamId()),
                k.endedAt() == null ? null : Instant.ofEpochMilli(k.endedAt()), k.endedBy());
    }

    private IncidentRows.Row lock(String idText) {
        return rows.lock(Ids.require(idText, "incident")).orElseThrow(() -> EarshotException.notFound("incident", Ids.shown(idText)));
    }

    private IncidentRows.Row lockOpen(String idText) {
        IncidentRows.Row r = lock(idText);
        if (!r.open()) {
            throw EarshotException.conflict("incident " + r.id() + " is resolved");
        }
        return r;
    }
}
