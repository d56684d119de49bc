package io.earshot.web;

import io.earshot.conversation.CannedResponses;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.earshot.platform.Team;
import io.earshot.platform.Teams;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Leads keep the canned responses: for every team or for one, with placeholders. */
@Controller
class CannedPage {

    private final CannedResponses canned;
    private final Teams teams;
    private final CurrentAgent current;

    CannedPage(CannedResponses canned, Teams teams, CurrentAgent current) {
        this.canned = canned;
        this.teams = teams;
        this.current = current;
    }

    @GetMapping("/canned")
    String list(Principal principal, Model model) {
        model.addAttribute("agent", current.of(principal));
        model.addAttribute("items", canned.all());
        model.addAttribute("teams", teams.all());
        return "canned";
    }

    @PostMapping("/canned")
    String save(@RequestParam(required = false) String id, @RequestParam String title, @RequestParam String body,
                @RequestParam(required = false) String team, Principal principal, RedirectAttributes flash) {
        try {
            Long teamId = team == null || team.isBlank() ? null : Ids.parse(team).flatMap(teams::byId).map(Team::id).orElse(null);
            if (id == null || id.isBlank()) {
                canned.create(title, body, teamId, current.of(principal));
                flash.addFlashAttribute("notice", "Canned response added.");
            } else {
                canned.update(Ids.require(id, "canned response"), title, body, teamId);
                flash.addFlashAttribute("notice", "Canned response saved.");
            }
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/canned";
    }

    @PostMapping("/canned/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes flash) {
        canned.delete(Ids.require(id, "canned response"));
        flash.addFlashAttribute("notice", "Canned response deleted.");
        return "redirect:/canned";
    }
}
