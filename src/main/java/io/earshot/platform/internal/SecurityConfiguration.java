package io.earshot.platform.internal;

import io.earshot.platform.AgentService;
import io.earshot.platform.Agents;
import io.earshot.platform.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** The API (and the metrics) are stateless: every request carries a bearer token; roles are checked per endpoint. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SecurityConfiguration {

    /**
     * What customers' systems and visitors call, with no agent behind them: signed inbound webhooks ({@code /hooks/**} and
     * {@code /api/v1/channel-accounts/{id}/inbound},
     * verified by their HMAC) and the web chat ({@code /chat/**}, by visitor tokens and an origin allow-list). No
     * session, no cookie, no CSRF token (nothing here acts for a signed-in agent), and no frame ban: the chat frame
     * sets its own {@code frame-ancestors} to the account's allowed sites.
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicChannelsChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/hooks/**", "/api/v1/channel-accounts/*/inbound", "/chat/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .anonymous(a -> { })
                .headers(h -> h.frameOptions(f -> f.disable()))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AgentService agents) throws Exception {
        http.securityMatcher("/api/**", "/actuator/prometheus")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new TokenAuthenticationFilter(agents), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/agents", "/api/v1/agents/*/password").hasRole("ADMIN")
                        .requestMatchers("/api/v1/clock").hasRole("ADMIN")
                        .requestMatchers("/api/v1/audit").hasRole("ADMIN")
                        .requestMatchers("/actuator/prometheus").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/merge").hasRole("LEAD")
                        .requestMatchers(HttpMethod.GET, "/api/v1/teams", "/api/v1/teams/*", "/api/v1/sla-policies").hasRole("AGENT")
                        .requestMatchers("/api/v1/teams", "/api/v1/teams/**", "/api/v1/agents/*/team").hasRole("ADMIN")
                        .requestMatchers("/api/v1/sla-policies", "/api/v1/sla-policies/**").hasRole("LEAD")
                        .requestMatchers(HttpMethod.GET, "/api/v1/canned-responses", "/api/v1/topics", "/api/v1/topics/**").hasRole("AGENT")
                        .requestMatchers("/api/v1/topics", "/api/v1/topics/**").hasRole("LEAD")
                        .requestMatchers(HttpMethod.GET, "/api/v1/incidents", "/api/v1/incidents/**").hasRole("AGENT")
                        .requestMatchers("/api/v1/incidents", "/api/v1/incidents/**").hasRole("LEAD")
                        .requestMatchers("/api/v1/canned-responses", "/api/v1/canned-responses/**").hasRole("LEAD")
                        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/channel-accounts", "/api/v1/channel-accounts/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/reports/agents", "/api/v1/reports/teams").hasRole("LEAD")
                        .anyRequest().hasRole("AGENT"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> write(res, 401, "unauthorized",
                                "a valid 'Authorization: Bearer <token>' header is required"))
                        .accessDeniedHandler((req, res, ex) -> write(res, 403, "forbidden",
                                "your role may not do this")));
        return http.build();
    }

    /**
     * The browser desk: form sign-in by email and password, a session, CSRF tokens on every form, no remember-me,
     * and a lock after repeated failures ({@link SignInAttempts}). The survey pages are for customers, not agents.
     */
    @Bean
    @Order(2)
    SecurityFilterChain deskChain(HttpSecurity http, DeskSessions sessions, SignInThrottle throttle) throws Exception {
        http.addFilterBefore(throttle.filter(), org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                .sessionManagement(s -> s.maximumSessions(-1).sessionRegistry(sessions.registry()).expiredUrl("/login?expired"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").denyAll()
                        .requestMatchers("/login", "/csat/**", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error",
                                "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/admin", "/admin/**").hasRole("ADMIN")
                        .requestMatchers("/canned", "/canned/**").hasRole("LEAD")
                        .anyRequest().hasRole("AGENT"))
                .formLogin(f -> f.loginPage("/login").usernameParameter("email")
                        .successHandler(withDeviceCookie(throttle))
                        // one answer for a wrong password, an unknown email and a locked account: no telling which exists
                        .failureHandler((req, res, ex) -> {
                            throttle.failed(req.getRemoteAddr());
                            res.sendRedirect(req.getContextPath() + "/login?error");
                        }))
                .logout(l -> l.logoutSuccessUrl("/login?out"))
                .requestCache(c -> c.requestCache(pagesOnly()))
                .csrf(c -> c.ignoringRequestMatchers("/csat/**"))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
                                + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'")));
        return http.build();
    }

    /** After sign-in: the page asked for (or the inbox), and a device cookie so that a throttle on this network spares this browser. */
    private static org.springframework.security.web.authentication.AuthenticationSuccessHandler withDeviceCookie(SignInThrottle throttle) {
        org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler next =
                new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl("/inbox");
        return (request, response, authentication) -> {
            jakarta.servlet.http.Cookie cookie = throttle.deviceCookie(authentication.getName(), request.isSecure());
            if (cookie != null) {
                response.addCookie(cookie);
            }
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /**
     * After sign-in an agent returns to the page they asked for, never to a live stream or an htmx fragment a
     * page in the background asked for meanwhile.
     */
    private static org.springframework.security.web.savedrequest.HttpSessionRequestCache pagesOnly() {
        org.springframework.security.web.savedrequest.HttpSessionRequestCache cache =
                new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null
                && !request.getRequestURI().endsWith("/stream") && !request.getRequestURI().endsWith("/presence")
                && (request.getHeader("Accept") == null || request.getHeader("Accept").contains("text/html")));
        return cache;
    }

    /** Agents sign in with their email and password; the roles are theirs and those below. */
    @Bean
    UserDetailsService agentsByEmail(Agents agents, java.time.Clock clock) {
        return email -> {
            Agents.Credentials c = agents.credentials(email).filter(x -> x.passwordHash() != null)
                    .orElseThrow(() -> new UsernameNotFoundException("no agent may sign in as " + email));
            boolean locked = c.lockedUntil() != null && c.lockedUntil() > clock.millis();
            java.util.List<org.springframework.security.core.authority.SimpleGrantedAuthority> roles = new java.util.ArrayList<>();
            for (Role r : Role.values()) {
                if (c.agent().holds(r)) {
                    roles.add(new org.springframework.security.core.authority.SimpleGrantedAuthority(r.authority()));
                }
            }
            return org.springframework.security.core.userdetails.User.withUsername(c.agent().email()).password(c.passwordHash())
                    .authorities(roles).accountLocked(locked).build();
        };
    }

    /** Tells the session registry when a session ends. */
    @Bean
    org.springframework.security.web.session.HttpSessionEventPublisher httpSessionEventPublisher() {
        return new org.springframework.security.web.session.HttpSessionEventPublisher();
    }

    @Bean
    org.springframework.security.crypto.password.PasswordEncoder passwordEncoder(Passwords passwords) {
        return passwords.encoder();
    }

    static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}
