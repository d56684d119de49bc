package io.earshot.channels.internal.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The inbound_delivery table: the delivery ids each webhook source has had stored. */
@Repository
class InboundDeliveries {

    private final JdbcTemplate jdbc;

    InboundDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean seen(long accountId, String deliveryId) {
        return !jdbc.queryForList("select 1 from inbound_delivery where account_id = ? and delivery_id = ?", Integer.class,
                accountId, deliveryId).isEmpty();
    }

    /**
     * Records the delivery in the caller's transaction: false when it was recorded already (by a concurrent request too:
     * the insert waits for that one's transaction and then finds its row).
     */
    boolean record(long accountId, String deliveryId, long now) {
        return jdbc.update("insert into inbound_delivery (account_id, delivery_id, received_at) values (?, ?, ?) "
                + "on conflict do nothing", accountId, deliveryId, now) == 1;
    }

    /** Forgets the account's deliveries received before {@code before}. */
    void prune(long accountId, long before) {
        jdbc.update("delete from inbound_delivery where account_id = ? and received_at < ?", accountId, before);
    }
}
