package io.earshot.api;

import io.earshot.channels.ChannelAccount;
import io.earshot.channels.ChannelAccounts;
import io.earshot.channels.Check;
import io.earshot.channels.Connectors;
import io.earshot.channels.Setting;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Channel accounts (admin): the mailboxes, chat widgets and webhook sources Earshot hears and answers on. */
@RestController
@Tag(name = "Channel accounts")
class ChannelAccountsController {

    private final ChannelAccounts accounts;
    private final Connectors connectors;

    ChannelAccountsController(ChannelAccounts accounts, Connectors connectors) {
        this.accounts = accounts;
        this.connectors = connectors;
    }

    /** A kind of account and what it takes. */
    record Kind(String kind, String channel, boolean publicChannel, int replyLimit, List<String> threadingKeys,
                List<Setting> settings) {
    }

    @Operation(summary = "The kinds of account this Earshot can connect, with the settings and secrets each takes")
    @GetMapping("/api/v1/channel-accounts/kinds")
    Map<String, Object> kinds() {
        return Map.of("items", connectors.all().stream().map(c -> new Kind(c.kind(), c.traits().channel(),
                c.traits().publicChannel(), c.traits().replyLimit(), c.traits().threadingKeys(), c.settings())).toList());
    }

    @Operation(summary = "Connect an account: {kind, name, settings: {..}, secrets: {..}}",
            description = "Settings are checked against what the kind takes (GET /channel-accounts/kinds). Secrets are sealed "
                    + "with EARSHOT_SECRET_KEY and never shown again; without that key an account with secrets is refused. "
                    + "The account is active at once: its connector starts on one instance.")
    @PostMapping("/api/v1/channel-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelAccount create(@Valid @RequestBody NewAccount body) {
        return accounts.create(body.kind(), body.name(), body.settings(), body.secrets());
    }

    /** {kind, name, settings, secrets}. */
    record NewAccount(@Bodies.Text @Bodies.Required @Size(max = 16, message = Bodies.LONGER) String kind,
                      @Bodies.Text @Bodies.Required @Size(max = 200, message = Bodies.LONGER) String name,
                      @Size(max = 50, message = Bodies.AT_MOST) Map<String, String> settings,
                      @Size(max = 20, message = Bodies.AT_MOST) Map<String, String> secrets) {
    }

    /** {name?, settings?, secrets?}: what is left out is kept; a secret given as "" is removed. */
    record AccountChange(@Bodies.Text @Size(max = 200, message = Bodies.LONGER) String name,
                         @Size(max = 50, message = Bodies.AT_MOST) Map<String, String> settings,
                         @Size(max = 20, message = Bodies.AT_MOST) Map<String, String> secrets) {
    }

    @Operation(summary = "The accounts, with their health (secrets are never shown, only their names)")
    @GetMapping("/api/v1/channel-accounts")
    Map<String, Object> list() {
        return Map.of("items", accounts.all());
    }

    @Operation(summary = "One account with its health: running, last success, last error, rate limit, backlog")
    @GetMapping("/api/v1/channel-accounts/{id}")
    ChannelAccount one(@PathVariable String id) {
        return accounts.byId(Ids.require(id, "channel account")).orElseThrow(() -> EarshotException.notFound("channel account", id));
    }

    @Operation(summary = "Change an account's name, settings or secrets; its connector restarts with them")
    @PatchMapping("/api/v1/channel-accounts/{id}")
    ChannelAccount change(@PathVariable String id, @Valid @RequestBody AccountChange body) {
        return accounts.update(Ids.require(id, "channel account"), body.name(), body.settings(), body.secrets());
    }

    @Operation(summary = "Check connection: try the account's settings against the provider")
    @PostMapping("/api/v1/channel-accounts/{id}/check")
    Check check(@PathVariable String id) {
        return accounts.check(Ids.require(id, "channel account"));
    }

    @Operation(summary = "Pause an account: its connector stops and replies on it wait")
    @PostMapping("/api/v1/channel-accounts/{id}/pause")
    ChannelAccount pause(@PathVariable String id) {
        return accounts.pause(Ids.require(id, "channel account"));
    }

    @Operation(summary = "Resume a paused account")
    @PostMapping("/api/v1/channel-accounts/{id}/resume")
    ChannelAccount resume(@PathVariable String id) {
        return accounts.resume(Ids.require(id, "channel account"));
    }

    @Operation(summary = "Delete an account; its messages stay")
    @DeleteMapping("/api/v1/channel-accounts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        accounts.delete(Ids.require(id, "channel account"));
    }
}
