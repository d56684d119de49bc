package io.earshot.channels.internal.feed;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.Polled;
import io.earshot.channels.SourceTask;
import io.earshot.ingest.IncomingMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * Hears one feed. Each poll waits until the feed is due (its pollEvery after the last fetch, and never before a
 * Retry-After, both on the application clock), then GETs it conditionally: a 304 stores nothing; a 429 or 503 stores
 * when to come back (shown on the account's health as "rate limited until"); a 200 is parsed and each entry not seen
 * before becomes a message, each seen one whose text changed an edit of its message. An entry is known by its id
 * (guid, atom:id), else its link, and also by its link when its id changed. What was seen commits with the messages
 * and the feed's validators ({@link FeedPosition}). Anything else (an error status, a body too large, not a feed, a
 * DOCTYPE) throws: the runtime shows it on the account's health and starts the task again after a wait.
 */
final class FeedTask implements SourceTask {

    private static final Logger log = LoggerFactory.getLogger(FeedTask.class);
    private static final long SLICE_MILLIS = 250;
    private static final int MAX_EXTERNAL_ID = 200;
    private static final int MAX_HANDLE = 200;
    private static final int MAX_LINK = 2000;

    private final FeedSettings settings;
    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final SeenEntries seen;
    private final ObjectMapper json;
    private final Clock clock;
    private final Object sleeper = new Object();
    private volatile boolean stopping;
    private FeedAccount feed;
    private FeedPosition position;
    private Instant due;

    FeedTask(FeedSettings settings, FeedFetcher fetcher, FeedParser parser, SeenEntries seen, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.parser = parser;
        this.seen = seen;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void start(AccountSettings account, String stored) {
        feed = FeedAccount.of(account, settings);
        position = FeedPosition.read(json, stored);
        due = position.notBefore() == null ? clock.instant() : Instant.ofEpochMilli(position.notBefore());
    }

    @Override
    public Polled poll() throws Exception {
        if (!awaitDue()) {
            return Polled.nothing();
        }
        Instant now = clock.instant();
        due = now.plus(feed.pollEvery());
        FeedFetcher.Fetched got = fetcher.get(feed.url(), position.etag(), position.lastModified(), now);
        if (got.status() == 304) {
            return Polled.nothing();
        }
        if (got.status() == 429 || got.status() == 503) {
            Instant until = got.retryAfter().orElse(due);
            if (until.isAfter(due)) {
                due = until;
            }
            log.info("account {}: the feed at {} answered {}; not fetched before {}", feed.id(), feed.url().getHost(), got.status(), due);
            position = position.waitingUntil(due.toEpochMilli());
            return new Polled(List.of(), position.write(json), 0, due);
        }
        if (got.status() != 200) {
            throw new IOException("the feed at " + got.from() + " answered HTTP " + got.status());
        }
        FeedParser.Feed read = parser.parse(got.body(), got.contentType(), got.from().toString());
        FeedPosition next = new FeedPosition(got.etag(), got.lastModified(), null);
        Polled polled = entries(read, now, next.write(json));
        position = next;
        return polled;
    }

    /** The new entries as messages, the changed ones as edits, and what is seen to record with them. */
    private Polled entries(FeedParser.Feed read, Instant now, String at) {
        Map<String, FeedParser.Entry> byId = new LinkedHashMap<>();
        Map<String, String> idOfLink = new HashMap<>();
        for (FeedParser.Entry e : read.entries()) {
            String key = e.id() != null ? e.id() : e.link();
            if (key == null || e.text().isBlank()) {
                continue; // neither id nor link: nothing to know it by again; or nothing to read
            }
            String id = externalId(key);
            String link = link(e.link());
            if (byId.containsKey(id) || (link != null && idOfLink.containsKey(link))) {
                continue; // the same entry twice in one feed
            }
            byId.put(id, e);
            if (link != null) {
                idOfLink.put(link, id);
            }
        }
        Map<String, SeenEntries.Seen> stored = new HashMap<>();
        Map<String, SeenEntries.Seen> storedByLink = new HashMap<>();
        for (SeenEntries.Seen s : seen.find(feed.id(), byId.keySet(), idOfLink.keySet())) {
            stored.put(s.externalId(), s);
            if (s.link() != null) {
                storedByLink.putIfAbsent(s.link(), s);
            }
        }
        List<IncomingMessage> fresh = new ArrayList<>();
        List<IncomingMessage> edits = new ArrayList<>();
        List<SeenEntries.Seen> record = new ArrayList<>();
        for (Map.Entry<String, FeedParser.Entry> x : byId.entrySet()) {
            FeedParser.Entry e = x.getValue();
            String link = link(e.link());
            SeenEntries.Seen before = stored.get(x.getKey());
            if (before == null && link != null) {
                before = storedByLink.get(link); // the same entry under a new id: known by its link
            }
            String hash = hash(e.text());
            String externalId = before == null ? x.getKey() : before.externalId();
            IncomingMessage m = message(externalId, e, read, now);
            if (before == null) {
                fresh.add(m);
            } else if (!before.hash().equals(hash)) {
                edits.add(m);
            }
            record.add(new SeenEntries.Seen(externalId, link, hash));
        }
        long seenAt = now.toEpochMilli();
        long accountId = feed.id();
        int keep = settings.keepEntries();
        return new Polled(fresh, at, 0, null, edits, () -> seen.record(accountId, record, seenAt, keep));
    }

    private IncomingMessage message(String externalId, FeedParser.Entry e, FeedParser.Feed read, Instant now) {
        String author = e.author() != null ? e.author() : read.title() != null ? read.title() : feed.url().getHost();
        if (author.length() > MAX_HANDLE) {
            author = author.substring(0, MAX_HANDLE);
        }
        Instant at = e.published() == null || e.published().isAfter(now) ? now : e.published();
        return new IncomingMessage(feed.channel(), externalId, true, new IncomingMessage.Author(author, author, null, null, null),
                e.text(), at, null, false, link(e.link()), feed.id(), null, null);
    }

    /** The entry's key as a message's external id: itself, or its SHA-256 when it is too long to be one. */
    static String externalId(String key) {
        return key.length() <= MAX_EXTERNAL_ID ? key : "sha256:" + hash(key);
    }

    private static String link(String link) {
        return link == null || link.length() > MAX_LINK ? null : link;
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the feed is due (by the application clock, looked at every quarter second); false when stopped. */
    private boolean awaitDue() throws InterruptedException {
        while (!stopping) {
            long left = due.toEpochMilli() - clock.millis();
            if (left <= 0) {
                return true;
            }
            synchronized (sleeper) {
                if (!stopping) {
                    sleeper.wait(Math.min(SLICE_MILLIS, left));
                }
            }
        }
        return false;
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }
}
