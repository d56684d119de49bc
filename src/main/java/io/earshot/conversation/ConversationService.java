package io.earshot.conversation;

import io.earshot.conversation.internal.Conversation;
import io.earshot.conversation.internal.ConversationRanking;
import io.earshot.conversation.internal.ConversationRows;
import io.earshot.conversation.internal.CustomerRows;
import io.earshot.conversation.internal.EventRows;
import io.earshot.conversation.internal.MessageRows;
import io.earshot.conversation.internal.Outbox;
import io.earshot.conversation.internal.Sql;
import io.earshot.classify.SignalClassifier;
import io.earshot.platform.Agent;
import io.earshot.platform.Agents;
import io.earshot.platform.EarshotException;
import io.earshot.platform.IdGenerator;
import io.earshot.platform.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents do to conversations and customers: reply, assign, change status, merge customers.
 * Every command locks the customer's row first (as ingest does), then the conversation, so it never
 * races a message arriving for the same customer.
 */
@Service
public class ConversationService {

    private final JdbcTemplate jdbc;
    private final ConversationRows conversations;
    private final CustomerRows customers;
    private final MessageRows messages;
    private final EventRows events;
    private final ConversationRanking ranking;
    private final Agents agents;
    private final IdGenerator ids;
    private final Clock clock;
    private final SignalClassifier classifier;
    private final Outbox outbox;
    private final io.earshot.ingest.ChannelCatalog catalog;
    private final ObjectProvider<OutboundWatcher> outboundWatchers;
    private final ApplicationEventPublisher publisher;

