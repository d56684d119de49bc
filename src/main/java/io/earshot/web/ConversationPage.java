package io.earshot.web;

import io.earshot.conversation.CannedResponse;
import io.earshot.conversation.CannedResponses;
import io.earshot.conversation.ConversationDetail;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationService;
import io.earshot.conversation.ConversationView;
import io.earshot.conversation.ToneCheck;
import io.earshot.followup.Commitments;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.earshot.platform.Team;
import io.earshot.platform.Teams;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One conversation: the timeline across channels, signals, the customer card, SLA clocks, promises, and actions.
 * A reply is read first (tone check) and compared with what the agent saw (a newer message from the customer or
 * another agent); either asks the agent to confirm before it goes.
 */
@Controller
class ConversationPage {

    private final ConversationQueries conversations;
    private final ConversationService service;
    private final Commitments commitments;
    private final CannedResponses canned;
    private final Teams teams;
    private final Presence presence;
    private final CurrentAgent current;
    private final io.earshot.platform.Agents agents;
    private final ReplyRoutes routes;

    ConversationPage(io.earshot.platform.Agents agents, ConversationQueries conversations, ConversationService service,
                     Commitments commitments, CannedResponses canned, Teams teams, Presence presence, CurrentAgent current,
                     ReplyRoutes routes) {
        this.routes = routes;
        this.conversations = conversations;
        this.service = service;
        this.commitments = commitments;
        this.canned = canned;
        this.teams = teams;
        this.presence = presence;
        this.current = current;
        this.agents = agents;
    }

