package io.earshot.platform.internal;

import io.earshot.platform.Agents;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Locks an agent out of the desk for {@code earshot.login-lockout} after {@code earshot.login-attempts} wrong
 * passwords in a row (counted in the database, so every instance sees it); a good sign-in resets the count.
 */
@Component
@ConditionalOnWebApplication
public class SignInAttempts {

    private final Agents agents;
    private final PlatformSettings settings;
    private final Clock clock;

    SignInAttempts(Agents agents, PlatformSettings settings, Clock clock) {
        this.agents = agents;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        Object name = event.getAuthentication().getPrincipal();
        if (name instanceof String email && !email.isBlank()) {
            agents.failedLogin(email, settings.loginAttempts(), clock.millis() + settings.loginLockout().toMillis());
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof org.springframework.security.core.userdetails.UserDetails user) {
            agents.succeededLogin(user.getUsername());
        }
    }
}
