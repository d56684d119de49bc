package io.earshot.web;

import io.earshot.conversation.ConversationDetail;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationService;
import io.earshot.followup.Commitments;
import io.earshot.followup.FollowThrough;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One conversation: the timeline across channels, signals, the customer card, SLA clocks, promises, and actions. */
@Controller
class ConversationPage {

    private final ConversationQueries conversations;
    private final ConversationService service;
    private final FollowThrough followThrough;
    private final Commitments commitments;
    private final CurrentAgent current;

    ConversationPage(ConversationQueries conversations, ConversationService service, FollowThrough followThrough,
                     Commitments commitments, CurrentAgent current) {
        this.conversations = conversations;
        this.service = service;
        this.followThrough = followThrough;
        this.commitments = commitments;
        this.current = current;
    }

    @GetMapping("/conversations/{id}")
    String show(@PathVariable String id, Principal principal, Model model, jakarta.servlet.http.HttpServletResponse response) {
        ConversationDetail detail;
        try {
            detail = conversations.detail(id);
        } catch (EarshotException e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("agent", current.of(principal));
            return "not-found";
        }
        long key = Ids.require(id, "conversation");
        model.addAttribute("c", detail.conversation());
        model.addAttribute("messages", detail.messages());
        model.addAttribute("events", detail.events());
        model.addAttribute("promises", commitments.list(null, null, key, 100));
        model.addAttribute("customer", service.customer(detail.conversation().customer().id()));
        model.addAttribute("agent", current.of(principal));
        return "conversation";
    }

    @PostMapping("/conversations/{id}/reply")
    String reply(@PathVariable String id, @RequestParam(defaultValue = "") String text,
                 @RequestParam(defaultValue = "false") boolean privateMessage, Principal principal, RedirectAttributes flash) {
        Agent agent = current.of(principal);
        try {
            FollowThrough.Reply r = followThrough.reply(id, agent, text, privateMessage);
            flash.addFlashAttribute("notice", r.commitments().isEmpty() ? "Reply sent."
                    : "Reply sent. Promises tracked: " + r.commitments().size() + ".");
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            flash.addFlashAttribute("draft", text);
        }
        return "redirect:/conversations/" + id;
    }

    @PostMapping("/conversations/{id}/status")
    String status(@PathVariable String id, @RequestParam String status, Principal principal, RedirectAttributes flash) {
        try {
            service.changeStatus(id, status, null, current.of(principal));
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/conversations/" + id;
    }

    @PostMapping("/conversations/{id}/take")
    String take(@PathVariable String id, Principal principal, RedirectAttributes flash) {
        Agent agent = current.of(principal);
        try {
            service.assign(id, Long.toString(agent.id()), agent);
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/conversations/" + id;
    }
}
