package io.earshot.platform.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.stereotype.Component;

/**
 * Keeps track of signed-in desk sessions, so a password reset ends the agent's open sessions (a stolen session
 * does not outlive the reset). Sessions are per instance, as the desk's sessions are.
 */
@Component
@ConditionalOnWebApplication
public class DeskSessions {

    private final SessionRegistry registry = new SessionRegistryImpl();

    SessionRegistry registry() {
        return registry;
    }

    @EventListener
    void passwordChanged(PasswordChanged changed) {
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof org.springframework.security.core.userdetails.UserDetails user
                    && user.getUsername().equalsIgnoreCase(changed.email())) {
                registry.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
            }
        }
    }

    /** The registry learns of sessions that end by themselves. */
    @EventListener
    void sessionDestroyed(org.springframework.security.core.session.SessionDestroyedEvent event) {
        registry.removeSessionInformation(event.getId());
    }
}
