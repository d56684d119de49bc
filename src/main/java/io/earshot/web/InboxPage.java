package io.earshot.web;

import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationQuery;
import io.earshot.conversation.ConversationView;
import io.earshot.conversation.Page;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The inbox: conversations ranked by priority with their reasons, filters, search and view counts. The rows are
 * a fragment of their own, which the page fetches again whenever the server pushes {@code inbox} over SSE.
 */
@Controller
class InboxPage {

    static final int PAGE = 50;

    private final ConversationQueries conversations;
    private final CurrentAgent current;
    private final io.earshot.platform.Teams teams;
    private final io.earshot.platform.Agents agents;
    private final io.earshot.listening.Topics topics;

    private final io.earshot.platform.ExpensiveReads expensive;

    InboxPage(ConversationQueries conversations, CurrentAgent current, io.earshot.platform.Teams teams,
              io.earshot.platform.Agents agents, io.earshot.listening.Topics topics, io.earshot.platform.ExpensiveReads expensive) {
        this.expensive = expensive;
        this.topics = topics;
        this.agents = agents;
        this.conversations = conversations;
        this.current = current;
        this.teams = teams;
    }

    @GetMapping("/inbox")
    String inbox(@RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "priority") String sort,
                 @RequestParam(required = false) String channel, @RequestParam(required = false) String q,
                 @RequestParam(defaultValue = "false") boolean mine, @RequestParam(required = false) String intent,
                 @RequestParam(required = false) String sentiment, @RequestParam(required = false) Long team,
                 @RequestParam(required = false) Long assignee, @RequestParam(required = false) Long topic,
                 Principal principal, Model model) {
        fill(model, new InboxFilters(status, sort, channel, q, mine, intent, sentiment, team, assignee, topic), current.of(principal));
        model.addAttribute("agents", agents.all());
        model.addAttribute("topics", topics.all());
        model.addAttribute("counts", conversations.countsByStatus());
        model.addAttribute("channels", io.earshot.ingest.Channel.wireNames());
        model.addAttribute("teams", teams.all());
        return "inbox";
    }

    @GetMapping("/inbox/rows")
    String rows(@RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "priority") String sort,
                @RequestParam(required = false) String channel, @RequestParam(required = false) String q,
                @RequestParam(defaultValue = "false") boolean mine, @RequestParam(required = false) String intent,
                @RequestParam(required = false) String sentiment, @RequestParam(required = false) Long team,
                @RequestParam(required = false) Long assignee, @RequestParam(required = false) Long topic,
                Principal principal, Model model) {
        fill(model, new InboxFilters(status, sort, channel, q, mine, intent, sentiment, team, assignee, topic), current.of(principal));
        return "inbox :: rows";
    }

    private void fill(Model model, InboxFilters f, Agent agent) {
        Page<ConversationView> page;
        String error = null;
        try {
            ConversationQuery query = new ConversationQuery(f.status(), f.sort(), blank(f.channel()), f.mine() ? Long.valueOf(agent.id()) : f.assignee(),
                    blank(f.q()), PAGE, null, blank(f.intent()), blank(f.sentiment()), f.team(),
                    f.topic() == null ? null : topics.byId(f.topic()).map(topics::conversations).orElse(null));
            boolean noSuchTopic = f.topic() != null && query.among() == null; // nothing matches a topic that is gone
            page = noSuchTopic ? new Page<>(java.util.List.of(), null)
                    : query.q() == null ? conversations.list(query) : expensive.run(() -> conversations.list(query));
        } catch (EarshotException e) {
            page = new Page<>(java.util.List.of(), null);
            error = e.getMessage();
        }
        model.addAttribute("page", page);
        model.addAttribute("filters", f);
        model.addAttribute("agent", agent);
        model.addAttribute("error", error);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
