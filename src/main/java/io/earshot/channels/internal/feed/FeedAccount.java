package io.earshot.channels.internal.feed;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.internal.OutsideAddresses;
import io.earshot.platform.EarshotException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** A feed account's settings, read and checked: where the feed is, the channel its entries land on, how often. */
record FeedAccount(long id, URI url, String channel, Duration pollEvery) {

    static final List<String> CHANNELS = List.of("blog", "forum", "review");
    static final String DEFAULT_CHANNEL = "blog";

    /** The account's settings, or a 400 naming the setting at fault. */
    static FeedAccount of(AccountSettings account, FeedSettings settings) {
        URI url;
        try {
            url = OutsideAddresses.parse(account.setting("url", ""), "url", "https://blog.example.com/feed.xml");
        } catch (IllegalArgumentException e) {
            throw EarshotException.invalid("settings.url", e.getMessage());
        }
        String channel = account.setting("channel", DEFAULT_CHANNEL).strip();
        if (!CHANNELS.contains(channel)) {
            throw EarshotException.invalid("settings.channel", "channel must be one of " + CHANNELS);
        }
        long seconds;
        try {
            seconds = account.number("pollEvery", (int) settings.pollEvery().toSeconds());
        } catch (NumberFormatException e) {
            throw EarshotException.invalid("settings.pollEvery", "pollEvery must be a whole number of seconds");
        }
        if (seconds < settings.minPollEvery().toSeconds()) {
            throw EarshotException.invalid("settings.pollEvery", "pollEvery must be at least " + settings.minPollEvery().toSeconds()
                    + " seconds (earshot.channels.feed.min-poll-every), so the feed is not fetched too often");
        }
        return new FeedAccount(account.id(), url, channel, Duration.ofSeconds(seconds));
    }
}
