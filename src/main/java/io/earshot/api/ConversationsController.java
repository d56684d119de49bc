package io.earshot.api;

import io.earshot.conversation.ConversationDetail;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationQuery;
import io.earshot.conversation.ConversationService;
import io.earshot.conversation.ConversationView;
import io.earshot.conversation.Page;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class ConversationsController {

    static final int MAX_LIMIT = 200;

    private final ConversationQueries queries;
    private final ConversationService service;

    ConversationsController(ConversationQueries queries, ConversationService service) {
        this.queries = queries;
        this.service = service;
    }

    @GetMapping("/api/v1/conversations")
    Page<ConversationView> list(@RequestParam(defaultValue = "open") String status,
                                @RequestParam(defaultValue = "priority") String sort,
                                @RequestParam(required = false) String channel,
                                @RequestParam(required = false) String assignee,
                                @RequestParam(required = false) String q,
                                @RequestParam(defaultValue = "50") String limit,
                                @RequestParam(required = false) String cursor) {
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw EarshotException.invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (n < 1 || n > MAX_LIMIT) {
            throw EarshotException.invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        Long assigneeId = null;
        if (assignee != null && !assignee.isBlank()) {
            assigneeId = Ids.parse(assignee).orElse(-1L);
        }
        if (q != null && q.length() > 200) {
            throw EarshotException.invalid("q", "q is longer than 200 characters");
        }
        return queries.list(new ConversationQuery(status, sort, channel, assigneeId, q, n, cursor));
    }

    @GetMapping("/api/v1/conversations/{id}")
    ConversationDetail one(@PathVariable String id) {
        return queries.detail(id);
    }

    @PostMapping("/api/v1/conversations/{id}/replies")
    @ResponseStatus(HttpStatus.CREATED)
    ConversationService.Reply reply(@PathVariable String id, @RequestBody JsonNode body, @AuthenticationPrincipal Agent agent) {
        Bodies.object(body);
        String text = Bodies.text(body, "text", true, 20_000);
        return service.reply(id, agent, text, Bodies.bool(body, "private"));
    }

    @PostMapping("/api/v1/conversations/{id}/assign")
    ConversationView assign(@PathVariable String id, @RequestBody JsonNode body, @AuthenticationPrincipal Agent agent) {
        Bodies.object(body);
        service.assign(id, Bodies.id(body, "agentId"), agent);
        return queries.one(Ids.require(id, "conversation")).orElseThrow();
    }

    @PostMapping("/api/v1/conversations/{id}/status")
    ConversationView status(@PathVariable String id, @RequestBody JsonNode body, @AuthenticationPrincipal Agent agent) {
        Bodies.object(body);
        service.changeStatus(id, Bodies.text(body, "status", true, 20), Bodies.text(body, "note", false, 2000), agent);
        return queries.one(Ids.require(id, "conversation")).orElseThrow();
    }
}
