package io.earshot.platform;

import java.util.List;
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

    public List<Agent> all() {
        return jdbc.sql("select id, name, email, role from agent order by id")
                .query(AGENT)
                .list();
    }
}
