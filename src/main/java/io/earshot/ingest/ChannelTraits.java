package io.earshot.ingest;

import java.util.List;

/**
 * What a channel is like, as its connector declares it, so that no domain code asks which channel a message is on.
 *
 * @param channel          the channel's wire name
 * @param publicChannel    true when the public can read what is said there (a tweet), false for a private one (email)
 * @param replyLimit       the longest public reply it takes, in characters (code points); 0 when it sets none
 * @param addressIdentity  true when an author is known by an email address there (the handle is the address), so the
 *                         address is the identity that joins the customer's others
 * @param threadingKeys    what threads a message into a conversation there, in the order they are tried (for the docs
 *                         and the account page: "In-Reply-To", "References", "subject and sender")
 * @param replies          true when Earshot can answer there; false for a source that is only listened to (a feed's
 *                         entries), where the desk offers no reply route
 */
public record ChannelTraits(String channel, boolean publicChannel, int replyLimit, boolean addressIdentity,
                            List<String> threadingKeys, boolean replies) {

    public ChannelTraits {
        threadingKeys = List.copyOf(threadingKeys);
    }

    /** A channel Earshot can answer on. */
    public ChannelTraits(String channel, boolean publicChannel, int replyLimit, boolean addressIdentity,
                         List<String> threadingKeys) {
        this(channel, publicChannel, replyLimit, addressIdentity, threadingKeys, true);
    }

    /** These traits, for a source Earshot only listens to: no replies. */
    public ChannelTraits withoutReplies() {
        return new ChannelTraits(channel, publicChannel, replyLimit, addressIdentity, threadingKeys, false);
    }

    /** Whether {@code text} is too long for a public reply here. */
    public boolean tooLong(String text) {
        return replyLimit > 0 && text.codePointCount(0, text.length()) > replyLimit;
    }
}
