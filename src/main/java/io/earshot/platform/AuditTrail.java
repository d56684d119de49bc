package io.earshot.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Who changed what: every request a signed-in person makes that changes something (a POST, PUT, PATCH or DELETE
 * through the API or the desk that answered 2xx or a redirect) is recorded with the agent, the time, the method, the
 * path (which names the thing changed) and the client address. Not its body, which may hold a password or a secret.
 * Left out: ingest ({@code POST /api/v1/messages}, a connector's traffic, counted elsewhere), typing and presence
 * signals, sign-in and out, and customers' survey answers. Conversation changes are also on the conversation's
 * timeline, with the agent; this trail covers everything else too (teams, SLA policies, webhooks, canned responses,
 * topics, agents, passwords, the clock). Read by admins at {@code GET /api/v1/audit}.
 */
@Component
public class AuditTrail implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    public record Entry(String id, Instant at, String agentId, String agentEmail, String method, String path, int status,
                        String address) {
    }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final Agents agents;

    AuditTrail(JdbcClient jdbc, IdGenerator ids, Clock clock, Agents agents) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.agents = agents;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        String method = request.getMethod();
        int status = response.getStatus();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || status >= 400 || ex != null
                || !recorded(request.getRequestURI())) {
            return;
        }
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        Agent agent = a == null ? null : a.getPrincipal() instanceof Agent p ? p
                : a.isAuthenticated() && !"anonymousUser".equals(a.getName()) ? agents.byEmail(a.getName()).orElse(null) : null;
        if (agent == null) {
            return;
        }
        String path = request.getRequestURI();
        try {
            jdbc.sql("insert into audit_event (id, at, agent_id, agent_email, method, path, status, address) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(ids.nextId(), clock.millis(), agent.id(), agent.email(), method,
                            path.length() > 500 ? path.substring(0, 500) : path, status, cut(request.getRemoteAddr(), 64))
                    .update();
        } catch (RuntimeException e) {
            log.warn("could not record {} {} by {} in the audit trail: {}", method, path, agent.email(), e.getMessage());
        }
    }

    static boolean recorded(String path) {
        return !path.equals("/api/v1/messages") && !path.endsWith("/typing") && !path.endsWith("/tone-check") && !path.startsWith("/login") && !path.startsWith("/logout")
                && !path.startsWith("/csat/");
    }

    /** The newest entries first, at most {@code limit}, older than {@code before} (an entry's id) when given. */
    public List<Entry> newest(int limit, Long before) {
        return jdbc.sql("select id, at, agent_id, agent_email, method, path, status, address from audit_event"
                        + (before == null ? "" : " where id < ?") + " order by id desc limit ?")
                .params(before == null ? List.of(limit) : List.of(before, limit))
                .query((rs, n) -> new Entry(Long.toString(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getObject(3) == null ? null : Long.toString(rs.getLong(3)), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getString(8)))
                .list();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
