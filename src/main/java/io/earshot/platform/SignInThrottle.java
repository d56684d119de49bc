package io.earshot.platform;

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
 */
@Component
@ConditionalOnWebApplication
class SignInThrottle {

    static final int MAX_ADDRESSES = 10_000;

    private record Window(long startedAt, int failures) {
    }

    private final Map<String, Window> windows = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };
    private final PlatformSettings settings;
    private final Clock clock;

    SignInThrottle(PlatformSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
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
                    if (!wait.isZero() && !wait.isNegative()) {
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
