package io.earshot.channels.internal;

import io.earshot.ingest.ChannelTraits;
import java.util.List;
import java.util.Map;

/**
 * The traits of the channels that have no connector of their own yet and reach Earshot only through the API and
 * replays (the social networks, until channels part 2 gives each its connector, which then declares them).
 */
final class ListedChannels {

    private static final List<String> BY_REPLY = List.of("in reply to the parent post");

    static final Map<String, ChannelTraits> TRAITS = Map.ofEntries(
            entry("twitter", true, 280), entry("facebook", true, 8000), entry("instagram", true, 2200),
            entry("bluesky", true, 300), entry("mastodon", true, 500), entry("reddit", true, 10000),
            Map.entry("email", new ChannelTraits("email", false, 0, true, List.of("In-Reply-To", "References", "subject and sender"))),
            Map.entry("chat", new ChannelTraits("chat", false, 0, false, List.of("the visitor's open chat"))),
            entry("forum", true, 0), entry("blog", true, 0), entry("review", true, 0), entry("other", true, 0));

    private ListedChannels() {
    }

    private static Map.Entry<String, ChannelTraits> entry(String channel, boolean isPublic, int limit) {
        return Map.entry(channel, new ChannelTraits(channel, isPublic, limit, false, BY_REPLY));
    }
}
