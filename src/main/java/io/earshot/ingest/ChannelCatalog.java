package io.earshot.ingest;

/** The traits of every channel, as their connectors declare them (implemented by the channels feature). */
public interface ChannelCatalog {

    /** The traits of {@code channel} (a wire name); a channel nobody declared is private with no reply limit. */
    ChannelTraits traits(String channel);
}
