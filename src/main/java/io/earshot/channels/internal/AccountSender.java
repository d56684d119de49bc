package io.earshot.channels.internal;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.Connector;
import io.earshot.channels.Connectors;
import io.earshot.ingest.OutboundConnector;
import java.time.Clock;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The outbox's door to the channel accounts: a reply on an account goes to the connector of the account's kind with
 * the account's settings. A reply on a paused account waits (retried later); on a deleted one it is refused.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountSender implements OutboundConnector {

    private final AccountRows rows;
    private final Connectors connectors;
    private final Clock clock;

    AccountSender(AccountRows rows, Connectors connectors, Clock clock) {
        this.rows = rows;
        this.connectors = connectors;
        this.clock = clock;
    }

    @Override
    public boolean serves(Outgoing outgoing) {
        return outgoing.accountId() != null;
    }

    @Override
    public String send(Outgoing outgoing) throws Exception {
        Target t = target(outgoing);
        try {
            return t.connector().send(t.account(), outgoing);
        } catch (RateLimited | Refused e) {
            rows.error(t.account().id(), clock.millis(), "sending a reply: " + e.getMessage());
            throw e;
        } catch (Exception e) {
            rows.error(t.account().id(), clock.millis(), "sending a reply: " + ConnectorRuntime.describe(e));
            throw e;
        }
    }

    @Override
    public Optional<String> alreadyDelivered(Outgoing outgoing) throws Exception {
        Target t = target(outgoing);
        return t.connector().alreadyDelivered(t.account(), outgoing);
    }

    private record Target(Connector connector, AccountSettings account) {
    }

    private Target target(Outgoing outgoing) throws Exception {
        AccountRows.Row row = rows.byId(outgoing.accountId()).orElseThrow(() ->
                new Refused("channel account " + outgoing.accountId() + " was deleted"));
        if (!"active".equals(row.status())) {
            throw new IllegalStateException("channel account '" + row.name() + "' is paused; the reply waits until it is resumed");
        }
        Connector connector = connectors.of(row.kind()).orElseThrow(() ->
                new Refused("no connector of kind " + row.kind() + " in this Earshot"));
        return new Target(connector, rows.settings(row));
    }
}