    ConversationService(JdbcTemplate jdbc, ConversationRows conversations, CustomerRows customers, MessageRows messages,
                        EventRows events, ConversationRanking ranking, Agents agents, IdGenerator ids, Clock clock,
                        ApplicationEventPublisher publisher,
                        SignalClassifier classifier, ObjectProvider<OutboundWatcher> outboundWatchers, Outbox outbox,
                        io.earshot.ingest.ChannelCatalog catalog) {
        this.catalog = catalog;
        this.outbox = outbox;
        this.classifier = classifier;
        this.outboundWatchers = outboundWatchers;
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.customers = customers;
        this.messages = messages;
        this.events = events;
        this.ranking = ranking;
        this.agents = agents;
        this.ids = ids;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** Where a reply goes: the channel, account and recipient of the message it answers, "in reply to" it. */
    private record Route(String channel, Long accountId, String recipient, String parentExternalId, String subject) {
    }

    /**
     * The route of a reply to the customer's message {@code replyTo} (a message id), or to their newest message when it
     * is null; a conversation with no message from the customer is answered on its own channel.
     */
    private Route routeFor(Conversation c, String replyTo) {
        String where = "conversation_id = ? and inbound = true";
        Object[] args;
        if (replyTo != null) {
            long parentId = Ids.require(replyTo, "replyTo");
            where += " and id = ?";
            args = new Object[] {c.id(), parentId};
        } else {
            args = new Object[] {c.id()};
        }
        List<Route> found = jdbc.query("select channel, account_id, coalesce(reply_address, author_handle), external_id, subject "
                + "from message where " + where + " order by created_at desc, id desc limit 1",
                (rs, n) -> new Route(rs.getString(1), Sql.longOrNull(rs, "account_id"), rs.getString(3), rs.getString(4),
                        rs.getString(5)), args);
        if (found.isEmpty()) {
            if (replyTo != null) {
                throw EarshotException.invalid("replyTo", "replyTo must be the id of a message from the customer in this conversation");
            }
            return new Route(c.channel(), null, null, null, null);
        }
        return found.get(0);
    }

    /** A reply as stored: its message id and the promises found in it, now tracked. */
    public record Reply(String messageId, List<TrackedPromise> promises) {
    }

    /**
     * Stores an agent's reply, queues it for its channel, and has the promises in it read in its own language and
     * tracked, all in one transaction: the one door for replies.
     */
    @Transactional
    public Reply reply(ReplyCommand command) {
        String conversationId = command.conversationId();
        Agent agent = command.agent();
        String text = command.text();
        boolean privateMessage = command.privateMessage();
        Conversation c = lockConversation(conversationId);
        if (text == null || text.isBlank()) {
            throw EarshotException.invalid("text", "text is required");
        }
        Route route = routeFor(c, command.replyTo());
        io.earshot.ingest.ChannelTraits traits = catalog.traits(route.channel(), route.accountId());
        if (!traits.replies()) {
            throw EarshotException.invalid("replyTo", "messages heard from a feed on " + route.channel() + " cannot be "
                    + "answered from Earshot; answer where it was posted, or pick another of the customer's messages (replyTo)");
        }
        if (!privateMessage && traits.tooLong(text)) {
            throw EarshotException.invalid("text", "a public reply on " + route.channel() + " takes at most "
                    + traits.replyLimit() + " characters; this one has " + text.codePointCount(0, text.length()));
        }
        long now = clock.millis();
        long messageId = ids.nextId();
        messages.insert(List.of(new MessageRows.Row(messageId, route.channel(), "earshot-" + messageId, c.id(), c.customerId(), false,
                agent.name(), agent.name(), agent.id(), text, now, now, route.parentExternalId(), privateMessage, null, null, null,
                null, null, route.accountId(), null, route.subject())));
        outbox.queue(ids.nextId(), messageId, c.id(), route.channel(), route.accountId(), route.recipient(), now);
        c.answered(now);
        rerank(c, now);
        events.insert(List.of(EventRows.Row.by(agent, ids.nextId(), c.id(), now, "reply_sent",
                privateMessage ? "private reply" : "public reply")));
        List<OutboundWatcher> watchers = outboundWatchers.orderedStream().toList();
        boolean worthReading = watchers.stream().anyMatch(w -> w.worthReading(text));
        // as ingest does: the language is read only when a watcher reads replies differently by it
        String language = worthReading && watchers.stream().anyMatch(OutboundWatcher::readsByLanguage)
                ? classifier.language(text) : null;
        OutboundWatcher.StoredReply stored = new OutboundWatcher.StoredReply(c.id(), messageId, agent.name(), text,
                Instant.ofEpochMilli(now), agent.id(), agent, language, worthReading);
        List<TrackedPromise> promises = new java.util.ArrayList<>();
        watchers.forEach(w -> promises.addAll(w.repliesStored(List.of(stored))));
        publisher.publishEvent(new ReplySent(c.id(), messageId, agent.id(), privateMessage, promises.size(), Instant.ofEpochMilli(now)));
        return new Reply(Long.toString(messageId), List.copyOf(promises));
    }

    /**
     * Sends the customer a message from Earshot itself (a satisfaction survey, say) through the conversation's
     * channel, by the outbox; {@code privateMessage} sends it as a direct message where the channel has them. It
     * is not an answer: it changes no deadline and no status.
     */
    @Transactional
    public String sendNotice(long conversationId, String author, String text, String kind, boolean privateMessage) {
        Conversation c = conversations.lock(conversationId);
        if (c == null) {
            throw EarshotException.notFound("conversation", Long.toString(conversationId));
        }
        long now = clock.millis();
        long messageId = ids.nextId();
        Route route = routeFor(c, null);
        messages.insert(List.of(new MessageRows.Row(messageId, route.channel(), "earshot-" + messageId, c.id(), c.customerId(), false,
                author, author, null, text, now, now, route.parentExternalId(), privateMessage, null, null, null, null, null,
                route.accountId(), null, route.subject())));
        outbox.queue(ids.nextId(), messageId, c.id(), route.channel(), route.accountId(), route.recipient(), now);
        events.insert(List.of(new EventRows.Row(ids.nextId(), c.id(), now, kind, author, null,
                privateMessage ? "sent privately to the customer" : "sent to the customer")));
        return Long.toString(messageId);
    }

    /** Tries the failed delivery of reply {@code messageId} of conversation {@code conversationId} once more, now. */
    @Transactional
    public void retryDelivery(String conversationId, String messageId, Agent agent) {
        Conversation c = lockConversation(conversationId);
        long message = Ids.require(messageId, "message");
        Integer inConversation = jdbc.query("select 1 from message where id = ? and conversation_id = ? and inbound = false",
                (rs, n) -> 1, message, c.id()).stream().findFirst().orElse(null);
        if (inConversation == null) {
            throw EarshotException.notFound("message", messageId);
        }
        if (!outbox.retry(message)) {
            throw EarshotException.conflict("the delivery of message " + messageId + " has not failed; nothing to retry");
        }
        events.insert(List.of(EventRows.Row.by(agent, ids.nextId(), c.id(), clock.millis(), "delivery_retried",
                "delivery of a reply tried again")));
    }

    /**
     * Ranks these conversations again now, because something ranking reads besides the conversation changed (a
     * crisis pinned them, or ended); live views hear of each.
     */
    @Transactional
    public void rerank(java.util.Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return;
        }
        List<Long> ids = conversationIds.stream().distinct().sorted().toList();
        customers.lock(jdbc.queryForList("select distinct customer_id from conversation where id = any(?)", Long.class,
                (Object) ids.toArray(Long[]::new)));
        long now = clock.millis();
        for (Long id : ids) {
            Conversation c = conversations.lock(id);
            if (c != null) {
                rerank(c, now);
                publisher.publishEvent(new PriorityRefreshed(c.id()));
            }
        }
    }

