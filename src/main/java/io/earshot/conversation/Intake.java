package io.earshot.conversation;

import io.earshot.classify.SignalClassifier;
import io.earshot.classify.Signals;
import io.earshot.conversation.internal.Conversation;
import io.earshot.conversation.internal.ConversationRanking;
import io.earshot.conversation.internal.ConversationRows;
import io.earshot.conversation.internal.CustomerRows;
import io.earshot.conversation.internal.EventRows;
import io.earshot.conversation.internal.IdentityKey;
import io.earshot.conversation.internal.MessageRows;
import io.earshot.conversation.internal.Threading;
import io.earshot.ingest.IncomingMessage;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.IdGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hot path: classifies a batch of incoming messages, finds or creates their customers, threads each into
 * a conversation, ranks the conversations and stores it all in one transaction, in batches.
 * <p>
 * Duplicates are found by (channel, externalId), which is also unique in the database. One instance writes up to
 * {@code earshot.ingest.writers} batches at once, each in its own transaction, as several instances do: the
 * customers' rows are locked, in id order, before threading, so two writers never open two conversations for one
 * thread, and a writer that loses a race for a new identity or a message key tries its whole batch again.
 */
@Service
public class Intake {

    private static final int PARALLEL_FROM = 64;
    /** A batch that lost a race to another instance is tried again, after a short random pause, this often. */
    private static final int ATTEMPTS = 12;

    private final SignalClassifier classifier;
    private final CustomerRows customers;
    private final ConversationRows conversations;
    private final MessageRows messages;
    private final EventRows events;
    private final ConversationRanking ranking;
    private final IdGenerator ids;
    private final Clock clock;
    private final Threading threading;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher publisher;
    private final List<OutboundWatcher> outboundWatchers;
    private final java.util.concurrent.Semaphore writers;
    private final io.earshot.ingest.ChannelCatalog catalog;

    Intake(SignalClassifier classifier, CustomerRows customers, ConversationRows conversations, MessageRows messages,
           EventRows events, ConversationRanking ranking, IdGenerator ids, Clock clock, ThreadingSettings settings,
           TransactionTemplate tx, ApplicationEventPublisher publisher, List<OutboundWatcher> outboundWatchers,
           io.earshot.ingest.IngestSettings ingest, io.earshot.ingest.ChannelCatalog catalog) {
        this.catalog = catalog;
        this.outboundWatchers = outboundWatchers;
        this.writers = new java.util.concurrent.Semaphore(ingest.writers(), true);
        this.classifier = classifier;
        this.customers = customers;
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
        this.ranking = ranking;
        this.ids = ids;
        this.clock = clock;
        this.threading = new Threading(settings);
        this.tx = tx;
        this.publisher = publisher;
    }

    /** Stores what is new in {@code batch}; the results are in the batch's order. */
    public List<IntakeResult> accept(List<IncomingMessage> batch) {
        return accept(batch, () -> { });
    }

    /**
     * Stores what is new in {@code batch} and runs {@code alsoInTransaction} in the same transaction, after the
     * messages are written (and again if the batch is tried again): a connector's position is committed with the
     * messages it produced, so a restart neither skips nor repeats. The results are in the batch's order.
     */
    public List<IntakeResult> accept(List<IncomingMessage> batch, Runnable alsoInTransaction) {
        if (batch.isEmpty()) {
            tx.executeWithoutResult(status -> alsoInTransaction.run());
            return List.of();
        }
        Read[] reads = read(batch);
        if (clock instanceof EarshotClock earshot && earshot.mode() == EarshotClock.Mode.EVENT_TIME) {
            batch.stream().map(IncomingMessage::createdAt).max(java.util.Comparator.naturalOrder())
                    .ifPresent(earshot::advanceTo);
        }
        BatchOutcome outcome = null;
        writers.acquireUninterruptibly();
        try {
            for (int attempt = 1; outcome == null; attempt++) {
                try {
                    boolean raced = attempt > 1;
                    outcome = tx.execute(status -> {
                        BatchOutcome written = write(batch, reads, raced);
                        alsoInTransaction.run();
                        return written;
                    });
                } catch (DuplicateKeyException | PessimisticLockingFailureException | LostRace e) {
                    if (attempt >= ATTEMPTS) {
                        throw e;
                    }
                    pause(attempt);
                }
            }
        } finally {
            writers.release();
        }
        return outcome.results;
    }

