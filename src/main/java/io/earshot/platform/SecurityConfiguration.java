package io.earshot.platform;

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
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AgentService agents) throws Exception {
        http.securityMatcher("/api/**", "/actuator/prometheus")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new TokenAuthenticationFilter(agents), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/agents").hasRole("ADMIN")
                        .requestMatchers("/api/v1/clock").hasRole("ADMIN")
                        .requestMatchers("/actuator/prometheus").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/merge").hasRole("LEAD")
                        .requestMatchers(HttpMethod.GET, "/api/v1/teams", "/api/v1/teams/*", "/api/v1/sla-policies").hasRole("AGENT")
                        .requestMatchers("/api/v1/teams", "/api/v1/teams/**", "/api/v1/agents/*/team").hasRole("ADMIN")
                        .requestMatchers("/api/v1/sla-policies", "/api/v1/sla-policies/**").hasRole("LEAD")
                        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/reports/agents", "/api/v1/reports/teams").hasRole("LEAD")
                        .anyRequest().hasRole("AGENT"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> write(res, 401, "unauthorized",
                                "a valid 'Authorization: Bearer <token>' header is required"))
                        .accessDeniedHandler((req, res, ex) -> write(res, 403, "forbidden",
                                "your role may not do this")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain otherChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").denyAll()
                        .anyRequest().permitAll())
                .csrf(c -> c.disable());
        return http.build();
    }

    /** No user names and passwords yet: the API authenticates by token only. */
    @Bean
    UserDetailsService noPasswordUsers() {
        return username -> {
            throw new UsernameNotFoundException(username);
        };
    }

    static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}
