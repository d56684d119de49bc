package io.earshot.conversation.internal;

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
public class CustomerRows {

    /** A customer as stored. */
    public record Row(long id, String handle, String name, String email, long followers, boolean verified, long createdAt,
               long lastSeenAt) {
    }

    /** An identity to add. */
    public record NewIdentity(IdentityKey key, long customerId, String display, long createdAt) {
    }

    private final JdbcTemplate jdbc;

    CustomerRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<IdentityKey, Long> customersOf(Collection<IdentityKey> keys) {
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

    public void insert(List<Row> customers) {
        Copy copy = new Copy("customer", "id, handle, name, email, followers, verified, created_at, last_seen_at");
        for (Row c : customers) {
            copy.add(c.id()).add(c.handle()).add(c.name()).add(c.email()).add(c.followers()).add(c.verified())
                    .add(c.createdAt()).add(c.lastSeenAt()).end();
        }
        copy.send(jdbc);
    }

    /**
     * Adds identities that nobody holds yet, in one statement; returns those another writer claimed first (the
     * statement answers the ones it inserted).
     */
    public List<NewIdentity> claim(List<NewIdentity> identities) {
        if (identities.isEmpty()) {
            return List.of();
        }
        int n = identities.size();
        String[] channels = new String[n];
        String[] handles = new String[n];
        Long[] customerIds = new Long[n];
        String[] displays = new String[n];
        Long[] created = new Long[n];
        for (int i = 0; i < n; i++) {
            NewIdentity id = identities.get(i);
            channels[i] = id.key().channel();
            handles[i] = id.key().handle();
            customerIds[i] = id.customerId();
            displays[i] = id.display();
            created[i] = id.createdAt();
        }
        Set<IdentityKey> inserted = new java.util.HashSet<>();
        jdbc.query("insert into customer_identity (channel, handle, customer_id, display, created_at) "
                + "select * from unnest(cast(? as varchar array), cast(? as varchar array), cast(? as bigint array), "
                + "cast(? as varchar array), cast(? as bigint array)) on conflict do nothing returning channel, handle",
                rs -> {
                    inserted.add(new IdentityKey(rs.getString(1), rs.getString(2)));
                }, channels, handles, customerIds, displays, created);
        List<NewIdentity> lost = new ArrayList<>();
        for (NewIdentity i : identities) {
            if (!inserted.contains(i.key())) {
                lost.add(i);
            }
        }
        return lost;
    }

    /** Locks these customers' rows, in id order, and reads them: one statement. */
    public Map<Long, Row> lockAndLoad(Collection<Long> ids) {
        return read(ids.stream().sorted().toList(), " order by c.id for update of c");
    }

    /** Refreshes what we know of customers from their latest messages (reach changes over time). */
    public void refresh(Collection<Row> customers) {
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

    public Map<Long, Row> byIds(Collection<Long> ids) {
        return read(ids, "");
    }

    private Map<Long, Row> read(Collection<Long> ids, String suffix) {
        Map<Long, Row> found = new HashMap<>();
        for (List<Long> chunk : Sql.chunks(ids)) {
            jdbc.query("select c.id, c.handle, c.name, c.email, c.followers, c.verified, c.created_at, c.last_seen_at from "
                    + Sql.idTable("k") + " join customer c on c.id = k.id" + suffix, rs -> {
                        Row r = new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                                rs.getBoolean(6), rs.getLong(7), rs.getLong(8));
                        found.put(r.id(), r);
                    }, (Object) Sql.array(chunk));
        }
        return found;
    }

    /** Takes row locks on these customers, in id order, so two writers never thread one customer at once. */
    public void lock(Collection<Long> ids) {
        List<Long> sorted = ids.stream().sorted().toList();
        for (List<Long> chunk : Sql.chunks(sorted)) {
            jdbc.query("select c.id from " + Sql.idTable("k") + " join customer c on c.id = k.id order by c.id for update of c",
                    rs -> { }, (Object) Sql.array(chunk));
        }
    }

}
