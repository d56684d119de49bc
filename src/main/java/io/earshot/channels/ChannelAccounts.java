package io.earshot.channels;

import io.earshot.channels.internal.AccountRows;
import io.earshot.channels.internal.ConnectorRuntime;
import io.earshot.platform.EarshotException;
import io.earshot.platform.IdGenerator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Channel accounts: created, changed, checked, paused, resumed and deleted. Settings are checked against what the
 * connector of their kind takes; secrets are sealed at rest and never shown again.
 */
@Service
public class ChannelAccounts {

    private static final long CHECK_SECONDS = 20;

    private final AccountRows rows;
    private final Connectors connectors;
    private final IdGenerator ids;
    private final Clock clock;
    private final ConnectorRuntime runtime;

    ChannelAccounts(AccountRows rows, Connectors connectors, IdGenerator ids, Clock clock, ConnectorRuntime runtime) {
        this.rows = rows;
        this.connectors = connectors;
        this.ids = ids;
        this.clock = clock;
        this.runtime = runtime;
    }

    /** Creates an account of {@code kind}; it is active at once, and its connector starts on some instance. */
    public ChannelAccount create(String kind, String name, Map<String, String> settings, Map<String, String> secrets) {
        Connector connector = connectors.require(kind);
        String shown = requireName(name);
        long id = ids.nextId();
        AccountSettings account = checked(connector, id, shown, settings, secrets == null ? null : connector.current(secrets));
        try {
            rows.insert(id, kind, shown, account.settings(), account.secrets(), clock.millis());
        } catch (DuplicateKeyException e) {
            throw EarshotException.conflict("there is already a " + kind + " account named '" + shown + "'");
        }
        runtime.nudge();
        return view(id);
    }

    /**
     * Changes an account's name and settings; {@code secrets} null keeps the stored ones, and a secret left out of a
     * given map is kept too (so a form need not show secrets to keep them); an empty value removes it.
     */
    public ChannelAccount update(long id, String name, Map<String, String> settings, Map<String, String> secrets) {
        AccountRows.Row row = row(id);
        Connector connector = connectors.require(row.kind());
        Map<String, String> merged = new LinkedHashMap<>(connector.current(rows.secrets(row)));
        if (secrets != null) {
            secrets.forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
        }
        String shown = name == null ? row.name() : requireName(name);
        AccountSettings account = checked(connector, id, shown, settings == null ? row.settings() : settings,
                connector.current(merged));
        try {
            rows.update(id, shown, account.settings(), account.secrets());
        } catch (DuplicateKeyException e) {
            throw EarshotException.conflict("there is already a " + row.kind() + " account named '" + shown + "'");
        }
        runtime.restart(id);
        return view(id);
    }

    public List<ChannelAccount> all() {
        long now = clock.millis();
        return rows.all().stream().map(r -> AccountRows.view(r, channelOf(r), runtime.running(r.id()), now)).toList();
    }

    public Optional<ChannelAccount> byId(long id) {
        long now = clock.millis();
        return rows.byId(id).map(r -> AccountRows.view(r, channelOf(r), runtime.running(r.id()), now));
    }

    /** Pauses an account: its connector stops (on whichever instance runs it) and replies on it wait. */
    public ChannelAccount pause(long id) {
        row(id);
        rows.setStatus(id, "paused");
        runtime.restart(id);
        return view(id);
    }

    public ChannelAccount resume(long id) {
        row(id);
        rows.setStatus(id, "active");
        runtime.nudge();
        return view(id);
    }

    /** Deletes an account; its messages stay, and replies to them can no longer be sent. */
    public void delete(long id) {
        row(id);
        rows.delete(id);
        runtime.restart(id);
    }

    /** "Check connection": tries the stored settings against the provider, for at most 20 seconds. */
    public Check check(long id) {
        AccountRows.Row row = row(id);
        Connector connector = connectors.require(row.kind());
        AccountSettings account;
        try {
            account = rows.settings(row);
        } catch (IllegalStateException e) {
            return Check.failed(e.getMessage());
        }
        try {
            return CompletableFuture.supplyAsync(() -> connector.check(account)).get(CHECK_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return Check.failed("no answer from the provider within " + CHECK_SECONDS + " seconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.failed("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return Check.failed(String.valueOf(e.getCause().getMessage()));
        }
    }

    /** The settings and secrets of an active account, opened, for a connector that is pushed to (webhook, chat). */
    public Optional<AccountSettings> activeSettings(long id, String kind) {
        return rows.byId(id).filter(r -> r.kind().equals(kind) && "active".equals(r.status())).map(rows::settings);
    }

    private ChannelAccount view(long id) {
        return byId(id).orElseThrow(() -> EarshotException.notFound("channel account", Long.toString(id)));
    }

    private AccountRows.Row row(long id) {
        return rows.byId(id).orElseThrow(() -> EarshotException.notFound("channel account", Long.toString(id)));
    }

    private String channelOf(AccountRows.Row r) {
        return connectors.of(r.kind()).map(c -> c.channel(r.settings())).orElse(r.kind());
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw EarshotException.invalid("name", "name is required");
        }
        if (name.length() > 200) {
            throw EarshotException.invalid("name", "name has at most 200 characters");
        }
        return name.strip();
    }

    /** The settings and secrets, checked against what the connector takes, then by the connector itself. */
    private static AccountSettings checked(Connector connector, long id, String name, Map<String, String> settings,
                                           Map<String, String> secrets) {
        Map<String, String> given = settings == null ? Map.of() : settings;
        Map<String, String> hidden = secrets == null ? Map.of() : secrets;
        Map<String, Setting> known = connector.settings().stream().collect(Collectors.toMap(Setting::name, s -> s));
        Set<String> plain = connector.settings().stream().filter(s -> !s.secret()).map(Setting::name).collect(Collectors.toSet());
        Set<String> sealed = connector.settings().stream().filter(Setting::secret).map(Setting::name).collect(Collectors.toSet());
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (sealed.contains(e.getKey())) {
                throw EarshotException.invalid("settings." + e.getKey(), e.getKey() + " is a secret: give it in secrets, not settings");
            }
            if (!plain.contains(e.getKey())) {
                throw EarshotException.invalid("settings." + e.getKey(), "a " + connector.kind() + " account takes no setting '"
                        + e.getKey() + "'; it takes " + plain);
            }
            if (e.getValue() == null || e.getValue().length() > 2000) {
                throw EarshotException.invalid("settings." + e.getKey(), e.getKey() + " must be text of at most 2000 characters");
            }
        }
        for (Map.Entry<String, String> e : hidden.entrySet()) {
            if (!sealed.contains(e.getKey())) {
                throw EarshotException.invalid("secrets." + e.getKey(), "a " + connector.kind() + " account takes no secret '"
                        + e.getKey() + "'; it takes " + sealed);
            }
            if (e.getValue() == null || e.getValue().length() > 4000) {
                throw EarshotException.invalid("secrets." + e.getKey(), e.getKey() + " must be text of at most 4000 characters");
            }
        }
        for (Setting s : known.values()) {
            if (s.required() && (s.secret() ? hidden : given).getOrDefault(s.name(), "").isBlank()) {
                throw EarshotException.invalid((s.secret() ? "secrets." : "settings.") + s.name(), s.name() + " is required: "
                        + s.description());
            }
        }
        AccountSettings account = new AccountSettings(id, connector.kind(), name, given, hidden);
        connector.validate(account);
        return account;
    }
}
