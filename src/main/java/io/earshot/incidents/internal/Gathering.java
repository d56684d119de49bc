package io.earshot.incidents.internal;

import io.earshot.conversation.ConversationDetail;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.InboundMessages;
import io.earshot.listening.Topic;
import io.earshot.listening.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Finds the conversations about an incident's problem and scores each with {@link Similarity}: the ones a lead or a
 * spike named, its topic's recent matches, and recent negative messages or complaints whose words are like the
 * incident's complaint (these join only above {@code earshot.incidents.similar-above}).
 */
@Component
public class Gathering {

    /** A conversation that may join: how, and the customer's words. */
    public record Candidate(long conversationId, String channel, String reason, String words) {
    }

    private static final int PROFILE = 200;
    private static final int WORDS_PER_CONVERSATION = 20;

    private final ConversationQueries conversations;
    private final InboundMessages messages;
    private final Topics topics;
    private final IncidentRows rows;
    private final IncidentSettings settings;

    Gathering(ConversationQueries conversations, InboundMessages messages, Topics topics, IncidentRows rows,
              IncidentSettings settings) {
        this.conversations = conversations;
        this.messages = messages;
        this.topics = topics;
        this.rows = rows;
        this.settings = settings;
    }

    /** The conversation as a candidate joining for {@code reason}, with its customer's words; empty when there is none. */
    public Optional<Candidate> named(long conversationId, String reason) {
        ConversationDetail d;
        try {
            d = conversations.detail(Long.toString(conversationId));
        } catch (io.earshot.platform.EarshotException notFound) {
            return Optional.empty();
        }
        String words = String.join(" ", d.messages().stream().filter(m -> "inbound".equals(m.direction()))
                .map(ConversationDetail.MessageView::text).limit(WORDS_PER_CONVERSATION).toList());
        return Optional.of(new Candidate(conversationId, d.conversation().channel(), reason, words));
    }

    /** The topic's recent matches whose conversations the incident has not had, one candidate per conversation. */
    public List<Candidate> topicMatches(long topicId, Set<Long> known) {
        Optional<Topic> topic = topics.byId(topicId);
        return topic.map(t -> grouped(topics.matches(t, settings.gatherLimit()), known, "topic")).orElse(List.of());
    }

    /** Recent negative messages and complaints since {@code since}, of conversations the incident has not had. */
    public List<Candidate> recentComplaints(Instant since, Set<Long> known) {
        List<InboundMessages.Heard> unhappy = messages.recent(settings.gatherLimit()).stream()
                .filter(h -> !h.createdAt().isBefore(since))
                .filter(h -> "negative".equals(h.sentiment()) || "complaint".equals(h.intent()) || "outage".equals(h.intent()))
                .toList();
        return grouped(unhappy, known, "similar");
    }

    private static List<Candidate> grouped(List<InboundMessages.Heard> heard, Set<Long> known, String reason) {
        Map<Long, Candidate> out = new LinkedHashMap<>();
        for (InboundMessages.Heard h : heard) {
            long id = Long.parseLong(h.conversationId());
            if (known.contains(id)) {
                continue;
            }
            out.merge(id, new Candidate(id, h.channel(), reason, h.text()),
                    (a, b) -> new Candidate(id, a.channel(), reason, a.words() + " " + b.words()));
        }
        return List.copyOf(out.values());
    }

    /**
     * The members these candidates make for incident {@code incidentId}: every named or matched one, scored against the
     * rest of the complaint (the incident's and theirs), and the {@code similar} ones that score high enough.
     */
    public List<IncidentRows.NewMember> score(long incidentId, List<Candidate> candidates) {
        List<String> complaint = new ArrayList<>(rows.complaintWords(incidentId, PROFILE));
        int before = complaint.size();
        List<Candidate> firm = candidates.stream().filter(c -> !"similar".equals(c.reason())).toList();
        List<Candidate> alike = candidates.stream().filter(c -> "similar".equals(c.reason())).toList();
        firm.forEach(c -> complaint.add(c.words()));
        Similarity similarity = new Similarity(complaint, alike.stream().map(Candidate::words).toList());
        List<IncidentRows.NewMember> out = new ArrayList<>();
        for (int i = 0; i < firm.size(); i++) {
            Candidate c = firm.get(i);
            out.add(new IncidentRows.NewMember(c.conversationId(), c.channel(), c.reason(),
                    round(similarity.scoreMember(before + i)), c.words()));
        }
        if (!complaint.isEmpty()) {
            for (Candidate c : alike) {
                double s = similarity.score(c.words());
                if (s >= settings.similarAbove()) {
                    out.add(new IncidentRows.NewMember(c.conversationId(), c.channel(), c.reason(), round(s), c.words()));
                }
            }
        }
        return out;
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
