package io.earshot.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a message lives. The wire name is the lower-case constant name. What a channel is like (public, its reply
 * limit) is its connector's to say: {@link ChannelCatalog}.
 */
public enum Channel {
    TWITTER, FACEBOOK, INSTAGRAM, BLUESKY, MASTODON, REDDIT, EMAIL, CHAT, FORUM, BLOG, REVIEW, OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(c -> c.wireName().equals(name)).findFirst();
    }

    /** Every channel's wire name. */
    public static java.util.List<String> wireNames() {
        return Arrays.stream(values()).map(Channel::wireName).toList();
    }
}
