package io.earshot.web;

import io.earshot.platform.Agent;
import io.earshot.platform.Agents;
import java.security.Principal;
import org.springframework.stereotype.Component;

/** The signed-in agent behind a browser session. */
@Component
class CurrentAgent {

    private final Agents agents;

    CurrentAgent(Agents agents) {
        this.agents = agents;
    }

    Agent of(Principal principal) {
        return agents.withEmail(principal.getName()).orElseThrow(() -> new IllegalStateException("signed in as an unknown agent"));
    }
}
