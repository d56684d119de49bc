package io.earshot.api;

import java.util.List;

import io.earshot.conversation.ConversationDetail;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationQuery;
import io.earshot.conversation.ConversationService;
import io.earshot.conversation.ConversationView;
import io.earshot.conversation.Page;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Conversations")
class ConversationsController {

    static final int MAX_LIMIT = 200;

    private final ConversationQueries queries;
    private final ConversationService service;
    private final io.earshot.followup.FollowThrough followThrough;
    private final io.earshot.followup.Commitments commitments;
    private final io.earshot.listening.Topics topics;
    private final io.earshot.platform.ExpensiveReads expensive;

    ConversationsController(ConversationQueries queries, ConversationService service,
                            io.earshot.followup.FollowThrough followThrough, io.earshot.followup.Commitments commitments,
                            io.earshot.listening.Topics topics, io.earshot.platform.ExpensiveReads expensive) {
        this.expensive = expensive;
        this.topics = topics;
        this.queries = queries;
        this.service = service;
        this.followThrough = followThrough;
        this.commitments = commitments;
    }

    @Operation(summary = "The inbox: conversations filtered, sorted and paged by cursor", description = "status: open (default), pending, resolved, all. sort: priority (default), oldest, newest, due, waiting (open conversations where the customer spoke last, longest waiting first). q searches the messages' text. Pass nextCursor as cursor for the next page; it is null on the last one.", responses = {@ApiResponse(responseCode = "200", description = "a page", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.CONVERSATIONS))), @ApiResponse(responseCode = "400", description = "a bad filter, sort, limit or cursor", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR)))})
    @GetMapping("/api/v1/conversations")
    Page<ConversationView> list(@RequestParam(defaultValue = "open") String status,
                                @RequestParam(defaultValue = "priority") String sort,
                                @RequestParam(required = false) String channel,
                                @RequestParam(required = false) String assignee,
                                @RequestParam(required = false) String q,
                                @RequestParam(defaultValue = "50") String limit,
                                @RequestParam(required = false) String cursor,
                                @RequestParam(required = false) String intent,
                                @RequestParam(required = false) String sentiment,
                                @RequestParam(required = false) String team,
                                @RequestParam(required = false) String topic) {
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
        if (intent != null && !List.of("complaint", "question", "praise", "outage", "request", "other").contains(intent)) {
            throw EarshotException.invalid("intent", "intent must be complaint, question, praise, outage, request or other");
        }
        if (sentiment != null && !List.of("negative", "neutral", "positive").contains(sentiment)) {
            throw EarshotException.invalid("sentiment", "sentiment must be negative, neutral or positive");
        }
        Long teamId = team == null || team.isBlank() ? null : Ids.parse(team).orElse(-1L);
        List<Long> topicConversations = null;
        if (topic != null && !topic.isBlank()) {
            topicConversations = topics.byId(Ids.parse(topic).orElse(-1L)).map(topics::conversations)
                    .orElseThrow(() -> EarshotException.invalid("topic", "no topic with id '" + topic + "'"));
        }
        ConversationQuery query = new ConversationQuery(status, sort, channel, assigneeId, q, n, cursor, intent, sentiment, teamId, topicConversations);
        return q == null || q.isBlank() ? queries.list(query) : expensive.run(() -> queries.list(query));
    }

    @Operation(summary = "One conversation with its messages (with signals), commitments and timeline", responses = @ApiResponse(responseCode = "404", description = "no such conversation", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))))
    @GetMapping("/api/v1/conversations/{id}")
    ConversationDetail one(@PathVariable String id) {
        io.earshot.conversation.ConversationDetail detail = queries.detail(id);
        return detail.withCommitments(new java.util.ArrayList<>(commitments.list(null, null, Long.parseLong(detail.conversation().id()), 500)));
    }

    @Operation(summary = "Reply through the conversation's channel", description = "Stored as an outbound message and queued in the outbox for the channel's connector (retried, never sent twice). A public reply longer than the channel takes (280 on twitter) is refused.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = Examples.REPLY))), responses = {@ApiResponse(responseCode = "201", description = "stored and queued", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.REPLY_RESULT))), @ApiResponse(responseCode = "400", description = "no text, or too long for the channel", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))), @ApiResponse(responseCode = "404", description = "no such conversation", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR)))})
    @PostMapping("/api/v1/conversations/{id}/replies")
    @ResponseStatus(HttpStatus.CREATED)
    java.util.Map<String, Object> reply(@PathVariable String id, @Valid @RequestBody ReplyDraft body, @AuthenticationPrincipal Agent agent) {
        io.earshot.followup.FollowThrough.Reply sent = followThrough.shown(service.reply(new io.earshot.conversation.ReplyCommand(id, agent,
                body.text(), body.isPrivate(), body.replyTo())));
        // where it went and how its delivery stands, as the conversation now shows it (PRODUCT.md, 2026-12)
        io.earshot.conversation.ConversationDetail.MessageView m = queries.detail(id).messages().stream()
                .filter(v -> v.id().equals(sent.messageId())).findFirst().orElse(null);
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("messageId", sent.messageId());
        out.put("channel", m == null ? null : m.channel());
        out.put("accountId", m == null ? null : m.accountId());
        out.put("delivery", m == null || m.delivery() == null ? "queued" : m.delivery());
        out.put("commitments", sent.commitments());
        return out;
    }

    @Operation(summary = "Try a reply whose delivery failed once more, now (the conversation shows the reason it failed)",
            responses = {@ApiResponse(responseCode = "404", description = "no such conversation or message", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))),
                    @ApiResponse(responseCode = "409", description = "the message's delivery has not failed", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR)))})
    @PostMapping("/api/v1/conversations/{id}/messages/{messageId}/retry")
    java.util.Map<String, Object> retry(@PathVariable String id, @PathVariable String messageId, @AuthenticationPrincipal Agent agent) {
        service.retryDelivery(id, messageId, agent);
        return java.util.Map.of("messageId", messageId, "delivery", "queued");
    }

    @Operation(summary = "Assign to an agent (agentId null unassigns)", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = Examples.ASSIGN))), responses = @ApiResponse(responseCode = "404", description = "no such conversation or agent", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))))
    @PostMapping("/api/v1/conversations/{id}/assign")
    ConversationView assign(@PathVariable String id, @Valid @RequestBody Assignment body, @AuthenticationPrincipal Agent agent) {
        service.assign(id, body.agentId(), agent);
        return queries.one(Ids.require(id, "conversation")).orElseThrow();
    }

    @Operation(summary = "Change status: open, pending (waiting on the customer) or resolved", description = "A resolved conversation can only be reopened; a new inbound message reopens it by itself.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = Examples.STATUS))), responses = {@ApiResponse(responseCode = "400", description = "unknown status", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))), @ApiResponse(responseCode = "409", description = "a move the conversation refuses, e.g. resolved to pending", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR)))})
    @PostMapping("/api/v1/conversations/{id}/status")
    ConversationView status(@PathVariable String id, @Valid @RequestBody StatusChange body, @AuthenticationPrincipal Agent agent) {
        service.changeStatus(id, body.status(), body.note(), agent);
        return queries.one(Ids.require(id, "conversation")).orElseThrow();
    }

    /** A reply: {text, private?}; a private one is sent as a direct message where the channel has them. */
    record ReplyDraft(@Bodies.Text @Bodies.Required @Size(max = 20_000, message = Bodies.LONGER) String text,
                      @Bodies.Flag @JsonProperty("private") boolean isPrivate,
                      @Bodies.Id String replyTo) {
    }

    /** {agentId}; null unassigns. */
    record Assignment(@Bodies.Id String agentId) {
    }

    /** {status, note?}. */
    record StatusChange(@Bodies.Text @Bodies.Required @Size(max = 20, message = Bodies.LONGER) String status,
                        @Bodies.Text @Size(max = 2000, message = Bodies.LONGER) String note) {
    }
}