    /** Adds an entry to a conversation's timeline for something no agent did ({@code actor} names who did). */
    @Transactional
    public void note(long conversationId, String kind, String actor, String details) {
        events.insert(List.of(new EventRows.Row(ids.nextId(), conversationId, clock.millis(), kind, actor, null, details)));
    }

    /** Adds an entry to a conversation's timeline for something {@code agent} did. */
    @Transactional
    public void note(long conversationId, String kind, Agent agent, String details) {
        events.insert(List.of(EventRows.Row.by(agent, ids.nextId(), conversationId, clock.millis(), kind, details)));
    }

    @Transactional
    public void assign(String conversationId, String agentId, Agent actor) {
        Conversation c = lockConversation(conversationId);
        Long target = null;
        String details = "unassigned";
        if (agentId != null && !agentId.isBlank()) {
            Agent assignee = Ids.parse(agentId).flatMap(agents::byId)
                    .orElseThrow(() -> new EarshotException(404, "not_found", "no agent with id '" + agentId + "'", "agentId"));
            target = assignee.id();
            details = "assigned to " + assignee.name();
        }
        c.assign(target);
        rerank(c, clock.millis()); // the assignee's team may bring another SLA policy and calendar
        events.insert(List.of(EventRows.Row.by(actor, ids.nextId(), c.id(), clock.millis(), "assigned", details)));
        publisher.publishEvent(new ConversationAssigned(c.id(), target, actor.id()));
    }

    @Transactional
    public void changeStatus(String conversationId, String statusText, String note, Agent actor) {
        ConversationStatus target = ConversationStatus.fromWire(statusText).orElseThrow(() -> EarshotException.invalid("status",
                "status must be open, pending or resolved, not '" + statusText + "'"));
        Conversation c = lockConversation(conversationId);
        ConversationStatus before = c.status();
        long now = clock.millis();
        c.moveTo(target, now);
        if (before != target) {
            rerank(c, now);
            events.insert(List.of(EventRows.Row.by(actor, ids.nextId(), c.id(), now, "status_changed",
                    before.wireName() + " -> " + target.wireName() + (note == null || note.isBlank() ? "" : ": " + note))));
            publisher.publishEvent(switch (target) {
                case RESOLVED -> new ConversationResolved(c.id(), c.assigneeId(), actor.id(), Instant.ofEpochMilli(now));
                case PENDING -> new ConversationPending(c.id(), actor.id());
                case OPEN -> new ConversationReopened(c.id(), before.wireName(), actor.id());
            });
        }
    }

