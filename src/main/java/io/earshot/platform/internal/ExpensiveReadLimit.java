package io.earshot.platform.internal;

import io.earshot.platform.HttpErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Per-agent (or, without a sign-in, per-address) limit on expensive reads: searches, reports, series and exports.
 * A fixed window per key, counted in memory per instance: {@code earshot.http.expensive-reads} per
 * {@code earshot.http.expensive-window}; past it, 429 with {@code Retry-After}. Cheap reads and every write are
 * never limited here. (A 40-line counter: a rate-limit library would add a dependency for one map.)
 */
public final class ExpensiveReadLimit implements HandlerInterceptor {

    private static final int MAX_KEYS = 50_000;

    private final int allowed;
    private final long windowMillis;
    private final ConcurrentHashMap<String, long[]> windows = new ConcurrentHashMap<>();

    ExpensiveReadLimit(HttpSettings settings) {
        this.allowed = Math.max(1, settings.expensiveReads());
        this.windowMillis = Math.max(1000, settings.expensiveWindow().toMillis());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) || !expensive(request)) {
            return true;
        }
        long now = System.nanoTime() / 1_000_000; // elapsed real time, not the domain clock: a manual clock must not freeze the limit
        if (windows.size() > MAX_KEYS) {
            windows.entrySet().removeIf(e -> e.getValue()[0] + windowMillis <= now);
        }
        long[] w = windows.compute(key(request), (k, old) -> old == null || old[0] + windowMillis <= now
                ? new long[] {now, 1} : new long[] {old[0], old[1] + 1});
        if (w[1] <= allowed) {
            return true;
        }
        long wait = Math.max(1, (w[0] + windowMillis - now + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(wait));
        HttpErrors.write(response, 429, "too_many_requests", "more than " + allowed + " searches, reports or exports in "
                + (windowMillis / 1000) + " s (earshot.http.expensive-reads); try again in " + wait + " s");
        return false;
    }

    /** Searches, reports, topic series and exports: the reads whose cost grows with the data. */
    static boolean expensive(HttpServletRequest request) {
        String path = request.getRequestURI();
        String q = request.getParameter("q");
        boolean search = q != null && !q.isBlank();
        return path.startsWith("/api/v1/reports") || path.endsWith("/series") || path.endsWith(".csv")
                || path.startsWith("/dashboard")
                // /inbox/rows is the open page refreshing itself on every push, not a search the agent started
                || search && (path.equals("/api/v1/conversations") || path.equals("/inbox"));
    }

    private static String key(HttpServletRequest request) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a != null && a.isAuthenticated() && !"anonymousUser".equals(a.getName())) {
            return "agent:" + a.getName();
        }
        return "address:" + request.getRemoteAddr();
    }
}
