package io.earshot.conversation;

import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.IdGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Canned responses: stored, listed for an agent's team, and filled in for one conversation. */
@Repository
public class CannedResponses {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z]+\\.[a-zA-Z]+)\\s*}}");
    private static final List<String> KNOWN = List.of("customer.name", "customer.firstName", "customer.handle", "agent.name",
            "agent.firstName");

    private final JdbcTemplate jdbc;
    private final IdGenerator ids;
    private final Clock clock;

    CannedResponses(JdbcTemplate jdbc, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    /** The responses an agent of {@code teamId} may use: every team's and the team's own. */
    public List<CannedResponse> forTeam(Long teamId) {
        return jdbc.query("select id, title, body, team_id from canned_response where team_id is null or team_id = ? order by title, id",
                (rs, n) -> map(rs), teamId == null ? -1L : teamId);
    }

    public List<CannedResponse> all() {
        return jdbc.query("select id, title, body, team_id from canned_response order by title, id", (rs, n) -> map(rs));
    }

    public Optional<CannedResponse> byId(long id) {
        return jdbc.query("select id, title, body, team_id from canned_response where id = ?", (rs, n) -> map(rs), id).stream().findFirst();
    }

    public CannedResponse create(String title, String body, Long teamId, Agent author) {
        validate(title, body);
        long id = ids.nextId();
        long now = clock.millis();
        jdbc.update("insert into canned_response (id, title, body, team_id, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
                id, title.strip(), body.strip(), teamId, author.id(), now, now);
        return byId(id).orElseThrow();
    }

    public CannedResponse update(long id, String title, String body, Long teamId) {
        validate(title, body);
        if (jdbc.update("update canned_response set title = ?, body = ?, team_id = ?, updated_at = ? where id = ?",
                title.strip(), body.strip(), teamId, clock.millis(), id) == 0) {
            throw EarshotException.notFound("canned response", Long.toString(id));
        }
        return byId(id).orElseThrow();
    }

    public boolean delete(long id) {
        return jdbc.update("delete from canned_response where id = ?", id) > 0;
    }

    /** The text with its placeholders filled in for this customer and agent; an unknown placeholder stays as it is. */
    public static String fill(String body, String customerName, String customerHandle, Agent agent) {
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "customer.name" -> customerName != null && !customerName.isBlank() ? customerName : "@" + customerHandle;
                case "customer.firstName" -> customerName != null && !customerName.isBlank() ? customerName.strip().split("\\s+")[0]
                        : "@" + customerHandle;
                case "customer.handle" -> "@" + customerHandle;
                case "agent.name" -> agent.name();
                case "agent.firstName" -> agent.name().strip().split("\\s+")[0];
                default -> m.group();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void validate(String title, String body) {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw EarshotException.invalid("title", "title is required, at most 200 characters");
        }
        if (body == null || body.isBlank() || body.length() > 5000) {
            throw EarshotException.invalid("body", "body is required, at most 5000 characters");
        }
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            if (!KNOWN.contains(m.group(1))) {
                throw EarshotException.invalid("body", "unknown placeholder {{" + m.group(1) + "}}; use one of "
                        + String.join(", ", KNOWN.stream().map(k -> "{{" + k + "}}").toList()));
            }
        }
    }

    private static CannedResponse map(java.sql.ResultSet rs) throws java.sql.SQLException {
        // read as an object: wasNull() after reading later columns would tell about those, not about team_id
        Long team = rs.getObject("team_id", Long.class);
        return new CannedResponse(rs.getString("id"), rs.getString("title"), rs.getString("body"), team == null ? null : team.toString());
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
