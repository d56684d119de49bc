package io.earshot.platform.internal;

import io.earshot.platform.Agent;
import io.earshot.platform.AgentService;
import io.earshot.platform.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Reads {@code Authorization: Bearer <token>} and makes the agent it belongs to the principal. */
public final class TokenAuthenticationFilter extends OncePerRequestFilter {

    private final AgentService agentService;

    TokenAuthenticationFilter(AgentService agentService) {
        this.agentService = agentService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Agent> agent = agentService.authenticate(header.substring(7));
            agent.ifPresent(a -> {
                List<SimpleGrantedAuthority> authorities = new ArrayList<>();
                for (Role r : Role.values()) {
                    if (a.holds(r)) {
                        authorities.add(new SimpleGrantedAuthority(r.authority()));
                    }
                }
                var auth = new UsernamePasswordAuthenticationToken(a, null, authorities);
                SecurityContextHolder.getContext().setAuthentication(auth);
            });
        }
        chain.doFilter(request, response);
    }
}
