package io.earshot.conversation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Customers and their identities, in batches. */
@Repository
class CustomerRows {

    /** A customer as stored. */
    record Row(long id, String handle, String name, String email, long followers, boolean verified, long createdAt,
               long lastSeenAt) {
    }

    /** An identity to add. */
    record NewIdentity(IdentityKey key, long customerId, String display, long createdAt) {
    }

    private final JdbcTemplate jdbc;

    CustomerRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<IdentityKey, Long> customersOf(Collection<IdentityKey> keys) {
        Map<IdentityKey, Long> found = new HashMap<>();
        // a join with the wanted (channel, handle) pairs, so that the primary key serves it
        for (List<IdentityKey> chunk : Sql.chunks(new LinkedHashSet<>(keys))) {
            String[] channels = new String[chunk.size()];
            String[] handles = new String[chunk.size()];
            for (int i = 0; i < chunk.size(); i++) {
                channels[i] = chunk.get(i).channel();
                handles[i] = chunk.get(i).handle();
            }
            jdbc.query("select i.channel, i.handle, i.customer_id from "
                    + "unnest(cast(? as varchar array), cast(? as varchar array)) as k (channel, handle) "
                    + "join customer_identity i on i.channel = k.channel and i.handle = k.handle", rs -> {
                        found.put(new IdentityKey(rs.getString(1), rs.getString(2)), rs.getLong(3));
                    }, channels, handles);
        }
        return found;
    }

    void insert(List<Row> customers) {
        jdbc.batchUpdate("insert into customer (id, handle, name, email, followers, verified, created_at, last_seen_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", customers, 500, (ps, c) -> {
                    ps.setLong(1, c.id());
                    ps.setString(2, c.handle());
                    ps.setString(3, c.name());
                    ps.setString(4, c.email());
                    ps.setLong(5, c.followers());
                    ps.setBoolean(6, c.verified());
                    ps.setLong(7, c.createdAt());
                    ps.setLong(8, c.lastSeenAt());
                });
    }

    /**
     * Adds identities that nobody holds yet; returns those another writer claimed first. Who holds each identity
     * is read back rather than taken from the batch's update counts, which some drivers do not report
     * (PostgreSQL's {@code reWriteBatchedInserts} answers "success, count unknown").
     */
    List<NewIdentity> claim(List<NewIdentity> identities) {
        if (identities.isEmpty()) {
            return List.of();
        }
        jdbc.batchUpdate("insert into customer_identity (channel, handle, customer_id, display, created_at) "
                + "values (?, ?, ?, ?, ?) on conflict do nothing", identities, 500, (ps, i) -> {
                    ps.setString(1, i.key().channel());
                    ps.setString(2, i.key().handle());
                    ps.setLong(3, i.customerId());
                    ps.setString(4, i.display());
                    ps.setLong(5, i.createdAt());
                });
        Map<IdentityKey, Long> holders = customersOf(identities.stream().map(NewIdentity::key).toList());
        List<NewIdentity> lost = new ArrayList<>();
        for (NewIdentity i : identities) {
            Long holder = holders.get(i.key());
            if (holder == null || holder != i.customerId()) {
                lost.add(i);
            }
        }
        return lost;
    }

    /** Refreshes what we know of customers from their latest messages (reach changes over time). */
    void refresh(Collection<Row> customers) {
        jdbc.batchUpdate("update customer set name = coalesce(?, name), email = coalesce(email, ?), followers = ?, "
                + "verified = ?, last_seen_at = ? where id = ?", new ArrayList<>(customers), 500, (ps, c) -> {
                    ps.setString(1, c.name());
                    ps.setString(2, c.email());
                    ps.setLong(3, c.followers());
                    ps.setBoolean(4, c.verified());
                    ps.setLong(5, c.lastSeenAt());
                    ps.setLong(6, c.id());
                });
    }

    Map<Long, Row> byIds(Collection<Long> ids) {
        Map<Long, Row> found = new HashMap<>();
        for (List<Long> chunk : Sql.chunks(ids)) {
            jdbc.query("select c.id, c.handle, c.name, c.email, c.followers, c.verified, c.created_at, c.last_seen_at from "
                    + Sql.idTable("k") + " join customer c on c.id = k.id", rs -> {
                        Row r = new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                                rs.getBoolean(6), rs.getLong(7), rs.getLong(8));
                        found.put(r.id(), r);
                    }, (Object) Sql.array(chunk));
        }
        return found;
    }

    /** Takes row locks on these customers, in id order, so two writers never thread one customer at once. */
    void lock(Collection<Long> ids) {
        List<Long> sorted = ids.stream().sorted().toList();
        for (List<Long> chunk : Sql.chunks(sorted)) {
            jdbc.query("select c.id from " + Sql.idTable("k") + " join customer c on c.id = k.id order by c.id for update of c",
                    rs -> { }, (Object) Sql.array(chunk));
        }
    }

}
