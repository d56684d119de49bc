package io.earshot.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The team's agents and the hashes of their API tokens. */
@Repository
public class Agents {

    private static final RowMapper<Agent> AGENT = (rs, n) -> new Agent(rs.getLong(1), rs.getString(2), rs.getString(3),
            Role.fromWire(rs.getString(4)).orElse(Role.AGENT));

    private final JdbcClient jdbc;

    Agents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Agent agent, String tokenHash, long createdAt) {
        jdbc.sql("insert into agent (id, name, email, role, token_hash, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(agent.id(), agent.name(), agent.email(), agent.role().wireName(), tokenHash, createdAt)
                .update();
    }

    Optional<Agent> byTokenHash(String hash) {
        return jdbc.sql("select id, name, email, role from agent where token_hash = ?").param(hash)
                .query(AGENT)
                .optional();
    }

    public Optional<Agent> byId(long id) {
        return jdbc.sql("select id, name, email, role from agent where id = ?").param(id)
                .query(AGENT)
                .optional();
    }

    Optional<Agent> byEmail(String email) {
        return jdbc.sql("select id, name, email, role from agent where email = ?").param(email)
                .query(AGENT)
                .optional();
    }

    boolean anyAdmin() {
        return jdbc.sql("select count(*) from agent where role = 'admin'").query(Long.class).single() > 0;
    }

    void updateTokenHash(long id, String hash) {
        jdbc.sql("update agent set token_hash = ? where id = ?").params(hash, id).update();
    }

    /** Every agent's name by id: what other features show beside an agent id they keep. */
    public Map<Long, String> names() {
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, name from agent").query((rs, n) -> names.put(rs.getLong(1), rs.getString(2))).list();
        return names;
    }

    /** The ids of a team's members. */
    public List<Long> inTeam(long teamId) {
        return jdbc.sql("select id from agent where team_id = ? order by id").param(teamId).query(Long.class).list();
    }

    public List<Agent> all() {
        return jdbc.sql("select id, name, email, role from agent order by id")
                .query(AGENT)
                .list();
    }

    /** What sign-in needs of an agent: the password hash and the lock. */
    public record Credentials(Agent agent, String passwordHash, int failedLogins, Long lockedUntil) {
    }

    public Optional<Credentials> credentials(String email) {
        return jdbc.sql("select id, name, email, role, password_hash, failed_logins, locked_until from agent where email = ?")
                .param(email.trim().toLowerCase(java.util.Locale.ROOT))
                .query((rs, n) -> new Credentials(AGENT.mapRow(rs, n), rs.getString(5), rs.getInt(6),
                        (Long) rs.getObject(7, Long.class)))
                .optional();
    }

    void setPasswordHash(long id, String hash) {
        jdbc.sql("update agent set password_hash = ?, failed_logins = 0, locked_until = null where id = ?").params(hash, id).update();
    }

    /** Counts a failed sign-in; at {@code max} failures in a row the agent is locked until {@code lockUntil}. */
    public void failedLogin(String email, int max, long lockUntil) {
        String e = email.trim().toLowerCase(java.util.Locale.ROOT);
        jdbc.sql("update agent set failed_logins = failed_logins + 1 where email = ?").param(e).update();
        jdbc.sql("update agent set locked_until = ?, failed_logins = 0 where email = ? and failed_logins >= ?").params(lockUntil, e, max).update();
    }

    public void succeededLogin(String email) {
        jdbc.sql("update agent set failed_logins = 0, locked_until = null where email = ?")
                .param(email.trim().toLowerCase(java.util.Locale.ROOT)).update();
    }

    /** The agent with this email, if any. */
    public Optional<Agent> withEmail(String email) {
        return byEmail(email.trim().toLowerCase(java.util.Locale.ROOT));
    }
}
