package io.earshot.channels.internal.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The chat_visitor table. A visitor's token is 32 random bytes, given once; only its SHA-256 is stored, so the table
 * leaks no usable token.
 */
@Repository
class ChatVisitors {

    /** How often a visitor's last use is written: not on every request. */
    private static final long TOUCH_MILLIS = 60_000;

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    ChatVisitors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A visitor of one chat account, from one allowed site. */
    record Visitor(long id, long accountId, String origin, String name, String email, boolean emailVerified, long lastSeenAt) {

        /** The handle their messages are written by. */
        String handle() {
            return handleOf(id);
        }
    }

    static String handleOf(long visitorId) {
        return "visitor-" + visitorId;
    }

    /** The visitor a message's handle names, or empty when it names none. */
    static Optional<Long> idOf(String handle) {
        if (handle == null || !handle.startsWith("visitor-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(handle.substring("visitor-".length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stores a new visitor and returns its token, which is never stored or shown again. */
    String create(long id, long accountId, String origin, String name, String email, boolean verified, long now) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "cv_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("insert into chat_visitor (id, account_id, origin, token_hash, name, email, email_verified, created_at, "
                + "last_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, accountId, origin, hash(token), name, email, verified,
                now, now);
        return token;
    }

    Optional<Visitor> byToken(String token) {
        if (token == null || !token.startsWith("cv_") || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.query("select id, account_id, origin, name, email, email_verified, last_seen_at from chat_visitor "
                        + "where token_hash = ?", ChatVisitors::map, hash(token))
                .stream().findFirst();
    }

    Optional<Visitor> byId(long id) {
        return jdbc.query("select id, account_id, origin, name, email, email_verified, last_seen_at from chat_visitor "
                + "where id = ?", ChatVisitors::map, id).stream().findFirst();
    }

    /** Notes that the visitor is still there (at most once a minute), so their token does not expire while used. */
    void seen(Visitor v, long now) {
        if (now - v.lastSeenAt() >= TOUCH_MILLIS) {
            jdbc.update("update chat_visitor set last_seen_at = ? where id = ? and last_seen_at < ?", now, v.id(), now);
        }
    }

    private static Visitor map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Visitor(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                rs.getLong(7));
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
