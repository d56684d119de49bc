package io.earshot.channels.internal.feed;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.Check;
import io.earshot.channels.Connector;
import io.earshot.channels.Setting;
import io.earshot.channels.SourceTask;
import io.earshot.channels.internal.OutsideAddresses;
import io.earshot.ingest.ChannelTraits;
import io.earshot.ingest.OutboundConnector;
import io.earshot.platform.EarshotException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * A listening source: an RSS or Atom feed (a blog, a review site, a forum, the company's own community) fetched every
 * pollEvery ({@link FeedTask}), each entry a message on the account's channel (blog, forum or review). Earshot only
 * listens there: {@link #replies()} is false, so the desk offers no reply to an entry and a reply is refused.
 * {@link #traits()} describes the default channel "blog" only, with the traits the listed "blog" has, so messages
 * on blog posted through the API keep theirs.
 */
@Component
class FeedConnector implements Connector, AutoCloseable {

    static final String KIND = "feed";
    private static final ChannelTraits BLOG = new ChannelTraits(FeedAccount.DEFAULT_CHANNEL, true, 0, false,
            List.of("in reply to the parent post"));

    private final FeedSettings settings;
    private final SeenEntries seen;
    private final ObjectMapper json;
    private final Clock clock;
    private final FeedFetcher fetcher;
    private final FeedParser parser = new FeedParser();

    FeedConnector(FeedSettings settings, SeenEntries seen, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.seen = seen;
        this.json = json;
        this.clock = clock;
        this.fetcher = new FeedFetcher(settings);
    }

    @Override
    public void close() {
        fetcher.close();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ChannelTraits traits() {
        return BLOG;
    }

    @Override
    public boolean replies() {
        return false;
    }

    @Override
    public String channel(Map<String, String> settings) {
        String c = settings.get("channel");
        return c == null || c.isBlank() ? FeedAccount.DEFAULT_CHANNEL : c.strip();
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.required("url", "the feed's address (RSS or Atom, http or https; not an internal address)",
                        "https://blog.example.com/feed.xml"),
                Setting.optional("channel", "the channel its entries are on: one of " + FeedAccount.CHANNELS + " (default "
                        + FeedAccount.DEFAULT_CHANNEL + ")", "review"),
                Setting.optional("pollEvery", "seconds between fetches (default " + settings.pollEvery().toSeconds()
                        + ", at least " + settings.minPollEvery().toSeconds() + ")", "300"));
    }

    @Override
    public void validate(AccountSettings account) {
        FeedAccount feed = FeedAccount.of(account, settings);
        try {
            OutsideAddresses.resolve(feed.url(), settings.privateAddresses(),
                    "feeds are not fetched from internal addresses (earshot.channels.feed.private-addresses)");
        } catch (OutsideAddresses.Internal e) {
            throw EarshotException.invalid("settings.url", e.getMessage());
        } catch (java.net.UnknownHostException e) {
            // a name that does not resolve now may later: the account's health will say so
        }
    }

    @Override
    public Check check(AccountSettings account) {
        FeedAccount feed;
        try {
            feed = FeedAccount.of(account, settings);
        } catch (EarshotException e) {
            return Check.failed(e.getMessage());
        }
        try {
            FeedFetcher.Fetched got = fetcher.get(feed.url(), null, null, clock.instant());
            if (got.status() != 200) {
                return Check.failed("the feed at " + got.from() + " answered HTTP " + got.status());
            }
            FeedParser.Feed read = parser.parse(got.body(), got.contentType(), got.from().toString());
            return Check.ok((read.title() == null ? "an untitled feed" : "'" + read.title() + "'") + " (" + read.type() + "), "
                    + read.entries().size() + " entries; they land on " + feed.channel());
        } catch (IOException e) {
            return Check.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.failed("interrupted");
        }
    }

    @Override
    public Optional<SourceTask> newTask(AccountSettings account) {
        return Optional.of(new FeedTask(settings, fetcher, parser, seen, json, clock));
    }

    @Override
    public String send(AccountSettings account, OutboundConnector.Outgoing outgoing) throws Exception {
        throw new OutboundConnector.Refused("feed '" + account.name() + "' is only listened to; Earshot cannot post replies to it");
    }
}
