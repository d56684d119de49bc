package io.earshot.web;

import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationView;
import io.earshot.followup.Commitment;
import io.earshot.followup.Commitments;
import io.earshot.followup.FollowThrough;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The follow-ups queue: promises falling due and promises broken, each with what to do about it in one click (send
 * the drafted status update, mark it kept, open the case). The same actions sit on a conversation's Promises card.
 */
@Controller
class FollowUpsPage {

    private static final int LIMIT = 200;

    /** A promise as the queue shows it, with the customer it was made to. */
    record Row(Commitment promise, String customer, String channel) {
    }

    private final Commitments commitments;
    private final FollowThrough followThrough;
    private final ConversationQueries conversations;
    private final CurrentAgent current;

    FollowUpsPage(Commitments commitments, FollowThrough followThrough, ConversationQueries conversations, CurrentAgent current) {
        this.commitments = commitments;
        this.followThrough = followThrough;
        this.conversations = conversations;
        this.current = current;
    }

    @GetMapping("/follow-ups")
    String queue(@RequestParam(defaultValue = "false") boolean mine, Principal principal, Model model) {
        Agent agent = current.of(principal);
        Long owner = mine ? agent.id() : null;
        Map<String, ConversationView> seen = new HashMap<>();
        model.addAttribute("agent", agent);
        model.addAttribute("mine", mine);
        model.addAttribute("due", rows(commitments.list("due", owner, null, LIMIT), seen));
        model.addAttribute("broken", rows(commitments.list("broken", owner, null, LIMIT), seen));
        return "follow-ups";
    }

    private List<Row> rows(List<Commitment> promises, Map<String, ConversationView> seen) {
        List<Row> out = new ArrayList<>();
        for (Commitment p : promises) {
            ConversationView c = seen.computeIfAbsent(p.conversationId(),
                    id -> conversations.one(Long.parseLong(id)).orElse(null));
            out.add(new Row(p, c == null ? "" : c.customer().name() != null ? c.customer().name() : c.customer().handle(),
                    c == null ? "" : c.channel()));
        }
        out.sort(java.util.Comparator.comparing((Row r) -> r.promise().dueAt()));
        return out;
    }

    @PostMapping("/follow-ups/{id}/kept")
    String kept(@PathVariable String id, @RequestParam(required = false) String back, Principal principal, RedirectAttributes flash) {
        try {
            Commitment c = commitments.markKept(id, current.of(principal));
            flash.addFlashAttribute("notice", "Promise kept: \"" + shorten(c.text()) + "\".");
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return redirect(back);
    }

    @PostMapping("/follow-ups/{id}/send-update")
    String sendUpdate(@PathVariable String id, @RequestParam(required = false) String back, Principal principal,
                      RedirectAttributes flash) {
        try {
            followThrough.sendUpdate(id, current.of(principal));
            flash.addFlashAttribute("notice", "Update sent to the customer.");
        } catch (EarshotException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return redirect(back);
    }

    /** Back to the conversation the action was taken on, or to the queue (never to an address from elsewhere). */
    private static String redirect(String back) {
        return back != null && Ids.parse(back).isPresent() ? "redirect:/conversations/" + back : "redirect:/follow-ups";
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 79) + "…";
    }
}
