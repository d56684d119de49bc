package io.earshot.channels.internal.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * RSS and Atom feed accounts.
 *
 * @param timeout          how long a fetch may take: to connect, and in all
 * @param maxSize          the largest feed body read; a larger one is not parsed (the account's health says so)
 * @param pollEvery        how often a feed is fetched when its account sets no pollEvery
 * @param minPollEvery     the shortest pollEvery an account may set, so no feed is hammered
 * @param keepEntries      how many entries are remembered per account (the most recently seen); an entry still in
 *                         the feed is seen on every fetch, so only entries long gone from it are forgotten
 * @param privateAddresses allow feeds at loopback, private, link-local and other internal addresses (a feed inside
 *                         Earshot's own network); off, so that an account cannot make Earshot call internal services
 */
@ConfigurationProperties("earshot.channels.feed")
public record FeedSettings(
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("5MB") DataSize maxSize,
        @DefaultValue("5m") Duration pollEvery,
        @DefaultValue("1m") Duration minPollEvery,
        @DefaultValue("2000") int keepEntries,
        @DefaultValue("false") boolean privateAddresses) {

    public FeedSettings {
        if (minPollEvery.isNegative() || minPollEvery.isZero() || pollEvery.compareTo(minPollEvery) < 0) {
            throw new IllegalArgumentException("earshot.channels.feed.poll-every must be at least min-poll-every, which is positive");
        }
        if (keepEntries < 100) {
            throw new IllegalArgumentException("earshot.channels.feed.keep-entries must be at least 100");
        }
    }
}
