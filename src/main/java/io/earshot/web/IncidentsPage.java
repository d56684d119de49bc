package io.earshot.web;

import io.earshot.incidents.Incident;
import io.earshot.incidents.Incidents;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Role;
import java.security.Principal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The incidents: the list, and one incident's page with its size, its growth per hour, its members with their
 * similarity (a lead takes one out or adds one), the update composer and the log of updates with their reach per
 * channel. The page's live part reloads itself every 15 s (htmx).
 */
@Controller
class IncidentsPage {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final Incidents incidents;
    private final CurrentAgent current;

    IncidentsPage(Incidents incidents, CurrentAgent current) {
        this.incidents = incidents;
        this.current = current;
    }

    @GetMapping("/incidents")
    String list(Principal principal, Model model) {
        model.addAttribute("agent", current.of(principal));
        model.addAttribute("incidents", incidents.recent(200));
        return "incidents";
    }

    @GetMapping("/incidents/{id}")
    String one(@PathVariable String id, Principal principal, Model model) {
        Agent agent = current.of(principal);
        Incident incident = incidents.get(id);
        List<Incident.Growth> growth = incidents.growth(id);
        model.addAttribute("agent", agent);
        model.addAttribute("lead", agent.holds(Role.LEAD));
        model.addAttribute("incident", incident);
        model.addAttribute("growth", growth.isEmpty() ? SvgCharts.empty("Members joined per hour")
                : SvgCharts.histogram("Members joined per hour", "hour (UTC)", "joined", "joined", "incident-growth",
                        growth.stream().map(g -> HOUR.format(g.hourStart())).toList(),
                        growth.stream().mapToLong(Incident.Growth::joined).toArray()));
        return "incident";
    }

    @PostMapping("/incidents/{id}/updates")
    String update(@PathVariable String id, @RequestParam String text, Principal principal, RedirectAttributes flash) {
        return act(id, flash, "Update queued for every customer.", () -> incidents.update(id, text, null, lead(principal)));
    }

    @PostMapping("/incidents/{id}/resolve")
    String resolve(@PathVariable String id, @RequestParam String text, Principal principal, RedirectAttributes flash) {
        return act(id, flash, "Resolved: the fix goes to every customer, and their conversations resolve.",
                () -> incidents.resolve(id, text, null, lead(principal)));
    }

    @PostMapping("/incidents/{id}/conversations")
    String add(@PathVariable String id, @RequestParam String conversationId, Principal principal, RedirectAttributes flash) {
        return act(id, flash, "Conversation added.", () -> incidents.add(id, List.of(conversationId.strip()), lead(principal)));
    }

    @PostMapping("/incidents/{id}/conversations/{conversationId}/remove")
    String remove(@PathVariable String id, @PathVariable String conversationId, Principal principal, RedirectAttributes flash) {
        return act(id, flash, "Conversation taken out.", () -> incidents.remove(id, conversationId, lead(principal)));
    }

    private Agent lead(Principal principal) {
        Agent agent = current.of(principal);
        if (!agent.holds(Role.LEAD)) {
            throw new EarshotException(403, "forbidden", "only a lead may change an incident", null);
        }
        return agent;
    }

    private static String act(String id, RedirectAttributes flash, String done, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", done);
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/incidents/" + id;
    }
}
