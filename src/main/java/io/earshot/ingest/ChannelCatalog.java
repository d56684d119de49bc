package io.earshot.ingest;

/** The traits of every channel, as their connectors declare them (implemented by the channels feature). */
public interface ChannelCatalog {

    /** The traits of {@code channel} (a wire name); a channel nobody declared is private with no reply limit. */
    ChannelTraits traits(String channel);

    /**
     * The traits of {@code channel} as heard on channel account {@code accountId} (null: posted to the API): those of
     * the channel, except that an account only listened to (a feed) takes no replies.
     */
    default ChannelTraits traits(String channel, Long accountId) {
        return traits(channel);
    }
}
