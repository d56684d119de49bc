package io.earshot.channels;

import io.earshot.ingest.ChannelTraits;
import io.earshot.ingest.OutboundConnector;
import java.util.List;
import java.util.Optional;

/**
 * A kind of channel account (email, chat, webhook): the settings it takes, the traits of its channel, how to check an
 * account's connection, the source task that hears it (none for a source that is pushed to, like a webhook) and how a
 * reply goes out on it. One bean per kind; the runtime makes a task per active account.
 */
public interface Connector {

    /** The account kind, as in the API ({@code "email"}). */
    String kind();

    /**
     * The channel this kind's messages are on, with its traits; for a kind whose accounts each choose their channel
     * (a webhook source), the traits of its default channel.
     */
    ChannelTraits traits();

    /** The channel an account of this kind with {@code settings} puts its messages on; the kind's own by default. */
    default String channel(java.util.Map<String, String> settings) {
        return traits().channel();
    }

    /**
     * Whether Earshot can answer on accounts of this kind; false for a source it only listens to (a feed), whose
     * messages then offer no reply route ({@link io.earshot.ingest.ChannelCatalog#traits(String, Long)}).
     */
    default boolean replies() {
        return true;
    }

    /** The settings an account of this kind takes. */
    List<Setting> settings();

    /**
     * The secrets as this kind names them now: a kind that renamed a secret maps the old name to the new one here, so
     * accounts stored before still open, and an update of one is not refused for a name the kind no longer takes.
     */
    default java.util.Map<String, String> current(java.util.Map<String, String> secrets) {
        return secrets;
    }

    /** Refuses settings that cannot work, naming the field ({@link io.earshot.platform.EarshotException#invalid}). */
    default void validate(AccountSettings account) {
    }

    /** Tries the account's settings against the provider ("check connection"); never throws. */
    Check check(AccountSettings account);

    /** A new source task for an account; empty for a kind whose messages are pushed to Earshot. */
    Optional<SourceTask> newTask(AccountSettings account);

    /** Delivers a reply on the account; see {@link OutboundConnector#send}. */
    String send(AccountSettings account, OutboundConnector.Outgoing outgoing) throws Exception;

    /** See {@link OutboundConnector#alreadyDelivered}. */
    default Optional<String> alreadyDelivered(AccountSettings account, OutboundConnector.Outgoing outgoing) throws Exception {
        return Optional.empty();
    }
}
