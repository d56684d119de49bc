package io.earshot.demo;

import io.earshot.conversation.CannedResponses;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationQuery;
import io.earshot.conversation.ConversationService;
import io.earshot.conversation.ConversationView;
import io.earshot.platform.Agent;
import io.earshot.platform.AgentService;
import io.earshot.platform.Agents;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Role;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A demo agent at work: takes a few of the loudest conversations and answers with promises that fall due within
 * the first hour, so a new user sees reminders, a broken promise and its drafted update, not only an inbox; and
 * keeps a few canned responses (seeded once) for the composer's picker.
 */
@Component
@ConditionalOnProperty(name = "earshot.demo.enabled", havingValue = "true")
class DemoDesk {

    static final String EMAIL = "dana@demo.earshot.local";
    private static final Logger log = LoggerFactory.getLogger(DemoDesk.class);
    private static final List<String> REPLIES = List.of(
            "So sorry about this! I'll look into it and get back to you within 30 minutes.",
            "That should not have happened. We'll refund the charge within 2 hours and I will update you by then.",
            "Thanks for flagging this. I'll call you back within the hour.");

    /** Canned responses a care team would keep, with placeholders, seeded once so the composer's picker has something in it. */
    static final List<List<String>> CANNED = List.of(
            List.of("Outage: we know and are on it",
                    "Hi {{customer.firstName}}, sorry for the trouble. We know about the outage and our engineers are on it; "
                            + "I'll update you here as soon as it's fixed. {{agent.firstName}}"),
            List.of("Order problem: ask for the order number",
                    "Sorry about this, {{customer.firstName}}! Could you send us your order number in a direct message? "
                            + "I'll look into it straight away. {{agent.firstName}}"),
            List.of("Refund on its way",
                    "Hi {{customer.firstName}}, I've issued your refund; it should reach you within 3 business days. "
                            + "I'll check in if it hasn't by then. {{agent.firstName}}"),
            List.of("Thanks for the kind words",
                    "Thank you, {{customer.firstName}}! That's lovely to hear; I'll pass it on to the team. {{agent.firstName}}"));

    private final AgentService agents;
    private final Agents agentRows;
    private final ConversationQueries conversations;
    private final ConversationService service;
    private final CannedResponses canned;

    DemoDesk(AgentService agents, Agents agentRows, ConversationQueries conversations, ConversationService service,
             CannedResponses canned) {
        this.canned = canned;
        this.agents = agents;
        this.agentRows = agentRows;
        this.conversations = conversations;
        this.service = service;
    }

    /** Answers the three highest-ranked open conversations nobody has answered yet. */
    void answerSome() {
        try {
            Agent dana = agentRows.all().stream().filter(a -> a.email().equals(EMAIL)).findFirst()
                    .orElseGet(() -> agents.create("Dana (demo)", EMAIL, Role.AGENT).agent());
            if (canned.all().isEmpty()) {
                CANNED.forEach(c -> canned.create(c.get(0), c.get(1), null, dana));
            }
            List<ConversationView> top = conversations.list(new ConversationQuery("open", "priority", null, null, null, 20, null)).items()
                    .stream().filter(c -> c.firstResponseAt() == null).limit(REPLIES.size()).toList();
            for (int i = 0; i < top.size(); i++) {
                service.assign(top.get(i).id(), Long.toString(dana.id()), dana);
                service.reply(new io.earshot.conversation.ReplyCommand(top.get(i).id(), dana, REPLIES.get(i), false));
            }
            log.info("demo desk: Dana answered {} conversations with promises; see /api/v1/commitments and /api/v1/alerts", top.size());
        } catch (EarshotException e) {
            log.warn("demo desk: {}", e.getMessage());
        }
    }
}
