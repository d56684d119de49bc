package io.earshot.channels.internal;

import io.earshot.channels.Connector;
import io.earshot.ingest.ChannelCatalog;
import io.earshot.ingest.ChannelTraits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Channel traits from the connectors that declare them, then from {@link ListedChannels}; on an account of a kind
 * Earshot only listens to (a feed), without replies.
 */
@Component
class ConnectorCatalog implements ChannelCatalog {

    private final Map<String, ChannelTraits> traits = new HashMap<>(ListedChannels.TRAITS);
    private final Set<String> listenedKinds;
    private final AccountRows accounts;

    ConnectorCatalog(List<Connector> connectors, AccountRows accounts) {
        this.accounts = accounts;
        connectors.forEach(c -> traits.put(c.traits().channel(), c.traits()));
        this.listenedKinds = connectors.stream().filter(c -> !c.replies()).map(Connector::kind).collect(Collectors.toSet());
    }

    @Override
    public ChannelTraits traits(String channel) {
        ChannelTraits t = traits.get(channel);
        return t != null ? t : new ChannelTraits(channel, false, 0, false, List.of());
    }

    @Override
    public ChannelTraits traits(String channel, Long accountId) {
        ChannelTraits t = traits(channel);
        if (accountId == null || !t.replies() || listenedKinds.isEmpty()) {
            return t;
        }
        boolean listened = accounts.kindOf(accountId).map(listenedKinds::contains).orElse(false);
        return listened ? t.withoutReplies() : t;
    }
}
