package io.earshot.channels.internal;

import io.earshot.channels.Connector;
import io.earshot.ingest.ChannelCatalog;
import io.earshot.ingest.ChannelTraits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Channel traits from the connectors that declare them, then from {@link ListedChannels}. */
@Component
class ConnectorCatalog implements ChannelCatalog {

    private final Map<String, ChannelTraits> traits = new HashMap<>(ListedChannels.TRAITS);

    ConnectorCatalog(List<Connector> connectors) {
        connectors.forEach(c -> traits.put(c.traits().channel(), c.traits()));
    }

    @Override
    public ChannelTraits traits(String channel) {
        ChannelTraits t = traits.get(channel);
        return t != null ? t : new ChannelTraits(channel, false, 0, false, List.of());
    }
}
