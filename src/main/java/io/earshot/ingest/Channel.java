package io.earshot.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a message lives. The wire name is the lower-case constant name. */
public enum Channel {
    TWITTER(280), FACEBOOK(8000), INSTAGRAM(2200), BLUESKY(300), MASTODON(500), REDDIT(10000),
    EMAIL(0), CHAT(0), FORUM(0), BLOG(0), REVIEW(0), OTHER(0);

    private final int replyLimit;

    Channel(int replyLimit) {
        this.replyLimit = replyLimit;
    }

    /** Longest reply the channel takes, in characters; 0 when it sets none. */
    public int replyLimit() {
        return replyLimit;
    }

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