    @GetMapping("/conversations/{id}")
    String show(@PathVariable String id, @RequestParam(required = false) String replyTo, Principal principal, Model model,
                HttpServletResponse response) {
        Agent agent = current.of(principal);
        if (replyTo != null && !replyTo.isBlank() && !model.containsAttribute("replyTo")) {
            model.addAttribute("replyTo", replyTo);
        }
        if (!fill(model, id, agent)) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "not-found";
        }
        return "conversation";
    }

    /** Puts the conversation on the page's model; false when there is no such conversation. */
    private boolean fill(Model model, String id, Agent agent) {
        ConversationDetail detail;
        try {
            detail = conversations.detail(id);
        } catch (EarshotException e) {
            model.addAttribute("agent", agent);
            return false;
        }
        long key = Ids.require(id, "conversation");
        List<ConversationDetail.MessageView> messages = detail.messages();
        model.addAttribute("c", detail.conversation());
        model.addAttribute("messages", messages);
        model.addAttribute("events", detail.events());
        model.addAttribute("promises", commitments.list(null, null, key, 100));
        model.addAttribute("customer", service.customer(detail.conversation().customer().id()));
        model.addAttribute("agent", agent);
        model.addAttribute("canned", canned.forTeam(teams.teamOf(agent.id()).map(Team::id).orElse(null)));
        model.addAttribute("seen", messages.isEmpty() ? "" : messages.get(messages.size() - 1).id());
        model.addAttribute("presence", presence.fragment(key));
        model.addAttribute("agents", agents.all());
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", "");
        }
        model.addAttribute("routes", routes.options(detail.routes(), (String) model.getAttribute("replyTo")));
        model.addAttribute("listenOnly", ReplyRoutes.listenOnly(detail));
        model.addAttribute("attachments", routes.attachments(messages));
        model.addAttribute("accountNames", routes.accountNames(messages));
        return true;
    }

    /** The composer filled with a canned response for this customer. */
    @GetMapping("/conversations/{id}/compose")
    String compose(@PathVariable String id, @RequestParam(required = false) String canned,
                   @RequestParam(required = false) String replyTo, Principal principal, Model model) {
        Agent agent = current.of(principal);
        ConversationView c = conversations.one(Ids.require(id, "conversation"))
                .orElseThrow(() -> io.earshot.platform.EarshotException.notFound("conversation", Ids.shown(id)));
        String text = "";
        String cannedId = "";
        if (canned != null && !canned.isBlank()) {
            CannedResponse r = this.canned.byId(Ids.parse(canned).orElse(-1L)).orElse(null);
            if (r != null) {
                text = CannedResponses.fill(r.body(), c.customer().name(), c.customer().handle(), agent);
                cannedId = r.id();
            }
        }
        model.addAttribute("c", c);
        model.addAttribute("draft", text);
        model.addAttribute("cannedId", cannedId);
        model.addAttribute("canned", this.canned.forTeam(teams.teamOf(agent.id()).map(Team::id).orElse(null)));
        ConversationDetail detail = conversations.detail(id);
        model.addAttribute("seen", detail.messages().stream().reduce((a, b) -> b).map(m -> m.id()).orElse(""));
        model.addAttribute("routes", routes.options(detail.routes(), replyTo));
        model.addAttribute("listenOnly", ReplyRoutes.listenOnly(detail));
        return "conversation :: composer";
    }

    @PostMapping("/conversations/{id}/reply")
    String reply(@PathVariable String id, @RequestParam(defaultValue = "") String text,
                 @RequestParam(defaultValue = "false") boolean privateMessage, @RequestParam(required = false) String cannedId,
                 @RequestParam(required = false) String seen, @RequestParam(defaultValue = "false") boolean confirm,
                 @RequestParam(required = false) String replyTo,
                 Principal principal, Model model, HttpServletResponse response, RedirectAttributes flash) {
        String answering = replyTo == null || replyTo.isBlank() ? null : replyTo;
        Agent agent = current.of(principal);
        if (!confirm) {
            List<ToneCheck.Warning> warnings = new ArrayList<>(newer(id, seen, agent));
            ConversationView c = conversations.one(Ids.require(id, "conversation")).orElse(null);
            if (c != null) {
                String cannedText = null;
                if (cannedId != null && !cannedId.isBlank()) {
                    cannedText = canned.byId(Ids.parse(cannedId).orElse(-1L))
                            .map(r -> CannedResponses.fill(r.body(), c.customer().name(), c.customer().handle(), agent)).orElse(null);
                }
                io.earshot.conversation.ReplyRoute route = conversations.route(Long.parseLong(c.id()), answering).orElse(null);
                warnings.addAll(ToneCheck.check(text, new ToneCheck.Context(route == null ? c.channel() : route.channel(), c.intent(),
                        c.sentiment().label(), c.customer().name(), c.customer().handle(), privateMessage, cannedText,
                        route == null ? 0 : route.replyLimit())));
            }
            if (!privateMessage) {
                warnings.addAll(commitments.checkDraft(text, agent));
            }
            if (!warnings.isEmpty() && !text.isBlank()) {
                model.addAttribute("draft", text);
                model.addAttribute("warnings", warnings);
                model.addAttribute("cannedId", cannedId == null ? "" : cannedId);
                model.addAttribute("privateMessage", privateMessage);
                model.addAttribute("replyTo", answering == null ? "" : answering);
                if (!fill(model, id, agent)) {
                    response.setStatus(HttpStatus.NOT_FOUND.value());
                    return "not-found";
                }
                model.addAttribute("seen", seen == null ? "" : seen); // confirming keeps what the agent saw
                return "conversation";
            }
        }
        try {
            ConversationService.Reply r = service.reply(new io.earshot.conversation.ReplyCommand(id, agent, text, privateMessage, answering));
            flash.addFlashAttribute("notice", r.promises().isEmpty() ? "Reply sent."
                    : "Reply sent. Promises tracked: " + r.promises().size() + ".");
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            flash.addFlashAttribute("draft", text);
            flash.addFlashAttribute("replyTo", answering == null ? "" : answering);
        }
        return "redirect:/conversations/" + id;
    }

    /** Tries a failed delivery again (the retry button beside a reply that did not reach the customer). */
    @PostMapping("/conversations/{id}/messages/{messageId}/retry")
    String retry(@PathVariable String id, @PathVariable String messageId, Principal principal, RedirectAttributes flash) {
        try {
            service.retryDelivery(id, messageId, current.of(principal));
            flash.addFlashAttribute("notice", "Delivery tried again.");
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/conversations/" + id;
    }

    /** Messages that came after the one the agent last saw: the customer wrote again, or someone else answered. */
    private List<ToneCheck.Warning> newer(String id, String seen, Agent agent) {
        if (seen == null || seen.isBlank()) {
            return List.of();
        }
        List<ConversationDetail.MessageView> messages;
        try {
            messages = conversations.detail(id).messages();
        } catch (EarshotException e) {
            return List.of();
        }
        int at = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).id().equals(seen)) {
                at = i;
            }
        }
        List<ToneCheck.Warning> out = new ArrayList<>();
        for (int i = at + 1; at >= 0 && i < messages.size(); i++) {
            ConversationDetail.MessageView m = messages.get(i);
            if ("inbound".equals(m.direction())) {
                out.add(new ToneCheck.Warning("newer_message", "The customer wrote again since you opened this: \""
                        + shorten(m.text()) + "\""));
            } else if (m.author().agentId() == null || !m.author().agentId().equals(Long.toString(agent.id()))) {
                out.add(new ToneCheck.Warning("newer_reply", (m.author().name() == null ? "Someone" : m.author().name())
                        + " replied since you opened this: \"" + shorten(m.text()) + "\""));
            }
        }
        return out;
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 119) + "…";
    }

    @GetMapping(path = "/conversations/{id}/presence", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter presence(@PathVariable String id, Principal principal) {
        Agent agent = current.of(principal);
        long key = Ids.require(id, "conversation");
        conversations.one(key).orElseThrow(() -> EarshotException.notFound("conversation", id));
        return presence.join(key, agent.email(), agent.name());
    }

    @PostMapping("/conversations/{id}/typing")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void typing(@PathVariable String id, Principal principal) {
        presence.typing(Ids.require(id, "conversation"), current.of(principal).email());
    }

    @PostMapping("/conversations/{id}/status")
    String status(@PathVariable String id, @RequestParam String status, @RequestParam(defaultValue = "false") boolean confirm,
                  Principal principal, RedirectAttributes flash) {
        if ("resolved".equals(status) && !confirm) {
            List<String> open = Ids.parse(id).map(key -> commitments.list("open", null, key, 100).stream()
                    .map(p -> "\u201c" + shorten(p.text()) + "\u201d").toList()).orElse(List.of());
            if (!open.isEmpty()) {
                flash.addFlashAttribute("confirmResolve", (open.size() == 1 ? "This case has an open promise: "
                        : "This case has " + open.size() + " open promises: ") + String.join(", ", open) + ". Resolve it anyway?");
                return "redirect:/conversations/" + id;
            }
        }
        try {
            service.changeStatus(id, status, null, current.of(principal));
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/conversations/" + id;
    }

    /** A lead merges another customer (a second account of the same person) into this conversation's customer. */
    @PostMapping("/conversations/{id}/merge")
    String merge(@PathVariable String id, @RequestParam String customer, @RequestParam(defaultValue = "") String other,
                 Principal principal, RedirectAttributes flash) {
        Agent agent = current.of(principal);
        try {
            if (!agent.holds(io.earshot.platform.Role.LEAD)) {
                throw new EarshotException(403, "forbidden", "only a lead or an admin may merge customers", null);
            }
            service.merge(customer, other.strip(), agent);
            flash.addFlashAttribute("notice", "Customer " + other.strip() + " merged into this one.");
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/conversations/" + id;
    }

    @PostMapping("/conversations/{id}/take")
    String take(@PathVariable String id, @RequestParam(required = false) String to, Principal principal, RedirectAttributes flash) {
        Agent agent = current.of(principal);
        try {
            service.assign(id, to == null || to.isBlank() ? Long.toString(agent.id()) : to, agent);
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/conversations/" + id;
    }
}