    /**
     * Edits at the source: each of {@code edits} names a stored inbound message by its channel and external id and
     * carries its new text. A changed text replaces the stored one (its signals read again) and the conversation's
     * timeline records the edit, with the start of the text it replaced; the same text changes nothing ("duplicate").
     * One that names no stored message from the public is "rejected", so the caller can store it as new instead. All in
     * one transaction (the caller's, when there is one), results in the edits' order.
     */
    public List<IntakeResult> edit(List<IncomingMessage> edits) {
        if (edits.isEmpty()) {
            return List.of();
        }
        List<Signals> signals = edits.stream().map(m -> classifier.classify(m.text())).toList();
        return tx.execute(status -> {
            List<IntakeResult> results = new ArrayList<>(edits.size());
            List<EventRows.Row> timeline = new ArrayList<>();
            long now = clock.millis();
            for (int i = 0; i < edits.size(); i++) {
                IncomingMessage m = edits.get(i);
                MessageRows.Stored stored = messages.lock(key(m));
                if (stored == null || !stored.inbound()) {
                    results.add(IntakeResult.rejected("externalId", "no message from the public is stored as " + m.externalId()
                            + " on " + m.channel()));
                } else if (stored.body().equals(m.text())) {
                    results.add(IntakeResult.duplicate(stored.messageId(), stored.conversationId()));
                } else {
                    Signals s = signals.get(i);
                    messages.edit(stored.messageId(), m.text(), s.language(), s.sentiment().label(), s.sentiment().score(),
                            s.intent().wireName());
                    timeline.add(new EventRows.Row(ids.nextId(), stored.conversationId(), now, "message_edited",
                            m.author().handle(), null, "message " + stored.messageId() + " was edited on " + m.channel()
                            + "; it said: " + shortened(stored.body())));
                    results.add(IntakeResult.edited(stored.messageId(), stored.conversationId()));
                }
            }
            events.insert(timeline);
            return results;
        });
    }

