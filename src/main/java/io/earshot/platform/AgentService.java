package io.earshot.platform;

import io.earshot.platform.internal.AdminBootstrap;
import io.earshot.platform.internal.FirstStartConsole;
import io.earshot.platform.internal.PasswordChanged;
import io.earshot.platform.internal.Passwords;
import io.earshot.platform.internal.PlatformSettings;
import io.earshot.platform.internal.Tokens;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates agents, issues their tokens and makes sure there is an admin to start with. */
@Service
public class AgentService {

    static final String BOOTSTRAP_EMAIL = "admin@earshot.local";

    private final Agents agents;
    private final IdGenerator ids;
    private final Clock clock;
    private final PlatformSettings settings;
    private final Tokens tokens = new Tokens();
    private final Passwords passwords;

    private final org.springframework.context.ApplicationEventPublisher publisher;

    private final FirstStartConsole console;

    AgentService(Agents agents, IdGenerator ids, Clock clock, PlatformSettings settings, Passwords passwords,
                 org.springframework.context.ApplicationEventPublisher publisher,
                 FirstStartConsole console) {
        this.console = console;
        this.publisher = publisher;
        this.passwords = passwords;
        this.agents = agents;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    /** A new agent and its token, which is shown only this once. */
    public record Created(Agent agent, String token) {
    }

    /** A new agent who can also sign in to the browser desk with {@code password}. */
    @Transactional
    public Created create(String name, String email, Role role, String password) {
        String hash = password == null ? null : passwords.hash(password, "password");
        Created created = create(name, email, role);
        if (hash != null) {
            agents.setPasswordHash(created.agent().id(), hash);
        }
        return created;
    }

    /** Sets (or resets) an agent's sign-in password; the lock after failed sign-ins is lifted. */
    @Transactional
    public void setPassword(long agentId, String password) {
        String hash = passwords.hash(password, "password");
        Agent agent = agents.byId(agentId).orElseThrow(() -> EarshotException.notFound("agent", Long.toString(agentId)));
        agents.setPasswordHash(agentId, hash);
        publisher.publishEvent(new PasswordChanged(agentId, agent.email()));
    }

    @Transactional
    public Created create(String name, String email, Role role) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw EarshotException.invalid("name", "name must not be blank and at most 200 characters");
        }
        if (email == null || email.strip().length() > 320 || !email.strip().matches("[^@\\s]+@[^@\\s]+")) {
            throw EarshotException.invalid("email", "email must be an address like name@example.com, at most 320 characters");
        }
        String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
        if (agents.byEmail(normalisedEmail).isPresent()) {
            throw new EarshotException(409, "conflict", "an agent with email '" + normalisedEmail + "' exists already", "email");
        }
        Agent agent = new Agent(ids.nextId(), name.trim(), normalisedEmail, role);
        String token = tokens.newToken();
        try {
            agents.insert(agent, Tokens.hash(token), clock.millis());
        } catch (DuplicateKeyException e) {
            throw new EarshotException(409, "conflict", "an agent with email '" + normalisedEmail + "' exists already", "email");
        }
        return new Created(agent, token);
    }

    public Optional<Agent> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return agents.byTokenHash(Tokens.hash(token.trim()));
    }

    /**
     * The admin token comes from EARSHOT_ADMIN_TOKEN, or is generated and printed once on the first start. Called by
     * {@link AdminBootstrap} before the web server opens, so the token works from the first request.
     */
    @Transactional
    public void bootstrapAdmin() {
        List<FirstStartConsole.Shown> shown = new java.util.ArrayList<>();
        String configured = settings.adminToken();
        Optional<Agent> existing = agents.byEmail(BOOTSTRAP_EMAIL);
        if (configured != null && !configured.isBlank()) {
            String hash = Tokens.hash(configured.trim());
            if (existing.isPresent()) {
                agents.updateTokenHash(existing.get().id(), hash);
            } else {
                agents.insert(new Agent(ids.nextId(), "Admin", BOOTSTRAP_EMAIL, Role.ADMIN), hash, clock.millis());
            }
        } else if (existing.isEmpty() && !agents.anyAdmin()) {
            String token = tokens.newToken();
            agents.insert(new Agent(ids.nextId(), "Admin", BOOTSTRAP_EMAIL, Role.ADMIN), Tokens.hash(token), clock.millis());
            shown.add(new FirstStartConsole.Shown("Admin API token (only its hash is stored):", token,
                    "Set EARSHOT_ADMIN_TOKEN to choose your own."));
        }
        bootstrapPassword().ifPresent(password -> shown.add(new FirstStartConsole.Shown(
                "Desk password: sign in at /login as " + BOOTSTRAP_EMAIL + " with", password,
                "Set EARSHOT_ADMIN_PASSWORD to choose your own.")));
        console.show(shown);
    }

    /** The bootstrap admin signs in to the desk as admin@earshot.local with EARSHOT_ADMIN_PASSWORD, or a made one (returned, to show). */
    private Optional<String> bootstrapPassword() {
        Optional<Agents.Credentials> admin = agents.credentials(BOOTSTRAP_EMAIL);
        if (admin.isEmpty()) {
            return Optional.empty();
        }
        String configured = settings.adminPassword();
        if (configured != null && !configured.isBlank()) {
            agents.setPasswordHash(admin.get().agent().id(), passwords.hash(configured, "EARSHOT_ADMIN_PASSWORD"));
        } else if (admin.get().passwordHash() == null) {
            String password = tokens.newToken().substring(0, 16);
            agents.setPasswordHash(admin.get().agent().id(), passwords.hash(password, "password"));
            return Optional.of(password);
        }
        return Optional.empty();
    }
}
