package io.earshot.web;

import io.earshot.channels.ChannelAccount;
import io.earshot.channels.ChannelAccounts;
import io.earshot.channels.Check;
import io.earshot.channels.Connector;
import io.earshot.channels.Connectors;
import io.earshot.channels.Setting;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/channels}: the channel accounts with their health, "check connection", pause, resume and delete, and a
 * form to add or change an account with the settings and secrets its kind takes. Secrets are never written into the
 * page: their inputs are empty password fields, and a field left empty when changing an account keeps the stored one.
 */
@Controller
class ChannelsPage {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final String SETTING = "setting.";
    private static final String SECRET = "secret.";

    private final ChannelAccounts accounts;
    private final Connectors connectors;
    private final CurrentAgent current;

    ChannelsPage(ChannelAccounts accounts, Connectors connectors, CurrentAgent current) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.current = current;
    }

    /** One account as the table shows it, its times written out. */
    record Row(ChannelAccount account, String running, String lastSuccess, String lastError, String rateLimitedUntil,
               String nextStart) {
    }

    /** The add/change form: the account being changed (null: a new one), its kind's settings and the values shown. */
    record Form(ChannelAccount editing, String kind, String name, List<Setting> settings, Map<String, String> values) {
    }

    @GetMapping("/admin/channels")
    String page(Principal principal, @RequestParam(required = false) String kind, @RequestParam(required = false) String edit,
                Model model) {
        model.addAttribute("agent", current.of(principal));
        model.addAttribute("rows", accounts.all().stream().map(ChannelsPage::row).toList());
        model.addAttribute("kinds", connectors.all().stream().map(Connector::kind).toList());
        ChannelAccount editing = edit == null ? null : Ids.parse(edit).flatMap(accounts::byId).orElse(null);
        Map<String, Object> draft = model.containsAttribute("draft") ? draftOf(model) : Map.of();
        String chosen = editing != null ? editing.kind() : kind != null ? kind : (String) draft.get("kind");
        Connector connector = chosen == null ? connectors.all().stream().findFirst().orElse(null)
                : connectors.of(chosen).orElse(connectors.all().stream().findFirst().orElse(null));
        if (connector != null) {
            Map<String, String> values = new LinkedHashMap<>(editing != null ? editing.settings() : Map.of());
            @SuppressWarnings("unchecked")
            Map<String, String> typed = (Map<String, String>) draft.getOrDefault("settings", Map.of());
            values.putAll(typed);
            String name = draft.get("name") != null ? (String) draft.get("name") : editing != null ? editing.name() : "";
            model.addAttribute("form", new Form(editing, connector.kind(), name, connector.settings(), values));
        }
        return "admin-channels";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> draftOf(Model model) {
        return (Map<String, Object>) model.getAttribute("draft");
    }

    @PostMapping("/admin/channels")
    String create(@RequestParam String kind, @RequestParam(defaultValue = "") String name, HttpServletRequest request,
                  RedirectAttributes flash) {
        Map<String, String> settings = given(request, SETTING);
        try {
            ChannelAccount created = accounts.create(kind, name, settings, given(request, SECRET));
            flash.addFlashAttribute("notice", "Account " + created.name() + " added (id " + created.id() + ").");
            return "redirect:/admin/channels";
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", problem(e));
            if (connectors.of(kind).isEmpty()) {
                return "redirect:/admin/channels"; // not a kind: nothing to show again (and no such text in a Location)
            }
            flash.addFlashAttribute("draft", Map.of("kind", kind, "name", name, "settings", settings));
            return "redirect:/admin/channels?kind=" + java.net.URLEncoder.encode(kind, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @PostMapping("/admin/channels/{id}")
    String change(@PathVariable String id, @RequestParam(defaultValue = "") String name, HttpServletRequest request,
                  RedirectAttributes flash) {
        long accountId = Ids.require(id, "channel account");
        Map<String, String> settings = given(request, SETTING);
        try {
            // a secret left empty is left out, so the stored one is kept
            ChannelAccount changed = accounts.update(accountId, name, settings, given(request, SECRET));
            flash.addFlashAttribute("notice", "Account " + changed.name() + " changed; its connector restarts with the new settings.");
            return "redirect:/admin/channels";
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", problem(e));
            flash.addFlashAttribute("draft", Map.of("name", name, "settings", settings));
            return "redirect:/admin/channels?edit=" + accountId;
        }
    }

    @PostMapping("/admin/channels/{id}/check")
    String check(@PathVariable String id, @RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
                 RedirectAttributes flash) {
        Check result = accounts.check(Ids.require(id, "channel account"));
        if (htmx != null) {
            model.addAttribute("check", result);
            return "admin-channels :: check";
        }
        flash.addFlashAttribute(result.ok() ? "notice" : "problem", (result.ok() ? "Connection works: " : "Connection failed: ")
                + result.message());
        return "redirect:/admin/channels";
    }

    @PostMapping("/admin/channels/{id}/pause")
    String pause(@PathVariable String id, RedirectAttributes flash) {
        flash.addFlashAttribute("notice", "Account " + accounts.pause(Ids.require(id, "channel account")).name()
                + " paused: it hears nothing and its replies wait.");
        return "redirect:/admin/channels";
    }

    @PostMapping("/admin/channels/{id}/resume")
    String resume(@PathVariable String id, RedirectAttributes flash) {
        flash.addFlashAttribute("notice", "Account " + accounts.resume(Ids.require(id, "channel account")).name() + " resumed.");
        return "redirect:/admin/channels";
    }

    @PostMapping("/admin/channels/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes flash) {
        accounts.delete(Ids.require(id, "channel account"));
        flash.addFlashAttribute("notice", "Account deleted; its messages stay.");
        return "redirect:/admin/channels";
    }

    /** The form's fields named {@code prefix + name}, those left empty left out; settings trimmed, secrets as typed. */
    private static Map<String, String> given(HttpServletRequest request, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (k.startsWith(prefix) && v.length > 0 && !v[0].isBlank()) {
                out.put(k.substring(prefix.length()), prefix.equals(SECRET) ? v[0] : v[0].strip());
            }
        });
        return out;
    }

    /** The service's refusal in words, naming the field as the form shows it. */
    private static String problem(EarshotException e) {
        String field = e.field() == null ? null : e.field().replaceFirst("^(settings|secrets)\\.", "");
        return field == null || e.getMessage().startsWith(field) ? e.getMessage() : field + ": " + e.getMessage();
    }

    private static Row row(ChannelAccount a) {
        ChannelAccount.Health h = a.health();
        String running = h.running() ? "running" + (h.runningOn() == null ? "" : " on " + h.runningOn()) : "not running";
        return new Row(a, running, shown(h.lastSuccessAt()), h.lastError() == null ? null : h.lastError()
                + (h.lastErrorAt() == null ? "" : " (" + shown(h.lastErrorAt()) + ")"), shown(h.rateLimitedUntil()),
                shown(h.nextStartAt()));
    }

    private static String shown(Instant at) {
        return at == null ? null : SHOWN.format(at);
    }
}
