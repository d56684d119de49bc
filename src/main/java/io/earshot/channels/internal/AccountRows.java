package io.earshot.channels.internal;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.ChannelAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The channel_account table: accounts, their sealed secrets, positions, health and leases. */
@Repository
public class AccountRows {

    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final SecretBox box;

    AccountRows(JdbcTemplate jdbc, ObjectMapper json, SecretBox box) {
        this.jdbc = jdbc;
        this.json = json;
        this.box = box;
    }

    /** A stored account, secrets still sealed. */
    public record Row(long id, String kind, String name, String status, Map<String, String> settings, byte[] secrets,
                      List<String> secretNames, String position, Long lastSuccessAt, String lastError, Long lastErrorAt,
                      Long rateLimitedUntil, int backlog, int failures, Long nextStartAt, String leaseOwner, Long leaseUntil,
                      long createdAt) {
    }

    public void insert(long id, String kind, String name, Map<String, String> settings, Map<String, String> secrets, long now) {
        jdbc.update("insert into channel_account (id, kind, name, status, settings, secrets, secret_names, created_at) "
                + "values (?, ?, ?, 'active', ?, ?, ?, ?)", id, kind, name, json.writeValueAsString(settings),
                secrets.isEmpty() ? null : box.seal(id, json.writeValueAsString(secrets)), String.join(",", secrets.keySet()), now);
    }

    public void update(long id, String name, Map<String, String> settings, Map<String, String> secrets) {
        jdbc.update("update channel_account set name = ?, settings = ?, secrets = ?, secret_names = ?, failures = 0, "
                + "next_start_at = null where id = ?", name, json.writeValueAsString(settings),
                secrets.isEmpty() ? null : box.seal(id, json.writeValueAsString(secrets)), String.join(",", secrets.keySet()), id);
    }

    public Optional<Row> byId(long id) {
        return jdbc.query("select * from channel_account where id = ?", this::map, id).stream().findFirst();
    }

    public List<Row> all() {
        return jdbc.query("select * from channel_account order by kind, name, id", this::map);
    }

    public List<Row> active() {
        return jdbc.query("select * from channel_account where status = 'active' order by id", this::map);
    }

    public boolean setStatus(long id, String status) {
        return jdbc.update("update channel_account set status = ?, failures = 0, next_start_at = null where id = ?", status, id) == 1;
    }

    public boolean delete(long id) {
        return jdbc.update("delete from channel_account where id = ?", id) == 1;
    }

    /** The account's secrets, opened. */
    public Map<String, String> secrets(Row row) {
        if (row.secrets() == null) {
            return Map.of();
        }
        return json.readValue(box.open(row.id(), row.secrets()), MAP);
    }

    public AccountSettings settings(Row row) {
        return new AccountSettings(row.id(), row.kind(), row.name(), row.settings(), secrets(row));
    }

    /** The kind of account {@code id}, if it exists. */
    public Optional<String> kindOf(long id) {
        return jdbc.queryForList("select kind from channel_account where id = ?", String.class, id).stream().findFirst();
    }

    /** Stores the position a connector reached; in the caller's transaction (the one that stores the messages). */
    public void savePosition(long id, String position) {
        jdbc.update("update channel_account set position = ? where id = ?", position, id);
    }

    public void succeeded(long id, long now, int backlog, Long rateLimitedUntil) {
        jdbc.update("update channel_account set last_success_at = ?, backlog = ?, rate_limited_until = ?, failures = 0, "
                + "next_start_at = null where id = ?", now, backlog, rateLimitedUntil, id);
    }

    /** Records a failure in a row and when the connector is started again (on the wall clock). */
    public void failed(long id, long now, String error, Long nextStartAt) {
        String reason = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.update("update channel_account set last_error = ?, last_error_at = ?, failures = failures + 1, next_start_at = ? "
                + "where id = ?", reason, now, nextStartAt, id);
    }

    /** The failures in a row so far. */
    public int failures(long id) {
        return jdbc.query("select failures from channel_account where id = ?", (rs, n) -> rs.getInt(1), id).stream()
                .findFirst().orElse(0);
    }

    public void error(long id, long now, String error) {
        String reason = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.update("update channel_account set last_error = ?, last_error_at = ? where id = ?", reason, now, id);
    }

    /**
     * Takes or renews the lease on an active account for {@code owner} until {@code until}: true when this instance
     * now holds it. Another instance's lease is taken only once it ran out.
     */
    public boolean lease(long id, String owner, long now, long until) {
        return jdbc.update("update channel_account set lease_owner = ?, lease_until = ? where id = ? and status = 'active' "
                + "and (lease_owner is null or lease_owner = ? or lease_until < ?)", owner, until, id, owner, now) == 1;
    }

    public void release(long id, String owner) {
        jdbc.update("update channel_account set lease_owner = null, lease_until = null where id = ? and lease_owner = ?", id, owner);
    }

    private Row map(ResultSet rs, int n) throws SQLException {
        String names = rs.getString("secret_names");
        return new Row(rs.getLong("id"), rs.getString("kind"), rs.getString("name"), rs.getString("status"),
                json.readValue(rs.getString("settings"), MAP), rs.getBytes("secrets"),
                names == null || names.isEmpty() ? List.of() : Arrays.asList(names.split(",")), rs.getString("position"),
                longOrNull(rs, "last_success_at"), rs.getString("last_error"), longOrNull(rs, "last_error_at"),
                longOrNull(rs, "rate_limited_until"), rs.getInt("backlog"), rs.getInt("failures"), longOrNull(rs, "next_start_at"),
                rs.getString("lease_owner"), longOrNull(rs, "lease_until"), rs.getLong("created_at"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** The API's view of a row; {@code running} from the runtime of the instance that asks, or the lease. */
    public static ChannelAccount view(Row r, String channel, boolean running, long now) {
        boolean leased = r.leaseOwner() != null && r.leaseUntil() != null && r.leaseUntil() >= now;
        return new ChannelAccount(Long.toString(r.id()), r.kind(), r.name(), channel, r.status(), r.settings(), r.secretNames(),
                new ChannelAccount.Health(running || leased, leased ? r.leaseOwner() : null, instant(r.lastSuccessAt()),
                        r.lastError(), instant(r.lastErrorAt()), instant(r.rateLimitedUntil()), r.backlog(), r.failures(),
                        instant(r.nextStartAt())),
                Instant.ofEpochMilli(r.createdAt()));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
