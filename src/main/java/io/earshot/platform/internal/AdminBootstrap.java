package io.earshot.platform.internal;

import io.earshot.platform.AgentService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Sets up the bootstrap admin once every bean exists and before the web server accepts a request (it starts later,
 * with the context's lifecycle), so a script that starts Earshot with EARSHOT_ADMIN_TOKEN can use it at once.
 */
@Component
public class AdminBootstrap implements SmartInitializingSingleton {

    private final AgentService agents;

    AdminBootstrap(AgentService agents) {
        this.agents = agents;
    }

    @Override
    public void afterSingletonsInstantiated() {
        agents.bootstrapAdmin();
    }
}
