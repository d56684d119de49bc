package io.earshot.platform.internal;

import io.earshot.platform.Agents;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses sign-in from a client address that has failed {@code earshot.login-address-attempts} times within
 * {@code earshot.login-address-window} of its first failure, on any accounts: the account lock stops guessing
 * many passwords for one account, this stops guessing one password for many. A refused attempt checks no
 * password (so costs no bcrypt) and counts no failure against the account.
 * <p>
 * Counted in memory, per instance, for at most {@value #MAX_ADDRESSES} addresses (the oldest windows go first).
 * The address is the request's remote address: behind a proxy, set {@code server.forward-headers-strategy} so that
 * it is the client's, not the proxy's. A hand-written counter rather than a rate-limit library (Bucket4j): it
 * counts failures, not requests, and needs the one {@link Clock} so that tests can move time.
 * <p>
 * So that an attacker behind an office's one address cannot lock the office out, a browser that has signed in as an
 * agent before carries a <em>device cookie</em> for that agent (OWASP's "device cookies": the agent's email and the
 * time, signed with HMAC-SHA256 keyed by the agent's password hash, so it works on every instance and dies with a
 * password change). A throttled address may still sign in as the agent its device cookie names; every other
 * attempt from it waits. The account lock still applies to everyone.
 */
@Component
@ConditionalOnWebApplication
public class SignInThrottle {

    static final int MAX_ADDRESSES = 10_000;

    private record Window(long startedAt, int failures) {
    }

    private final Map<String, Window> windows = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };
    static final String DEVICE_COOKIE = "earshot_device";
    static final Duration DEVICE_LIFETIME = Duration.ofDays(90);

    private final PlatformSettings settings;
    private final Clock clock;
    private final Agents agents;

    SignInThrottle(PlatformSettings settings, Clock clock, Agents agents) {
        this.settings = settings;
        this.clock = clock;
        this.agents = agents;
    }

    /** The device cookie to give a browser that just signed in as {@code email}. */
    jakarta.servlet.http.Cookie deviceCookie(String email, boolean secure) {
        String who = email.trim().toLowerCase(java.util.Locale.ROOT);
        String hash = agents.credentials(who).map(Agents.Credentials::passwordHash).orElse(null);
        if (hash == null) {
            return null;
        }
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(who.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + clock.millis();
        jakarta.servlet.http.Cookie cookie = new jakarta.servlet.http.Cookie(DEVICE_COOKIE, payload + "." + mac(hash, payload));
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setPath("/login");
        cookie.setMaxAge((int) DEVICE_LIFETIME.toSeconds());
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }

    /** Whether this sign-in comes from a browser that has signed in as the agent it names before. */
    boolean trustedDevice(HttpServletRequest request) {
        String email = request.getParameter("email");
        if (email == null || request.getCookies() == null) {
            return false;
        }
        String who = email.trim().toLowerCase(java.util.Locale.ROOT);
        for (jakarta.servlet.http.Cookie c : request.getCookies()) {
            if (!DEVICE_COOKIE.equals(c.getName()) || c.getValue() == null) {
                continue;
            }
            String[] parts = c.getValue().split("\\.");
            if (parts.length != 3) {
                continue;
            }
            try {
                String named = new String(java.util.Base64.getUrlDecoder().decode(parts[0]), java.nio.charset.StandardCharsets.UTF_8);
                long issued = Long.parseLong(parts[1]);
                if (!named.equals(who) || clock.millis() - issued > DEVICE_LIFETIME.toMillis() || issued > clock.millis() + 60_000) {
                    continue;
                }
                String hash = agents.credentials(who).map(Agents.Credentials::passwordHash).orElse(null);
                if (hash != null && java.security.MessageDigest.isEqual(mac(hash, parts[0] + "." + parts[1])
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII), parts[2].getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not one of ours
            }
        }
        return false;
    }

    private static String mac(String key, String payload) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** How long this address must wait before it may try again; zero if it may now. */
    synchronized Duration waitFor(String address) {
        Window w = current(address);
        if (w == null || w.failures() < settings.loginAddressAttempts()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(w.startedAt() + settings.loginAddressWindow().toMillis() - clock.millis());
    }

    /** Counts a failed sign-in from this address. */
    synchronized void failed(String address) {
        Window w = current(address);
        windows.remove(address); // re-inserted last, so the eldest window is the one to drop when full
        windows.put(address, w == null ? new Window(clock.millis(), 1) : new Window(w.startedAt(), w.failures() + 1));
    }

    private Window current(String address) {
        Window w = windows.get(address);
        if (w != null && clock.millis() - w.startedAt() >= settings.loginAddressWindow().toMillis()) {
            windows.remove(address);
            return null;
        }
        return w;
    }

    /** The filter, before the form login: a throttled address is sent back to the sign-in page. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
                    Duration wait = waitFor(request.getRemoteAddr());
                    if (!wait.isZero() && !wait.isNegative() && !trustedDevice(request)) {
                        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
                        response.sendRedirect(request.getContextPath() + "/login?throttled=" + minutes);
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }
}