    /** Merges {@code otherId} into {@code customerId}: identities, conversations and messages move over. */
    @Transactional
    public CustomerView merge(String customerIdText, String otherIdText, Agent actor) {
        long keep = Ids.require(customerIdText, "customer");
        if (otherIdText == null || otherIdText.isBlank()) {
            throw EarshotException.invalid("otherId", "otherId is required");
        }
        long other = Ids.parse(otherIdText).orElseThrow(() ->
                new EarshotException(404, "not_found", "no customer with id '" + otherIdText + "'", "otherId"));
        if (keep == other) {
            throw EarshotException.invalid("otherId", "a customer cannot be merged into itself");
        }
        customers.lock(List.of(keep, other));
        var found = customers.byIds(List.of(keep, other));
        if (!found.containsKey(keep) || isMerged(keep)) {
            throw EarshotException.notFound("customer", customerIdText);
        }
        if (!found.containsKey(other) || isMerged(other)) {
            throw new EarshotException(404, "not_found", "no customer with id '" + otherIdText + "'", "otherId");
        }
        CustomerRows.Row a = found.get(keep);
        CustomerRows.Row b = found.get(other);
        long now = clock.millis();
        jdbc.update("update customer_identity set customer_id = ? where customer_id = ?", keep, other);
        jdbc.update("update conversation set customer_id = ? where customer_id = ?", keep, other);
        jdbc.update("update message set customer_id = ? where customer_id = ?", keep, other);
        jdbc.update("update customer set followers = ?, verified = ?, name = coalesce(name, ?), email = coalesce(email, ?), "
                + "created_at = ?, last_seen_at = ? where id = ?", Math.max(a.followers(), b.followers()),
                a.verified() || b.verified(), b.name(), b.email(), Math.min(a.createdAt(), b.createdAt()),
                Math.max(a.lastSeenAt(), b.lastSeenAt()), keep);
        jdbc.update("update customer set merged_into = ? where id = ?", keep, other);
        List<Long> touched = jdbc.queryForList("select id from conversation where customer_id = ?", Long.class, keep);
        events.insert(touched.stream().map(id -> EventRows.Row.by(actor, ids.nextId(), id, now, "customers_merged",
                "customer " + other + " merged into " + keep)).toList());
        touched.forEach(id -> publisher.publishEvent(new CustomersMerged(id, keep, other, actor.id())));
        return customer(Long.toString(keep));
    }

    public CustomerView customer(String idText) {
        long id = Ids.require(idText, "customer");
        long mergedInto = jdbc.query("select coalesce(merged_into, 0) from customer where id = ?", (rs, n) -> rs.getLong(1), id)
                .stream().findFirst().orElseThrow(() -> EarshotException.notFound("customer", idText));
        if (mergedInto != 0) {
            return customer(Long.toString(mergedInto));
        }
        CustomerRows.Row row = customers.byIds(List.of(id)).get(id);
        List<CustomerView.Identity> identities = jdbc.query("select channel, display from customer_identity where customer_id = ? "
                + "order by created_at, channel", (rs, n) -> new CustomerView.Identity(rs.getString(1), rs.getString(2)), id);
        List<CustomerView.ConversationSummary> list = jdbc.query("select id, status, channel, preview, created_at, resolved_at "
                + "from conversation where customer_id = ? order by created_at desc, id desc limit 200",
                (rs, n) -> new CustomerView.ConversationSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), instant(Sql.longOrNull(rs, "resolved_at"))), id);
        // last seen: the newest message of the customer's conversations (ingest does not rewrite the customer row
        // for every message, only when what we know of them changes)
        Long newest = jdbc.queryForObject("select max(last_inbound_at) from conversation where customer_id = ?", Long.class, id);
        long lastSeen = Math.max(row.lastSeenAt(), newest == null ? 0 : newest);
        return new CustomerView(Long.toString(row.id()), row.handle(), row.name(), row.email(), row.followers(), row.verified(),
                Instant.ofEpochMilli(row.createdAt()), Instant.ofEpochMilli(lastSeen), identities, list);
    }

    private boolean isMerged(long id) {
        return jdbc.query("select coalesce(merged_into, 0) from customer where id = ?", (rs, n) -> rs.getLong(1), id)
                .stream().anyMatch(m -> m != 0);
    }

    private Conversation lockConversation(String idText) {
        long id = Ids.require(idText, "conversation");
        Long customerId = jdbc.query("select customer_id from conversation where id = ?", (rs, n) -> rs.getLong(1), id)
                .stream().findFirst().orElseThrow(() -> EarshotException.notFound("conversation", idText));
        customers.lock(List.of(customerId));
        Conversation c = conversations.lock(id);
        if (c == null) {
            throw EarshotException.notFound("conversation", idText);
        }
        return c;
    }

    private void rerank(Conversation c, long now) {
        ranking.rank(c, customers.byIds(List.of(c.customerId())).get(c.customerId()), now);
        conversations.save(List.of(c));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
