package io.earshot.channels.internal.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The feed_entry table: what each feed account has stored, by external id and link, with a hash of its text. */
@Repository
class SeenEntries {

    /** An entry stored: its message's external id, its link and the hash of the text it was stored (or edited) with. */
    record Seen(String externalId, String link, String hash) {
    }

    private final JdbcTemplate jdbc;

    SeenEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The entries of {@code accountId} stored under one of {@code externalIds} or with one of {@code links}. */
    List<Seen> find(long accountId, Collection<String> externalIds, Collection<String> links) {
        if (externalIds.isEmpty() && links.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select external_id, link, content_hash from feed_entry where account_id = ? "
                + "and (external_id = any (?) or link = any (?))", (rs, n) -> new Seen(rs.getString(1), rs.getString(2),
                rs.getString(3)), accountId, externalIds.toArray(String[]::new), links.toArray(String[]::new));
    }

    /**
     * Records {@code entries} as seen at {@code at} (new ones added, changed hashes kept), then forgets all but the
     * {@code keep} seen most recently; in the caller's transaction, the one that stores their messages.
     */
    void record(long accountId, List<Seen> entries, long at, int keep) {
        if (entries.isEmpty()) {
            return;
        }
        List<Object[]> args = new ArrayList<>(entries.size());
        for (Seen s : entries) {
            args.add(new Object[] {accountId, s.externalId(), s.link(), s.hash(), at});
        }
        jdbc.batchUpdate("insert into feed_entry (account_id, external_id, link, content_hash, last_seen_at) values (?, ?, ?, ?, ?) "
                + "on conflict (account_id, external_id) do update set link = excluded.link, "
                + "content_hash = excluded.content_hash, last_seen_at = excluded.last_seen_at", args);
        jdbc.update("delete from feed_entry where account_id = ? and last_seen_at < (select last_seen_at from feed_entry "
                + "where account_id = ? order by last_seen_at desc offset ? limit 1)", accountId, accountId, keep - 1);
    }
}