    private static String shortened(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 199) + "…";
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch", e);
        }
    }

    /** What is read from a message before the storing transaction: an inbound one's signals, whether a reply needs reading. */
    private record Read(Signals signals, boolean worthReading) {
    }

    /** Classifies the inbound messages and asks the outbound watchers about the replies, in parallel for a large batch. */
    private Read[] read(List<IncomingMessage> batch) {
        Read[] out = new Read[batch.size()];
        IntStream range = IntStream.range(0, batch.size());
        if (batch.size() >= PARALLEL_FROM) {
            range = range.parallel();
        }
        range.forEach(i -> {
            IncomingMessage m = batch.get(i);
            if (m.inbound()) {
                out[i] = new Read(classifier.classify(m.text()), false);
            } else {
                String text = m.text();
                boolean worth = outboundWatchers.stream().anyMatch(w -> w.worthReading(text));
                boolean byLanguage = worth && outboundWatchers.stream().anyMatch(OutboundWatcher::readsByLanguage);
                // a reply is read for its language only: sentiment and intent are the customer's
                out[i] = new Read(byLanguage ? new Signals(classifier.language(text), null, null) : null, worth);
            }
        });
        return out;
    }

    /** Thrown when another instance claimed an identity first; the whole batch is tried again. */
    static final class LostRace extends org.springframework.dao.TransientDataAccessException {
        LostRace() {
            super("another writer claimed a customer identity first");
        }
    }

    private static final class BatchOutcome {
        final List<IntakeResult> results;
        final Set<Long> touched = new LinkedHashSet<>();
        final List<MessagesStored.StoredMessage> stored = new ArrayList<>();
        int created;
        int duplicates;

        BatchOutcome(int size) {
            results = new ArrayList<>(java.util.Collections.nCopies(size, (IntakeResult) null));
        }
    }

    /**
     * Writes one batch in the caller's transaction. {@code raced} is true when an earlier attempt lost a race with
     * another writer: then the messages are looked up a second time once their customers are locked, so a writer
     * that stored some of them meanwhile (holding the same locks) is seen rather than raced again.
     */
    private BatchOutcome write(List<IncomingMessage> batch, Read[] reads, boolean raced) {
        long now = clock.millis();
        BatchOutcome out = new BatchOutcome(batch.size());

        // 1. duplicates, within the batch and against what is stored
        Map<MessageRows.Key, Integer> firstIndex = new LinkedHashMap<>();
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            IncomingMessage m = batch.get(i);
            if (firstIndex.putIfAbsent(new MessageRows.Key(m.channel(), m.externalId()), i) == null) {
                fresh.add(i);
            }
        }
        // ... and, in the same look, the parents of replies
        Set<MessageRows.Key> wanted = new LinkedHashSet<>(firstIndex.keySet());
        for (int i : fresh) {
            IncomingMessage m = batch.get(i);
            if (m.inReplyTo() != null) {
                wanted.add(new MessageRows.Key(m.channel(), m.inReplyTo()));
            }
        }
        Map<MessageRows.Key, MessageRows.Placed> stored = messages.find(wanted);
        Map<MessageRows.Key, MessageRows.Placed> parents = stored;
        fresh.removeIf(i -> stored.containsKey(key(batch.get(i))));

        // 2. customers of the new inbound messages
        Map<Long, Seen> refreshes = new LinkedHashMap<>();
        Map<Integer, Long> customerOf = resolveCustomers(batch, fresh, refreshes);

        // 3. lock the customers (in id order) and read them. A message another writer stored since the look above
        // fails our insert as a duplicate key, and the whole batch is tried again, with a second look (raced).
        Set<Long> customerIds = new LinkedHashSet<>(customerOf.values());
        for (int i : fresh) {
            IncomingMessage m = batch.get(i);
            MessageRows.Placed p = m.inReplyTo() == null ? null : parents.get(new MessageRows.Key(m.channel(), m.inReplyTo()));
            if (p != null) {
                customerIds.add(p.customerId());
            }
        }
        Map<Long, CustomerRows.Row> customerRows = customers.lockAndLoad(customerIds);
        if (raced) {
            // a writer that stored one of these messages held its customer's lock; under the lock, each statement sees
            // what it committed. Without this look, heavily overlapping batches could keep failing one another.
            Map<MessageRows.Key, MessageRows.Placed> meanwhile = messages.find(fresh.stream().map(i -> key(batch.get(i))).toList());
            if (!meanwhile.isEmpty()) {
                stored.putAll(meanwhile);
                fresh.removeIf(i -> meanwhile.containsKey(key(batch.get(i))));
            }
        }
        refresh(refreshes, customerRows); // after the locks, so row locks are always taken in id order

        // 4. conversations are read only now, under the locks, so no other writer changes them before we save
        long since = threading.since(now);
        Set<Long> parentConversations = new LinkedHashSet<>();
        for (int i : fresh) {
            IncomingMessage m = batch.get(i);
            MessageRows.Placed p = m.inReplyTo() == null ? null : parents.get(new MessageRows.Key(m.channel(), m.inReplyTo()));
            if (p != null) {
                parentConversations.add(p.conversationId());
            }
        }
        Map<Long, Conversation> loaded = conversations.forIntake(parentConversations, customerIds, since);
        // each message looks only at its own customer's conversations (was: at all of the batch's, per message)
        Map<Long, List<Conversation>> byCustomer = new HashMap<>();
        loaded.values().forEach(c -> byCustomer.computeIfAbsent(c.customerId(), k -> new ArrayList<>()).add(c));

        // 5. thread each new message, in order
        List<MessageRows.Row> messageRows = new ArrayList<>(fresh.size());
        List<OutboundWatcher.StoredReply> replies = new ArrayList<>();
        List<EventRows.Row> eventRows = new ArrayList<>();
        Map<MessageRows.Key, MessageRows.Placed> placedHere = new HashMap<>();
        Map<Long, Long> accountOf = new HashMap<>();
        for (int i : fresh) {
            IncomingMessage m = batch.get(i);
            long at = m.createdAt().toEpochMilli();
            MessageRows.Placed parent = m.inReplyTo() == null ? null : placedHere.getOrDefault(
                    new MessageRows.Key(m.channel(), m.inReplyTo()), parents.get(new MessageRows.Key(m.channel(), m.inReplyTo())));
            Conversation conversation;
            long customerId;
            if (m.inbound()) {
                customerId = customerOf.get(i);
                conversation = threading.conversationFor(parent == null ? null : loaded.get(parent.conversationId()), customerId,
                        byCustomer.getOrDefault(customerId, List.of()), m.channel(), at, now);
                if (conversation == null) {
                    conversation = Conversation.start(ids.nextId(), customerId, m.channel(), at);
                    if (m.accountId() != null) {
                        accountOf.put(conversation.id(), m.accountId());
                    }
                    loaded.put(conversation.id(), conversation);
                    byCustomer.computeIfAbsent(customerId, k -> new ArrayList<>()).add(conversation);
                    eventRows.add(new EventRows.Row(ids.nextId(), conversation.id(), at, "conversation_opened", m.author().handle(), null, m.channel()));
                }
                Signals s = reads[i].signals();
                boolean reopened = conversation.receive(at, m.text(), s.sentiment().label(), s.sentiment().score(),
                        s.intent(), s.language());
                if (reopened) {
                    eventRows.add(new EventRows.Row(ids.nextId(), conversation.id(), at, "reopened", m.author().handle(), null,
                            "a new message from the customer reopened the conversation"));
                }
            } else {
                if (parent == null) {
                    out.results.set(i, IntakeResult.rejected("inReplyTo",
                            "an outbound message must reply to a message Earshot has stored (inReplyTo), so it can be threaded"));
                    continue;
                }
                conversation = loaded.get(parent.conversationId());
                customerId = conversation.customerId();
                conversation.answered(at);
            }
            long messageId = ids.nextId();
            Signals read = reads[i].signals(); // an outbound reply's are read only for its language
            Signals s = m.inbound() ? read : null;
            messageRows.add(new MessageRows.Row(messageId, m.channel(), m.externalId(), conversation.id(), customerId, m.inbound(),
                    m.author().handle(), m.author().name(), null, m.text(), at, now, m.inReplyTo(), m.privateMessage(), m.url(),
                    s == null ? null : s.language(), s == null ? null : s.sentiment().label(),
                    s == null ? null : s.sentiment().score(), s == null ? null : s.intent().wireName(), m.accountId(),
                    m.replyAddress(), m.subject()));
            if (!m.inbound()) {
                replies.add(new OutboundWatcher.StoredReply(conversation.id(), messageId, m.author().handle(), m.text(), m.createdAt(),
                        conversation.assigneeId(), null, read == null ? null : read.language(), reads[i].worthReading()));
            }
            MessageRows.Placed placed = new MessageRows.Placed(messageId, conversation.id(), customerId);
            placedHere.put(key(m), placed);
            out.results.set(i, IntakeResult.created(messageId, conversation.id()));
            out.touched.add(conversation.id());
            out.stored.add(new MessagesStored.StoredMessage(messageId, conversation.id(), customerId, m.channel(), m.inbound(), m.createdAt(),
                    s == null ? null : s.language(), s == null ? null : s.sentiment().label(), s == null ? null : s.intent().wireName(),
                    m.text(), m.author().followers() == null ? 0 : m.author().followers()));
            out.created++;
        }

        // 6. rank what changed, store it all
        List<Conversation> changed = loaded.values().stream().filter(Conversation::isDirty).toList();
        for (Conversation c : changed) {
            ranking.rank(c, customerRows.get(c.customerId()), now);
        }
        conversations.save(changed);
        conversations.onAccounts(accountOf);
        messages.insert(messageRows);
        events.insert(eventRows);
        if (!replies.isEmpty()) {
            outboundWatchers.forEach(w -> w.repliesStored(replies));
        }

        // 7. duplicates point at what was stored first
        for (int i = 0; i < batch.size(); i++) {
            if (out.results.get(i) != null) {
                continue;
            }
            MessageRows.Key k = key(batch.get(i));
            MessageRows.Placed p = stored.containsKey(k) ? stored.get(k) : placedHere.get(k);
            if (p != null) {
                out.results.set(i, IntakeResult.duplicate(p.messageId(), p.conversationId()));
                out.duplicates++;
            } else {
                out.results.set(i, out.results.get(firstIndex.get(k)));
            }
        }
        if (out.created > 0) { // in the transaction: a durable listener's publication commits with the messages
            publisher.publishEvent(new MessagesStored(List.copyOf(out.stored), out.created, out.duplicates));
        }
        return out;
    }

    /**
     * Writes what the batch's messages tell of customers we knew (reach, name, email), only where it differs from
     * their row, and keeps {@code rows} up to date for ranking.
     */
    private void refresh(Map<Long, Seen> seen, Map<Long, CustomerRows.Row> rows) {
        List<CustomerRows.Row> changed = new ArrayList<>();
        for (Map.Entry<Long, Seen> e : seen.entrySet()) {
            CustomerRows.Row row = rows.get(e.getKey());
            Seen update = e.getValue();
            if (row == null) {
                continue;
            }
            String name = update.name() != null ? update.name() : row.name();
            String email = row.email() != null ? row.email() : update.email();
            CustomerRows.Row merged = new CustomerRows.Row(row.id(), row.handle(), name, email,
                    update.followers() != null ? update.followers() : row.followers(),
                    update.verified() != null ? update.verified() : row.verified(), row.createdAt(),
                    Math.max(row.lastSeenAt(), update.at()));
            if (merged.followers() != row.followers() || merged.verified() != row.verified()
                    || !java.util.Objects.equals(name, row.name()) || !java.util.Objects.equals(email, row.email())) {
                changed.add(merged);
                rows.put(row.id(), merged);
            }
        }
        if (!changed.isEmpty()) {
            customers.refresh(changed);
        }
    }

    /** What a message says of a known customer; null where it says nothing (no followers given is not zero). */
    private record Seen(Long followers, Boolean verified, String name, String email, long at) {
        /** This, then what a later message of the same customer said. */
        Seen then(Seen later) {
            return new Seen(later.followers != null ? later.followers : followers, later.verified != null ? later.verified : verified,
                    later.name != null ? later.name : name, email != null ? email : later.email, Math.max(at, later.at));
        }
    }

    private List<IdentityKey> identitiesOf(IncomingMessage m) {
        return IdentityKey.keysOf(m.channel(), m.author().handle(), m.author().email(),
                catalog.traits(m.channel()).addressIdentity());
    }

    private static MessageRows.Key key(IncomingMessage m) {
        return new MessageRows.Key(m.channel(), m.externalId());
    }

    /**
     * Finds the customer of every new inbound message: first by email, then by channel and handle; creates
     * the customers and identities that do not exist yet and collects, in {@code seen}, the reach to refresh for those that do (written after the row locks).
     */
    private Map<Integer, Long> resolveCustomers(List<IncomingMessage> batch, List<Integer> fresh,
                                                Map<Long, Seen> seen) {
        Map<Integer, Long> customerOf = new HashMap<>();
        Set<IdentityKey> keys = new LinkedHashSet<>();
        for (int i : fresh) {
            IncomingMessage m = batch.get(i);
            if (m.inbound()) {
                keys.addAll(identitiesOf(m));
            }
        }
        if (keys.isEmpty()) {
            return customerOf;
        }
        Map<IdentityKey, Long> known = new HashMap<>(customers.customersOf(keys));
        Map<Long, CustomerRows.Row> newCustomers = new LinkedHashMap<>();
        List<CustomerRows.NewIdentity> newIdentities = new ArrayList<>();
        for (int i : fresh) {
            IncomingMessage m = batch.get(i);
            if (!m.inbound()) {
                continue;
            }
            List<IdentityKey> mine = identitiesOf(m);
            Long customerId = IdentityKey.firstKnown(mine, known);
            IncomingMessage.Author a = m.author();
            long at = m.createdAt().toEpochMilli();
            if (customerId == null) {
                customerId = ids.nextId();
                newCustomers.put(customerId, new CustomerRows.Row(customerId, a.handle(), a.name(), a.email(),
                        a.followers() == null ? 0 : a.followers(), Boolean.TRUE.equals(a.verified()), at, at));
            } else {
                CustomerRows.Row before = newCustomers.get(customerId);
                CustomerRows.Row update = new CustomerRows.Row(customerId, a.handle(), a.name(), a.email(),
                        a.followers() == null ? (before == null ? 0 : before.followers()) : a.followers(),
                        Boolean.TRUE.equals(a.verified()), at, at);
                if (before != null) {
                    newCustomers.put(customerId, new CustomerRows.Row(customerId, before.handle(),
                            a.name() != null ? a.name() : before.name(), before.email() != null ? before.email() : a.email(),
                            update.followers(), update.verified() || before.verified(), before.createdAt(),
                            Math.max(before.lastSeenAt(), at)));
                } else if (a.followers() != null || a.verified() != null || a.name() != null || a.email() != null) {
                    seen.merge(customerId, new Seen(a.followers(), a.verified(), a.name(), a.email(), at), Seen::then);
                }
            }
            for (IdentityKey k : mine) {
                if (!known.containsKey(k)) {
                    known.put(k, customerId);
                    newIdentities.add(new CustomerRows.NewIdentity(k, customerId, "email".equals(k.channel()) && !"email".equals(m.channel())
                            ? a.email() : a.handle(), at));
                }
            }
            customerOf.put(i, customerId);
        }
        customers.insert(new ArrayList<>(newCustomers.values()));
        if (!customers.claim(newIdentities).isEmpty()) {
            throw new LostRace();
        }
        return customerOf;
    }
}
