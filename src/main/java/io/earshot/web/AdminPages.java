package io.earshot.web;

import io.earshot.followup.BusinessCalendar;
import io.earshot.platform.Agent;
import io.earshot.platform.AgentService;
import io.earshot.platform.Agents;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.earshot.platform.Role;
import io.earshot.platform.Team;
import io.earshot.platform.Teams;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages: agents (create, put in a team, reset a password) and teams with their business calendars. */
@Controller
class AdminPages {

    private final AgentService agentService;
    private final Agents agents;
    private final Teams teams;
    private final CurrentAgent current;

    AdminPages(AgentService agentService, Agents agents, Teams teams, CurrentAgent current) {
        this.agentService = agentService;
        this.agents = agents;
        this.teams = teams;
        this.current = current;
    }

    @GetMapping("/admin")
    String admin(Principal principal, Model model) {
        model.addAttribute("agent", current.of(principal));
        model.addAttribute("agents", agents.all());
        Map<Long, String> teamOf = new LinkedHashMap<>();
        for (Agent a : agents.all()) {
            teams.teamOf(a.id()).ifPresent(t -> teamOf.put(a.id(), t.name()));
        }
        model.addAttribute("teamOf", teamOf);
        model.addAttribute("teams", teams.all());
        model.addAttribute("roles", Role.values());
        return "admin";
    }

    @PostMapping("/admin/agents")
    String createAgent(@RequestParam String name, @RequestParam String email, @RequestParam String role,
                       @RequestParam String password, @RequestParam(required = false) String team, RedirectAttributes flash) {
        try {
            if (name.isBlank() || !email.matches("[^@\\s]+@[^@\\s]+")) {
                throw EarshotException.invalid("email", "a name and an email address like name@example.com are needed");
            }
            Role r = Role.fromWire(role).orElseThrow(() -> EarshotException.invalid("role", "role must be agent, lead or admin"));
            Long teamId = team == null || team.isBlank() ? null : Ids.parse(team).flatMap(teams::byId).map(Team::id)
                    .orElseThrow(() -> EarshotException.invalid("team", "there is no such team"));
            AgentService.Created created = agentService.create(name.strip(), email, r, password);
            if (teamId != null) {
                teams.join(created.agent().id(), teamId);
            }
            flash.addFlashAttribute("notice", "Agent " + created.agent().name() + " created. Their API token is below, shown only now.");
            flash.addFlashAttribute("shownToken", created.token());
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin";
    }

    @PostMapping("/admin/agents/{id}/password")
    String resetPassword(@PathVariable String id, @RequestParam String password, RedirectAttributes flash) {
        try {
            agentService.setPassword(Ids.require(id, "agent"), password);
            flash.addFlashAttribute("notice", "Password reset; any sign-in lock is lifted.");
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin";
    }

    @PostMapping("/admin/agents/{id}/team")
    String join(@PathVariable String id, @RequestParam(required = false) String team, RedirectAttributes flash) {
        long agentId = Ids.require(id, "agent");
        Long teamId = team == null || team.isBlank() ? null : Ids.parse(team).flatMap(teams::byId).map(Team::id).orElse(null);
        teams.join(agentId, teamId);
        flash.addFlashAttribute("notice", "Team changed.");
        return "redirect:/admin";
    }

    @PostMapping("/admin/teams")
    String createTeam(@RequestParam String name, @RequestParam(defaultValue = "UTC") String timeZone,
                      @RequestParam(defaultValue = "mon-fri 09:00-17:00") String hours, @RequestParam(defaultValue = "") String holidays,
                      @RequestParam(required = false) String lead, RedirectAttributes flash) {
        try {
            if (name.isBlank() || name.length() > 200) {
                throw EarshotException.invalid("name", "a team needs a name of at most 200 characters");
            }
            String days = String.join(",", java.util.Arrays.stream(holidays.split("[,\\s]+")).filter(s -> !s.isBlank()).toList());
            BusinessCalendar.parse(timeZone, hours, days);
            Long leadId = lead == null || lead.isBlank() ? null : Ids.parse(lead).flatMap(agents::byId).map(Agent::id).orElse(null);
            teams.create(name.strip(), timeZone.strip(), hours.strip(), days, leadId);
            flash.addFlashAttribute("notice", "Team " + name.strip() + " created.");
        } catch (EarshotException | IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        } catch (DuplicateKeyException e) {
            flash.addFlashAttribute("problem", "a team named '" + name.strip() + "' exists");
        }
        return "redirect:/admin";
    }
}
